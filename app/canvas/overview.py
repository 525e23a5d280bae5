"""Zoomed-out drawing: every element in one recorded picture instead of one Python paint() each.

Below the level-of-detail threshold the scene's items get ItemHasNoContents (they stay selectable
and hit-testable, Qt just stops calling their paint()), and this one item draws them all: blocks
as stage-coloured rectangles, connectors as thin lines per flow, notes, group frames, badges and the
selection. The picture is recorded once and replayed by Qt in C++ on every repaint; it is recorded
again after a change. Items being dragged are left out of the picture and drawn live.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen, QPicture
from PySide6.QtWidgets import QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from app.canvas import painting
from app.canvas.items import BlockItem, CanvasItem, ConnectorItem, GroupItem, NoteItem
from app.canvas.items.base import Z_GROUP
from components import style

if TYPE_CHECKING:
    from app.canvas.scene import CanvasScene


class OverviewItem(QGraphicsRectItem):
    """Draws the whole diagram cheaply while the scene is in overview mode."""

    def __init__(self, scene: CanvasScene) -> None:
        super().__init__()
        self._canvas = scene
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
            self._draw(recorder, self._canvas.items_for_overview(exclude=self.live))
            recorder.end()
        painter.drawPicture(0, 0, self._picture)
        if self.live:
            self._draw(painter, self._canvas.items_for_overview(only=self.live))

    def _draw(self, painter: QPainter, items: list[CanvasItem]) -> None:
        theme = self._canvas.theme
        groups: list[QRectF] = []
        notes: list[QRectF] = []
        lines: dict[str, list[QLineF]] = {}
        blocks: dict[str, list[QRectF]] = {}
        selected: list[QRectF] = []
        badges: list[tuple[QPointF, str]] = []
        for item in items:
            if isinstance(item, ConnectorItem):
                flow = item.model().flow
                lines.setdefault(flow, []).append(item.line())
                continue
            frame = item.scene_frame()  # type: ignore[attr-defined]
            if isinstance(item, BlockItem):
                block = item.model()
                blocks.setdefault(style.kind_colour(block.kind, theme.name), []).append(frame)
                severity = self._canvas.severity_of(item.item_id)
                if severity:
                    badges.append((QPointF(frame.right() - 4, frame.top() + 4), severity))
            elif isinstance(item, NoteItem):
                notes.append(frame)
            elif isinstance(item, GroupItem):
                groups.append(frame)
            if item.isSelected():
                selected.append(frame)
        if groups:
            border = QPen(painting.colour(theme.group_border), 0)
            painter.setPen(border)
            painter.setBrush(QBrush(painting.with_alpha(theme.group_fill, 200)))
            painter.drawRects(groups)
        for flow, flow_lines in lines.items():
            painter.setPen(QPen(painting.colour(style.flow_colour(flow, theme.name)), 0))
            painter.drawLines(flow_lines)
        painter.setPen(Qt.PenStyle.NoPen)
        for accent, rects in blocks.items():
            painter.setBrush(QBrush(painting.colour(accent)))
            painter.drawRects(rects)
        if notes:
            painter.setPen(QPen(painting.colour(theme.note_border), 0))
            painter.setBrush(QBrush(painting.colour(theme.note_fill)))
            painter.drawRects(notes)
        painter.setPen(Qt.PenStyle.NoPen)
        for centre, severity in badges:
            painter.setBrush(QBrush(painting.colour(theme.severity[severity])))
            painter.drawEllipse(centre, style.BADGE_RADIUS * 1.5, style.BADGE_RADIUS * 1.5)
        if selected:
            outline = QPen(painting.colour(theme.selection), 3)
            outline.setCosmetic(True)
            painter.setPen(outline)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRects(selected)
