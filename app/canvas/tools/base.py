"""What every tool shares: one handler per kind of scene input, each saying whether it used the event.

The scene hands every mouse, key and context-menu event to the toolbox's current tool; a handler
that returns False leaves the event to Qt's default handling (selection clicks, the view's rubber
band, keys for a focused text item). A tool that is done hands control back to the idle tool.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGraphicsSceneContextMenuEvent, QGraphicsSceneMouseEvent

if TYPE_CHECKING:
    from app.canvas.board import Board
    from app.canvas.tools.box import Toolbox


class Tool:
    """One way of answering input on the board (select, move, connect, edit a label)."""

    takes_text = False  # keys go to a text editor: the view leaves Space and Ctrl+/- to it

    def __init__(self, box: Toolbox) -> None:
        self.box = box
        self.board: Board = box.board

    def mouse_press(self, event: QGraphicsSceneMouseEvent) -> bool:
        return False

    def mouse_move(self, event: QGraphicsSceneMouseEvent) -> bool:
        return False

    def mouse_release(self, event: QGraphicsSceneMouseEvent) -> bool:
        return False

    def double_click(self, event: QGraphicsSceneMouseEvent) -> bool:
        return False

    def key_press(self, event: QKeyEvent) -> bool:
        return False

    def context_menu(self, event: QGraphicsSceneContextMenuEvent) -> bool:
        return False

    def takes_key(self, event: QKeyEvent) -> bool:
        """Whether this key is the canvas's before any window shortcut on it (ShortcutOverride)."""
        return False

    def cancel(self) -> None:
        """Stop without changing the model, putting back what the drawing showed before."""
        self.done()

    def forget(self, item_id: str) -> None:
        """An element went away (undo, another view); a tool working on it cancels."""

    def done(self) -> None:
        self.box.finished(self)


class GestureTool(Tool):
    """A tool in the middle of a mouse gesture (a move, a connection, a bend): Escape abandons it; other
    keys do what they do without it."""

    def escapes(self) -> bool:
        """Whether Escape has something to abandon now."""
        return True

    def key_press(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape and self.escapes():
            self.cancel()
            return True
        return self.box.idle.key_press(event)

    def takes_key(self, event: QKeyEvent) -> bool:
        return self.box.idle.takes_key(event)


def as_ctrl(event: QGraphicsSceneMouseEvent) -> None:
    """Shift-click toggles selection like Ctrl-click (Qt only knows Ctrl)."""
    mods = event.modifiers()
    if mods & Qt.KeyboardModifier.ShiftModifier:
        event.setModifiers(mods | Qt.KeyboardModifier.ControlModifier)
