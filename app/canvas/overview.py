"""Zoomed-out drawing: every element in one recorded picture instead of one Python paint() each.

Below the level-of-detail threshold the scene's items get ItemHasNoContents (they stay selectable
and hit-testable, Qt just stops calling their paint()), and this one item draws them all: blocks
as stage-coloured rectangles, connectors as thin lines per flow, notes, group frames, badges and the
selection. The picture is recorded once and replayed by Qt in C++ on every repaint; it is recorded
again after a change. Items being dragged are left out of the picture and drawn live.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Protocol

from PySide6.QtCore import QLineF, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QImage, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsView, QStyleOptionGraphicsItem, QWidget

from app.canvas import painting
from app.canvas.items import BlockItem, CanvasItem, ConnectorItem, GroupItem, NoteItem
from app.canvas.items.base import Z_GROUP, BoxItem, ItemHost
from app.canvas.layers import CanvasLayers
from app.canvas.overview_labels import draw_labels, labelled_blocks
from app.canvas.overview_records import OverviewRecords
from app.canvas.routes import CanvasRoutes
from components import style
from components.events import ChangeEvent
from components.gcpause import without_gc

DIRTY_SHARE = 0.5  # of the kept image: a bigger changed part is drawn as the whole image
MAX_DIRTY = 5_000  # changed areas kept before the whole image is drawn again instead
EDGE_PX = 3  # device pixels outside a changed area that its drawing may reach (the selection's 3 px outline)


def stray_px(transform: QTransform) -> float:
    """How far past a changed area its drawing may reach, in pixels at ``transform``: a badge sits on its
    block's corner (radius 1.5 x BADGE_RADIUS), the selection's outline is EDGE_PX wide."""
    return style.BADGE_RADIUS * 1.5 * abs(transform.m11()) + EDGE_PX


class OverviewHost(ItemHost, Protocol):
    """What the overview asks of the board beyond what an item does: what the layers hide or dim, the
    elbow connectors' routes, the badges."""

    @property
    def layers(self) -> CanvasLayers: ...

    @property
    def routes(self) -> CanvasRoutes: ...

    @property
    def badges(self) -> Flagged: ...


class Flagged(Protocol):
    """The findings badges (app/canvas/badges.py) as the overview reads them."""

    @property
    def severity(self) -> Mapping[str, str]: ...


