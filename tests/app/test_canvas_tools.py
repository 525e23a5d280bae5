"""The scene hands input to one current tool: every gesture starts its tool and ends back on the idle one."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QGraphicsPathItem

from app.canvas import operations
from app.canvas.tools import menus
from app.canvas.tools.connect import ConnectTool
from app.canvas.tools.label_edit import LabelEditTool
from app.canvas.tools.move import MoveTool
from app.canvas.tools.select import SelectTool
from tests.app.canvas_helpers import Canvas, canvas, drag, hover, key, move, press, release  # noqa: F401

RIGHT = Qt.MouseButton.RightButton


def handle_of(c: Canvas, block_id: str) -> QPointF:
    frame = c.scene.item_for(block_id).scene_frame()  # type: ignore[union-attr]  # a block of the test design
    return QPointF(frame.right(), frame.center().y())


def previews(c: Canvas) -> list[QGraphicsPathItem]:
    return [item for item in c.scene.items() if type(item) is QGraphicsPathItem]


def test_each_gesture_has_its_tool_and_ends_on_the_idle_one(canvas) -> None:  # noqa: F811
    scene = canvas.scene
    assert isinstance(scene.tool, SelectTool) and scene.tool is scene.tools.idle
    canvas.scene.select_ids(["monitor"])
    start = canvas.vp(canvas.centre_of("monitor"))
    hover(canvas, start)
    press(canvas, start)
    assert isinstance(scene.tool, MoveTool)  # armed by a press on a selected block
    move(canvas, start + canvas.vp((64, 0)) - canvas.vp((0, 0)))
    assert scene.tool.dragging and scene.moving
    release(canvas, start + canvas.vp((64, 0)) - canvas.vp((0, 0)))
    assert scene.tool is scene.tools.idle and not scene.moving
    handle = canvas.vp(handle_of(canvas, "client"))
    hover(canvas, handle)
    press(canvas, handle)
    assert isinstance(scene.tool, ConnectTool) and len(previews(canvas)) == 1
    release(canvas, canvas.vp(canvas.centre_of("monitor")))
    assert scene.tool is scene.tools.idle and previews(canvas) == []
    assert scene.edit_label("ranker") and isinstance(scene.tool, LabelEditTool)
    key(canvas, Qt.Key.Key_Escape)
    assert scene.tool is scene.tools.idle
    assert canvas.editor.undo_stack.count() == 2  # the move and the connection


def test_escape_ends_a_move_or_a_connection_and_puts_things_back(canvas) -> None:  # noqa: F811
    scene = canvas.scene
    scene.select_ids(["ranker"])
    start = canvas.vp(canvas.centre_of("ranker"))
    hover(canvas, start)
    press(canvas, start)
    move(canvas, start + canvas.vp((96, 48)) - canvas.vp((0, 0)))
    assert scene.item_for("ranker").pos() != QPointF(320, 0)  # type: ignore[union-attr]  # a block of the test design
    key(canvas, Qt.Key.Key_Escape)
    assert scene.tool is scene.tools.idle
    assert scene.item_for("ranker").pos() == QPointF(320, 0)  # type: ignore[union-attr]  # as above
    release(canvas, start + canvas.vp((96, 48)) - canvas.vp((0, 0)))
    handle = canvas.vp(handle_of(canvas, "client"))
    hover(canvas, handle)
    press(canvas, handle)
    move(canvas, canvas.vp(canvas.centre_of("monitor")))
    assert scene.connect_target == "monitor"
    key(canvas, Qt.Key.Key_Escape)
    assert scene.tool is scene.tools.idle and previews(canvas) == [] and scene.connect_target == ""
    release(canvas, canvas.vp(canvas.centre_of("monitor")))
    assert canvas.dumped() == canvas.original and canvas.editor.undo_stack.count() == 0


def test_escape_before_a_press_has_moved_is_the_idle_tools(canvas) -> None:  # noqa: F811
    scene = canvas.scene
    scene.select_ids(["ranker"])
    start = canvas.vp(canvas.centre_of("ranker"))
    hover(canvas, start)
    press(canvas, start)
    assert isinstance(scene.tool, MoveTool) and not scene.tool.dragging  # armed, nothing to abandon yet
    key(canvas, Qt.Key.Key_Escape)
    assert scene.selected_ids() == []  # Escape cleared the selection, as without the press
    release(canvas, start)
    assert scene.tool is scene.tools.idle and canvas.editor.undo_stack.count() == 0


def test_another_press_during_a_connection_ends_it_without_a_stray_arrow(canvas) -> None:  # noqa: F811
    handle = canvas.vp(handle_of(canvas, "client"))
    hover(canvas, handle)
    press(canvas, handle)
    move(canvas, canvas.vp((600, 400)))
    QTest.mousePress(canvas.view.viewport(), RIGHT, Qt.KeyboardModifier.NoModifier, canvas.vp((600, 400)))
    assert canvas.scene.tool is canvas.scene.tools.idle
    assert previews(canvas) == [] and canvas.scene.handles_visible
    # both buttons come up again, as a hand lets go (QTest remembers held buttons for the next test)
    QTest.mouseRelease(canvas.view.viewport(), RIGHT, Qt.KeyboardModifier.NoModifier, canvas.vp((600, 400)))
    release(canvas, canvas.vp((600, 400)))
    assert canvas.scene.tool is canvas.scene.tools.idle and previews(canvas) == []
    assert canvas.dumped() == canvas.original


def test_removing_the_block_being_dragged_cancels_the_drag(canvas) -> None:  # noqa: F811
    """Undo (or another view) takes the element away mid-gesture: the tool lets go of it."""
    canvas.scene.select_ids(["monitor"])
    start = canvas.vp(canvas.centre_of("monitor"))
    hover(canvas, start)
    press(canvas, start)
    move(canvas, start + canvas.vp((64, 0)) - canvas.vp((0, 0)))
    operations.delete(canvas.editor, ["monitor"])
    assert canvas.scene.tool is canvas.scene.tools.idle and not canvas.scene.moving
    release(canvas, start + canvas.vp((64, 0)) - canvas.vp((0, 0)))
    assert canvas.editor.undo_stack.count() == 1  # the delete, no move


def test_zoom_to_fit_in_the_canvas_menu_fits_the_view(canvas) -> None:  # noqa: F811
    """The menu (tools) asks through the board's signal; the view (above it) answers."""
    canvas.view.set_zoom(4.0)
    menu = menus.context_menu(canvas.scene.tools, QPointF(3000, 3000), None, canvas.view)
    next(action for action in menu.actions() if action.text() == "Zoom to fit").trigger()
    assert canvas.view.zoom <= 1.0
    assert canvas.view.mapToScene(canvas.view.viewport().rect()).boundingRect().contains(canvas.scene.content_rect())
