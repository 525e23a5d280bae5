"""A block on the canvas: rounded card with a stage bar, icon, kind name and label.

The layout (icon, kind name, label lines, badge) comes from components.export.geometry and
components.style, the same numbers the SVG exporter uses.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsSceneHoverEvent, QStyleOptionGraphicsItem, QWidget

from app.canvas import painting
from app.canvas.items.base import LOD_DETAIL, Z_BLOCK, BoxItem, ItemHost, detail
from app.canvas.items.handles import HANDLE_HIT, HANDLE_RADIUS, handle_at, handle_points
from components import style
from components.catalog import spec
from components.export.geometry import BlockLayout, block_layout
from components.model import Block

_MARGIN = max(HANDLE_RADIUS + 2, style.BADGE_RADIUS + 2)


def label_rect(width: float, height: float) -> QRectF:
    """Where the label is drawn (and edited) inside a block, in item coordinates."""
    left = style.STAGE_BAR_WIDTH + style.BLOCK_PADDING
    return QRectF(left, style.BLOCK_HEADER, width - left - style.BLOCK_PADDING,
                  max(16.0, height - style.BLOCK_HEADER - style.BLOCK_BOTTOM_PADDING))


@lru_cache(maxsize=256)
def _kind_name(kind: str, room: float) -> str:
    """The kind name elided to the header's room, as the export's block template elides it (cached:
    paint() asks for it on every block, and blocks come in a few kinds and sizes)."""
    return style.elide(spec(kind).name, room, style.KIND_FONT_PX)


@lru_cache(maxsize=64)
def _outline(width: float, height: float) -> QPainterPath:
    """The rounded card outline of a block size (shared: blocks come in a few sizes)."""
    path = QPainterPath()
    path.addRoundedRect(QRectF(0, 0, width, height), style.BLOCK_RADIUS, style.BLOCK_RADIUS)
    return path


@lru_cache(maxsize=64)
def _hit_area(width: float, height: float) -> QPainterPath:
    """The card and its four handle discs as one area. United, not added side by side: the fill rule
    of a path made of overlapping parts leaves out where they overlap, the inner half of every
    handle, and a press there started a rubber band instead of a connector."""
    area = QPainterPath(_outline(width, height))
    for point in handle_points(QRectF(0, 0, width, height)):
        disc = QPainterPath()
        disc.addEllipse(point, HANDLE_HIT, HANDLE_HIT)
        area = area.united(disc)
    return area


class BlockItem(BoxItem):
    collection = "blocks"
    # immutable defaults at class level: nothing per item to make until ``place``
    _hovered = False
    _wrapped: tuple[str, float, float, list[str]] = ("", 0.0, 0.0, [])

    def __init__(self, item_id: str, host: ItemHost) -> None:
        super().__init__(item_id, host)
        self.setAcceptHoverEvents(True)
        self.setZValue(Z_BLOCK)

    # ----- geometry --------------------------------------------------------------------------
    def sync(self) -> None:
        block: Block = self.model()
        self.place(block, *style.block_size(block.kind, block.width, block.height))

    def place(self, block: Block, width: float, height: float) -> None:
        """Follow the block's position and its drawn size (the scene's rebuild calls this straight
        from the model, before the item is in the scene)."""
        if self.follow(block.x, block.y, width, height):
            self.setRect(QRectF(-_MARGIN, -_MARGIN, width + 2 * _MARGIN, height + 2 * _MARGIN))
        self.update()

    def shape(self) -> QPainterPath:
        return _hit_area(self._width, self._height)

    def badge_centre(self) -> QPointF:
        """Where the findings badge is drawn, in item coordinates (as block_layout places it)."""
        x, y = block_layout(self._width, self._height, 0).badge
        return QPointF(x, y)

    def handle_at(self, scene_pos: QPointF) -> int | None:
        """The connection handle under a scene position, if any."""
        return handle_at(self.frame(), self.mapFromScene(scene_pos))

    def label_lines(self, label: str) -> list[str]:
        """The label broken into the lines the exporter draws too (cached per label and size)."""
        if self._wrapped[:3] != (label, self._width, self._height):
            self._wrapped = (label, self._width, self._height,
                             style.block_label_lines(label, self._width, self._height))
        return self._wrapped[3]

    # ----- hover (handles) ---------------------------------------------------------------------
    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.set_hovered(True)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.set_hovered(False)

    def set_hovered(self, hovered: bool) -> None:
        """Show or hide the connection handles (the scene clears this after a drag, when Qt sent
        no hover-leave because the mouse was grabbed)."""
        if hovered != self._hovered:
            self._hovered = hovered
            self.update()

    @property
    def hovered(self) -> bool:
        return self._hovered

    # ----- painting ----------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        scene = self.host
        block: Block = self.model()
        theme = scene.theme
        accent = style.kind_colour(block.kind, theme.name)
        frame = self.frame()
        highlight = self.isSelected() or scene.connect_target == self.item_id
        severity = scene.severity_of(self.item_id)
        if detail(option, painter) < LOD_DETAIL:
            painter.setPen(painting.pen(theme.selection, 4) if highlight else Qt.PenStyle.NoPen)
            painter.setBrush(painting.brush(accent))
            painter.drawRoundedRect(frame, style.BLOCK_RADIUS, style.BLOCK_RADIUS)
            if severity:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(painting.brush(theme.severity[severity]))
                painter.drawEllipse(QPointF(frame.right() - 4, 4), style.BADGE_RADIUS * 1.5, style.BADGE_RADIUS * 1.5)
            return
        lines = self.label_lines(block.label)
        layout = block_layout(self._width, self._height, len(lines))
        self._paint_card(painter, frame, theme, accent, highlight)
        self._paint_header(painter, block, theme, layout)
        if lines and not self.text_hidden:
            painter.setFont(painting.font(style.LABEL_FONT_PX, bold=True))
            painter.setPen(painting.pen(theme.text))
            fm = painting.metrics(style.LABEL_FONT_PX, True)
            for line, baseline in zip(lines, layout.label_baselines, strict=True):
                painter.drawText(QPointF(layout.label_centre - fm.horizontalAdvance(line) / 2, baseline), line)
        if block.pinned:
            painting.draw_pin(painter, QPointF(frame.right() - 9, frame.bottom() - 9), theme.muted_text)
        if severity:
            ink = "#ffffff" if theme.name == "light" else theme.background
            painting.draw_badge(painter, QPointF(*layout.badge), theme.severity[severity], theme.block_fill, ink)
        if scene.focus_id == self.item_id:
            _paint_focus_ring(painter, frame, theme)
        if self._hovered and scene.handles_visible:
            painter.setPen(painting.pen(theme.block_fill, 1.5))
            painter.setBrush(painting.brush(theme.selection))
            for point in handle_points(frame):
                painter.drawEllipse(point, HANDLE_RADIUS, HANDLE_RADIUS)

    def _paint_card(self, painter: QPainter, frame: QRectF, theme: style.Theme, accent: str, highlight: bool) -> None:
        outline = _outline(frame.width(), frame.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(painting.brush(theme.block_fill))
        painter.drawPath(outline)
        painter.save()
        painter.setClipPath(outline)
        painter.fillRect(QRectF(0, 0, style.STAGE_BAR_WIDTH, frame.height()), painting.colour(accent))
        painter.restore()
        if highlight:
            painter.setPen(painting.pen(theme.selection, style.BLOCK_BORDER * 2))
        else:
            painter.setPen(painting.pen(theme.block_border, style.BLOCK_BORDER))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(outline)

    def _paint_header(self, painter: QPainter, block: Block, theme: style.Theme, layout: BlockLayout) -> None:
        ix, iy = layout.icon
        renderer = painting.icon_renderer(block.kind, theme.name)
        if renderer is not None:
            renderer.render(painter, QRectF(ix, iy, style.ICON_SIZE, style.ICON_SIZE))
        kx, ky = layout.kind_baseline
        painter.setFont(painting.font(style.KIND_FONT_PX))
        painter.setPen(painting.pen(theme.muted_text))
        painter.drawText(QPointF(kx, ky), _kind_name(block.kind, layout.kind_room))


FOCUS_GAP = 5.0  # between a block and its keyboard focus ring


def _paint_focus_ring(painter: QPainter, frame: QRectF, theme: style.Theme) -> None:
    """The ring round the block the keyboard is on: outside the selection outline, in its own colour,
    dashed so it reads as focus and not as a second selection."""
    pen = QPen(painting.colour(theme.focus), 2.0, Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    ring = frame.adjusted(-FOCUS_GAP, -FOCUS_GAP, FOCUS_GAP, FOCUS_GAP)
    radius = style.BLOCK_RADIUS + FOCUS_GAP
    painter.drawRoundedRect(ring, radius, radius)