class OverviewItem(QGraphicsRectItem):
    """Draws the whole diagram cheaply while the scene is in overview mode."""

    def __init__(self, host: OverviewHost) -> None:
        super().__init__()
        self._host = host
        self.records = OverviewRecords(host.doc, host.routes.last)
        self.records.listeners.append(self._records_changed)
        self._cache: QImage | None = None  # the drawing as the last painter's device saw it
        self._cache_key: tuple[float, ...] = ()
        self._shapes: Shapes | None = None  # what the model gives to draw, until it changes
        self._badge_at: dict[str, tuple[QRectF, QPointF]] = {}  # a block's frame and its badge's centre
        self._dirty: list[QRectF] = []  # scene areas changed since the image was made (it holds the rest)
        self._selection_moved = False  # the selection changed since the image was made
        self._selected_drawn: list[QRectF] = []  # the selection's frames in the image
        self.drawn = 0  # times the whole drawing was made (tests count them)
        self.patched = 0  # times a part of the image was drawn again
        self.shaped = 0  # times the shapes were gathered from the records
        self.labelled = 0  # block labels drawn in the last part of the picture made
        self.labelling = False  # the kept picture has block labels (a rename draws its block again)
        # told the scene areas each change of the drawing touched (None: any of it), for other pictures of
        # it (the minimap's) to draw again only there
        self.area_listeners: list[Callable[[list[QRectF] | None], None]] = []
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

    def follow(self, event: ChangeEvent) -> None:
        """Take a model event in (the records); a renamed block is drawn again when the picture shows
        labels (the minimap, which shows none, is not told)."""
        self.records.follow(event)
        records = self.records
        if (self.labelling and event.action == "changed" and event.collection == "blocks"
                and "label" in event.fields and (kind := records.kind_of.get(event.item_id)) is not None):
            self._dirty.append(records.blocks[kind][event.item_id])
            self.update()

    def invalidate(self, drawing_changed: bool = True) -> None:
        """Draw the picture again at the next paint (after any model, layer, badge or theme change);
        ``drawing_changed`` False: only this overview's own picture is stale (it was off), not what other
        drawings of the model (the minimap) show."""
        self._shapes = None
        if drawing_changed:
            self._tell(None)
        self.redraw()

    def redraw(self) -> None:
        """Draw the whole picture again at the next paint, from the same shapes."""
        self._cache = None
        self.update()

    def selection_changed(self) -> None:
        """Draw again, at the next paint, only where the selection's outline was and is."""
        self._selection_moved = True
        self.update()

    def badges_changed(self, block_ids: Iterable[str]) -> None:
        """These blocks' badges changed: only around them is drawn again (a first validation's thousands:
        all of it)."""
        records = self.records
        areas = [records.blocks[kind][block_id] for block_id in block_ids
                 if (kind := records.kind_of.get(block_id)) is not None]
        self._shapes = None
        if records.built and len(self._dirty) + len(areas) <= MAX_DIRTY:
            self._dirty.extend(areas)
            self._tell(areas)
            self.update()
        else:
            self._tell(None)
            self.redraw()

    def _records_changed(self, areas: list[QRectF]) -> None:
        """Elements changed: the shapes are gathered again, and only the areas they covered and cover now
        are drawn again (all of it after a new document)."""
        self._shapes = None
        self._tell(areas or None)
        if not areas or len(self._dirty) > MAX_DIRTY:
            self._badge_at.clear()
            self.redraw()
            return
        self._dirty.extend(areas)
        self.update()

    def _tell(self, areas: list[QRectF] | None) -> None:
        for listener in list(self.area_listeners):
            listener(areas)

    def begin_live(self, ids: Iterable[str]) -> None:
        """Leave these elements (and their connectors) out of the picture; they are drawn live."""
        self.live = set(ids)
        self._live_changed(self.live)

    def end_live(self) -> None:
        ids, self.live = self.live, set()
        self._live_changed(ids)

    def _live_changed(self, ids: set[str]) -> None:
        """The canvas's picture is drawn again; other drawings (the minimap) only where these elements
        are (after the drop, the move itself tells where they went)."""
        self._shapes = None
        self._tell(self.records.areas_of(ids) if self.records.built else None)
        self.redraw()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        """The cached drawing, made again only when something changed or the view moved or zoomed:
        a repaint (a hover, a tooltip, the minimap's outline) copies pixels instead of drawing 100,000
        shapes. The cache holds the view's background too, drawn by the view, and the drawing over it
        with the painter's own transform: its pixels are the ones painting straight gives (translucent
        group frames and faint blocks over a transparent image would blend a shade apart). A painter
        it cannot copy to (a rotated one, ``render``'s) gets the shapes themselves."""
        view = self._view_of(widget)
        key = _cache_key(painter, view)
        if view is None or key is None:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            self._draw(painter, *self._from_model())
            device = painter.device()
            self._draw_labels(painter, painter.worldTransform(), QRectF(0, 0, device.width(), device.height()))
            painter.restore()
        else:
            if self._cache is None or key != self._cache_key:
                self._cache, self._cache_key = self._drawn(painter, view, key), key
            elif self._dirty or self._selection_moved:
                self._patch(painter, view, key)
            painter.save()
            painter.resetTransform()
            painter.drawImage(QPointF(0, 0), self._cache)
            painter.restore()
        if self.live:
            live = [self._host.item_for(item_id) for item_id in self.live]
            self._draw(painter, *self._from_items([item for item in live if item is not None]))

    def _view_of(self, widget: QWidget | None) -> QGraphicsView | None:
        """The view whose viewport is being painted (None: another painter, e.g. ``render``'s, whose
        background is not the view's to draw)."""
        scene = self.scene()
        for view in scene.views() if scene is not None else []:
            if view.viewport() is widget:
                return view
        return None

    def _drawn(self, painter: QPainter, view: QGraphicsView, key: tuple[float, ...]) -> QImage:
        """The view's background and the drawing, on an image the size of the painter's device."""
        width, height, ratio = key[4], key[5], key[6]
        image = QImage(round(width * ratio), round(height * ratio), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(0)
        self._paint_on(image, painter, view, QRect(0, 0, round(width), round(height)))
        self.labelling = self.labelled > 0
        self.drawn += 1
        return image

    def _patch(self, painter: QPainter, view: QGraphicsView, key: tuple[float, ...]) -> None:
        """Draw again the part of the kept image the changes since it was made touch: the changed
        elements' old and new areas and the selection's old and new frames, widened by what strays
        outside them (a badge, the selection's outline). A part bigger than DIRTY_SHARE of the image
        (a block with connectors across the design) is the whole image drawn again."""
        assert self._cache is not None
        areas, self._dirty = self._dirty, []
        if self._selection_moved:
            areas = [*areas, *self._selected_drawn, *self._from_model()[1]]
            self._selection_moved = False
        transform = painter.worldTransform()
        changed = QRectF()
        for area in areas:
            changed = changed.united(transform.mapRect(area).adjusted(-1, -1, 1, 1))  # (a line's box has no width)
        stray = stray_px(transform)
        width, height = round(key[4]), round(key[5])
        part = changed.adjusted(-stray, -stray, stray, stray).toAlignedRect().intersected(QRect(0, 0, width, height))
        if part.isEmpty():
            return
        if part.width() * part.height() > DIRTY_SHARE * width * height:
            self._cache = self._drawn(painter, view, key)
            return
        self._paint_on(self._cache, painter, view, part)
        self.patched += 1

    def _paint_on(self, image: QImage, painter: QPainter, view: QGraphicsView, part: QRect) -> None:
        """Paint ``part`` (device pixels) of the image afresh: the view's background drawn by the view with
        the painter's render hints (its grid is antialiased on screen), then the shapes with the
        painter's transform, clipped to the part."""
        recorder = QPainter(image)
        recorder.setClipRect(part)
        recorder.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        recorder.fillRect(part, Qt.GlobalColor.transparent)
        recorder.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        recorder.setRenderHints(painter.renderHints())
        transform = painter.worldTransform()
        recorder.setWorldTransform(transform)
        area, _ok = transform.inverted()
        view.drawBackground(recorder, area.mapRect(QRectF(part).adjusted(-2, -2, 2, 2)))  # past the clip: no
        # antialiased edge of the background's own fill inside it
        recorder.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        shapes, selected = self._from_model()
        self._draw(recorder, shapes, selected)
        self.labelled = self._draw_labels(recorder, transform, QRectF(part))
        self.labelling = self.labelling or self.labelled > 0
        recorder.end()
        self._selected_drawn, self._dirty, self._selection_moved = selected, [], False

    def _draw_labels(self, painter: QPainter, transform: QTransform, part: QRectF) -> int:
        """The shown blocks' labels (overview_labels.py); the number drawn."""
        host = self._host
        left_out = self.live | host.layers.hidden | host.layers.dimmed
        blocks = labelled_blocks(self.records.blocks, self.records.kind_of, host.doc, left_out, host.theme.name)
        return draw_labels(painter, transform, blocks, part)

    def draw_model(self, painter: QPainter) -> list[QRectF]:
        """Everything, as this overview draws it, onto another painter (the minimap's), in scene units:
        the same shapes, gathered once for both; the selection's frames it outlined."""
        shapes, selected = self._from_model()
        self._draw(painter, shapes, selected)
        return selected

    def selected_frames(self) -> list[QRectF]:
        """The selection's frames as the drawing outlines them (scene units)."""
        return self._from_model()[1]

    def _from_model(self) -> tuple[Shapes, list[QRectF]]:
        """Everything but the live elements: the shapes (made again only after a change) and the
        selection's frames."""
        if self._shapes is None:
            self._shapes = self._model_shapes()
        live = self.live
        scene = self.scene()
        selected = [item.scene_frame() for item in (scene.selectedItems() if scene is not None else [])
                    if isinstance(item, BoxItem) and item.item_id not in live]
        return self._shapes, selected

    @without_gc  # ~30,000 badge values at 45,000 blocks, no cycles: see components/gcpause.py
    def _model_shapes(self) -> Shapes:
        """Everything but the live elements, from the records (overview_records.py: made once, then kept
        in step with the model); connectors as centre-to-centre lines, hidden under their blocks."""
        host, live = self._host, self.live
        records = self.records
        records.ensure()
        self.shaped += 1
        hidden, dimmed = host.layers.hidden, host.layers.dimmed
        theme_name = host.theme.name
        left_out = live | hidden
        shapes = Shapes()
        for kind, rects in records.blocks.items():  # kinds of one colour share a batch, as before
            batch = shapes.blocks.setdefault(style.kind_colour(kind, theme_name), [])
            if not left_out and not dimmed:
                batch.extend(rects.values())
            else:
                batch.extend(rect for block_id, rect in rects.items()
                             if block_id not in left_out and block_id not in dimmed)
        shapes.blocks = {colour: rects for colour, rects in shapes.blocks.items() if rects}
        blocks, kind_of = records.blocks, records.kind_of
        if dimmed:  # faint blocks in document order, as before
            shapes.faint = [blocks[kind_of[block_id]][block_id] for block_id in kind_of
                            if block_id in dimmed and block_id not in left_out]
        severity = host.badges.severity
        if severity:
            shapes.badges = self._badges(severity, left_out)
        for flow, connectors in records.lines.items():
            lines = shapes.lines.setdefault(flow, [])
            for connector_id, drawn in connectors.items():
                if left_out and connector_id in left_out:
                    continue
                if isinstance(drawn, QLineF):
                    lines.append(drawn)
                else:
                    lines.extend(drawn)
        shapes.notes = [rect for note_id, rect in records.notes.items() if note_id not in live]
        shapes.groups = [rect for group_id, rect in records.groups.items() if group_id not in live]
        return shapes

    def _badges(self, severity: Mapping[str, str], left_out: set[str]) -> list[tuple[QPointF, str]]:
        """Each flagged block's badge, in the blocks' order; a badge's place is worked out again only
        when its block's record was made again."""
        records, known = self.records, self._badge_at
        blocks, kind_of = records.blocks, records.kind_of
        badges: list[tuple[QPointF, str]] = []
        for block_id in kind_of:
            found = severity.get(block_id)
            if not found or block_id in left_out:
                continue
            rect = blocks[kind_of[block_id]][block_id]
            at = known.get(block_id)
            if at is None or at[0] is not rect:
                at = known[block_id] = (rect, QPointF(rect.right() - 4, rect.top() + 4))
            badges.append((at[1], found))
        return badges

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
        radius = style.BADGE_RADIUS * 1.5
        badges = shapes.badges
        if painter.hasClipping() and badges:  # a part drawn again: the badges in it (20,000 at 45,000 blocks)
            near = painter.clipBoundingRect().adjusted(-radius - 1, -radius - 1, radius + 1, radius + 1)
            badges = [badge for badge in badges if near.contains(badge[0])]
        brushes: dict[str, QBrush] = {}
        for centre, severity in badges:
            brush = brushes.get(severity)
            if brush is None:
                brush = brushes[severity] = QBrush(painting.colour(theme.severity[severity]))
            painter.setBrush(brush)
            painter.drawEllipse(centre, radius, radius)
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



def _cache_key(painter: QPainter, view: QGraphicsView | None) -> tuple[float, ...] | None:
    """What a cached drawing depends on besides the shapes and the theme: the painter's transform (a
    scale and a shift only), its device's size, the view's zoom and the grid's step (the background);
    None for a painter the drawing is not cached for."""
    device = painter.device()
    transform = painter.worldTransform()
    if view is None or not isinstance(device, QWidget | QImage) or transform.m12() or transform.m21() \
            or not transform.isAffine():
        return None
    return (transform.m11(), transform.m22(), transform.dx(), transform.dy(), device.width(), device.height(),
            device.devicePixelRatioF(), view.transform().m11(), float(getattr(view.scene(), "grid_size", 0.0)))
