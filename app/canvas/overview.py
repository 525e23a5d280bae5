"""Zoomed-out drawing: every element in one recorded picture instead of one Python paint() each.

Below the level-of-detail threshold the scene's items get ItemHasNoContents (they stay selectable
and hit-testable, Qt just stops calling their paint()), and this one item draws them all: blocks
as stage-coloured rectangles, connectors as thin lines per flow, notes, group frames, badges and the
selection. The picture is recorded once and replayed by Qt in C++ on every repaint; it is recorded
again after a change. Items being dragged are left out of the picture and drawn live.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Protocol

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen, QPicture
from PySide6.QtWidgets import QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from app.canvas import painting
from app.canvas.items import BlockItem, CanvasItem, ConnectorItem, GroupItem, NoteItem
from app.canvas.items.base import Z_GROUP, BoxItem, ItemHost
from app.canvas.layers import CanvasLayers
from app.canvas.routes import CanvasRoutes
from components import style
from components.gcpause import without_gc


class OverviewHost(ItemHost, Protocol):
    """What the overview asks of the board beyond what an item does: what the layers hide or dim, and
    the elbow connectors' routes."""

    @property
    def layers(self) -> CanvasLayers: ...

    @property
    def routes(self) -> CanvasRoutes: ...


class OverviewItem(QGraphicsRectItem):
    """Draws the whole diagram cheaply while the scene is in overview mode."""

    def __init__(self, host: OverviewHost) -> None:
        super().__init__()
        self._host = host
        self._picture: QPicture | None = None
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.live: set[str] = set()  # ids drawn live (being dragged), not in the picture
        self.setZValue(Z_GROUP - 1)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setVisible(False)

    def set_bounds(self, rect: QRectF) -> None:
        if rect != self.rect():
            self.setRect(rect)

    def shape(self) -> QPainterPath:
        return QPainterPath()  # never hit: clicks go to the (content-less) items underneath

    def invalidate(self) -> None:
        """Record the picture again at the next paint (after any model, selection or theme change)."""
        self._picture = None
        self.update()

    def begin_live(self, ids: Iterable[str]) -> None:
        """Leave these elements (and their connectors) out of the picture; they are drawn live."""
        self.live = set(ids)
        self.invalidate()

    def end_live(self) -> None:
        self.live = set()
        self.invalidate()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if self._picture is None:
            self._picture = QPicture()
            recorder = QPainter(self._picture)
            recorder.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            self._draw(recorder, *self._from_model())
            recorder.end()
        painter.drawPicture(0, 0, self._picture)
        if self.live:
            live = [self._host.item_for(item_id) for item_id in self.live]
            self._draw(painter, *self._from_items([item for item in live if item is not None]))

    def draw_model(self, painter: QPainter) -> None:
        """Everything, as this overview draws it, onto another painter (the minimap's), in scene units."""
        self._draw(painter, *self._from_model())

    @without_gc  # ~17,000 Qt value wrappers at 5,000 blocks, no cycles: see components/gcpause.py
    def _from_model(self) -> tuple[Shapes, list[QRectF]]:
        """Everything but the live elements, read straight from the model (cheaper than asking
        10,000 items); connectors as centre-to-centre lines, hidden under their blocks anyway."""
        host, live = self._host, self.live
        hidden, dimmed = host.layers.hidden, host.layers.dimmed
        diagram = host.doc.diagram
        theme_name = host.theme.name
        shapes = Shapes()
        centres: dict[str, tuple[float, float]] = {}  # what QRectF.center() gives, without the Qt objects
        looks: dict[tuple[str, float | None, float | None], tuple[float, float, str]] = {}
        for block in diagram.blocks:
            key = (block.kind, block.width, block.height)
            look = looks.get(key)
            if look is None:  # size and colour, once per kind and size
                look = looks[key] = (*style.block_size(*key), style.kind_colour(block.kind, theme_name))
            width, height, accent = look
            centres[block.id] = (block.x + width / 2, block.y + height / 2)
            if block.id in live or block.id in hidden:
                continue
            rect = QRectF(block.x, block.y, width, height)
            if block.id in dimmed:
                shapes.faint.append(rect)
            else:
                shapes.blocks.setdefault(accent, []).append(rect)
            severity = host.severity_of(block.id)
            if severity:
                shapes.badges.append((QPointF(rect.right() - 4, rect.top() + 4), severity))
        routes = host.routes
        for connector in diagram.connectors:
            if connector.id not in live and connector.id not in hidden:
                route = routes.last(connector.id)
                lines = shapes.lines.setdefault(connector.flow, [])
                if route is None:
                    lines.append(QLineF(*centres[connector.source], *centres[connector.target]))
                else:
                    lines.extend(QLineF(*a, *b) for a, b in pairwise(route.points))
        shapes.notes = [QRectF(n.x, n.y, n.width, n.height) for n in diagram.notes if n.id not in live]
        shapes.groups = [QRectF(g.x, g.y, g.width, g.height) for g in diagram.groups if g.id not in live]
        scene = self.scene()
        selected = [item.scene_frame() for item in (scene.selectedItems() if scene is not None else [])
                    if isinstance(item, BoxItem) and item.item_id not in live]
        return shapes, selected

    def _from_items(self, items: list[CanvasItem]) -> tuple[Shapes, list[QRectF]]:
        """The live (dragged) elements, from where their items are now."""
        theme_name = self._host.theme.name
        shapes = Shapes()
        selected: list[QRectF] = []
        for item in items:
            if isinstance(item, ConnectorItem):
                route = item.route()
                lines = shapes.lines.setdefault(item.model().flow, [])
                if route is None:
                    lines.append(item.line())
                else:
                    lines.extend(QLineF(*a, *b) for a, b in pairwise(route.points))
                continue
            if not isinstance(item, BoxItem):
                continue
            frame = item.scene_frame()
            if isinstance(item, BlockItem):
                shapes.blocks.setdefault(style.kind_colour(item.model().kind, theme_name), []).append(frame)
                severity = self._host.severity_of(item.item_id)
                if severity:
                    shapes.badges.append((QPointF(frame.right() - 4, frame.top() + 4), severity))
            elif isinstance(item, NoteItem):
                shapes.notes.append(frame)
            elif isinstance(item, GroupItem):
                shapes.groups.append(frame)
            if item.isSelected():
                selected.append(frame)
        return shapes, selected

    def _draw(self, painter: QPainter, shapes: Shapes, selected: list[QRectF]) -> None:
        theme = self._host.theme
        if shapes.groups:
            painter.setPen(QPen(painting.colour(theme.group_border), 0))
            painter.setBrush(QBrush(painting.with_alpha(theme.group_fill, 200)))
            painter.drawRects(shapes.groups)
        for flow, flow_lines in shapes.lines.items():
            painter.setPen(QPen(painting.colour(style.flow_colour(flow, theme.name)), 0))
            painter.drawLines(flow_lines)
        painter.setPen(Qt.PenStyle.NoPen)
        for accent, rects in shapes.blocks.items():
            painter.setBrush(QBrush(painting.colour(accent)))
            painter.drawRects(rects)
        if shapes.faint:  # blocks of dimmed layers (app/canvas/layers.py)
            painter.setBrush(QBrush(painting.with_alpha(theme.muted_text, 70)))
            painter.drawRects(shapes.faint)
        if shapes.notes:
            painter.setPen(QPen(painting.colour(theme.note_border), 0))
            painter.setBrush(QBrush(painting.colour(theme.note_fill)))
            painter.drawRects(shapes.notes)
        painter.setPen(Qt.PenStyle.NoPen)
        for centre, severity in shapes.badges:
            painter.setBrush(QBrush(painting.colour(theme.severity[severity])))
            painter.drawEllipse(centre, style.BADGE_RADIUS * 1.5, style.BADGE_RADIUS * 1.5)
        if selected:
            outline = QPen(painting.colour(theme.selection), 3)
            outline.setCosmetic(True)
            painter.setPen(outline)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRects(selected)


@dataclass
class Shapes:
    """What the overview draws, batched by colour."""

    blocks: dict[str, list[QRectF]] = field(default_factory=dict)
    lines: dict[str, list[QLineF]] = field(default_factory=dict)
    notes: list[QRectF] = field(default_factory=list)
    groups: list[QRectF] = field(default_factory=list)
    badges: list[tuple[QPointF, str]] = field(default_factory=list)
    faint: list[QRectF] = field(default_factory=list)
