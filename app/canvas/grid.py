"""The background grid: light lines every grid step, coarser when zoomed out so it stays cheap."""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen

from app.canvas import painting
from components import style

MIN_PIXELS = 14.0  # grid lines closer than this on screen are thinned out
MAJOR_EVERY = 4


def _major_colour(theme: style.Theme) -> QColor:
    base = painting.colour(theme.grid)
    return base.darker(106) if theme.name == "light" else base.lighter(115)


def draw_grid(painter: QPainter, rect: QRectF, step: float, zoom: float, theme: style.Theme) -> None:
    """Fill ``rect`` (scene coordinates) with the background and grid lines."""
    painter.fillRect(rect, painting.colour(theme.background))
    if step <= 0 or zoom <= 0:
        return
    minor = step
    while minor * zoom < MIN_PIXELS:
        minor *= MAJOR_EVERY
    major = minor * MAJOR_EVERY
    cosmetic_minor = QPen(painting.colour(theme.grid), 0)
    cosmetic_major = QPen(_major_colour(theme), 0)
    minor_lines: list[QLineF] = []
    major_lines: list[QLineF] = []
    left, right, top, bottom = rect.left(), rect.right(), rect.top(), rect.bottom()
    x = math.floor(left / minor) * minor
    while x <= right:
        (major_lines if math.isclose(x / major, round(x / major)) else minor_lines).append(QLineF(x, top, x, bottom))
        x += minor
    y = math.floor(top / minor) * minor
    while y <= bottom:
        (major_lines if math.isclose(y / major, round(y / major)) else minor_lines).append(QLineF(left, y, right, y))
        y += minor
    painter.setPen(cosmetic_minor)
    painter.drawLines(minor_lines)
    painter.setPen(cosmetic_major)
    painter.drawLines(major_lines)
