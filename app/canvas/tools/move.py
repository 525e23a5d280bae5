"""The move tool: drags the selected blocks, notes and groups (a group takes its members along).

A drag moves only the items; one command is pushed on release: the DragMove, plus the group
membership changes when a block was dropped into or dragged out of a frame (one undo step).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QGraphicsSceneMouseEvent

from app.canvas.items import BlockItem
from app.canvas.moves import DragMove, regroup, with_members
from app.canvas.tools.base import Tool, as_ctrl
from components.commands import Macro

if TYPE_CHECKING:
    from app.canvas.tools.box import Toolbox


class MoveTool(Tool):
    """Armed by a press on a selected item; moves the selection once the mouse has gone the
    platform's drag distance, and pushes the move on release."""

    def __init__(self, box: Toolbox, anchor: str, press: QPointF) -> None:
        super().__init__(box)
        self.dragging = False
        self._press = QPointF(press)
        self._anchor = anchor
        self._origins: dict[str, QPointF] = {}
        self._blocks: list[str] = []

    def mouse_press(self, event: QGraphicsSceneMouseEvent) -> bool:
        """Another press ends this gesture; the idle tool takes the new one."""
        self.cancel()
        return self.box.current.mouse_press(event)

    def mouse_move(self, event: QGraphicsSceneMouseEvent) -> bool:
        if not event.buttons() & Qt.MouseButton.LeftButton:
            return False
        if not self.dragging:
            moved = (event.screenPos() - event.buttonDownScreenPos(Qt.MouseButton.LeftButton)).manhattanLength()
            if moved < QApplication.startDragDistance():
                return True
            self._start()
        board = self.board
        delta = event.scenePos() - self._press
        anchor = self._origins.get(self._anchor)
        if anchor is not None:
            delta = board.snap_point(anchor + delta) - anchor
        before = self._live_area()
        for item_id, origin in self._origins.items():
            item = board.item_for(item_id)
            if item is not None:
                item.setPos(origin + delta)
        board.refresh_connectors(self._blocks)
        if board.overview_mode:  # content-less items do not repaint themselves
            board.overview.update(before.united(self._live_area()))
        return True

    def mouse_release(self, event: QGraphicsSceneMouseEvent) -> bool:
        """Push the one move command of the drag. Qt's own release handling runs after it either
        way (a click without a drag selects just the clicked item)."""
        as_ctrl(event)
        if not self.dragging or event.button() != Qt.MouseButton.LeftButton:
            self.done()
            return False
        self.board.settle_hover(event.scenePos())
        positions: dict[str, tuple[float, float]] = {}
        for item_id, origin in self._origins.items():
            item = self.board.item_for(item_id)
            if item is not None and item.pos() != origin:
                positions[item_id] = (item.pos().x(), item.pos().y())
        if positions:
            move = DragMove(positions, "Move")
            regrouped = regroup(self.board.doc, positions)
            if not self.board.editor.push(Macro("Move", [move, *regrouped]) if regrouped else move):
                self._restore()
        self._finish()
        return False

    def key_press(self, event: QKeyEvent) -> bool:
        """Escape abandons the drag; other keys do what they do without one."""
        if event.key() == Qt.Key.Key_Escape and self.dragging:
            self.cancel()
            return True
        return self.box.idle.key_press(event)

    def takes_key(self, event: QKeyEvent) -> bool:
        return self.box.idle.takes_key(event)

    def cancel(self) -> None:
        """Abandon the drag, putting the items back where the model has them."""
        if self.dragging:
            self._restore()
        self._finish()

    def forget(self, item_id: str) -> None:
        self.cancel()  # the model changed under the drag: start again from it

    def _start(self) -> None:
        board = self.board
        ids = with_members(board.doc, board.selected_ids())
        self._origins = {}
        for item_id in ids:
            item = board.item_for(item_id)
            if item is not None:
                self._origins[item_id] = QPointF(item.pos())
        self._blocks = [i for i in ids if isinstance(board.item_for(i), BlockItem)]
        if board.overview_mode:
            board.overview.begin_live(set(ids) | board.doc.connector_ids_of(self._blocks))
        self.dragging = True
        board.moving = True
        board.handles_visible = False

    def _live_area(self) -> QRectF:
        area = QRectF()
        if self.board.overview_mode:
            for item_id in self.board.overview.live:
                item = self.board.item_for(item_id)
                if item is not None:
                    area = area.united(item.sceneBoundingRect())
        return area

    def _restore(self) -> None:
        for item_id in list(self._origins):
            item = self.board.item_for(item_id)
            if item is not None:
                item.sync()
        self.board.refresh_connectors(self._blocks)

    def _finish(self) -> None:
        board = self.board
        if board.overview.live:
            board.overview.end_live()
        self.dragging = False
        self._origins = {}
        self._blocks = []
        board.moving = False
        board.handles_visible = True
        self.done()
