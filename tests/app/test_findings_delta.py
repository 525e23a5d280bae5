"""After an edit the window applies live validation's findings delta (issue 17: findings within one
frame at 10,000 blocks): the findings list keeps the rows of findings that stayed and the canvas badges
look only at the blocks the delta names; after any edits both show what taking all findings anew shows."""

from __future__ import annotations

from collections.abc import Container, Iterable
from pathlib import Path
from typing import Any

import shiboken6
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication

from app.canvas import badges as badges_module
from app.canvas.badges import Badges
from app.panels.findings import FindingsPanel
from app.window.main_window import MainWindow
from components.badges import block_badges
from components.commands import RemoveItems
from components.io import load
from components.model import Diagram
from components.validate.findings import Finding
from tests.app.random_edits import push_random_edit
from tests.app.window_helpers import make_window, template_path


def _rows(panel: FindingsPanel) -> list[tuple[str, object]]:
    tree = panel.tree
    return [(item.text(0), panel.finding_of(item)) for i in range(tree.topLevelItemCount())
            if (item := tree.topLevelItem(i)) is not None]


def _pointers(panel: FindingsPanel) -> dict[int, object]:
    """Each row's C++ item by the id of the finding it shows."""
    tree = panel.tree
    return {id(panel.finding_of(item)): shiboken6.getCppPointer(item)[0]
            for i in range(tree.topLevelItemCount()) if (item := tree.topLevelItem(i)) is not None}


def flawed(tmp_path: Path) -> Diagram:
    """The case-study template without its monitors' connectors and a quarter of the others: a dozen findings."""
    diagram = load(template_path(tmp_path))
    kept = [c for i, c in enumerate(diagram.connectors) if c.flow != "observe" and i % 4]
    return diagram.model_copy(update={"connectors": kept})


def _validated(window: MainWindow) -> None:
    QApplication.processEvents()
    window.validator.run_now()


def test_an_edit_keeps_the_rows_of_the_findings_that_stayed(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path, flawed(tmp_path))
    _validated(window)
    panel = window.findings
    before = _pointers(panel)
    assert len(before) >= 3
    current = panel.tree.topLevelItem(2)
    panel.tree.setCurrentItem(current)
    window.editor.push(RemoveItems(["mon_sys"]))  # the last monitor of the serving path
    _validated(window)
    delta = window.validator.delta
    assert delta is not None and delta.removed
    after = _pointers(panel)
    stayed = [key for key in after if key in before]
    assert len(stayed) == len(after) - len(delta.added) == len(before) - len(delta.removed)
    assert all(after[key] == before[key] for key in stayed)  # the very same row objects
    assert shiboken6.isValid(current) and panel.tree.currentItem() is current


def test_badges_look_only_at_the_blocks_a_delta_names(qtbot, tmp_path: Path, monkeypatch) -> None:
    window = make_window(qtbot, tmp_path, flawed(tmp_path))
    _validated(window)
    looked: list[Finding] = []

    def counting(findings: Iterable[Finding] | None, blocks: Container[str] | None = None) -> dict[str, Any]:
        findings = list(findings or ())
        looked.extend(findings)
        return block_badges(findings, blocks)

    monkeypatch.setattr(badges_module, "block_badges", counting)
    window.editor.push(RemoveItems(["mon_sys"]))
    _validated(window)
    delta = window.validator.delta
    assert delta is not None
    named = {b for f in (*delta.added, *delta.removed) for b in f.blocks}
    assert all(set(f.blocks) & named for f in looked)
    assert len(looked) < len(window.validator.findings)


EDIT_KINDS = ["remove-connector", "remove-block", "relabel", "connect", "undo"]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.data())
def test_after_random_edits_the_list_and_badges_show_what_taking_all_anew_shows(qtbot, tmp_path: Path,
                                                                                data: st.DataObject) -> None:
    window = make_window(qtbot, tmp_path, flawed(tmp_path))
    _validated(window)
    editor = window.editor
    for _ in range(6):
        push_random_edit(editor, data, data.draw(st.sampled_from(EDIT_KINDS)))
        _validated(window)
        findings = window.validator.findings
        fresh = FindingsPanel()
        fresh.set_theme(window.findings.theme_name)
        fresh.set_findings(findings)
        assert _rows(window.findings) == _rows(fresh)
        assert window.findings.summary.text() == fresh.summary.text()
        anew = Badges()
        anew.update(findings)
        assert window.scene.badges.severity == anew.severity
        assert {k: v for k, v in window.scene.badges.findings.items() if v} == anew.findings
        fresh.deleteLater()


def test_a_new_row_measures_only_its_own_text(qtbot, monkeypatch) -> None:
    """Rows of differing heights: the view asks every row's size again when one comes, and each
    measure (wrapping the message at the column's width) cost ~70 us: 625 findings, ~45 ms an edit."""
    from app.panels import wrap
    from components.validate.delta import FindingsDelta

    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.resize(500, 400)
    panel.show()
    qtbot.waitExposed(panel)
    findings = [Finding("rule", "warning", f"Finding number {i} about a block", (f"b{i}",), (), 3, "")
                for i in range(200)]
    panel.set_findings(findings)
    QApplication.processEvents()
    measured: list[object] = []
    real = wrap.QStyleOptionViewItem

    def counting(*args: object) -> object:
        measured.append(args)
        return real(*args)

    monkeypatch.setattr(wrap, "QStyleOptionViewItem", counting)
    new = Finding("rule", "error", "A new finding", ("x",), (), 3, "")
    panel.set_findings([new, *findings], FindingsDelta([new], []))
    QApplication.processEvents()
    assert panel.tree.topLevelItemCount() == 201
    assert len(measured) <= 2  # the new row (at most once per column width it is seen at)
