"""The canvas scene: a Board whose mouse, key and context-menu events go to one current tool.

The board (board.py) draws the document and keeps the selection; the toolbox (tools/) says which
tool answers input now. Every event is offered to that tool first; what it leaves goes to Qt's
default handling (item selection, the view's rubber band, a focused text item).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGraphicsSceneContextMenuEvent, QGraphicsSceneMouseEvent

from app.canvas.board import Board
from app.canvas.tools.base import Tool
from app.canvas.tools.box import Toolbox
from app.editor import Editor


class CanvasScene(Board):
    """Shows one Editor's document and routes input to the current tool."""

    def __init__(self, editor: Editor, parent: Any = None) -> None:
        super().__init__(editor, parent)
        self.tools = Toolbox(self)
        self.rebuild()

    @property
    def tool(self) -> Tool:
        """The tool answering input now (the idle select tool between gestures)."""
        return self.tools.current

    def edit_label(self, item_id: str) -> bool:
        """Open the in-place label editor on an element; Enter commits, Escape cancels."""
        return self.tools.edit_label(item_id)

    def takes_key(self, event: QKeyEvent) -> bool:
        """Whether the canvas uses this key before the window's shortcuts (the view asks)."""
        return self.tool.takes_key(event)

    # ----- hooks of the board -----------------------------------------------------------------------
    def forget_item(self, item_id: str) -> None:
        self.tool.forget(item_id)

    def cancel_input(self) -> None:
        self.tools.cancel()

    # ----- routing input ----------------------------------------------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.reveal_near(event.scenePos())
        if not self.tool.mouse_press(event):
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if not self.tool.mouse_move(event):
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if not self.tool.mouse_release(event):
            super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.reveal_near(event.scenePos())
        if not self.tool.double_click(event):
            super().mouseDoubleClickEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab (QGraphicsScene takes them before keyPressEvent): between gestures they step
        through the blocks; False lets them move the keyboard off the canvas."""
        if self.tool is self.tools.idle:
            return self.tools.idle.step_focus(next)
        return super().focusNextPrevChild(next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.tool.key_press(event):
            event.accept()
        else:
            super().keyPressEvent(event)

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:
        self.reveal_near(event.scenePos())
        if not self.tool.context_menu(event):
            super().contextMenuEvent(event)
