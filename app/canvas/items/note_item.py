"""A sticky note: wrapped free text on a yellow card with a folded corner (as the SVG export draws it).

Its lines come from ``style.note_lines``, the text fitting the exporter uses, so they break alike.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPolygonF
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from app.canvas import painting
from app.canvas.items.base import LOD_DETAIL, Z_NOTE, BoxItem, ItemHost, detail
from components import style
from components.model import Note


class NoteItem(BoxItem):
    collection = "notes"
    _wrapped: tuple[str, float, float, list[str]] = ("", 0.0, 0.0, [])  # replaced, never changed in place

    def __init__(self, item_id: str, host: ItemHost) -> None:
        super().__init__(item_id, host)
        self.setZValue(Z_NOTE)

    def sync(self) -> None:
        note: Note = self.model()
        if self.follow(note.x, note.y, note.width, note.height):
            self.setRect(self.frame().adjusted(-2, -2, 2, 2))
        self.update()

    def text_rect(self) -> QRectF:
        inset = style.NOTE_PADDING / 2
        return self.frame().adjusted(inset, inset, -inset, -inset)

    def text_lines(self, text: str) -> list[str]:
        """The note's text in the lines the exporter draws too (cached per text and size)."""
        if self._wrapped[:3] != (text, self._width, self._height):
            self._wrapped = (text, self._width, self._height, style.note_lines(text, self._width, self._height))
        return self._wrapped[3]

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        note: Note = self.model()
        theme = self.host.theme
        frame = self.frame()
        fold = min(style.NOTE_FOLD, frame.width() / 2, frame.height() / 2)
        corner = QPointF(frame.right() - fold, frame.bottom() - fold)
        if self.isSelected():
            painter.setPen(painting.pen(theme.selection, 2.5))
        else:
            painter.setPen(painting.pen(theme.note_border, 1))
        painter.setBrush(painting.brush(theme.note_fill))
        painter.drawPolygon(QPolygonF([
            frame.topLeft(), frame.topRight(), QPointF(frame.right(), corner.y()),
            QPointF(corner.x(), frame.bottom()), frame.bottomLeft(),
        ]))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(painting.brush(theme.note_border))
        painter.drawPolygon(QPolygonF([QPointF(frame.right(), corner.y()), corner, QPointF(corner.x(), frame.bottom())]))
        if detail(option, painter) < LOD_DETAIL or self.text_hidden:
            return
        painter.setFont(painting.font(style.NOTE_FONT_PX))
        painter.setPen(painting.pen(theme.text))
        for index, line in enumerate(self.text_lines(note.text)):
            painter.drawText(QPointF(style.NOTE_PADDING, style.note_baseline(index)), line)
