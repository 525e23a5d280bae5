"""Fusion, with the check boxes' and radio buttons' indicators drawn in the theme's colours.

Fusion draws an indicator's ring in a shade of the window colour: in the dark theme a dark grey ring on a
near-black window, so an unticked box or radio button (Practice's 30/60 min) can hardly be seen. Here
the ring is the theme's muted text colour (components/style), at least 3:1 against the window in both
themes; the fill is the palette's base, the mark its text colour, and hover or keyboard focus turn the
ring to the highlight colour, as Fusion does."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory, QStyleOption, QWidget

PE = QStyle.PrimitiveElement
State = QStyle.StateFlag
INDICATORS = (PE.PE_IndicatorCheckBox, PE.PE_IndicatorRadioButton)
DISABLED_ALPHA = 110  # a greyed box keeps its shape, fainter


class ControlStyle(QProxyStyle):
    def __init__(self, ring: str) -> None:
        super().__init__(QStyleFactory.create("Fusion"))
        self.ring = QColor(ring)

    def drawPrimitive(self, element: PE, option: QStyleOption, painter: QPainter,
                      widget: QWidget | None = None) -> None:
        if element in INDICATORS:
            self._indicator(element == PE.PE_IndicatorRadioButton, option, painter)
        else:
            super().drawPrimitive(element, option, painter, widget)

    def _indicator(self, radio: bool, option: QStyleOption, painter: QPainter) -> None:
        state, palette = option.state, option.palette
        enabled = bool(state & State.State_Enabled)
        group = palette.ColorGroup.Active if enabled else palette.ColorGroup.Disabled
        outer = QRectF(option.rect)
        side = min(outer.width(), outer.height()) - 1
        box = QRectF(outer.center().x() - side / 2, outer.center().y() - side / 2, side, side)
        focused = bool(state & State.State_HasFocus and state & State.State_KeyboardFocusChange)
        ring = QColor(palette.color(group, palette.ColorRole.Highlight) if enabled and (
            focused or state & State.State_MouseOver) else self.ring)
        fill = palette.color(group, palette.ColorRole.Base)
        if state & State.State_Sunken:
            fill = _mix(fill, palette.color(group, palette.ColorRole.Highlight), 0.25)
        if not enabled:
            ring.setAlpha(DISABLED_ALPHA)
        mark = palette.color(group, palette.ColorRole.Text)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(ring, 1.2 if focused else 1.0))
        painter.setBrush(fill)
        if radio:
            painter.drawEllipse(box)
            if state & State.State_On:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(mark)
                painter.drawEllipse(box.center(), side * 0.22, side * 0.22)
        else:
            painter.drawRoundedRect(box, 2, 2)
            pen = QPen(mark, max(1.5, side / 7))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            if state & State.State_NoChange:
                middle = box.center().y()
                painter.drawLine(QPointF(box.left() + side * 0.25, middle), QPointF(box.right() - side * 0.25, middle))
            elif state & State.State_On:
                tick = QPainterPath(QPointF(box.left() + side * 0.22, box.top() + side * 0.52))
                tick.lineTo(box.left() + side * 0.42, box.top() + side * 0.72)
                tick.lineTo(box.left() + side * 0.78, box.top() + side * 0.3)
                painter.drawPath(tick)
        painter.restore()


def _mix(first: QColor, second: QColor, share: float) -> QColor:
    def blend(a: int, b: int) -> int:
        return round(a * (1 - share) + b * share)

    return QColor(blend(first.red(), second.red()), blend(first.green(), second.green()),
                  blend(first.blue(), second.blue()))
