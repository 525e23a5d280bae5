"""Keyboard access on the canvas: Tab and Shift+Tab step through the blocks in reading order with a
visible focus ring (checked in pixels), wrap round, skip hidden layers, say which block it is; a click
elsewhere ends the ring; Ctrl+Tab leaves the canvas; with no block, Tab leaves it too."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest

from app.canvas.items.block_item import FOCUS_GAP
from components.model import Diagram
from tests.app.canvas_helpers import canvas, hover, make_canvas  # noqa: F401
from tests.app.window_helpers import make_window

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def ring_pixels(canvas, block_id: str) -> int:  # noqa: F811
    """How many pixels of the focus colour lie on the ring round a block (rendered at 100 %)."""
    frame = canvas.scene.item_for(block_id).scene_frame()
    area = frame.adjusted(-12, -12, 12, 12)
    image = QImage(int(area.width()), int(area.height()), QImage.Format.Format_ARGB32)
    image.fill(QColor(canvas.scene.theme.background))
    painter = QPainter(image)
    canvas.scene.render(painter, QRectF(0, 0, area.width(), area.height()), area)
    painter.end()
    focus = QColor(canvas.scene.theme.focus)
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            if (abs(colour.red() - focus.red()) + abs(colour.green() - focus.green())
                    + abs(colour.blue() - focus.blue())) < 60:
                count += 1
    return count


def test_tab_rings_the_blocks_in_reading_order_and_shift_tab_goes_back(canvas) -> None:  # noqa: F811
    """client (0, 0) and ranker (320, 0) on the first row, monitor (320, 224) below."""
    view = canvas.view
    assert ring_pixels(canvas, "client") == 0
    seen = []
    for _ in range(4):
        QTest.keyClick(view, Qt.Key.Key_Tab)
        seen.append(canvas.scene.focus_id)
        assert canvas.scene.selected_ids() == [canvas.scene.focus_id]
    assert seen == ["client", "ranker", "monitor", "client"]  # and round again
    assert ring_pixels(canvas, "client") > 2 * (FOCUS_GAP * 4)  # a ring all round, not a speck
    assert ring_pixels(canvas, "ranker") == 0
    QTest.keyClick(view, Qt.Key.Key_Tab, SHIFT)
    assert canvas.scene.focus_id == "monitor" and view.hasFocus()


def test_a_click_elsewhere_ends_the_ring_and_tab_goes_on_from_the_selection(canvas) -> None:  # noqa: F811
    QTest.keyClick(canvas.view, Qt.Key.Key_Tab)
    assert canvas.scene.focus_id == "client"
    at = canvas.vp(canvas.centre_of("ranker"))
    hover(canvas, at)
    QTest.mouseClick(canvas.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    assert canvas.scene.focus_id == "" and ring_pixels(canvas, "client") == 0
    QTest.keyClick(canvas.view, Qt.Key.Key_Tab)
    assert canvas.scene.focus_id == "monitor"


def test_the_block_tabbed_to_is_brought_into_view(canvas) -> None:  # noqa: F811
    canvas.view.centerOn(QPointF(3000, 3000))
    QTest.keyClick(canvas.view, Qt.Key.Key_Tab)
    seen = canvas.view.mapToScene(canvas.view.viewport().rect()).boundingRect()
    assert seen.contains(canvas.scene.item_for("client").scene_frame())


def test_blocks_on_a_hidden_layer_are_skipped(canvas) -> None:  # noqa: F811
    canvas.scene.layers.set_state("monitoring", "hidden")
    for expected in ("client", "ranker", "client"):
        QTest.keyClick(canvas.view, Qt.Key.Key_Tab)
        assert canvas.scene.focus_id == expected


def test_the_window_says_which_block_and_ctrl_tab_leaves_the_canvas(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Tab)
    message = window.statusBar().currentMessage()
    assert window.scene.focus_id and "block 1 of" in message and "Shift+Tab" in message and len(message) < 90
    QTest.keyClick(window.view, Qt.Key.Key_Tab, CTRL)
    assert not window.view.hasFocus()


def test_with_no_block_tab_leaves_the_canvas(qtbot) -> None:
    empty = make_canvas(qtbot, Diagram())
    try:
        QTest.keyClick(empty.view, Qt.Key.Key_Tab)
        assert empty.scene.focus_id == ""
    finally:
        empty.scene.detach()
