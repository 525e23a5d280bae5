"""The four connection handles of a block: the midpoints of its sides."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF

HANDLE_RADIUS = 5.0
HANDLE_HIT = 9.0  # grab distance in scene units around a handle centre


def handle_points(rect: QRectF) -> list[QPointF]:
    """Top, right, bottom and left side midpoints of a block rectangle."""
    centre = rect.center()
    return [
        QPointF(centre.x(), rect.top()), QPointF(rect.right(), centre.y()),
        QPointF(centre.x(), rect.bottom()), QPointF(rect.left(), centre.y()),
    ]


def handle_at(rect: QRectF, pos: QPointF, reach: float = HANDLE_HIT) -> int | None:
    """Index of the handle within ``reach`` of ``pos`` (both in the same coordinates), or None."""
    for index, point in enumerate(handle_points(rect)):
        if (point.x() - pos.x()) ** 2 + (point.y() - pos.y()) ** 2 <= reach * reach:
            return index
    return None
