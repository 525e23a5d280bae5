"""Line icons for the toolbar, drawn with QPainter in the palette's text colour.

Drawn rather than loaded so they follow the light/dark theme and look the same on every platform
(the offscreen and most Linux desktops have no icon theme for QIcon.fromTheme to use).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap

_SIZE = 48  # drawn at 2x of the 24-unit grid below, scaled down by Qt for crisp small icons
Draw = Callable[[QPainter], None]


def _arc_arrow(painter: QPainter, mirrored: bool) -> None:
    path = QPainterPath()
    if mirrored:
        painter.translate(24, 0)
        painter.scale(-1, 1)
    path.moveTo(5, 10)
    path.lineTo(15, 10)
    path.cubicTo(22, 10, 22, 20, 15, 20)
    path.lineTo(9, 20)
    painter.drawPath(path)
    painter.drawPolyline([QPointF(9, 6), QPointF(5, 10), QPointF(9, 14)])


def _magnifier(painter: QPainter, plus: bool) -> None:
    painter.drawEllipse(QPointF(10, 10), 6, 6)
    painter.drawLine(QPointF(14.5, 14.5), QPointF(20, 20))
    painter.drawLine(QPointF(7, 10), QPointF(13, 10))
    if plus:
        painter.drawLine(QPointF(10, 7), QPointF(10, 13))


def _new(p: QPainter) -> None:
    p.drawPolyline([QPointF(14, 3), QPointF(6, 3), QPointF(6, 21), QPointF(18, 21), QPointF(18, 7),
                    QPointF(14, 3), QPointF(14, 7), QPointF(18, 7)])


def _open(p: QPainter) -> None:
    p.drawPolyline([QPointF(3, 19), QPointF(3, 5), QPointF(9, 5), QPointF(11, 7), QPointF(19, 7), QPointF(19, 10)])
    p.drawPolygon([QPointF(3, 19), QPointF(6, 10), QPointF(22, 10), QPointF(19, 19)])


def _save(p: QPainter) -> None:
    p.drawPolygon([QPointF(4, 4), QPointF(17, 4), QPointF(20, 7), QPointF(20, 20), QPointF(4, 20)])
    p.drawRect(QRectF(8, 4, 7, 5))
    p.drawRect(QRectF(7, 13, 10, 7))


def _export(p: QPainter) -> None:
    p.drawPolyline([QPointF(9, 4), QPointF(5, 4), QPointF(5, 20), QPointF(19, 20), QPointF(19, 15)])
    p.drawLine(QPointF(11, 13), QPointF(20, 4))
    p.drawPolyline([QPointF(14, 4), QPointF(20, 4), QPointF(20, 10)])


def _delete(p: QPainter) -> None:
    p.drawLine(QPointF(4, 6), QPointF(20, 6))
    p.drawPolyline([QPointF(9, 6), QPointF(9, 3.5), QPointF(15, 3.5), QPointF(15, 6)])
    p.drawPolyline([QPointF(6, 6), QPointF(7, 20.5), QPointF(17, 20.5), QPointF(18, 6)])
    p.drawLine(QPointF(10, 10), QPointF(10, 17))
    p.drawLine(QPointF(14, 10), QPointF(14, 17))


def _fit(p: QPainter) -> None:
    for sx, sy in ((1, 1), (-1, 1), (1, -1), (-1, -1)):
        cx, cy = 12 - 8 * sx, 12 - 8 * sy
        p.drawPolyline([QPointF(cx, cy + 5 * sy), QPointF(cx, cy), QPointF(cx + 5 * sx, cy)])
    p.drawRect(QRectF(8.5, 9, 7, 6))


def _layout(p: QPainter) -> None:
    p.drawRect(QRectF(2.5, 9, 6, 6))
    p.drawRect(QRectF(15.5, 3.5, 6, 6))
    p.drawRect(QRectF(15.5, 14.5, 6, 6))
    p.drawPolyline([QPointF(8.5, 12), QPointF(12, 12), QPointF(12, 6.5), QPointF(15.5, 6.5)])
    p.drawPolyline([QPointF(12, 12), QPointF(12, 17.5), QPointF(15.5, 17.5)])


def _theme(p: QPainter) -> None:
    p.drawEllipse(QPointF(12, 12), 8, 8)
    half = QPainterPath()
    half.moveTo(12, 4)
    half.arcTo(QRectF(4, 4, 16, 16), 90, 180)
    half.closeSubpath()
    p.fillPath(half, p.pen().color())


_DRAWINGS: dict[str, Draw] = {
    "new": _new, "open": _open, "save": _save, "export": _export, "delete": _delete, "fit": _fit, "layout": _layout,
    "theme": _theme,
    "undo": lambda p: _arc_arrow(p, False), "redo": lambda p: _arc_arrow(p, True),
    "zoom_in": lambda p: _magnifier(p, True), "zoom_out": lambda p: _magnifier(p, False),
}


def _render(draw: Draw, colour: QColor) -> QPixmap:
    pixmap = QPixmap(_SIZE, _SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(_SIZE / 24, _SIZE / 24)
    painter.setPen(QPen(colour, 1.7, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    draw(painter)
    painter.end()
    return pixmap


def toolbar_icon(name: str) -> QIcon:
    """The icon ``name`` in the current palette's text colour (greyed when disabled)."""
    palette = QGuiApplication.palette()
    icon = QIcon()
    draw = _DRAWINGS[name]
    icon.addPixmap(_render(draw, palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)),
                   QIcon.Mode.Normal)
    icon.addPixmap(_render(draw, palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)),
                   QIcon.Mode.Disabled)
    return icon
