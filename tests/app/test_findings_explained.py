""""Why is this block red?" (issue 12): the badge's tooltip, the inspector and the findings panel say
it in full, and a new error is scrolled into view."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, QRect, Qt
from PySide6.QtGui import QFontMetrics, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from app.finding_text import DETAIL_SECTIONS
from components.commands import AddBlock, RemoveItems
from components.export.geometry import block_layout
from components.model import Diagram
from tests.app.canvas_helpers import block
from tests.app.window_helpers import click_item, make_window, monitored_design

MISSING_MONITORING = "nobody watches “Scorer” in production"


def _unmonitored() -> Diagram:
    design = monitored_design()
    return design.model_copy(update={
        "blocks": [b for b in design.blocks if b.id != "mon"],
        "connectors": [c for c in design.connectors if "mon" not in (c.source, c.target)]})


def _checked(qtbot, window) -> None:
    window.validator.run_now()
    qtbot.waitUntil(lambda: window.validator.runs >= 1)


def test_hovering_a_badge_lists_the_blocks_findings(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path, _unmonitored())
    _checked(qtbot, window)
    window.view.reset_zoom()
    item = window.scene.item_for("serve")
    window.view.centerOn(item)
    assert window.scene.severity_of("serve") == "error"
    viewport = window.view.viewport()

    def hover_help(scene_point) -> str:
        point = window.view.mapFromScene(scene_point)
        QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point)))
        return QToolTip.text() if QToolTip.isVisible() else ""

    assert hover_help(item.sceneBoundingRect().center()) == ""  # the card itself keeps quiet
    frame = item.scene_frame()
    badge_x, badge_y = block_layout(frame.width(), frame.height(), 1).badge  # where the canvas draws it
    text = hover_help(item.mapToScene(QPointF(badge_x, badge_y)))
    assert MISSING_MONITORING in text and "offline evaluation" in text  # its error and its warnings
    assert text.index(MISSING_MONITORING) < text.index("offline evaluation")  # worst first
    assert "How to fix" in text
    QToolTip.hideText()


def test_the_inspector_lists_the_selected_blocks_findings(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path, _unmonitored())
    _checked(qtbot, window)
    window.scene.select_ids(["serve"])
    box = window.inspector.findings_box
    assert box is not None and box.isVisible()
    about_serve = [f for f in window.validator.findings if "serve" in f.blocks]
    assert MISSING_MONITORING in box.text() and f"Findings ({len(about_serve)})" in box.text()
    window.scene.select_ids(["data"])  # a block without findings shows no list
    assert not window.inspector.findings_box.isVisible()
    window.editor.push(RemoveItems(["alert"]))  # a finding that appears while the block is selected
    window.scene.select_ids(["client"])
    window.editor.push(AddBlock(block("c2", "client", 0, 480, "Second app")))
    window.scene.select_ids(["c2"])
    window.validator.run_now()
    assert "“Second app” is connected to nothing" in window.inspector.findings_box.text()


@pytest.mark.parametrize("size", [(1024, 700), (1600, 1000)])
def test_the_findings_panel_shows_whole_messages_and_their_explanation(qtbot, tmp_path: Path, size) -> None:
    window = make_window(qtbot, tmp_path, _unmonitored())
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    _checked(qtbot, window)
    QApplication.processEvents()
    panel = window.findings
    tree = panel.tree
    metrics = QFontMetrics(tree.font())
    for row, finding in enumerate(panel.findings):
        rect = tree.visualItemRect(tree.topLevelItem(row))
        text_width = min(rect.width(), tree.columnWidth(0)) - tree.iconSize().width() - 16
        needed = metrics.boundingRect(QRect(0, 0, text_width, 10_000), Qt.TextFlag.TextWordWrap, finding.message)
        assert rect.height() >= needed.height(), (finding.rule, rect, needed)
    for row, finding in enumerate(panel.findings):
        click_item(tree, tree.topLevelItem(row))
        shown = panel.detail.toPlainText()
        beside = panel.splitter.orientation() == Qt.Orientation.Horizontal  # else the row is right above
        assert finding.rule in shown and (finding.message in shown) == beside
        for _title, attribute in DETAIL_SECTIONS:
            assert getattr(finding, attribute) in shown
    assert tree.horizontalScrollBar().maximum() == 0


def test_a_new_error_is_scrolled_into_view(qtbot, tmp_path: Path) -> None:
    design = monitored_design()
    orphans = [block(f"orphan{i}", "data_store", 1000 + 200 * i, 800, f"Unused store number {i}") for i in range(14)]
    window = make_window(qtbot, tmp_path, design.model_copy(update={"blocks": [*design.blocks, *orphans]}))
    _checked(qtbot, window)
    tree = window.findings.tree
    last = tree.topLevelItem(tree.topLevelItemCount() - 1)
    click_item(tree, last)  # reading the last warning, at the bottom of the list
    assert tree.verticalScrollBar().value() > 0
    window.editor.push(RemoveItems(["mon"]))
    window.validator.run_now()
    error = window.findings.item_of("missing-monitoring")
    assert error is not None
    assert tree.viewport().rect().intersects(tree.visualItemRect(error))
    assert window.findings_dock.isVisible()


def test_without_findings_the_list_has_the_whole_panel(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path, _unmonitored())
    _checked(qtbot, window)
    click_item(window.findings.tree, window.findings.tree.topLevelItem(0))
    assert window.findings.detail.isVisible()
    window.editor.undo_stack.clear()
    window.editor.replace(monitored_design().model_copy(update={"blocks": [], "connectors": []}), None)
    window.findings.set_findings([])
    assert not window.findings.detail.isVisible()
    assert "No findings" in window.findings.tree.topLevelItem(0).text(0)


def test_a_narrow_panel_gives_the_list_its_height_until_a_finding_is_chosen(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path, _unmonitored())
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.findings.splitter.orientation() == Qt.Orientation.Vertical)
    _checked(qtbot, window)
    panel = window.findings
    assert not panel.detail.isVisible()
    click_item(panel.tree, panel.tree.topLevelItem(0))
    assert panel.detail.isVisible() and "How to fix" in panel.detail.toPlainText()


def test_hovering_a_finding_row_explains_it_without_a_tooltip_kept_per_row(qtbot, tmp_path: Path) -> None:
    """The row's tooltip is written when asked for: a 45,000-block design has ~26,000 findings, and
    the HTML of each, kept on its row, was tens of MB."""
    window = make_window(qtbot, tmp_path, _unmonitored())
    _checked(qtbot, window)
    window.findings_dock.show()
    tree = window.findings.tree
    rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    assert len(rows) > 1 and all(row.toolTip(0) == "" for row in rows)
    row = window.findings.item_of("missing-monitoring")
    tree.scrollToItem(row)
    viewport = tree.viewport()
    point = tree.visualItemRect(row).center()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point)))
    text = QToolTip.text() if QToolTip.isVisible() else ""
    assert MISSING_MONITORING in text and "How to fix" in text and "Scorer" in text
    QToolTip.hideText()
