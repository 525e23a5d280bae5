"""QPainter helpers shared by the canvas items: colours, fonts, icons, arrowheads, badges, halos.

Everything reads components.style, the module the SVG exporter reads too, so the canvas looks like
the export. Colours, pens, brushes, fonts and SVG renderers are cached at module level (one per key,
not one per item per paint); cached pens and brushes are shared, so callers never modify them.
"""

from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QByteArray, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtSvg import QSvgRenderer

from components import style
from components.catalog import spec

_RENDERERS: dict[tuple[str, str], QSvgRenderer | None] = {}


@lru_cache(maxsize=256)
def colour(value: str) -> QColor:
    """A QColor from a '#rrggbb' string (cached: paint() asks for the same few colours)."""
    return QColor(value)


def with_alpha(value: str, alpha: int) -> QColor:
    result = QColor(colour(value))
    result.setAlpha(alpha)
    return result


@lru_cache(maxsize=256)
def pen(value: str, width: float = 1.0, cap: Qt.PenCapStyle = Qt.PenCapStyle.SquareCap,
        join: Qt.PenJoinStyle = Qt.PenJoinStyle.BevelJoin, alpha: int = 255) -> QPen:
    """A shared solid pen (paint() asks for the same few; Qt's defaults for cap and join)."""
    result = QPen(with_alpha(value, alpha) if alpha != 255 else colour(value), width)
    result.setCapStyle(cap)
    result.setJoinStyle(join)
    return result


@lru_cache(maxsize=256)
def brush(value: str, alpha: int = 255) -> QBrush:
    """A shared solid brush."""
    return QBrush(with_alpha(value, alpha) if alpha != 255 else colour(value))


@lru_cache(maxsize=32)
def font(pixel_size: int, bold: bool = False) -> QFont:
    """The shared font family at a pixel size (pixels, like the SVG export)."""
    result = QFont(style.FONT_FAMILY)
    result.setPixelSize(pixel_size)
    result.setBold(bold)
    result.setStyleHint(QFont.StyleHint.SansSerif)
    return result


@lru_cache(maxsize=32)
def metrics(pixel_size: int, bold: bool = False) -> QFontMetricsF:
    return QFontMetricsF(font(pixel_size, bold))


def icon_renderer(kind: str, theme_name: str) -> QSvgRenderer | None:
    """The SVG icon of a kind drawn in its stage colour; None when the icon file is missing or bad."""
    key = (kind, theme_name)
    if key not in _RENDERERS:
        renderer: QSvgRenderer | None = None
        try:
            text = spec(kind).icon_path.read_text(encoding="utf-8")
        except (OSError, KeyError):
            text = ""
        if text:
            accent = style.kind_colour(kind, "dark" if theme_name == "dark" else "light")
            candidate = QSvgRenderer(QByteArray(text.replace("currentColor", accent).encode("utf-8")))
            renderer = candidate if candidate.isValid() else None
        _RENDERERS[key] = renderer
    return _RENDERERS[key]


@lru_cache(maxsize=64)
def flow_pen(flow: str, theme_name: str, width: float = style.CONNECTOR_WIDTH) -> QPen:
    """The shared pen of a flow's connector line (dashed as the flow style says)."""
    entry = style.FLOW_STYLES[flow]
    result = QPen(colour(entry.dark_colour if theme_name == "dark" else entry.colour), width)
    result.setCapStyle(Qt.PenCapStyle.FlatCap)
    result.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    if entry.dash:
        # Qt dash lengths are in pen widths; the style gives them in scene units like SVG does.
        result.setDashPattern([length / width for length in entry.dash])
    return result


def arrow_head(line: QLineF, kind: str) -> QPainterPath:
    """The arrowhead at ``line.p2()``, shaped like the exporter's SVG markers: a 'filled' or 'open'
    triangle, or a hollow 'diamond' twice as long, its tip on the line's end."""
    path = QPainterPath()
    if line.length() == 0:
        return path
    angle = math.atan2(line.dy(), line.dx())
    tip = line.p2()
    back_x, back_y = -math.cos(angle), -math.sin(angle)
    side_x, side_y = -back_y, back_x
    length, half = style.arrow_depth(kind), style.ARROW_WIDTH / 2

    def at(back: float, side: float) -> QPointF:
        return QPointF(tip.x() + back_x * back + side_x * side, tip.y() + back_y * back + side_y * side)

    if kind == "diamond":
        path.addPolygon(QPolygonF([tip, at(length / 2, half), at(length, 0), at(length / 2, -half), tip]))
    elif kind == "open":
        path.moveTo(at(length, half))
        path.lineTo(tip)
        path.lineTo(at(length, -half))
    else:
        path.addPolygon(QPolygonF([tip, at(length, half), at(length, -half), tip]))
    return path


@lru_cache(maxsize=32)
def _head_pen(ink: str) -> QPen:
    """The arrowhead outline (one per colour: every connector paint asks for it, and a key of a
    plain string is cheaper to look up than one with Qt enums)."""
    return pen(ink, style.CONNECTOR_WIDTH, join=Qt.PenJoinStyle.MiterJoin)


def draw_arrow_head(painter: QPainter, line: QLineF, kind: str, ink: str, background: str) -> None:
    """Stroke (never dashed) and fill an arrowhead: ink for 'filled', background for 'diamond'."""
    painter.setPen(_head_pen(ink))
    if kind == "open":
        painter.setBrush(Qt.BrushStyle.NoBrush)
    else:
        painter.setBrush(brush(ink if kind == "filled" else background))
    painter.drawPath(arrow_head(line, kind))


def draw_badge(painter: QPainter, centre: QPointF, fill: str, ring: str, ink: str) -> None:
    """A findings badge: a severity-coloured disc, ringed in the block colour, with a '!' drawn as a
    stroke and a dot (as in the SVG export, which needs no font for it)."""
    radius = style.BADGE_RADIUS
    painter.setPen(pen(ring, 1.5))
    painter.setBrush(brush(fill))
    painter.drawEllipse(centre, radius, radius)
    painter.setPen(pen(ink, 2.2, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(centre.x(), centre.y() - radius * 0.5), QPointF(centre.x(), centre.y() + radius * 0.12))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(brush(ink))
    painter.drawEllipse(QPointF(centre.x(), centre.y() + radius * 0.48), 1.2, 1.2)


def draw_pin(painter: QPainter, at: QPointF, ink: str) -> None:
    """A small push-pin mark (a pinned block keeps its place in auto-layout)."""
    painter.setPen(pen(ink, 1.4, Qt.PenCapStyle.RoundCap))
    painter.setBrush(brush(ink))
    painter.drawEllipse(QPointF(at.x(), at.y() - 3), 2.6, 2.6)
    painter.drawLine(QPointF(at.x(), at.y() - 1), QPointF(at.x(), at.y() + 4))


def label_plate(painter: QPainter, rect: QRectF, text: str, ink: str, background: str, px: int) -> None:
    """A connector label: one line centred on a rounded, nearly opaque background plate."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(brush(background, round(style.CONNECTOR_LABEL_OPACITY * 255)))
    painter.drawRoundedRect(rect, style.CONNECTOR_LABEL_RADIUS, style.CONNECTOR_LABEL_RADIUS)
    painter.setFont(font(px))
    painter.setPen(pen(ink))
    width = metrics(px).horizontalAdvance(text)
    painter.drawText(QPointF(rect.center().x() - width / 2, rect.center().y() + px * 0.35), text)
