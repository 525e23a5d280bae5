"""Where each element of the document is drawn, worked out from the model alone (no item needed): a
block's frame, a note's or group's box, a straight connector's centre line, an elbow connector's search
box (the area its route may use: components/export/elbow_search.py), all kept in a spatial index that
follows the document edit by edit. The board asks it which elements a view shows, and makes items for
those only.
"""

from __future__ import annotations

from collections.abc import Container, Iterator

from app.canvas.spatial import Box, SpatialIndex
from components import style
from components.document import Document
from components.events import ChangeEvent
from components.export import elbow
from components.export.geometry import Rect
from components.model import Block, Collection, Connector

Size = tuple[float, float]
_GEOMETRY = frozenset({"x", "y", "width", "height", "source", "target", "waypoints", "style"})  # what moves an element


class Places:
    """Model geometry of every element, and the index over it."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.index = SpatialIndex()
        self._sizes: dict[tuple[str, float | None, float | None], Size] = {}

    def size(self, block: Block) -> Size:
        """The drawn size of a block (once per kind and size given)."""
        key = (block.kind, block.width, block.height)
        size = self._sizes.get(key)
        if size is None:
            size = self._sizes[key] = style.block_size(*key)
        return size

    def frame(self, block_id: str) -> Rect:
        """A block's frame in scene coordinates, from the model."""
        block = self.doc.block(block_id)
        return Rect(block.x, block.y, *self.size(block), style.BLOCK_RADIUS)

    def rebuild(self) -> None:
        """Index every element afresh (on opening a document)."""
        self.index = SpatialIndex()
        self.index.fill(self._shapes())

    def _shapes(self) -> Iterator[tuple[str, bool, Box]]:
        """Every element's shape for the index (id, a segment, its box or end points), in file order."""
        diagram = self.doc.diagram
        centres: dict[str, tuple[float, float]] = {}
        size = self.size
        for block in diagram.blocks:
            width, height = size(block)
            x, y = block.x, block.y
            centres[block.id] = (x + width / 2, y + height / 2)
            yield block.id, False, (x, y, x + width, y + height)
        for connector in diagram.connectors:
            if elbow.is_elbow(diagram, connector):
                yield connector.id, False, self._route_area(connector)
            else:
                yield connector.id, True, (*centres[connector.source], *centres[connector.target])
        for note in diagram.notes:
            yield note.id, False, (note.x, note.y, note.x + note.width, note.y + note.height)
        for group in diagram.groups:
            yield group.id, False, (group.x, group.y, group.x + group.width, group.y + group.height)

    def place(self, collection: Collection, item_id: str) -> None:
        """Index one element where the model now has it (a block's connectors follow it)."""
        if collection == "blocks":
            frame = self.frame(item_id)
            self.index.put_box(item_id, frame.x, frame.y, frame.x + frame.width, frame.y + frame.height)
            for connector_id in self.doc.connector_ids_of([item_id]):
                self.place("connectors", connector_id)
        elif collection == "connectors":
            connector: Connector = self.doc.connector(item_id)
            if elbow.is_elbow(self.doc.diagram, connector):
                self._put_route_area(connector)
            else:
                self.index.put_segment(item_id, *self._centre(connector.source), *self._centre(connector.target))
        else:
            element = self.doc.get(collection, item_id)
            self.index.put_box(item_id, element.x, element.y, element.x + element.width, element.y + element.height)

    def _put_route_area(self, connector: Connector) -> None:
        self.index.put_box(connector.id, *self._route_area(connector))

    def _route_area(self, connector: Connector) -> Box:
        """An elbow connector goes round blocks, off the line between its ends: it is indexed by the
        area its route may use, so a view showing any part of the route makes its item."""
        return elbow.search_box(self.frame(connector.source), self.frame(connector.target),
                                [(point.x, point.y) for point in connector.waypoints or ()])

    def _centre(self, block_id: str) -> tuple[float, float]:
        frame = self.frame(block_id)
        return frame.x + frame.width / 2, frame.y + frame.height / 2

    def forget(self, item_id: str) -> None:
        self.index.drop(item_id)

    def follow(self, event: ChangeEvent) -> Box | None:
        """Take a model event into the index; the element's new box when it was added or moved."""
        if event.action == "removed":
            self.forget(event.item_id)
        elif event.action == "meta" and "connector_style" in event.fields:  # any connector may change shape
            for connector in self.doc.diagram.connectors:
                self.place("connectors", connector.id)
        elif event.collection is not None and event.item_id and (
                event.action == "added" or not _GEOMETRY.isdisjoint(event.fields)):
            self.place(event.collection, event.item_id)
            return self.index.box(event.item_id)
        return None

    def within(self, left: float, top: float, right: float, bottom: float, made: Container[str]) -> list[str]:
        """The elements drawn in this rectangle that have no item yet (``made``: those that have)."""
        index = self.index
        return [item_id for item_id in index.near(left, top, right, bottom)
                if item_id not in made and index.meets(item_id, left, top, right, bottom)]

    def bounds(self) -> Box | None:
        return self.index.bounds()
