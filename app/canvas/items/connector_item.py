"""A connector: a flow-styled arrow from one block's border to another's, with an optional label.

Its path is derived from where the end blocks' items are now (so it follows a drag) through the
geometry the SVG exporter uses; the scene calls ``sync`` whenever an end moves.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from app.canvas import painting
from app.canvas.geometry import parallel_offset, rect_of, self_loop
from app.canvas.items.base import LOD_DETAIL, Z_CONNECTOR, BoxItem, CanvasItem, ItemHost, detail
from components import style
from components.document import Document
from components.export.geometry import Rect, connector_points
from components.model import Connector

HIT_WIDTH = 12.0  # the invisible band around the line that selects the connector
_REACH = max(HIT_WIDTH / 2, style.ARROW_LENGTH * 1.5)  # bounds around the line: hit band, arrowheads


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
    _tail = QLineF()  # the last segment, along which the arrowhead points
    _middle = QPointF()
    _label_rect = QRectF()
    _label = ""  # the label as drawn: one line, fitted as the exporter fits it
    _bounds = QRectF()
    _shape: QPainterPath | None = None

    def __init__(self, item_id: str, host: ItemHost) -> None:
        super().__init__(item_id, host)
        self.setZValue(Z_CONNECTOR)

    def sync(self, offset: float | None = None) -> None:
        """Recompute the geometry from where the end blocks' items are now (they may be mid-drag).
        ``offset`` is the sideways shift among parallel connectors when the caller knows it."""
        doc = self.host.doc
        connector = doc.connector(self.item_id)
        source = self.host.item_for(connector.source)
        target = self.host.item_for(connector.target)
        if not isinstance(source, BoxItem) or not isinstance(target, BoxItem):
            return
        if offset is None and connector.source != connector.target:
            offset = parallel_offset(connector.id, siblings(doc, connector))
        self.place(connector, rect_of(source.scene_frame()), rect_of(target.scene_frame()), offset or 0.0)

    def place(self, connector: Connector, source: Rect, target: Rect, offset: float) -> None:
        """Set the geometry from the end blocks' frames (scene coordinates) and the sideways
        ``offset``. The scene's rebuild calls this straight from the model, before the item is in
        the scene; ``sync`` from where the end items are now. Straight connectors keep just a line;
        the path object is made only for a self-loop."""
        self.ends = (connector.source, connector.target)
        loop: QPainterPath | None = None
        if connector.source == connector.target:
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
        """The drawn path: the line, or the loop of a self-connector."""
        if self._loop is not None:
            return QPainterPath(self._loop)
        path = QPainterPath(self._tail.p1())
        path.lineTo(self._tail.p2())
        return path

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
        scene = self.host
        connector: Connector = self.model()
        theme = scene.theme
        flow = style.FLOW_STYLES[connector.flow]
        ink = flow.dark_colour if theme.name == "dark" else flow.colour
        if self.isSelected():
            painter.setPen(painting.pen(theme.selection, style.CONNECTOR_WIDTH + 6, Qt.PenCapStyle.RoundCap, alpha=110))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            self._draw_stroke(painter)
        painter.setPen(painting.flow_pen(connector.flow, theme.name))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        self._draw_stroke(painter)
        painting.draw_arrow_head(painter, self._tail, flow.arrow, ink, theme.background)
        if not self._label_rect.isNull() and detail(option, painter) >= LOD_DETAIL:
            painting.label_plate(painter, self._label_rect, self._label, theme.text, theme.background,
                                 style.CONNECTOR_FONT_PX)

    def _draw_stroke(self, painter: QPainter) -> None:
        if self._loop is not None:
            painter.drawPath(self._loop)
        else:
            painter.drawLine(self._tail)
