"""The view: zoom (keys, ctrl+wheel around the cursor, fit), panning, the grid, offscreen rendering."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QPainter, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsView

from app.canvas.tools.connect import ConnectTool
from app.canvas.view import MAX_ZOOM, MIN_ZOOM
from components.synthetic import synthetic_diagram
from tests.app.canvas_helpers import Canvas, canvas, drag, key, make_canvas, move, press, release  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier


def wheel(c: Canvas, at: QPoint, steps: int, mods: Qt.KeyboardModifier = CTRL) -> None:
    viewport = c.view.viewport()
    event = QWheelEvent(QPointF(at), QPointF(viewport.mapToGlobal(at)), QPoint(0, 0), QPoint(0, 120 * steps),
                        Qt.MouseButton.NoButton, mods, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, event)


def test_zoom_steps_limits_and_signal(canvas) -> None:  # noqa: F811
    seen: list[float] = []
    canvas.view.zoomChanged.connect(seen.append)
    canvas.view.zoom_in()
    assert canvas.view.zoom == seen[-1] == 1.25
    canvas.view.zoom_out()
    canvas.view.zoom_out()
    assert canvas.view.zoom == 0.8
    for _ in range(60):
        canvas.view.zoom_out()
    assert canvas.view.zoom == MIN_ZOOM
    for _ in range(60):
        canvas.view.zoom_in()
    assert canvas.view.zoom == MAX_ZOOM
    key(canvas, Qt.Key.Key_0, CTRL)
    assert canvas.view.zoom == 1.0
    key(canvas, Qt.Key.Key_Minus, CTRL)
    assert canvas.view.zoom == 0.8


def test_ctrl_wheel_zooms_around_the_cursor(canvas) -> None:  # noqa: F811
    at = canvas.vp(canvas.centre_of("ranker"))
    under = canvas.view.mapToScene(at)
    wheel(canvas, at, 2)
    assert canvas.view.zoom == 1.25 ** 2
    after = canvas.view.mapToScene(at)
    assert abs(after.x() - under.x()) < 2 and abs(after.y() - under.y()) < 2
    wheel(canvas, at, -1)
    assert canvas.view.zoom == 1.25


def test_plain_wheel_scrolls_instead_of_zooming(canvas) -> None:  # noqa: F811
    before = canvas.view.verticalScrollBar().value()
    wheel(canvas, QPoint(300, 300), -2, Qt.KeyboardModifier.NoModifier)
    assert canvas.view.zoom == 1.0
    assert canvas.view.verticalScrollBar().value() > before


def test_zoom_to_fit_shows_everything(qtbot) -> None:
    c = make_canvas(qtbot, synthetic_diagram(60, seed=1))
    c.view.zoom_to_fit()
    assert c.view.zoom < 1.0
    visible = c.view.mapToScene(c.view.viewport().rect()).boundingRect()
    assert visible.contains(c.scene.content_rect())
    c.scene.detach()


def test_middle_drag_pans_without_editing(canvas) -> None:  # noqa: F811
    h, v = canvas.view.horizontalScrollBar().value(), canvas.view.verticalScrollBar().value()
    drag(canvas, QPoint(500, 400), QPoint(400, 300), Qt.MouseButton.MiddleButton)
    assert canvas.view.horizontalScrollBar().value() == h + 100
    assert canvas.view.verticalScrollBar().value() == v + 100
    assert canvas.editor.undo_stack.count() == 0


def test_space_drag_pans_even_over_a_block(canvas) -> None:  # noqa: F811
    h = canvas.view.horizontalScrollBar().value()
    QTest.keyPress(canvas.view, Qt.Key.Key_Space)
    start = canvas.vp(canvas.centre_of("ranker"))
    drag(canvas, start, start + QPoint(-80, 0))
    QTest.keyRelease(canvas.view, Qt.Key.Key_Space)
    assert canvas.view.horizontalScrollBar().value() == h + 80
    assert canvas.dumped() == canvas.original
    start = canvas.vp(canvas.centre_of("ranker"))
    drag(canvas, start, start + QPoint(-80, 0))  # without space: a normal move again
    assert canvas.doc.block("ranker").x == 240.0


def test_view_settings_for_many_items(canvas) -> None:  # noqa: F811
    view = canvas.view
    assert view.cacheMode() == QGraphicsView.CacheModeFlag.CacheNone
    assert view.viewportUpdateMode() == QGraphicsView.ViewportUpdateMode.SmartViewportUpdate
    assert canvas.scene.itemIndexMethod() == canvas.scene.ItemIndexMethod.BspTreeIndex
    assert view.dragMode() == QGraphicsView.DragMode.RubberBandDrag
    assert all(item.cacheMode() == item.CacheMode.NoCache for item in canvas.scene.items())


def _render(c: Canvas, theme: str, zoom: float) -> QImage:
    c.scene.theme_name = theme
    c.view.set_zoom(zoom)
    c.view.centerOn(c.scene.content_rect().center())
    return c.view.grab().toImage()


def test_rendering_light_dark_and_zoomed_out(qtbot) -> None:
    c = make_canvas(qtbot, synthetic_diagram(40, seed=2))

    def distinct_colours(image: QImage) -> int:
        return len({image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)})

    light, dark = _render(c, "light", 1.0), _render(c, "dark", 1.0)
    assert distinct_colours(light) > 20 and distinct_colours(dark) > 20  # blocks, text, icons drawn
    assert QImage(light).pixelColor(2, 2).lightness() > 200 and dark.pixelColor(2, 2).lightness() < 60
    far = _render(c, "light", 0.2)
    assert distinct_colours(far) > 5
    image = QImage(400, 300, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    c.scene.render(painter)
    painter.end()
    c.scene.detach()


def test_hovered_handle_press_starts_a_connection_not_a_move(canvas) -> None:  # noqa: F811
    frame = canvas.scene.item_for("client").scene_frame()
    start = canvas.vp(QPointF(frame.right(), frame.center().y()))
    move(canvas, start, Qt.MouseButton.NoButton)
    press(canvas, start)
    move(canvas, start + QPoint(40, 40))
    assert isinstance(canvas.scene.tool, ConnectTool)
    release(canvas, start + QPoint(40, 40))
    assert not isinstance(canvas.scene.tool, ConnectTool)
    assert canvas.dumped() == canvas.original
