"""Connector geometry on Qt types, delegating to components.export.geometry.

The SVG exporter and the canvas share that Qt-free module (centre-to-centre line clipped at both
rounded block borders, sideways offsets for parallel connectors, a loop for a self-connector), so an
arrow touches a block at the same point on screen and in the exported picture.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QPainterPath

from components import style
from components.export import geometry as shared


def rect_of(rect: QRectF, radius: float = style.BLOCK_RADIUS) -> shared.Rect:
    return shared.Rect(rect.x(), rect.y(), rect.width(), rect.height(), radius)


def border_point(rect: QRectF, toward: QPointF) -> QPointF:
    """Where the ray from the rectangle's centre toward ``toward`` leaves its rounded border."""
    x, y = shared.border_point(rect_of(rect), (toward.x(), toward.y()))
    return QPointF(x, y)


def connector_line(source: QRectF, target: QRectF, offset: float = 0.0) -> QLineF:
    """The visible segment of a connector, from the source border to the target border (a null line
    when the centres coincide)."""
    points = shared.connector_points(rect_of(source), rect_of(target), offset)
    if points is None:
        return QLineF()
    (x1, y1), (x2, y2) = points
    return QLineF(x1, y1, x2, y2)


def self_loop(rect: QRectF) -> QPainterPath:
    """The loop drawn for a connector from a block to itself."""
    start, c1, c2, end = shared.self_loop(rect_of(rect))
    path = QPainterPath(QPointF(*start))
    path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*end))
    return path


def parallel_offset(connector_id: str, siblings: list[tuple[str, str, str]]) -> float:
    """The sideways shift of a connector among ``siblings`` (id, source, target), the connectors
    joining the same two blocks, in document order (the exporter spreads them the same way)."""
    if len(siblings) < 2:
        return 0.0
    return shared.parallel_offsets(siblings).get(connector_id, 0.0)


@dataclass(frozen=True)
class Grid:
    """The canvas grid as edits see it: its step, and whether new positions snap to it."""

    step: float = style.GRID_SIZE
    snap: bool = True

    def snap_point(self, point: QPointF) -> QPointF:
        if not self.snap:
            return QPointF(point)
        step = self.step
        return QPointF(round(point.x() / step) * step, round(point.y() / step) * step)
