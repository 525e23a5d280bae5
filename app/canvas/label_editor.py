"""In-place label editing: a text item over the element's label; Enter commits, Escape cancels.

Committing pushes one Relabel (through operations.rename); the item itself never stores the text.
Shift+Enter inserts a line break (labels may have several lines; notes usually do).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QTextCursor, QTextOption
from PySide6.QtWidgets import QGraphicsTextItem, QStyle, QStyleOptionGraphicsItem, QWidget

from app.canvas import painting
from app.canvas.items import BlockItem, ConnectorItem, GroupItem, NoteItem
from app.canvas.items.base import Z_EDITOR
from app.canvas.items.block_item import label_rect
from components import style

if TYPE_CHECKING:
    from app.canvas.scene import CanvasScene


class LabelEditorItem(QGraphicsTextItem):
    """The editing widget; tells its LabelEditing when to commit or cancel."""

    def __init__(self, owner: LabelEditing, text: str, rect: QRectF, font_px: int, centred: bool,
                 bold: bool = False) -> None:
        super().__init__()
        self.owner = owner
        self.setZValue(Z_EDITOR)
        self.setFont(painting.font(font_px, bold))
        self.setPlainText(text)
        self.setTextWidth(max(rect.width(), 60.0))
        self.setPos(rect.topLeft())
        if centred:
            option = QTextOption(Qt.AlignmentFlag.AlignHCenter)
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            self.document().setDefaultTextOption(option)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.apply_theme()
        cursor = self.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        self.setTextCursor(cursor)

    def apply_theme(self) -> None:
        self.setDefaultTextColor(painting.colour(self.owner.scene.theme.text))
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        theme = self.owner.scene.theme
        painter.setPen(painting.pen(theme.selection, 1.5))
        painter.setBrush(painting.brush(theme.block_fill))
        painter.drawRoundedRect(self.boundingRect(), 3, 3)
        plain = QStyleOptionGraphicsItem(option)  # no dashed focus/selection frame from Qt
        plain.state = plain.state & ~(QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_Selected)
        super().paint(painter, plain, widget)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.owner.commit(refocus=True)
        elif key == Qt.Key.Key_Escape:
            self.owner.cancel(refocus=True)
        else:
            super().keyPressEvent(event)
        event.accept()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() not in (Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason):
            self.owner.commit(refocus=False)


class LabelEditing:
    """At most one label editor per scene."""

    def __init__(self, scene: CanvasScene) -> None:
        self.scene = scene
        self.item_id = ""
        self._editor: LabelEditorItem | None = None

    @property
    def active(self) -> bool:
        return self._editor is not None

    def start(self, item_id: str) -> bool:
        """Open the editor on an element's label (block, connector, group) or a note's text."""
        self.commit()
        item = self.scene.item_for(item_id)
        if item is None:
            return False
        element = item.model()
        bold = False
        if isinstance(item, BlockItem):
            local = label_rect(item.frame().width(), item.frame().height())
            rect = QRectF(item.mapToScene(local.topLeft()), local.size())
            text, font_px, centred = element.label, style.LABEL_FONT_PX, True
            bold = True
        elif isinstance(item, NoteItem):
            local = item.text_rect()
            rect = QRectF(item.mapToScene(local.topLeft()), local.size())
            text, font_px, centred = element.text, style.NOTE_FONT_PX, False
        elif isinstance(item, GroupItem):
            rect = QRectF(item.pos() + QPointF(8, 2), QPointF(item.pos().x() + 260, item.pos().y() + style.GROUP_HEADER))
            text, font_px, centred = element.label, style.GROUP_FONT_PX, False
            bold = True
        elif isinstance(item, ConnectorItem):
            rect = item.label_rect()
            rect = QRectF(rect.center().x() - 80, rect.center().y() - 11, 160, 22)
            text, font_px, centred = element.label, style.CONNECTOR_FONT_PX, True
        else:
            return False
        self.item_id = item_id
        self._editor = LabelEditorItem(self, text, rect, font_px, centred, bold)
        self.scene.addItem(self._editor)
        self._editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def commit(self, refocus: bool = False) -> None:
        """Apply the edited text (one Relabel when it changed) and close the editor."""
        editor = self._close(refocus)
        if editor is None:
            return
        from app.canvas import operations

        item_id, self.item_id = self.item_id, ""
        if self.scene.item_for(item_id) is not None:
            operations.rename(self.scene.editor, item_id, editor.toPlainText())

    def cancel(self, refocus: bool = False) -> None:
        self._close(refocus)
        self.item_id = ""

    def forget(self, item_id: str) -> None:
        """The element went away (undo, another view): drop the editor without committing."""
        if item_id == self.item_id:
            self.cancel()

    def contains(self, scene_pos: QPointF) -> bool:
        return self._editor is not None and self._editor.sceneBoundingRect().contains(scene_pos)

    def apply_theme(self) -> None:
        if self._editor is not None:
            self._editor.apply_theme()

    def _close(self, refocus: bool) -> LabelEditorItem | None:
        """Remove the editor; ``refocus`` gives the keyboard back to the canvas (Enter, Escape)."""
        editor, self._editor = self._editor, None
        if editor is not None:
            editor.clearFocus()
            self.scene.removeItem(editor)
            views = self.scene.views()
            if refocus and views:
                views[0].setFocus(Qt.FocusReason.OtherFocusReason)
        return editor
