"""A connector: a flow-styled arrow from one block's border to another's, with an optional label.

Its path is derived from where the end blocks' items are now (so it follows a drag) through the
geometry the SVG exporter uses: a straight line, or an elbow route (components/export/elbow.py, asked
through the host); the scene calls ``sync`` whenever an end moves. A selected elbow connector shows
handles: a square on each waypoint (drag to move, double-click to remove) and a dot on each segment
(drag to bend the route there).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from app.canvas import painting
from app.canvas.geometry import parallel_offset, self_loop
from app.canvas.items.base import LOD_DETAIL, Z_CONNECTOR, CanvasItem, ItemHost, detail
from app.canvas.spatial import clip
from components import style
from components.document import Document
from components.export import elbow
from components.export.geometry import Point, Rect, connector_points
from components.model import Connector

HIT_WIDTH = 12.0  # the invisible band around the line that selects the connector
_REACH = max(HIT_WIDTH / 2, style.ARROW_LENGTH * 1.5)  # bounds around the line: hit band, arrowheads
HANDLE = 4.0  # half the side of a waypoint handle, in scene units
HANDLE_HIT = 7.0  # how near a press must be to a handle to take it
MIN_BEND_SEGMENT = 4 * HANDLE  # shorter segments get no handle to bend them


class Handle(NamedTuple):
    """A handle of a selected elbow connector. ``kind`` "waypoint": ``position`` in its waypoints, moved
    freely. "segment": ``position`` is the inner segment's index in the route; the segment moves sideways
    (``sideways`` "x" for a vertical one, "y" for a horizontal one). "bend": a route of one or two
    segments gets a waypoint at ``position`` (the segment's index) wherever the handle is dropped."""

    kind: str
    position: int
    at: QPointF
    sideways: str = ""


def siblings(doc: Document, connector: Connector) -> list[tuple[str, str, str]]:
    """(id, source, target) of the connectors joining the same two blocks, in document order."""
    pair = {connector.source, connector.target}
    found = [doc.connector(i) for i in doc.connector_ids_of([connector.source])]
    same = [c for c in found if {c.source, c.target} == pair and c.source != c.target]
    if len(same) < 2:
        return [(c.id, c.source, c.target) for c in same]
    wanted = {c.id for c in same}
    order = {c.id: n for n, c in enumerate(doc.diagram.connectors) if c.id in wanted}  # rare: O(n)
    same.sort(key=lambda c: order.get(c.id, 0))
    return [(c.id, c.source, c.target) for c in same]


class ConnectorItem(CanvasItem):
    collection = "connectors"
    # Geometry until the first ``place``: class-level defaults, never changed in place (each place
    # assigns new objects), so making 5,000 items does not make 20,000 empty Qt values.
    ends: tuple[str, str] = ("", "")
    _loop: QPainterPath | None = None  # only for a connector from a block to itself
    _route: elbow.Route | None = None  # only for an elbow connector: its corners, border to border
    _tail = QLineF()  # the last segment, along which the arrowhead points
    _middle = QPointF()
    _label_rect = QRectF()
    _label = ""  # the label as drawn: one line, fitted as the exporter fits it
    _bounds = QRectF()
    _shape: QPainterPath | None = None

    def __init__(self, item_id: str, host: ItemHost) -> None:
        super().__init__(item_id, host)
        self.setZValue(Z_CONNECTOR)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # paint gets its exposed rect

    def sync(self, offset: float | None = None, waypoints: Sequence[Point] | None = None) -> None:
        """Recompute the geometry from where the end blocks' items are now (they may be mid-drag).
        ``offset`` is the sideways shift among parallel connectors when the caller knows it;
        ``waypoints`` replace the connector's own while one is dragged."""
        doc = self.host.doc
        connector = doc.connector(self.item_id)
        if offset is None and connector.source != connector.target:
            offset = parallel_offset(connector.id, siblings(doc, connector))
        ends = self.host.frame_of(connector.source), self.host.frame_of(connector.target)
        route = self.host.elbow_route(connector, *ends, offset or 0.0, waypoints)
        self.place(connector, *ends, offset or 0.0, route)

    def place(self, connector: Connector, source: Rect, target: Rect, offset: float,
              route: elbow.Route | None = None) -> None:
        """Set the geometry from the end blocks' frames (scene coordinates) and the sideways
        ``offset``, or from the elbow ``route`` when it has one. The scene's rebuild calls this straight
        from the model, before the item is in the scene; ``sync`` from where the end items are now.
        Straight connectors keep just a line; the path object is made only for a self-loop."""
        self.ends = (connector.source, connector.target)
        self._route = route
        loop: QPainterPath | None = None
        if route is not None:
            corners = route.points
            tail = QLineF(*corners[-2], *corners[-1])
            middle = QPointF(*elbow.label_point(corners))
            xs, ys = [p[0] for p in corners], [p[1] for p in corners]
            bounds = QRectF(min(xs) - _REACH, min(ys) - _REACH, max(xs) - min(xs) + 2 * _REACH,
                            max(ys) - min(ys) + 2 * _REACH)
            if connector.source == connector.target:  # as the export: the label starts beside the loop
                middle = QPointF(middle.x() + style.connector_plate(style.connector_label(connector.label))[0] / 2,
                                 middle.y()) if connector.label else middle
        elif connector.source == connector.target:
            frame = QRectF(source.x, source.y, source.width, source.height)
            loop = self_loop(frame)
            tail = QLineF(loop.pointAtPercent(0.97), loop.pointAtPercent(1.0))
            middle = QPointF(frame.right() + 4, frame.top() - 18)
            bounds = loop.boundingRect()
            bounds.adjust(-_REACH, -_REACH, _REACH, _REACH)
        else:
            points = connector_points(source, target, offset)
            (x1, y1), (x2, y2) = points if points is not None else ((0.0, 0.0), (0.0, 0.0))
            tail = QLineF(x1, y1, x2, y2)
            middle = tail.center()
            # QRectF(p1, p2).normalized().adjusted(-reach, ...) in floats, without three Qt objects
            left, width = (x1 + (x2 - x1), x1 - x2) if x2 < x1 else (x1, x2 - x1)
            top, height = (y1 + (y2 - y1), y1 - y2) if y2 < y1 else (y1, y2 - y1)
            bounds = QRectF(left - _REACH, top - _REACH, width + 2 * _REACH, height + 2 * _REACH)
        label = style.connector_label(connector.label) if connector.label else ""
        label_rect = self._label_box(label, middle) if label else QRectF()
        if label:
            bounds = bounds.united(label_rect)
        self._loop, self._tail, self._middle = loop, tail, middle
        self._label, self._label_rect, self._shape = label, label_rect, None
        if bounds != self._bounds:
            self._bounds = bounds
            self.setRect(bounds)  # prepareGeometryChange and repaint
        else:
            self.update()

    @staticmethod
    def _label_box(text: str, middle: QPointF) -> QRectF:
        """The plate behind the fitted label text, centred on the midpoint (as in the export)."""
        width, height = style.connector_plate(text)
        return QRectF(middle.x() - width / 2, middle.y() - height / 2, width, height)

    def label_text(self) -> str:
        """The label as drawn: one line, fitted as the exporter fits it ('' when none)."""
        return self._label

    def line(self) -> QLineF:
        """The segment the arrowhead sits on, in scene coordinates (the item sits at the origin)."""
        return QLineF(self._tail)

    def path(self) -> QPainterPath:
        """The drawn path: the line, the elbow route, or the loop of a self-connector."""
        if self._loop is not None:
            return QPainterPath(self._loop)
        if self._route is not None:
            path = QPainterPath()
            path.addPolygon(QPolygonF([QPointF(*p) for p in self._route.points]))
            return path
        path = QPainterPath(self._tail.p1())
        path.lineTo(self._tail.p2())
        return path

    def route(self) -> elbow.Route | None:
        """The elbow route drawn now (None for a straight connector)."""
        return self._route

    def handles(self) -> list[Handle]:
        """The handles a selected elbow connector shows: its waypoints, then a dot on each inner segment
        long enough to drag (the first and last run square out of the blocks' sides and stay), or on
        each segment of a route too short to have inner ones. None for a straight connector or a loop."""
        route = self._route
        if route is None or self.ends[0] == self.ends[1]:
            return []
        connector: Connector = self.model()
        found = [Handle("waypoint", n, QPointF(w.x, w.y)) for n, w in enumerate(connector.waypoints or ())]
        last = len(route.points) - 2
        for index, (a, b) in enumerate(pairwise(route.points)):
            if abs(b[0] - a[0]) + abs(b[1] - a[1]) < MIN_BEND_SEGMENT:
                continue
            middle = QPointF((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
            if 0 < index < last:
                found.append(Handle("segment", index, middle, "x" if a[0] == b[0] else "y"))
            elif last <= 1:
                found.append(Handle("bend", index, middle))
        return found

    def handle_at(self, pos: QPointF) -> Handle | None:
        """The handle under a scene point, waypoints first (only while selected)."""
        if not self.isSelected():
            return None
        for handle in self.handles():
            if abs(handle.at.x() - pos.x()) <= HANDLE_HIT and abs(handle.at.y() - pos.y()) <= HANDLE_HIT:
                return handle
        return None

    def midpoint(self) -> QPointF:
        return QPointF(self._middle)

    def label_rect(self) -> QRectF:
        """Where the label sits (centred on the midpoint); a default box when there is none."""
        if self._label_rect.isNull():
            return QRectF(self._middle.x() - 60, self._middle.y() - 10, 120, 20)
        return QRectF(self._label_rect)

    def shape(self) -> QPainterPath:
        """A wide band around the line (and the label) so the connector is easy to hit; built lazily
        because only hit tests need it."""
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(HIT_WIDTH)
            shape = stroker.createStroke(self.path())
            if not self._label_rect.isNull():
                shape.addRect(self._label_rect)
            self._shape = shape
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if self._loop is None and self._tail.length() == 0:
            return
        # A long connector's box covers much of the design, so Qt asks it to paint for any strip
        # exposed inside that box: draw only the part of the line in the exposed rectangle (stroking
        # a line across the whole design costs ~0.1 ms even where it is clipped away). Loops and elbow
        # routes are drawn whole (Qt clips them): their corners stay near their ends.
        exposed = option.exposedRect.adjusted(-_REACH, -_REACH, _REACH, _REACH)  # set: ItemUsesExtendedStyleOption
        whole = self._loop is not None or self._route is not None
        part = self._tail if whole else visible_part(self._tail, exposed)
        if part is None and not exposed.intersects(self._label_rect):
            return
        scene = self.host
        connector: Connector = self.model()
        theme = scene.theme
        flow = style.FLOW_STYLES[connector.flow]
        ink = flow.dark_colour if theme.name == "dark" else flow.colour
        if part is not None:
            if self.isSelected():
                painter.setPen(painting.pen(theme.selection, style.CONNECTOR_WIDTH + 6, Qt.PenCapStyle.RoundCap,
                                            alpha=110))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                self._draw_stroke(painter, part)
            pen = painting.flow_pen(connector.flow, theme.name)
            if part is not self._tail and pen.style() != Qt.PenStyle.SolidLine:  # dashes go on where they were
                pen = QPen(pen)
                pen.setDashOffset(QLineF(self._tail.p1(), part.p1()).length() / pen.widthF())
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            self._draw_stroke(painter, part)
            painting.draw_arrow_head(painter, self._tail, flow.arrow, ink, theme.background)
        if not self._label_rect.isNull() and not self.text_hidden and detail(option, painter) >= LOD_DETAIL:
            painting.label_plate(painter, self._label_rect, self._label, theme.text, theme.background,
                                 style.CONNECTOR_FONT_PX)
        if self.isSelected() and self._route is not None:
            self._draw_handles(painter, theme)

    def _draw_handles(self, painter: QPainter, theme: style.Theme) -> None:
        painter.setPen(painting.pen(theme.selection, 1.2))
        for handle in self.handles():
            at = handle.at
            if handle.kind == "waypoint":
                painter.setBrush(painting.brush(theme.selection))
                painter.drawRect(QRectF(at.x() - HANDLE, at.y() - HANDLE, 2 * HANDLE, 2 * HANDLE))
            else:
                painter.setBrush(painting.brush(theme.background))
                painter.drawEllipse(at, HANDLE * 0.8, HANDLE * 0.8)

    def _draw_stroke(self, painter: QPainter, part: QLineF) -> None:
        if self._loop is not None:
            painter.drawPath(self._loop)
        elif self._route is not None:
            painter.drawPolyline(QPolygonF([QPointF(*p) for p in self._route.points]))
        else:
            painter.drawLine(part)


def visible_part(line: QLineF, area: QRectF) -> QLineF | None:
    """The part of ``line`` inside ``area``, the line itself when it is all inside, None when none is."""
    x1, y1, x2, y2 = line.x1(), line.y1(), line.x2(), line.y2()
    inside = clip(x1, y1, x2, y2, area.left(), area.top(), area.right(), area.bottom())
    if inside is None or inside == (0.0, 1.0):
        return None if inside is None else line
    start, end = inside
    return QLineF(x1 + (x2 - x1) * start, y1 + (y2 - y1) * start, x1 + (x2 - x1) * end, y1 + (y2 - y1) * end)
