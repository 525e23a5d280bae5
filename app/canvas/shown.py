"""Which items the canvas has: the id -> item map, and the items made from the model.

A design of fewer than ``LAZY_FROM`` elements gets an item for every element when it is opened. A
bigger one gets items only for what is shown: ``places`` knows where every element is from the model,
the views ask to ``reveal`` what they show (nothing while zoomed out, where the overview draws
everything from the model), and an item asked for by id (``item_for``) is made on the spot. Opening a
45,000-block design then costs an index and a picture, not 100,000 items; what a view has shown keeps
its items.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QPointF, QRectF, QTimer
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from app.canvas.badges import Badges
from app.canvas.items import ITEM_CLASSES, BlockItem, CanvasItem, ConnectorItem, NoteItem
from app.canvas.items.base import BoxItem
from app.canvas.places import Places
from app.editor import Editor
from components import style
from components.document import Document
from components.export.elbow import Route
from components.export.geometry import Point, Rect, parallel_offsets
from components.model import COLLECTIONS, Connector

Item = TypeVar("Item", bound=CanvasItem)
MIN_RECT = QRectF(-800, -600, 1600, 1200)
RECT_MARGIN = 1200.0
STACKING = 1e-6  # z added per rank
LAZY_FROM = 2_000  # elements: from this size on, items are made for what the views show
MAX_BSP_DEPTH = 10  # Qt's default grows with the item count (16 levels at 100,000 items), and a long
# connector is then listed in thousands of leaves: a 45,000-block design with long connectors took 7.8 GB


class ShownItems(QGraphicsScene):
    """The item map of the board (board.py), and the making of items from the model."""

    def __init__(self, editor: Editor, parent: Any = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self._theme_name = "light"
        self.badges = Badges()
        # set by the tools, read by the items: what a drag in progress changes in the drawing
        self.connect_target = ""  # the block under a connection drag (drawn highlighted)
        self.handles_visible = True  # hovered blocks show their connection handles (not mid-drag)
        self._items: dict[str, CanvasItem] = {}
        self._rank: dict[str, float] = {}  # document order at load, then creation order: for selected_ids()
        self._next_rank = 0.0
        self.places = Places(editor.doc)
        self.lazy = False  # items only for what the views show
        self.moving = False  # items are being dragged ahead of the model (set by the tools)
        self._overview_on = False
        self._content: QRectF | None = None  # content_rect() until something changes
        self._reveal_timer = QTimer(self)  # after an edit: items for what now shows
        self._reveal_timer.setSingleShot(True)
        self._reveal_timer.timeout.connect(self.reveal_views)

    @property
    def doc(self) -> Document:
        return self.editor.doc

    # ----- what the items ask of their host (items.base.ItemHost) ------------------------------------
    @property
    def theme(self) -> style.Theme:
        return style.THEMES[self._theme_name]

    def severity_of(self, block_id: str) -> str:
        """The worst severity of the findings on a block, or "" (the badges the board keeps)."""
        return self.badges.severity.get(block_id, "")

    def item_for(self, item_id: str) -> CanvasItem | None:
        """The item showing the element with this id (None when there is no such element); made now
        when the design is big and it was not shown yet."""
        item = self._items.get(item_id)
        if item is None and self.lazy and item_id in self.places.index:
            item = self._make(item_id)
        return item

    def item_ids(self) -> set[str]:
        """The ids of every element drawn (with an item or, in a big design, waiting for one)."""
        return self.places.index.ids() if self.lazy else set(self._items)

    def has_elements(self) -> bool:
        return bool(self._items) or (self.lazy and len(self.places.index) > 0)

    def frame_of(self, block_id: str) -> Rect:
        """A block's frame as drawn now: where its item is (also mid-drag), else where the model has it."""
        item = self._items.get(block_id)
        if isinstance(item, BoxItem):
            frame = item.scene_frame()
            return Rect(frame.x(), frame.y(), frame.width(), frame.height(), style.BLOCK_RADIUS)
        return self.places.frame(block_id)

    # ----- making items ----------------------------------------------------------------------------
    def make_items(self) -> None:
        """Items for a document just opened (the map is empty): all of them, or, for a big design, the
        index of where everything is (items follow what the views show)."""
        diagram = self.doc.diagram
        self._rank = {}
        for collection in COLLECTIONS:
            self._rank.update((element.id, float(index)) for index, element in enumerate(getattr(diagram, collection)))
        self._next_rank = float(len(self._rank))
        self.lazy = len(self._rank) >= LAZY_FROM
        if self.lazy:
            self.setBspTreeDepth(min(MAX_BSP_DEPTH, max(5, int(math.log2(len(self._rank))))))
            self.places.rebuild()
            self._reveal_timer.start(0)
            return
        self.places = Places(self.doc)
        # Blocks and connectors are placed straight from the model before they join the scene (one
        # index insertion each, no lookups through the scene); notes and groups are few.
        frames: dict[str, Rect] = {}
        for block in diagram.blocks:
            size = self.places.size(block)
            frames[block.id] = Rect(block.x, block.y, *size, style.BLOCK_RADIUS)
            block_item = self._new_item(BlockItem, block.id)
            block_item.place(block, *size)
            self.addItem(block_item)
        offsets = parallel_offsets((c.id, c.source, c.target) for c in diagram.connectors)
        for connector in diagram.connectors:
            connector_item = self._new_item(ConnectorItem, connector.id)
            ends, offset = (frames[connector.source], frames[connector.target]), offsets.get(connector.id, 0.0)
            connector_item.place(connector, *ends, offset, self.elbow_route(connector, *ends, offset))
            self.addItem(connector_item)
        for collection in ("notes", "groups"):
            for element in getattr(diagram, collection):
                item = self._new_item(ITEM_CLASSES[collection], element.id)
                self.addItem(item)
                item.sync()

    def _new_item(self, kind: type[Item], item_id: str) -> Item:
        item = kind(item_id, self)
        rank = self._rank.get(item_id)
        if rank is None:
            rank = self._rank[item_id] = self._next_rank
            self._next_rank += 1
        item.serial = rank
        # stacked in that order too, whenever the item is made: Qt stacks items of one z value in the
        # order they joined the scene (100,000 ranks stay within a tenth of a layer's step)
        item.setZValue(item.zValue() + rank * STACKING)
        if self._overview_on:
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
        self._items[item_id] = item
        return item

    def _make(self, item_id: str) -> CanvasItem | None:
        """A big design: make the item of an element not shown yet, from the model."""
        found = self.doc.find(item_id)
        if found is None:
            return None
        collection, element = found
        item = self._new_item(ITEM_CLASSES[collection], item_id)
        if isinstance(item, BlockItem):
            item.place(element, *self.places.size(element))
        elif isinstance(item, ConnectorItem):
            item.sync()
        self.addItem(item)
        if not isinstance(item, BlockItem | ConnectorItem):
            item.sync()
        return item

    @property
    def focus_id(self) -> str:
        """The block with the keyboard focus ring (the board's: see Board.focus_id), or ""."""
        return ""

    def elbow_route(self, connector: Connector, source: Rect, target: Rect, offset: float,
                    waypoints: Sequence[Point] | None = None) -> Route | None:
        """The elbow route of a connector between these frames, None when it is drawn straight (the board
        routes: see Board.elbow_route)."""
        return None

    def reveal(self, area: QRectF) -> None:
        """A big design: make the items of what ``area`` (scene coordinates) shows, if not made yet."""
        if not self.lazy or area.isEmpty():
            return
        for item_id in self.places.within(area.left(), area.top(), area.right(), area.bottom(), self._items):
            self._make(item_id)

    def reveal_views(self) -> None:
        """Make the items of what every view shows (none while zoomed out: the overview draws it all)."""
        if not self.lazy or self._overview_on:
            return
        for view in self.views():
            self.reveal(view.mapToScene(view.viewport().rect()).boundingRect())

    def reveal_near(self, point: QPointF) -> None:
        """Items for what is under a click (zoomed out, a big design has none until then)."""
        self.reveal(QRectF(point.x() - 1, point.y() - 1, 2, 2))

    # ----- extent ----------------------------------------------------------------------------------
    def content_rect(self) -> QRectF:
        """The bounding box of everything drawn from the model (empty when nothing is).

        Kept until the next model change or connector refresh (opening a design asks twice: for the
        scene rect and to zoom to fit, ~10 ms each at 5,000 blocks); worked out afresh mid-drag, when
        items move ahead of the model. A big design's comes from the index (and the dragged items)."""
        if self._content is None or self.moving:
            rect = QRectF()
            if self.lazy:
                bounds = self.places.bounds()
                if bounds is not None:
                    rect = QRectF(bounds[0], bounds[1], bounds[2] - bounds[0], bounds[3] - bounds[1])
                if not self.moving:
                    self._content = rect
                    return QRectF(rect)
            for item in self._items.values():
                rect = rect.united(item.sceneBoundingRect())
            self._content = rect
        return QRectF(self._content)

    def any_box_in(self, area: QRectF) -> bool:
        """Whether a block or note is drawn overlapping ``area`` (scene coordinates). A big design asks
        its index (the model's boxes) for what is there, rather than looking at 45,000 boxes."""
        if not self.lazy:
            return any(item.sceneBoundingRect().intersects(area) for item in self._items.values()
                       if isinstance(item, BlockItem | NoteItem))
        index = self.places.index
        for item_id in index.near(area.left(), area.top(), area.right(), area.bottom()):
            item = self._items.get(item_id)
            if item is not None:
                if isinstance(item, BlockItem | NoteItem) and item.sceneBoundingRect().intersects(area):
                    return True
                continue
            found, box = self.doc.find(item_id), index.box(item_id)
            if found is not None and found[0] in ("blocks", "notes") and box is not None and QRectF(
                    box[0], box[1], box[2] - box[0], box[3] - box[1]).intersects(area):
                return True
        return False

    def wanted_rect(self) -> QRectF:
        """The scrollable area: the content with room around it."""
        content = self.content_rect()
        base = content.united(MIN_RECT) if not content.isNull() else QRectF(MIN_RECT)
        return base.adjusted(-RECT_MARGIN, -RECT_MARGIN, RECT_MARGIN, RECT_MARGIN)
