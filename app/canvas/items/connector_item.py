"""A connector: a flow-styled arrow from one block's border to another's, with an optional label.

Its path is derived from where the end blocks' items are now (so it follows a drag) through the
geometry the SVG exporter uses; the scene calls ``sync`` whenever an end moves.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from app.canvas import painting
from app.canvas.geometry import connector_line, parallel_offset, self_loop
from app.canvas.items.base import LOD_DETAIL, Z_CONNECTOR, CanvasItem, detail
from components import style
from components.document import Document
from components.model import Connector

HIT_WIDTH = 12.0  # the invisible band around the line that selects the connector
LABEL_CHARS = 28  # as the exporter wraps connector labels
LABEL_LINES = 2


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

    def __init__(self, item_id: str) -> None:
        super().__init__(item_id)
        self.setZValue(Z_CONNECTOR)
        self.ends: tuple[str, str] = ("", "")
        self._path = QPainterPath()
        self._tail = QLineF()  # the last segment, along which the arrowhead points
        self._middle = QPointF()
        self._label_rect = QRectF()
        self._bounds = QRectF()
        self._shape = QPainterPath()

    def sync(self) -> None:
        """Recompute the path from where the end blocks' items are now (they may be mid-drag)."""
        scene = self.canvas()
        connector: Connector = self.model()
        source = scene.item_for(connector.source)
        target = scene.item_for(connector.target)
        if source is None or target is None:
            return
        self.ends = (connector.source, connector.target)
        if connector.source == connector.target:
            path = self_loop(source.scene_frame())  # type: ignore[attr-defined]
            end = path.pointAtPercent(1.0)
            tail = QLineF(path.pointAtPercent(0.97), end)
            frame = source.scene_frame()  # type: ignore[attr-defined]
            middle = QPointF(frame.right() + 4, frame.top() - 18)
        else:
            offset = parallel_offset(connector.id, siblings(scene.doc, connector))
            line = connector_line(source.scene_frame(), target.scene_frame(), offset)  # type: ignore[attr-defined]
            path = QPainterPath(line.p1())
            path.lineTo(line.p2())
            tail, middle = line, line.center()
        label_rect = self._label_box(connector.label, middle)
        stroker = QPainterPathStroker()
        stroker.setWidth(HIT_WIDTH)
        shape = stroker.createStroke(path)
        if not label_rect.isNull():
            shape.addRect(label_rect)
        reach = style.ARROW_LENGTH * 1.5
        bounds = shape.boundingRect().adjusted(-reach, -reach, reach, reach)
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds = bounds
        self._path, self._tail, self._middle = path, tail, middle
        self._label_rect, self._shape = label_rect, shape
        self.update()

    @staticmethod
    def _label_box(label: str, middle: QPointF) -> QRectF:
        if not label.strip():
            return QRectF()
        lines = style.wrap_label(label, LABEL_CHARS, LABEL_LINES)
        fm = painting.metrics(style.CONNECTOR_FONT_PX)
        width = max(fm.horizontalAdvance(line) for line in lines) + 8
        height = len(lines) * style.CONNECTOR_FONT_PX * style.TEXT_LINE_HEIGHT + 4
        return QRectF(middle.x() - width / 2, middle.y() - height / 2, width, height)

    def line(self) -> QLineF:
        """The segment the arrowhead sits on, in scene coordinates (the item sits at the origin)."""
        return QLineF(self._tail)

    def path(self) -> QPainterPath:
        return QPainterPath(self._path)

    def midpoint(self) -> QPointF:
        return QPointF(self._middle)

    def label_rect(self) -> QRectF:
        """Where the label sits (centred on the midpoint); a default box when there is none."""
        if self._label_rect.isNull():
            return QRectF(self._middle.x() - 60, self._middle.y() - 10, 120, 20)
        return QRectF(self._label_rect)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if self._path.isEmpty():
            return
        scene = self.canvas()
        connector: Connector = self.model()
        theme = scene.theme
        flow = style.FLOW_STYLES[connector.flow]
        ink = flow.dark_colour if theme.name == "dark" else flow.colour
        if self.isSelected():
            halo = QPen(painting.with_alpha(theme.selection, 110), style.CONNECTOR_WIDTH + 6)
            halo.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(halo)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self._path)
        painter.setPen(painting.flow_pen(connector.flow, theme.name))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        head = painting.arrow_head(self._tail, flow.arrow)
        if flow.arrow == "open":
            pen = QPen(painting.colour(ink), style.CONNECTOR_WIDTH)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.drawPath(head)
        else:
            painter.fillPath(head, QBrush(painting.colour(ink)))
        if connector.label.strip() and detail(option, painter) >= LOD_DETAIL:
            lines = style.wrap_label(connector.label, LABEL_CHARS, LABEL_LINES)
            line_height = style.CONNECTOR_FONT_PX * style.TEXT_LINE_HEIGHT
            first = self._middle.y() - (len(lines) - 1) * line_height / 2 + style.CONNECTOR_FONT_PX * 0.35
            for index, text in enumerate(lines):
                painting.halo_text(painter, QPointF(self._middle.x(), first + index * line_height), text,
                                   theme.text, theme.background, style.CONNECTOR_FONT_PX)
