"""Icons for the panels: kind icons from resources/icons (a drawn stand-in when one is missing),
severity dots and check marks painted with the shared style colours so panels match the canvas."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QIconEngine, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtSvg import QSvgRenderer

from components.catalog import spec
from components.style import kind_colour, theme

_SIZE = 32


def _canvas(size: int = _SIZE) -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


@cache
def kind_icon(kind: str, theme_name: str = "light") -> QIcon:
    """The catalog icon of a kind in its stage colour (as on the canvas); a rounded tile with initials
    when the SVG is missing or unreadable (icons are drawn by another task and may lag behind). Drawn
    when first shown (``_LaterIcon``): the palette lists 26 kinds, a few of them off screen at start,
    and a selected row's variant is rarely needed."""
    return QIcon(_LaterIcon(kind, theme_name))


_CLONES: list[QIconEngine] = []  # engines Qt asked to copy (a copy of a kind icon changed: rare)


class _LaterIcon(QIconEngine):
    """An icon engine that draws ``_kind_icon`` at the first request and answers from it after."""

    def __init__(self, kind: str, theme_name: str) -> None:
        super().__init__()
        self.kind, self.theme_name = kind, theme_name

    def _icon(self, mode: QIcon.Mode = QIcon.Mode.Normal) -> QIcon:
        """The drawn icon; a selected row's variant (on a chip) only for the Selected mode: without it the
        icon answers every other mode alike (they fall back to the Normal pixmaps)."""
        return _kind_icon(self.kind, self.theme_name, selected=mode == QIcon.Mode.Selected)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        self._icon(mode).paint(painter, rect, Qt.AlignmentFlag.AlignCenter, mode, state)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self._icon(mode).pixmap(size, mode, state)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        return self._icon(mode).pixmap(size, scale, mode, state)

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        if 0 < size.width() <= _SIZE and 0 < size.height() <= _SIZE:
            side = min(size.width(), size.height())  # what the drawn icon answers: its square pixmaps scaled down
            return QSize(side, side)
        return self._icon(mode).actualSize(size, mode, state)

    def availableSizes(self, mode: QIcon.Mode = QIcon.Mode.Normal, state: QIcon.State = QIcon.State.Off) -> list[QSize]:
        return self._icon(mode).availableSizes(mode, state)

    def clone(self) -> QIconEngine:
        twin = _LaterIcon(self.kind, self.theme_name)
        _CLONES.append(twin)  # Qt owns the clone, but PySide would free it with the last Python reference
        return twin

    def isNull(self) -> bool:
        return False

    def key(self) -> str:
        return "mlsd-kind"


@cache
def _kind_icon(kind: str, theme_name: str, selected: bool) -> QIcon:
    try:
        text = spec(kind).icon_path.read_text(encoding="utf-8")
    except OSError:
        text = ""
    if text:
        accent = kind_colour(kind, theme_name)  # type: ignore[arg-type]  # theme_name: the window's, light or dark
        renderer = QSvgRenderer(QByteArray(text.replace("currentColor", accent).encode("utf-8")))
        if renderer.isValid():
            icon = QIcon()
            for size in (_SIZE, 2 * _SIZE):
                pixmap, painter = _canvas(size)
                renderer.render(painter, QRectF(0, 0, size, size))
                painter.end()
                icon.addPixmap(pixmap)
                if selected:
                    icon.addPixmap(_on_chip(renderer, size, theme(theme_name).block_fill), QIcon.Mode.Selected)
            return icon
    pixmap, painter = _canvas()
    colour = QColor(kind_colour(kind, theme_name))  # type: ignore[arg-type]  # as above
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRoundedRect(QRectF(2, 2, _SIZE - 4, _SIZE - 4), 6, 6)
    words = spec(kind).name.replace("-", " ").split()
    initials = "".join(word[0] for word in words[:2]).upper()
    font = QFont()
    font.setPixelSize(13)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(QRectF(0, 0, _SIZE, _SIZE), Qt.AlignmentFlag.AlignCenter, initials)
    painter.end()
    return QIcon(pixmap)


def _on_chip(renderer: QSvgRenderer, size: int, fill: str) -> QPixmap:
    """The icon on a rounded tile of the block colour, for a selected row: the selection's highlight is
    the data stage's own blue, so a bare stage-3 icon (or one Qt tints with it) vanished into it."""
    pixmap, painter = _canvas(size)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(fill))
    painter.drawRoundedRect(QRectF(0, 0, size, size), size / 5, size / 5)
    inset = size / 8
    renderer.render(painter, QRectF(inset, inset, size - 2 * inset, size - 2 * inset))
    painter.end()
    return pixmap


@cache
def severity_icon(severity: str, theme_name: str = "light") -> QIcon:
    """A coloured badge: a circle with "!" for errors and warnings, "i" for information."""
    pixmap, painter = _canvas()
    colour = QColor(theme(theme_name).severity.get(severity, "#6b7280"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    if severity == "warning":
        path = QPainterPath()
        path.moveTo(QPointF(16, 3))
        path.lineTo(QPointF(30, 28))
        path.lineTo(QPointF(2, 28))
        path.closeSubpath()
        painter.drawPath(path)
    else:
        painter.drawEllipse(QRectF(3, 3, 26, 26))
    font = QFont()
    font.setPixelSize(18)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#ffffff") if severity != "warning" else QColor("#1f2937"))
    glyph = "i" if severity == "info" else "!"
    box = QRectF(0, 5, _SIZE, _SIZE - 4) if severity == "warning" else QRectF(0, 0, _SIZE, _SIZE)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, glyph)
    painter.end()
    return QIcon(pixmap)


@cache
def check_icon(covered: bool, theme_name: str = "light") -> QIcon:
    """A green tick for a covered step, a red cross for a missing one."""
    pixmap, painter = _canvas()
    colour = QColor("#16a34a" if theme_name == "light" else "#4ade80") if covered else QColor(
        theme(theme_name).severity["error"])
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(QRectF(3, 3, 26, 26))
    pen = QPen(QColor("#ffffff"), 3.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    if covered:
        painter.drawPolyline([QPointF(10, 16.5), QPointF(14.5, 21), QPointF(22.5, 11.5)])
    else:
        painter.drawLine(QPointF(11, 11), QPointF(21, 21))
        painter.drawLine(QPointF(21, 11), QPointF(11, 21))
    painter.end()
    return QIcon(pixmap)


@cache
def stage_dot(kind: str, theme_name: str = "light") -> QIcon:
    """A small dot in the stage colour of a kind, for the palette's stage headers."""
    pixmap, painter = _canvas()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(kind_colour(kind, theme_name)))  # type: ignore[arg-type]  # as above
    painter.drawEllipse(QRectF(9, 9, 14, 14))
    painter.end()
    return QIcon(pixmap)
