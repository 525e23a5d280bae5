"""A sticky note: wrapped free text on a yellow card with a folded corner (as the SVG export draws it)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPolygonF
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from app.canvas import painting
from app.canvas.items.base import LOD_DETAIL, Z_NOTE, BoxItem, detail
from components import style
from components.model import Note

PADDING = 10.0
FOLD = 14.0


def note_lines(text: str, width: float, height: float) -> list[str]:
    """The note's text broken as the exporter breaks it (characters per line from the width)."""
    if not text.strip():
        return []
    font = style.NOTE_FONT_PX
    chars = max(4, int((width - 2 * PADDING) / (font * style.CHAR_WIDTH_EM)))
    max_lines = max(1, int((height - 2 * PADDING) / (font * style.TEXT_LINE_HEIGHT)))
    return style.wrap_label(text, chars, max_lines)


class NoteItem(BoxItem):
    collection = "notes"

    def __init__(self, item_id: str) -> None:
        super().__init__(item_id)
        self.setZValue(Z_NOTE)

    def sync(self) -> None:
        note: Note = self.model()
        if self.follow(note.x, note.y, note.width, note.height):
            self.setRect(self.frame().adjusted(-2, -2, 2, 2))
        self.update()

    def text_rect(self) -> QRectF:
        return self.frame().adjusted(PADDING / 2, PADDING / 2, -PADDING / 2, -PADDING / 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        note: Note = self.model()
        theme = self.canvas().theme
        frame = self.frame()
        fold = min(FOLD, frame.width() / 2, frame.height() / 2)
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
        if detail(option, painter) < LOD_DETAIL:
            return
        font = style.NOTE_FONT_PX
        painter.setFont(painting.font(font))
        painter.setPen(painting.pen(theme.text))
        for index, line in enumerate(note_lines(note.text, self._width, self._height)):
            baseline = PADDING + font * 0.95 + index * font * style.TEXT_LINE_HEIGHT
            painter.drawText(QPointF(PADDING, baseline), line)
