"""What every canvas item shares: its id, its collection, and access to the model through its host.

Items hold no data of their own: they keep their id and read the element from the document when
painting. Cached values (size, a path) are derived and refreshed by the scene on model events.
Items sit at the bottom of app/canvas: they know the scene only as an ``ItemHost``, the few things
they ask of it, so nothing here imports the scene.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem

from components import style
from components.document import Document
from components.export.elbow import Route
from components.export.geometry import Point, Rect
from components.model import Collection, Connector

Z_GROUP = -10.0
Z_CONNECTOR = -1.0
Z_BLOCK = 0.0
Z_NOTE = 1.0
Z_TOOL = 50.0
Z_EDITOR = 100.0
LOD_DETAIL = 0.4  # below this zoom, items draw a plain shape without text or icons
_SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable


class ItemHost(Protocol):
    """What an item asks of the scene it is drawn in (the scene's board provides it)."""

    @property
    def doc(self) -> Document: ...

    @property
    def theme(self) -> style.Theme: ...

    @property
    def connect_target(self) -> str:
        """The block a connection drag would end on (drawn highlighted), or ""."""

    @property
    def handles_visible(self) -> bool:
        """Whether a hovered block shows its connection handles (not during a drag)."""

    @property
    def focus_id(self) -> str:
        """The block the keyboard is on (Tab), drawn with a focus ring, or ""."""

    def item_for(self, item_id: str) -> CanvasItem | None: ...

    def frame_of(self, block_id: str) -> Rect:
        """A block's frame as drawn now (where its item is, also mid-drag; else from the model)."""

    def severity_of(self, block_id: str) -> str:
        """The worst severity of the findings on a block, or ""."""

    def elbow_route(self, connector: Connector, source: Rect, target: Rect, offset: float,
                    waypoints: Sequence[Point] | None = None) -> Route | None:
        """The connector's elbow route between its ends' frames (its own waypoints unless given), or
        None when it is drawn straight."""


class CanvasItem(QGraphicsRectItem):
    """Base of block, connector, note and group items.

    The bounding rectangle is the QGraphicsRectItem's rect (set with ``setRect``, which calls
    prepareGeometryChange), so Qt reads it in C++: no Python boundingRect() call per item on every
    repaint, which is what keeps a zoomed-out 10,000-item scene fast."""

    collection: Collection = "blocks"
    text_hidden = False  # its label (a note's text) is not drawn: an in-place editor is over it

    def __init__(self, item_id: str, host: ItemHost) -> None:
        super().__init__()
        self.item_id = item_id
        self.host = host
        self.serial = 0.0  # the board's order of items: document order at load, then creation order
        self.setFlags(_SELECTABLE)

    def model(self) -> Any:
        """The element this item shows, read from the document (the only source of truth)."""
        return self.host.doc.get(self.collection, self.item_id)

    def theme(self) -> style.Theme:
        return self.host.theme

    def sync(self) -> None:
        """Follow the model after a change (position, size, text); the scene calls this."""

    def hide_text(self, hidden: bool) -> None:
        """Leave the label out while an in-place editor is over it: the editor shrinks with what is typed,
        and the old label's lines showed under it."""
        if hidden != self.text_hidden:
            self.text_hidden = hidden
            self.update()


class BoxItem(CanvasItem):
    """A block, note or group: a box of the model's size at the model's position."""

    # class-level defaults, replaced (never changed in place) by ``follow``
    _width = 0.0
    _height = 0.0

    def frame(self) -> QRectF:
        """The box in item coordinates."""
        return QRectF(0, 0, self._width, self._height)

    def scene_frame(self) -> QRectF:
        """The box in scene coordinates, where the item is now (also while dragged)."""
        pos = self.pos()
        return QRectF(pos.x(), pos.y(), self._width, self._height)

    def follow(self, x: float, y: float, width: float, height: float) -> bool:
        """Take the model's position and size; True when the size changed (the caller then sets
        its bounding rect)."""
        resized = (width, height) != (self._width, self._height)
        self._width, self._height = width, height
        pos = self.pos()
        if (pos.x(), pos.y()) != (x, y):
            self.setPos(x, y)
        return resized


def detail(option: QStyleOptionGraphicsItem, painter: Any) -> float:
    """The level of detail of the current paint (1.0 at 100% zoom)."""
    return QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
