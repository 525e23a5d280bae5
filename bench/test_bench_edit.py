"""After one edit: live validation (issue 17: one edit + revalidation <= 5 ms at 10,000 blocks), what
the window does with it, and proof that an edit on the canvas does not cost more as the design grows.

``components.validate.live`` re-checks after an edit only the rules and blocks the edit can reach. Each
round below is one edit pushed through the History and ``LiveValidation.update``; the edit is undone
(and that undo validated) before the next round, outside the timing, so every round sees the same
design. The edits are the ones a user makes all the time, on the synthetic design's cell in the middle:
moving or renaming a block, setting a property, drawing a connector and deleting one, adding and deleting
a block; and the costliest one found for this design: deleting the feature store's data into training,
which cuts that cell's feedback loop, so the live validator must look at everything downstream of it
(the chain of cells after it) to be sure no other way back exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.canvas.scene import CanvasScene
from app.canvas.view import CanvasView
from app.editor import Editor
from bench.conftest import VIEWPORT, close, diagram_of
from components.commands import AddBlock, Command, Connect, History, MoveItems, Relabel, RemoveItems, SetProperty
from components.document import Document
from components.model import Block, Connector
from components.validate import validate
from components.validate.live import LiveValidation

EDITS: dict[str, Callable[[Document, str, int], Command]] = {
    "move": lambda doc, cell, step: MoveItems.by(doc, [f"{cell}_rank"], 16, 0),
    "rename": lambda doc, cell, step: Relabel("blocks", f"{cell}_rank", f"Ranker {step}"),
    "property": lambda doc, cell, step: SetProperty(f"{cell}_rank", "p99_ms", 60.0 + step % 7),
    "serving-mode": lambda doc, cell, step: SetProperty(f"{cell}_rank", "mode", "batch"),
    "connect": lambda doc, cell, step: Connect(Connector(id="new", source=f"{cell}_fs", target=f"{cell}_eval")),
    "disconnect": lambda doc, cell, step: RemoveItems([f"{cell}_rank_mon"]),
    "cut-feedback-loop": lambda doc, cell, step: RemoveItems([f"{cell}_fs_train"]),
    "add-block": lambda doc, cell, step: AddBlock(Block(id="new", kind="ranking")),
    "delete-block": lambda doc, cell, step: RemoveItems([f"{cell}_alert"]),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_live_validation_after_one_edit(benchmark, edit: str) -> None:
    """10,000 blocks: one edit, then the live validator's update (findings and coverage)."""
    doc = Document(diagram_of(10_000))
    live = LiveValidation(doc)
    history = History(doc)
    cell = f"c{len(doc.diagram.blocks) // 32}"
    make = EDITS[edit]
    step = [0]

    def undo_last() -> None:
        if history.can_undo:
            history.undo()
            live.update()
        step[0] += 1

    def edit_then_update() -> None:
        history.push(make(doc, cell, step[0]))
        live.update()

    benchmark.pedantic(edit_then_update, setup=undo_last, rounds=40, warmup_rounds=2)
    assert live.full_runs == 1 and live.findings == validate(doc.diagram)
    benchmark.extra_info.update(blocks=len(doc.diagram.blocks), findings=len(live.findings))


def _window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flawed: bool) -> Iterator[object]:
    monkeypatch.setenv("MLSD_DATA_DIR", str(tmp_path))
    from app.window.main_window import MainWindow

    diagram = diagram_of(10_000)
    if flawed:  # no ranker is watched by its monitor: ~600 findings in the list, the outline, the badges
        diagram.connectors[:] = [c for c in diagram.connectors if not c.id.endswith("_rank_mon")]
    editor = Editor(diagram)
    win = MainWindow(editor, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win.resize(*VIEWPORT)
    win.show()
    qtbot.waitExposed(win)
    win.validator.run_now()
    QApplication.processEvents()
    yield win
    win.editor.undo_stack.setClean()
    win.close()


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    yield from _window(qtbot, tmp_path, monkeypatch, flawed=False)


@pytest.fixture
def flawed_window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    yield from _window(qtbot, tmp_path, monkeypatch, flawed=True)


def test_window_edit_then_live_validation(benchmark, window) -> None:
    """10,000 blocks in the main window: delete a connector (or undo that), then the live validator's
    run as the event loop gives it (findings, badges, findings list, checklist), and the repaint."""
    _edit_rounds(benchmark, window)


def test_window_edit_with_findings_shown(benchmark, flawed_window) -> None:
    """The same with ~600 findings shown: the findings list, the outline and the badges apply what
    changed (components/validate/delta.py) instead of taking every finding anew."""
    _edit_rounds(benchmark, flawed_window)
    assert len(flawed_window.validator.findings) > 500


def _edit_rounds(benchmark, window) -> None:
    editor = window.editor
    connector = editor.doc.diagram.connectors[5_000].id
    step = [0]

    def edit_then_validate() -> None:
        step[0] += 1
        if step[0] % 2:
            editor.push(RemoveItems([connector]))
        else:
            editor.undo_stack.undo()
        assert window.validator.pending  # scheduled by the edit, for the next turn of the event loop
        QApplication.processEvents()
        assert not window.validator.pending

    benchmark(edit_then_validate)
    benchmark.extra_info.update(blocks=10_000, findings=len(window.validator.findings))


@pytest.mark.parametrize("n", [1_000, 5_000, 10_000])
def test_one_edit_on_canvas(benchmark, qtbot, n: int) -> None:
    """Move one block through the Editor and let the scene follow (item, its connectors, the repaint):
    flat in n when no edit path walks the whole design."""
    editor = Editor(diagram_of(n))
    scene = CanvasScene(editor)
    view = CanvasView(scene)
    view.resize(*VIEWPORT)
    view.show()
    qtbot.waitExposed(view)
    block_id = editor.doc.diagram.blocks[n // 2].id
    view.reset_zoom()
    view.centerOn(scene.item_for(block_id))
    QApplication.processEvents()
    step = [0]

    def one_edit() -> None:
        step[0] += 1
        editor.push(MoveItems.by(editor.doc, [block_id], 16 if step[0] % 2 else -16, 0, text=f"Move {step[0]}"))
        QApplication.processEvents()

    benchmark(one_edit)
    benchmark.extra_info.update(blocks=n, undo_steps=editor.undo_stack.count())
    close(scene, view)
