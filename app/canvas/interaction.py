"""Mouse tools of the canvas: moving the selection and drawing a connector from a block's handle.

A drag moves only the items; one command is pushed on release: the DragMove, plus the group
membership changes when a block was dropped into or dragged out of a frame (one undo step). A
connection drag draws a temporary arrow and pushes one Connect when released over another block.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainterPath, QPen
from PySide6.QtWidgets import QApplication, QGraphicsPathItem, QGraphicsScene, QGraphicsSceneMouseEvent

from app.canvas import convert, painting
from app.canvas.geometry import border_point, connector_line
from app.canvas.items import BlockItem, ConnectorItem
from app.canvas.items.base import Z_TOOL
from app.canvas.moves import DragMove, regroup, with_members
from components.commands import Macro

if TYPE_CHECKING:
    from app.canvas.scene import CanvasScene


def _as_ctrl(event: QGraphicsSceneMouseEvent) -> None:
    """Shift-click toggles selection like Ctrl-click (Qt only knows Ctrl)."""
    mods = event.modifiers()
    if mods & Qt.KeyboardModifier.ShiftModifier:
        event.setModifiers(mods | Qt.KeyboardModifier.ControlModifier)


class MoveTool:
    """Drags the selected blocks, notes and groups (a group takes its members along)."""

    def __init__(self, scene: CanvasScene) -> None:
        self.scene = scene
        self.armed = False
        self.dragging = False
        self._press = QPointF()
        self._anchor = ""
        self._origins: dict[str, QPointF] = {}
        self._blocks: list[str] = []

    def press(self, event: QGraphicsSceneMouseEvent) -> bool:
        """Let Qt update the selection, then arm a drag if the press landed on a selected item."""
        self.cancel()
        item = self.scene.canvas_item_at(event.scenePos())
        _as_ctrl(event)
        QGraphicsScene.mousePressEvent(self.scene, event)
        if (event.button() == Qt.MouseButton.LeftButton and item is not None
                and not isinstance(item, ConnectorItem) and item.isSelected()):
            self.armed = True
            self._press = event.scenePos()
            self._anchor = item.item_id
        return True

    def move(self, event: QGraphicsSceneMouseEvent) -> bool:
        if not self.armed or not event.buttons() & Qt.MouseButton.LeftButton:
            return False
        if not self.dragging:
            moved = (event.screenPos() - event.buttonDownScreenPos(Qt.MouseButton.LeftButton)).manhattanLength()
            if moved < QApplication.startDragDistance():
                return True
            self._start()
        delta = event.scenePos() - self._press
        anchor = self._origins.get(self._anchor)
        if anchor is not None:
            delta = self.scene.snap_point(anchor + delta) - anchor
        before = self._live_area()
        for item_id, origin in self._origins.items():
            item = self.scene.item_for(item_id)
            if item is not None:
                item.setPos(origin + delta)
        self.scene.refresh_connectors(self._blocks)
        if self.scene.overview_mode:  # content-less items do not repaint themselves
            self.scene.overview.update(before.united(self._live_area()))
        return True

    def _live_area(self) -> QRectF:
        area = QRectF()
        if self.scene.overview_mode:
            for item_id in self.scene.overview.live:
                item = self.scene.item_for(item_id)
                if item is not None:
                    area = area.united(item.sceneBoundingRect())
        return area

    def release(self, event: QGraphicsSceneMouseEvent) -> bool:
        """Push the one move command of the drag; True when a drag ended."""
        _as_ctrl(event)
        if not self.dragging or event.button() != Qt.MouseButton.LeftButton:
            self.armed = False
            return False
        self.scene.settle_hover(event.scenePos())
        positions: dict[str, tuple[float, float]] = {}
        for item_id, origin in self._origins.items():
            item = self.scene.item_for(item_id)
            if item is not None and item.pos() != origin:
                positions[item_id] = (item.pos().x(), item.pos().y())
        if not positions:
            self._finish()
            return True
        doc = self.scene.doc
        move = DragMove(positions, "Move")
        regrouped = regroup(doc, positions)
        command = Macro("Move", [move, *regrouped]) if regrouped else move
        if not self.scene.editor.push(command):
            self._restore()
        self._finish()
        return True

    def cancel(self) -> None:
        """Abandon a drag in progress, putting the items back where the model has them."""
        if self.dragging:
            self._restore()
        self._finish()

    def _start(self) -> None:
        doc = self.scene.doc
        ids = with_members(doc, self.scene.selected_ids())
        self._origins = {}
        for item_id in ids:
            item = self.scene.item_for(item_id)
            if item is not None:
                self._origins[item_id] = QPointF(item.pos())
        self._blocks = [i for i in ids if isinstance(self.scene.item_for(i), BlockItem)]
        if self.scene.overview_mode:
            self.scene.overview.begin_live(set(ids) | doc.connector_ids_of(self._blocks))
        self.dragging = True
        self.scene.handles_visible = False

    def _restore(self) -> None:
        for item_id in list(self._origins):
            item = self.scene.item_for(item_id)
            if item is not None:
                item.sync()
        self.scene.refresh_connectors(self._blocks)

    def _finish(self) -> None:
        if self.scene.overview.live:
            self.scene.overview.end_live()
        self.armed = False
        self.dragging = False
        self._origins = {}
        self._blocks = []
        self.scene.handles_visible = True


class ConnectTool:
    """Draws a new connector from a block's edge handle to the block it is released over."""

    def __init__(self, scene: CanvasScene) -> None:
        self.scene = scene
        self.source = ""
        self._preview: QGraphicsPathItem | None = None

    @property
    def active(self) -> bool:
        return bool(self.source)

    def press(self, event: QGraphicsSceneMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton or event.modifiers() != Qt.KeyboardModifier.NoModifier:
            return False
        item = self.scene.canvas_item_at(event.scenePos())
        if not isinstance(item, BlockItem) or item.handle_at(event.scenePos()) is None:
            return False
        self.source = item.item_id
        self._preview = QGraphicsPathItem()
        self._preview.setZValue(Z_TOOL)
        pen = QPen(painting.colour(self.scene.theme.selection), 1.8, Qt.PenStyle.DashLine)
        self._preview.setPen(pen)
        self.scene.addItem(self._preview)
        self.scene.handles_visible = False
        self._draw(event.scenePos())
        event.accept()
        return True

    def move(self, event: QGraphicsSceneMouseEvent) -> bool:
        if not self.active:
            return False
        target = self._target_at(event.scenePos())
        self._set_target(target.item_id if target else "")
        self._draw(event.scenePos())
        return True

    def release(self, event: QGraphicsSceneMouseEvent) -> bool:
        """Connect to the block under the cursor (or cancel); True when a connection drag ended."""
        if not self.active:
            return False
        target = self._target_at(event.scenePos())
        source = self.source
        self.cancel()
        self.scene.settle_hover(event.scenePos())
        if target is not None:
            self.connect(source, target.item_id)
        event.accept()
        return True

    def connect(self, source: str, target: str) -> str | None:
        """Connect with the catalog's default flow for the two kinds (app/canvas/convert.py); the new id or None."""
        if source == target:
            return None
        return convert.connect(self.scene.editor, source, target, self.scene.statusMessage.emit, self.scene.select_ids)

    def cancel(self) -> None:
        if self._preview is not None:
            self.scene.removeItem(self._preview)
            self._preview = None
        self._set_target("")
        self.source = ""
        self.scene.handles_visible = True

    def forget(self, item_id: str) -> None:
        if item_id in (self.source, self.scene.connect_target):
            self.cancel()

    def _target_at(self, pos: QPointF) -> BlockItem | None:
        for item in self.scene.items(pos):
            if isinstance(item, BlockItem) and item.item_id != self.source:
                return item
        return None

    def _set_target(self, item_id: str) -> None:
        previous = self.scene.connect_target
        if previous == item_id:
            return
        self.scene.connect_target = item_id
        for changed in (previous, item_id):
            item = self.scene.item_for(changed) if changed else None
            if item is not None:
                item.update()

    def _draw(self, pos: QPointF) -> None:
        source = self.scene.item_for(self.source)
        if self._preview is None or not isinstance(source, BlockItem):
            return
        target = self.scene.item_for(self.scene.connect_target)
        if isinstance(target, BlockItem):
            line = connector_line(source.scene_frame(), target.scene_frame())
        else:
            line = QLineF(border_point(source.scene_frame(), pos), pos)
        path = QPainterPath(line.p1())
        path.lineTo(line.p2())
        path.addPath(painting.arrow_head(line, "open"))
        self._preview.setPath(path)
