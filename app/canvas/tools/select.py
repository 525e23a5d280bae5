"""The idle tool: selection clicks, the canvas's keys and context menus, and starting the other tools.

A press on a block's handle starts a connection, a press on a selected item arms a move, a press on
empty canvas is left to Qt (the view's rubber band); a double-click or F2 opens the label editor.
Consecutive arrow-key nudges merge into one undo step while nothing else happens: the run number
changes in ``_new_run`` only, on any other press, key or selection change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneContextMenuEvent, QGraphicsSceneMouseEvent

from app.canvas import operations
from app.canvas.items import BlockItem, ConnectorItem
from app.canvas.tools import keys, menus
from app.canvas.tools.base import Tool, as_ctrl
from app.canvas.tools.connect import ConnectTool
from app.canvas.tools.move import MoveTool
from app.canvas.tools.waypoint import WaypointTool, remove_waypoint
from components.catalog import spec

if TYPE_CHECKING:
    from app.canvas.tools.box import Toolbox


class SelectTool(Tool):
    """Current whenever no gesture is in progress."""

    def __init__(self, box: Toolbox) -> None:
        super().__init__(box)
        self._run = 0
        self.board.selectionChanged.connect(self._new_run)

    def _new_run(self) -> None:
        self._run += 1

    def mouse_press(self, event: QGraphicsSceneMouseEvent) -> bool:
        self._new_run()
        board = self.board
        pos = event.scenePos()
        item = board.canvas_item_at(pos)
        left = event.button() == Qt.MouseButton.LeftButton
        plain = left and event.modifiers() == Qt.KeyboardModifier.NoModifier
        if plain and isinstance(item, BlockItem) and item.handle_at(pos) is not None:
            self.box.use(ConnectTool(self.box, item.item_id, pos))
            event.accept()
            return True
        handle = item.handle_at(pos) if plain and isinstance(item, ConnectorItem) else None
        if handle is not None and isinstance(item, ConnectorItem):
            self.box.use(WaypointTool(self.box, item, handle))
            event.accept()
            return True
        as_ctrl(event)
        QGraphicsScene.mousePressEvent(board, event)  # Qt updates the selection first
        if left and item is not None and not isinstance(item, ConnectorItem) and item.isSelected():
            self.box.use(MoveTool(self.box, item.item_id, pos))
        return True

    def mouse_release(self, event: QGraphicsSceneMouseEvent) -> bool:
        as_ctrl(event)
        return False

    def double_click(self, event: QGraphicsSceneMouseEvent) -> bool:
        item = self.board.canvas_item_at(event.scenePos())
        if item is None:
            return False
        handle = item.handle_at(event.scenePos()) if isinstance(item, ConnectorItem) else None
        if handle is not None and handle.kind == "waypoint" and isinstance(item, ConnectorItem):
            remove_waypoint(self.board, item, handle.position)
            event.accept()
            return True
        self.box.edit_label(item.item_id)
        event.accept()
        return True

    def takes_key(self, event: QKeyEvent) -> bool:
        if keys.is_tab(event):
            return bool(self.board.doc.diagram.blocks)
        return keys.handles(event) and (bool(self.board.selected_ids()) or event.key() == Qt.Key.Key_Escape)

    def key_press(self, event: QKeyEvent) -> bool:
        """Act on one of the canvas's keys; True when the canvas used it."""
        board = self.board
        step = keys.nudge_step(event, board.grid_size)
        if step is None and not keys.is_modifier(event):
            self._new_run()  # a bare Shift between arrows keeps the run
        if not keys.handles(event):
            return False
        key = event.key()
        if key == Qt.Key.Key_Escape:
            board.clearSelection()
            return True
        ids = board.selected_ids()
        if step is not None:
            if ids:
                operations.nudge(board.editor, ids, *step, run=self._run)
            return bool(ids)
        if key in keys.DELETE_KEYS:
            if ids:
                operations.delete(board.editor, ids)
            return bool(ids)
        if key == Qt.Key.Key_F2:
            return bool(ids) and self.box.edit_label(ids[0])
        return False

    def step_focus(self, forward: bool) -> bool:
        """Tab / Shift+Tab: ring and select the next or previous block, and say which it is."""
        board = self.board
        chosen = board.keyboard.step(forward)
        if not chosen:
            return False  # no block: Tab leaves the canvas as usual
        order = board.keyboard.order()
        block = board.doc.block(chosen)
        name = spec(block.kind).name
        label = f"{block.label} ({name})" if block.label.strip() and block.label != name else name
        board.statusMessage.emit(f"{label}: block {order.index(chosen) + 1} of {len(order)} "
                                 "(Tab, Shift+Tab; Ctrl+Tab leaves)")
        return True

    def context_menu(self, event: QGraphicsSceneContextMenuEvent) -> bool:
        board = self.board
        item = board.canvas_item_at(event.scenePos())
        if item is not None and not item.isSelected():
            board.select_ids([item.item_id])
        menu = menus.context_menu(self.box, event.scenePos(), item, event.widget())
        menu.exec(event.screenPos())
        event.accept()
        return True
