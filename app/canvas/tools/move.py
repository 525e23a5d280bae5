"""The move tool: drags the selected blocks, notes and groups (a group takes its members along).

A drag moves only the items; one command is pushed on release: the DragMove, plus the group
membership changes when a block was dropped into or dragged out of a frame (one undo step). On the
way the selection snaps to the grid and, nearer still, to the edges and centres of the blocks and
notes in sight, with guide lines showing what it lines up with (tools/snapping.py); Ctrl or Alt held
during the drag moves freely.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtWidgets import QApplication, QGraphicsSceneMouseEvent

from app.canvas.items import BlockItem
from app.canvas.items.base import BoxItem
from app.canvas.moves import DragMove, regroup, with_members
from app.canvas.tools.base import GestureTool, as_ctrl
from app.canvas.tools.snapping import DragGuides
from components.commands import Macro

if TYPE_CHECKING:
    from app.canvas.tools.box import Toolbox


class MoveTool(GestureTool):
    """Armed by a press on a selected item; moves the selection once the mouse has gone the
    platform's drag distance, and pushes the move on release."""

    def __init__(self, box: Toolbox, anchor: str, press: QPointF) -> None:
        super().__init__(box)
        self.dragging = False
        self._press = QPointF(press)
        self._anchor = anchor
        self._origins: dict[str, QPointF] = {}
        self._blocks: list[str] = []
        self._guides: DragGuides | None = None
        self._start_box = QRectF()  # the dragged boxes' bounds where the drag began

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
        raw = event.scenePos() - self._press
        delta = QPointF(raw)
        # Ctrl or Alt held once the drag is under way: no grid, no guides (a window manager may keep
        # Alt+press for itself, and Ctrl+press toggles the selection, so both come after the press)
        free = bool(event.modifiers() & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier))
        anchor = self._origins.get(self._anchor)
        if anchor is not None and not free:
            delta = board.snap_point(anchor + raw) - anchor
        if self._guides is not None:
            if free:
                self._guides.clear()
            else:
                start = self._start_box
                delta = self._guides.place(start.translated(raw), start.translated(delta)) - start.topLeft()
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

    def escapes(self) -> bool:
        """Only a drag under way: a press not yet moved leaves Escape to the idle tool (it clears the selection)."""
        return self.dragging

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
        board.dragged = set(ids)
        self._start_box = QRectF()
        for item_id in self._origins:
            item = board.item_for(item_id)
            if isinstance(item, BoxItem):
                self._start_box = self._start_box.united(item.scene_frame())
        self._guides = DragGuides(board, self._origins)
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
        self.board.dragged = set()  # back where the block index has them: routes go round them again
        for item_id in list(self._origins):
            item = self.board.item_for(item_id)
            if item is not None:
                item.sync()
        self.board.refresh_connectors(self._blocks)

    def guide_lines(self) -> list[QLineF]:
        """The guide lines shown now (for tests and the curious)."""
        return self._guides.lines() if self._guides is not None else []

    def _finish(self) -> None:
        board = self.board
        if self._guides is not None:
            self._guides.clear()
            self._guides = None
        if board.overview.live:
            board.overview.end_live()
        self.dragging = False
        self._origins = {}
        self._blocks = []
        board.moving = False
        board.dragged = set()
        board.handles_visible = True
        self.done()
