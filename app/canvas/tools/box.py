"""The toolbox: which tool answers the scene's input now.

The idle tool (selection, keys, context menus) is current between gestures; a gesture starts its own
tool (a move on pressing a selected item, a connection on pressing a handle, a bend on pressing a
selected elbow connector's handle, a label editor on a double-click or F2), which hands back to the idle tool when it is done or cancelled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.canvas.tools.base import Tool
from app.canvas.tools.select import SelectTool

if TYPE_CHECKING:
    from app.canvas.board import Board


class Toolbox:
    """The current tool of one board, and the idle tool it returns to."""

    def __init__(self, board: Board) -> None:
        self.board = board
        self.idle = SelectTool(self)
        self.current: Tool = self.idle

    def use(self, tool: Tool) -> None:
        """Make ``tool`` current, cancelling a gesture still in progress."""
        if self.current is not self.idle and self.current is not tool:
            self.current.cancel()
        self.current = tool

    def finished(self, tool: Tool) -> None:
        if self.current is tool:
            self.current = self.idle

    def cancel(self) -> None:
        self.current.cancel()

    def edit_label(self, item_id: str) -> bool:
        """Open the in-place label editor on an element; Enter commits, Escape cancels (its module, with
        Qt's text item and style classes, is loaded at the first edit: ~5 ms of every start)."""
        from app.canvas.tools.label_edit import LabelEditTool

        if isinstance(self.current, LabelEditTool):
            self.current.commit()
        tool = LabelEditTool.open(self, item_id)
        if tool is None:
            return False
        self.use(tool)
        return True
