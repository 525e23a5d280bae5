"""The connect tool: draws a new connector from a block's edge handle to the block it is released over.

A temporary dashed arrow follows the mouse; the block under it is highlighted; one Connect (with the
catalog's default flow for the two kinds) is pushed on release over another block.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsSceneMouseEvent

from app.canvas import painting
from app.canvas.geometry import border_point, connector_line
from app.canvas.items import BlockItem
from app.canvas.items.base import Z_TOOL
from app.canvas.tools.base import GestureTool

if TYPE_CHECKING:
    from app.canvas.tools.box import Toolbox


class ConnectTool(GestureTool):
    """Started by a press on a block's handle; ends on release (connected or not) or Escape."""

    def __init__(self, box: Toolbox, source: str, pos: QPointF) -> None:
        super().__init__(box)
        self.source = source
        self._preview = QGraphicsPathItem()
        self._preview.setZValue(Z_TOOL)
        self._preview.setPen(QPen(painting.colour(self.board.theme.selection), 1.8, Qt.PenStyle.DashLine))
        self.board.addItem(self._preview)
        self.board.handles_visible = False
        self._draw(pos)

    def mouse_press(self, event: QGraphicsSceneMouseEvent) -> bool:
        self.cancel()
        return self.box.current.mouse_press(event)

    def mouse_move(self, event: QGraphicsSceneMouseEvent) -> bool:
        target = self._target_at(event.scenePos())
        self._set_target(target.item_id if target else "")
        self._draw(event.scenePos())
        return True

    def mouse_release(self, event: QGraphicsSceneMouseEvent) -> bool:
        """Connect to the block under the cursor (or just stop)."""
        target = self._target_at(event.scenePos())
        source = self.source
        self.cancel()
        self.board.settle_hover(event.scenePos())
        if target is not None:
            self.connect(source, target.item_id)
        event.accept()
        return True

    def connect(self, source: str, target: str) -> str | None:
        """Connect with the catalog's default flow for the two kinds (the board says so); the new id or None."""
        if source == target:
            return None
        return self.board.connect_blocks(source, target)

    def cancel(self) -> None:
        if self._preview.scene() is not None:
            self.board.removeItem(self._preview)
        self._set_target("")
        self.board.handles_visible = True
        self.done()

    def forget(self, item_id: str) -> None:
        if item_id in (self.source, self.board.connect_target):
            self.cancel()

    def _target_at(self, pos: QPointF) -> BlockItem | None:
        for item in self.board.items(pos):
            if isinstance(item, BlockItem) and item.item_id != self.source:
                return item
        return None

    def _set_target(self, item_id: str) -> None:
        previous = self.board.connect_target
        if previous == item_id:
            return
        self.board.connect_target = item_id
        for changed in (previous, item_id):
            item = self.board.item_for(changed) if changed else None
            if item is not None:
                item.update()

    def _draw(self, pos: QPointF) -> None:
        source = self.board.item_for(self.source)
        if not isinstance(source, BlockItem):
            return
        target = self.board.item_for(self.board.connect_target)
        if isinstance(target, BlockItem):
            line = connector_line(source.scene_frame(), target.scene_frame())
        else:
            line = QLineF(border_point(source.scene_frame(), pos), pos)
        path = QPainterPath(line.p1())
        path.lineTo(line.p2())
        path.addPath(painting.arrow_head(line, "open"))
        self._preview.setPath(path)
