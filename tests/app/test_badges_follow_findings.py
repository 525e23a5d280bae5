"""after the document is replaced (File > Open / Revert / New) the canvas drops every badge
(board.rebuild -> badges.clear), but live validation's delta is computed by value against the findings
before the reset: findings equal to the old ones are "made again", not added, so the badges never come
back (app/canvas/board.py rebuild, components/validate/live.py update, app/window/validation.py _report)."""

from __future__ import annotations

from app.canvas.badges import Badges
from components.commands import RemoveItems
from tests.app.window_helpers import make_window


def _fresh(findings) -> dict[str, str]:
    badges = Badges()
    badges.update(findings)
    return dict(badges.severity)


def test_reopening_a_design_with_the_same_findings_shows_its_badges(qtbot, tmp_path) -> None:
    window = make_window(qtbot, tmp_path)
    window.validator.run_now()
    window.editor.push(RemoveItems(["mon"]))  # a design with findings that badge blocks
    window.validator.run_now()
    assert window.scene.badges.severity, "precondition: some blocks are badged"
    window.editor.replace(window.editor.doc.diagram.model_copy(deep=True), None)  # the same design opened again
    window.validator.run_now()
    qtbot.wait(50)
    assert window.findings.findings, "the findings list shows them"
    assert dict(window.scene.badges.severity) == _fresh(window.validator.findings)


def test_reverting_to_an_earlier_version_shows_every_badge(qtbot, tmp_path) -> None:
    """The regression of 803d71c: findings partly equal after the reset. Before the deltas, any change
    made the canvas take every finding again; now only the blocks the delta names are badged again."""
    window = make_window(qtbot, tmp_path)
    window.validator.run_now()
    window.editor.push(RemoveItems(["mon"]))
    window.validator.run_now()
    saved = window.editor.doc.diagram.model_copy(deep=True)  # the version on disk
    before = dict(window.scene.badges.severity)
    assert before
    window.editor.push(RemoveItems(["reg"]))  # more findings
    window.validator.run_now()
    assert dict(window.scene.badges.severity) != before
    window.editor.replace(saved, None)  # File > Revert / open the saved file
    window.validator.run_now()
    qtbot.wait(50)
    assert dict(window.scene.badges.severity) == _fresh(window.validator.findings) == before


def test_a_block_deleted_and_restored_before_validation_runs_keeps_its_badge(qtbot, tmp_path) -> None:
    """The board forgets a removed block's badge (board._remove -> badges.forget); when the block comes
    back before the next validation run (delete then undo in one burst), its findings are unchanged, so
    no delta names it and nothing badges it again."""
    window = make_window(qtbot, tmp_path)
    window.validator.run_now()
    window.editor.push(RemoveItems(["mon"]))
    window.validator.run_now()
    assert window.scene.badges.severity.get("serve")
    window.editor.push(RemoveItems(["serve"]))
    window.editor.undo_stack.undo()
    window.validator.run_now()
    qtbot.wait(50)
    assert dict(window.scene.badges.severity) == _fresh(window.validator.findings)


def test_a_bulk_delete_undone_within_the_debounce_keeps_every_badge(qtbot, tmp_path) -> None:
    """F3 as a user meets it: deleting a quarter of the blocks is a bulk edit, so the validator waits
    DEBOUNCE_MS; Ctrl+Z within that wait brings the blocks back before any run. No run_now here."""
    from tests.app.test_findings_delta import flawed

    window = make_window(qtbot, tmp_path, flawed(tmp_path))
    qtbot.waitUntil(lambda: window.validator.runs >= 1, timeout=10_000)
    before = dict(window.scene.badges.severity)
    assert before
    runs = window.validator.runs
    doomed = [block.id for block in window.editor.doc.diagram.blocks][:10]
    window.editor.push(RemoveItems(doomed))
    window.editor.undo_stack.undo()  # Ctrl+Z at once
    qtbot.waitUntil(lambda: window.validator.runs > runs and not window.validator.pending, timeout=10_000)
    qtbot.wait(50)
    assert dict(window.scene.badges.severity) == _fresh(window.validator.findings) == before
