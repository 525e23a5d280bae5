"""A group frame: a labelled, dashed rectangle behind its member blocks (as the SVG export draws it).

Only its header strip and border band catch the mouse, so a rubber band can start inside it.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from app.canvas import painting
from app.canvas.items.base import LOD_DETAIL, Z_GROUP, BoxItem, ItemHost, detail
from components import style
from components.catalog import stage
from components.model import Group

BAND = 10.0
FILL_ALPHA = round(style.GROUP_FILL_OPACITY * 255)


@lru_cache(maxsize=32)
def _frame_pen(accent: str) -> QPen:
    """The dashed border of an unselected frame (shared: paint() never builds it)."""
    pen = QPen(painting.colour(accent), style.GROUP_BORDER)
    pen.setDashPattern([length / style.GROUP_BORDER for length in style.GROUP_DASH])  # Qt counts in pen widths
    return pen


class GroupItem(BoxItem):
    collection = "groups"

    def __init__(self, item_id: str, host: ItemHost) -> None:
        super().__init__(item_id, host)
        self.setZValue(Z_GROUP)
        self._shape = QPainterPath()

    def sync(self) -> None:
        group: Group = self.model()
        if self.follow(group.x, group.y, group.width, group.height):
            self.setRect(self.frame().adjusted(-BAND / 2, -BAND / 2, BAND / 2, BAND / 2))
            stroker = QPainterPathStroker()
            stroker.setWidth(BAND)
            outline = QPainterPath()
            outline.addRoundedRect(self.frame(), style.GROUP_RADIUS, style.GROUP_RADIUS)
            shape = stroker.createStroke(outline)
            shape.addRect(self.header_rect())
            self._shape = shape.simplified()
        self.update()

    def header_rect(self) -> QRectF:
        return QRectF(0, 0, self._width, min(style.GROUP_HEADER, self._height))

    def shape(self) -> QPainterPath:
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        group: Group = self.model()
        theme = self.host.theme
        accent = theme.group_border
        if group.stage is not None:
            entry = stage(group.stage)
            accent = entry.dark_colour if theme.name == "dark" else entry.colour
        painter.setPen(painting.pen(theme.selection, 2.5) if self.isSelected() else _frame_pen(accent))
        painter.setBrush(painting.brush(theme.group_fill, FILL_ALPHA))
        painter.drawRoundedRect(self.frame(), style.GROUP_RADIUS, style.GROUP_RADIUS)
        if detail(option, painter) < LOD_DETAIL:
            return
        text = self.label_text(group.label)
        if not text or self.text_hidden:
            return
        header = min(style.GROUP_HEADER, self._height)
        painter.setFont(painting.font(style.GROUP_FONT_PX, bold=True))
        painter.setPen(painting.pen(accent if group.stage is not None else theme.muted_text))
        painter.drawText(QPointF(style.GROUP_LABEL_X, header / 2 + style.GROUP_FONT_PX * style.BASELINE_DROP), text)

    def label_text(self, label: str) -> str:
        """The label on one line, fitted to the header as the exporter fits it."""
        return style.group_label(label, self._width)
