"""Paste at the pointer, with real keys and mouse: Ctrl+V with the mouse over the canvas centres the
pasted blocks under it; with the mouse elsewhere (the palette) they land beside the originals, as
before; Edit > Paste from the menu (the mouse on the menu) does the same."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QCursor
from PySide6.QtTest import QTest

from app.canvas.operations import PASTE_STEP
from components import style
from tests.app.window_helpers import make_window

CTRL = Qt.KeyboardModifier.ControlModifier


def point_at(qtbot, widget, spot: QPoint) -> None:
    """Put the pointer over ``spot`` of ``widget`` (the cursor itself, as a user's hand does, and the
    move event that goes with it)."""
    QCursor.setPos(widget.mapToGlobal(spot))
    QTest.mouseMove(widget, spot)
    qtbot.waitUntil(lambda: widget.mapFromGlobal(QCursor.pos()) == spot)


def copy_serve(window) -> None:
    window.scene.select_ids(["serve"])
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_C, CTRL)


def pasted(window, before: set[str]):
    return [b for b in window.editor.doc.diagram.blocks if b.id not in before]


def test_ctrl_v_over_the_canvas_pastes_under_the_pointer(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    copy_serve(window)
    before = {b.id for b in window.editor.doc.diagram.blocks}
    spot = QPoint(window.view.viewport().width() - 120, window.view.viewport().height() // 3)
    point_at(qtbot, window.view.viewport(), spot)
    QTest.keyClick(window.view, Qt.Key.Key_V, CTRL)
    [block] = pasted(window, before)
    width, height = style.block_size(block.kind, block.width, block.height)
    under = window.view.mapToScene(spot)
    assert abs(block.x + width / 2 - under.x()) <= style.GRID_SIZE
    assert abs(block.y + height / 2 - under.y()) <= style.GRID_SIZE
    assert window.scene.selected_ids() == [block.id]


def test_ctrl_v_with_the_pointer_off_the_canvas_pastes_beside_the_original(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    copy_serve(window)
    original = window.editor.doc.block("serve")
    before = {b.id for b in window.editor.doc.diagram.blocks}
    point_at(qtbot, window.palette_panel.tree.viewport(), QPoint(20, 20))
    QTest.keyClick(window.view, Qt.Key.Key_V, CTRL)
    [block] = pasted(window, before)
    assert (block.x, block.y) != (original.x, original.y)
    assert abs(block.x - original.x) <= 4 * PASTE_STEP and abs(block.y - original.y) <= 4 * PASTE_STEP


def test_the_pointer_position_is_read_where_the_key_is_pressed(qtbot, tmp_path: Path) -> None:
    """Two pastes at two places: each lands under the pointer of its own moment."""
    window = make_window(qtbot, tmp_path)
    copy_serve(window)
    spots = [QPoint(150, 150), QPoint(window.view.viewport().width() // 2, 90)]  # clear of the overlays
    centres = []
    for spot in spots:
        before = {b.id for b in window.editor.doc.diagram.blocks}
        point_at(qtbot, window.view.viewport(), spot)
        QTest.keyClick(window.view, Qt.Key.Key_V, CTRL)
        [block] = pasted(window, before)
        width, height = style.block_size(block.kind, block.width, block.height)
        centres.append(QPointF(block.x + width / 2, block.y + height / 2))
    expected = [window.view.mapToScene(spot) for spot in spots]
    for got, wanted in zip(centres, expected, strict=True):
        assert (got - wanted).manhattanLength() <= 2 * style.GRID_SIZE


def test_over_an_overlay_on_the_canvas_it_pastes_beside_the_original(qtbot, tmp_path: Path) -> None:
    """The minimap lies over the canvas's corner: pasting under it would hide the pasted block."""
    window = make_window(qtbot, tmp_path)
    minimap = window.navigation.minimap
    assert minimap.isVisible()
    copy_serve(window)
    original = window.editor.doc.block("serve")
    before = {b.id for b in window.editor.doc.diagram.blocks}
    point_at(qtbot, minimap, minimap.rect().center())
    QTest.keyClick(window.view, Qt.Key.Key_V, CTRL)
    [block] = pasted(window, before)
    assert abs(block.x - original.x) <= 4 * PASTE_STEP and abs(block.y - original.y) <= 4 * PASTE_STEP
