"""The Outline dock: stages -> blocks -> connectors and findings, kept in step with the selection both
ways, driven by keyboard and mouse as a screen-reader or keyboard user would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTreeWidgetItem

from app.panels import outline
from app.panels.outline_changes import ID, ROLE
from app.window.main_window import MainWindow
from components.commands import Relabel
from tests.app.window_helpers import click_item, make_window

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def open_outline(qtbot, window: MainWindow) -> None:
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_O, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.navigation.outline.tree.hasFocus())


def rows(window: MainWindow) -> list[QTreeWidgetItem]:
    return list(window.navigation.outline._all_rows())


def row_of(window: MainWindow, role: str, element_id: str) -> QTreeWidgetItem:
    return next(r for r in rows(window) if r.data(0, ROLE) == role and r.data(0, ID) == element_id)


def test_the_tree_holds_stages_blocks_connectors_and_findings(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.settle()
    open_outline(qtbot, window)
    tree = window.navigation.outline.tree
    tops = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert tops == ["3 Data (1 block)", "4 Model (1 block)", "6 Deployment and serving (3 blocks)",
                    "7 Monitoring (3 blocks)"]
    serve = row_of(window, "block", "serve")
    assert serve.text(0).startswith("Scorer — Inference service")
    serve.setExpanded(True)
    children = [serve.child(i).text(0) for i in range(serve.childCount())]
    assert "← App (request)" in children and "→ Monitor (observe)" in children
    flagged = next(b for f in window.findings.findings for b in f.blocks)
    block_row = row_of(window, "block", flagged)
    block_row.setExpanded(True)
    kinds = [block_row.child(i).data(0, ROLE) for i in range(block_row.childCount())]
    assert "finding" in kinds and "finding" in block_row.text(0)


def test_choosing_a_row_by_keyboard_selects_and_centres_it_on_the_canvas(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    open_outline(qtbot, window)
    tree = window.navigation.outline.tree
    tree.setCurrentItem(tree.topLevelItem(0))
    QTest.keyClick(tree, Qt.Key.Key_Down)  # the first block of stage 3
    assert window.scene.selected_ids() == ["data"]
    QTest.keyClick(tree, Qt.Key.Key_Right)  # open it: its connectors
    QTest.keyClick(tree, Qt.Key.Key_Down)
    assert window.scene.selected_ids()[0] in window.editor.doc.connector_ids_of(["data"])
    centre = window.view.viewport().rect().center()
    shown = window.view.mapFromScene(window.scene.item_for(window.scene.selected_ids()[0]).sceneBoundingRect().center())
    assert (shown - centre).manhattanLength() <= 4


def test_selecting_on_the_canvas_selects_the_rows(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.navigation.focus_outline()
    window.scene.select_ids(["mon", "c_alert"])
    outline = window.navigation.outline
    chosen = {(r.data(0, ROLE), r.data(0, ID)) for r in outline.tree.selectedItems()}
    assert chosen == {("block", "mon"), ("connector", "c_alert")}
    assert window.scene.selected_ids() == ["mon", "c_alert"]  # following the canvas chose nothing


def test_a_click_on_a_finding_selects_what_it_is_about_and_edits_show_up(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.settle()
    window.navigation.focus_outline()
    finding = next(f for f in window.findings.findings if f.blocks)
    block_row = row_of(window, "block", finding.blocks[0])
    block_row.setExpanded(True)
    finding_row = next(block_row.child(i) for i in range(block_row.childCount())
                       if block_row.child(i).data(0, ROLE) == "finding")
    click_item(window.navigation.outline.tree, finding_row)
    assert set(window.scene.selected_ids()) == {*finding.blocks, *finding.connectors}
    window.editor.push(Relabel("blocks", "alert", "On-call pager"))
    qtbot.waitUntil(lambda: row_of(window, "block", "alert").text(0).startswith("On-call pager"))


def test_a_big_design_opens_with_closed_stages_whose_rows_are_made_when_needed(qtbot, tmp_path: Path,
                                                                                monkeypatch) -> None:
    """Past OPEN_STAGES_UP_TO blocks the stages start closed and hold no rows (45,000 rows were ~50 MB);
    opening a stage, or selecting one of its blocks on the canvas, makes them."""
    monkeypatch.setattr(outline, "OPEN_STAGES_UP_TO", 3)
    window = make_window(qtbot, tmp_path)
    open_outline(qtbot, window)
    tree = window.navigation.outline.tree
    tops = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    assert tops[0].text(0) == "3 Data (1 block)"
    assert all(not top.isExpanded() and top.childCount() == 0 for top in tops)
    window.scene.select_ids(["serve"])
    serve = row_of(window, "block", "serve")
    assert serve.isSelected() and serve.parent().isExpanded()
    assert all(top.childCount() == 0 for top in tops if top is not serve.parent())
    tops[0].setExpanded(True)
    assert [tops[0].child(i).data(0, ID) for i in range(tops[0].childCount())] == ["data"]
    tree.clearSelection()
    tops[-1].setSelected(True)  # a closed stage chosen whole: its blocks, rows made or not
    assert set(window.scene.selected_ids()) == {b.id for b in window.editor.doc.diagram.blocks
                                                if outline.spec(b.kind).stage == 7}
