"""The label tool: in-place label editing, a text item over the element's label; Enter commits,
Escape cancels.

Committing pushes one Relabel (through operations.rename); the item itself never stores the text.
Shift+Enter inserts a line break (labels may have several lines; notes usually do). While it is open
the keys go to the text item; a press or a right-click elsewhere commits, then acts as usual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QTextCursor, QTextOption
from PySide6.QtWidgets import (
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsTextItem,
    QStyle,
    QStyleOptionGraphicsItem,
    QWidget,
)

from app.canvas import operations, painting
from app.canvas.items import BlockItem, ConnectorItem, GroupItem, NoteItem
from app.canvas.items.base import Z_EDITOR
from app.canvas.items.block_item import label_rect
from app.canvas.tools.base import Tool
from components import style

if TYPE_CHECKING:
    from app.canvas.tools.box import Toolbox


class LabelEditorItem(QGraphicsTextItem):
    """The editing widget; tells its LabelEditTool when to commit or cancel."""

    def __init__(self, owner: LabelEditTool, text: str, rect: QRectF, font_px: int, centred: bool,
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
        self.setDefaultTextColor(painting.colour(self.owner.board.theme.text))
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        theme = self.owner.board.theme
        painter.setPen(painting.pen(theme.selection, 1.5))
        painter.setBrush(painting.brush(theme.block_fill))
        painter.drawRoundedRect(self.boundingRect(), 3, 3)
        plain = QStyleOptionGraphicsItem(option)  # no dashed focus/selection frame from Qt
        plain.state = plain.state & ~(QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_Selected)
        super().paint(painter, plain, widget)  # type: ignore[arg-type]  # Qt takes no widget (None); the stubs do not

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


def _editor_place(item: BlockItem | NoteItem | GroupItem | ConnectorItem) -> tuple[str, QRectF, int, bool, bool]:
    """Where the editor of an element's label goes: (text, scene rect, font px, centred, bold)."""
    element = item.model()
    if isinstance(item, BlockItem):
        local = label_rect(item.frame().width(), item.frame().height())
        return element.label, QRectF(item.mapToScene(local.topLeft()), local.size()), style.LABEL_FONT_PX, True, True
    if isinstance(item, NoteItem):
        local = item.text_rect()
        return element.text, QRectF(item.mapToScene(local.topLeft()), local.size()), style.NOTE_FONT_PX, False, False
    if isinstance(item, GroupItem):
        rect = QRectF(item.pos() + QPointF(8, 2), QPointF(item.pos().x() + 260, item.pos().y() + style.GROUP_HEADER))
        return element.label, rect, style.GROUP_FONT_PX, False, True
    middle = item.label_rect().center()
    return element.label, QRectF(middle.x() - 80, middle.y() - 11, 160, 22), style.CONNECTOR_FONT_PX, True, False


class LabelEditTool(Tool):
    """At most one label editor per scene: the current tool while it is open."""

    takes_text = True

    def __init__(self, box: Toolbox, item_id: str, text: str, rect: QRectF, font_px: int, centred: bool,
                 bold: bool) -> None:
        super().__init__(box)
        self.item_id = item_id
        self._open = True
        self._editor = LabelEditorItem(self, text, rect, font_px, centred, bold)
        self.board.addItem(self._editor)
        self._editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.board.themeChanged.connect(self._retheme)
        self._hide_label(True)

    @classmethod
    def open(cls, box: Toolbox, item_id: str) -> LabelEditTool | None:
        """The editor on an element's label (block, connector, group) or a note's text; None when
        there is no such element."""
        item = box.board.item_for(item_id)
        if not isinstance(item, (BlockItem, NoteItem, GroupItem, ConnectorItem)):
            return None
        return cls(box, item_id, *_editor_place(item))

    @property
    def active(self) -> bool:
        return self._open

    def mouse_press(self, event: QGraphicsSceneMouseEvent) -> bool:
        """A press inside the editor edits text (Qt's default); elsewhere it commits first."""
        if self._editor.sceneBoundingRect().contains(event.scenePos()):
            return False
        self.commit()
        return self.box.current.mouse_press(event)

    def context_menu(self, event: QGraphicsSceneContextMenuEvent) -> bool:
        self.commit()
        return self.box.current.context_menu(event)

    def commit(self, refocus: bool = False) -> None:
        """Apply the edited text (one Relabel when it changed) and close the editor."""
        if not self._close(refocus):
            return
        if self.board.item_for(self.item_id) is not None:
            operations.rename(self.board.editor, self.item_id, self._editor.toPlainText())

    def cancel(self, refocus: bool = False) -> None:
        self._close(refocus)

    def forget(self, item_id: str) -> None:
        """The element went away (undo, another view): drop the editor without committing."""
        if item_id == self.item_id:
            self.cancel()

    def _retheme(self, _name: str) -> None:
        self._editor.apply_theme()

    def _hide_label(self, hidden: bool) -> None:
        """The element's own label is not drawn under the open editor."""
        item = self.board.item_for(self.item_id)
        if item is not None:
            item.hide_text(hidden)

    def _close(self, refocus: bool) -> bool:
        """Remove the editor (False when it was closed already); ``refocus`` gives the keyboard back
        to the canvas (Enter, Escape)."""
        if not self._open:
            return False
        self._open = False  # first: clearing the focus below calls commit() again
        self.board.themeChanged.disconnect(self._retheme)
        self._editor.clearFocus()
        self.board.removeItem(self._editor)
        self._hide_label(False)
        self.done()
        views = self.board.views()
        if refocus and views:
            views[0].setFocus(Qt.FocusReason.OtherFocusReason)
        return True
