"""The waypoint tool: bends a selected elbow connector by dragging one of its handles.

A square handle is a waypoint: dragging moves it. A dot on an inner segment moves that segment
sideways (a vertical one left or right, a horizontal one up or down): its two ends become waypoints on
the new line (components/export/elbow.py, segment_moved). A route too short for inner segments has a
dot on each segment that drops one waypoint where it is let go. While dragging only the item is
routed again (through the board, as every route); one SetWaypoints is pushed on release, one undo
step. Escape puts the route back. (Double-clicking a waypoint removes it: the select tool does that.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication, QGraphicsSceneMouseEvent

from app.canvas.items import ConnectorItem
from app.canvas.items.connector_item import Handle
from app.canvas.tools.base import GestureTool
from components.commands import SetWaypoints
from components.export import elbow

if TYPE_CHECKING:
    from app.canvas.board import Board
    from app.canvas.tools.box import Toolbox


def waypoints_of(item: ConnectorItem) -> list[tuple[float, float]]:
    return [(w.x, w.y) for w in item.model().waypoints or ()]


def remove_waypoint(board: Board, item: ConnectorItem, position: int) -> bool:
    """Take one waypoint out of an elbow connector (one undo step)."""
    points = waypoints_of(item)
    if not 0 <= position < len(points):
        return False
    del points[position]
    return board.editor.push(SetWaypoints(item.item_id, points, "Remove waypoint"))


class WaypointTool(GestureTool):
    """Started by a press on a handle of a selected elbow connector; ends on release or Escape."""

    def __init__(self, box: Toolbox, item: ConnectorItem, handle: Handle) -> None:
        super().__init__(box)
        self.connector_id = item.item_id
        self.dragging = False
        self._handle = handle
        self._route = item.route()
        self._before = waypoints_of(item)
        self._points = list(self._before)

    def _item(self) -> ConnectorItem | None:
        item = self.board.item_for(self.connector_id)
        return item if isinstance(item, ConnectorItem) else None

    def mouse_press(self, event: QGraphicsSceneMouseEvent) -> bool:
        self.cancel()
        return self.box.current.mouse_press(event)

    def mouse_move(self, event: QGraphicsSceneMouseEvent) -> bool:
        item = self._item()
        if item is None or self._route is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return False
        if not self.dragging:
            moved = (event.screenPos() - event.buttonDownScreenPos(Qt.MouseButton.LeftButton)).manhattanLength()
            if moved < QApplication.startDragDistance():
                return True
            self.dragging = True
            self.board.handles_visible = False
        self._points = self._dragged_to(self.board.snap_point(event.scenePos()))
        item.sync(waypoints=self._points)
        return True

    def _dragged_to(self, at: QPointF) -> list[tuple[float, float]]:
        """The connector's waypoints with the handle dropped at ``at``."""
        handle, route = self._handle, self._route
        assert route is not None
        if handle.kind == "segment":
            return elbow.segment_moved(self._before, route, handle.position, at.x() if handle.sideways == "x" else at.y())
        if handle.kind == "bend":
            return elbow.bend_added(self._before, route, handle.position, (at.x(), at.y()))
        points = list(self._before)
        points[handle.position] = (at.x(), at.y())
        return points

    def mouse_release(self, event: QGraphicsSceneMouseEvent) -> bool:
        """Push the one change of the drag (a click without a drag just leaves the connector selected)."""
        item = self._item()
        dragged = self.dragging
        self._finish()
        if not dragged or item is None:
            return False
        text = "Move waypoint" if self._handle.kind == "waypoint" else "Bend connector"
        if not self.board.editor.push(SetWaypoints(self.connector_id, self._points, text)):
            item.sync()
        event.accept()
        return True

    def cancel(self) -> None:
        item = self._item()
        if self.dragging and item is not None:
            item.sync()  # back to the route of the connector's own waypoints
        self._finish()

    def forget(self, item_id: str) -> None:
        item = self._item()
        if item is None or item_id in (self.connector_id, *item.ends):
            self.cancel()

    def _finish(self) -> None:
        self.dragging = False
        self.board.handles_visible = True
        self.done()
