"""Zoomed out, one overview item draws everything; items stay selectable, movable and in step."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QGraphicsItem

from app.canvas.items.base import LOD_DETAIL
from components import style
from components.commands import MoveItems
from tests.app.canvas_helpers import LEFT, Canvas, canvas, drag  # noqa: F401

NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


def zoom_out(c: Canvas) -> None:
    c.view.set_zoom(0.25)
    c.view.centerOn(QPointF(300, 150))


def above_label(point: QPointF) -> QPointF:
    """A point of a block's box above its label (the overview draws the label across its middle):
    ``point``'s x, 8 units (2 px at 25 %) below the top of a 72-unit-high block centred on ``point``."""
    return QPointF(point.x(), point.y() - 36 + 8)


def pixel(c: Canvas, scene_point: QPointF) -> QColor:
    image = c.view.viewport().grab().toImage()
    return image.pixelColor(c.vp(scene_point))


def test_zooming_out_switches_items_to_the_overview_and_back(canvas) -> None:  # noqa: F811
    zoom_out(canvas)
    assert canvas.view.zoom < LOD_DETAIL and canvas.scene.overview_mode
    items = [canvas.scene.item_for(i) for i in canvas.scene.item_ids()]
    assert all(item.flags() & NO_CONTENTS for item in items)
    assert pixel(canvas, above_label(canvas.centre_of("monitor"))) == QColor(style.kind_colour("monitoring"))
    canvas.view.reset_zoom()
    assert not canvas.scene.overview_mode
    assert not any(item.flags() & NO_CONTENTS for item in items)


def test_overview_follows_model_changes(canvas) -> None:  # noqa: F811
    zoom_out(canvas)
    canvas.editor.push(MoveItems({"monitor": (640, 224)}))
    assert pixel(canvas, QPointF(404, 260)) != QColor(style.kind_colour("monitoring"))  # old place empty
    assert pixel(canvas, above_label(QPointF(724, 260))) == QColor(style.kind_colour("monitoring"))


def test_click_and_drag_still_work_when_zoomed_out(canvas) -> None:  # noqa: F811
    zoom_out(canvas)
    QTest.mouseClick(canvas.view.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, canvas.vp(canvas.centre_of("client")))
    assert canvas.scene.selected_ids() == ["client"]
    start = canvas.vp(canvas.centre_of("monitor"))
    drag(canvas, start, start + QPoint(32, 0))  # 32 px at 25 % = 128 units, clear of the ranker's lines
    assert (canvas.doc.block("monitor").x, canvas.doc.block("monitor").y) == (448.0, 224.0)
    assert canvas.scene.overview.live == set()
    assert pixel(canvas, above_label(QPointF(470, 260))) == QColor(style.kind_colour("monitoring"))
    drag(canvas, canvas.vp((-200, -150)), canvas.vp((600, 100)))
    assert {"client", "ranker"} <= set(canvas.scene.selected_ids())
    assert canvas.editor.undo_stack.count() == 1
