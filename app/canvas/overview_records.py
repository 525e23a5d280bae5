"""What the zoomed-out drawing draws, one record per element, kept in step with the model edit by edit.

The canvas's overview (overview.py) and the minimap draw the same shapes: a rectangle per block (by
kind), a line or an elbow route per connector (by flow), a rectangle per note and group. Building
those ~150,000 Qt values for a 45,000-block design took ~0.5 s, and it was done afresh for the canvas
and again for the minimap after every edit. Here they are made once (when first asked for) and then
only the records of what an edit touched are made again: the changed element and, for a block, its
connectors. What depends on the view rather than the model (the theme's colours, hidden or faint
layers, the elements being dragged, the selection, the badges) is applied when drawing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QLineF, QPointF, QRectF

from components import style
from components.document import Document
from components.events import ChangeEvent
from components.export.elbow import Route
from components.gcpause import without_gc

_BLOCK = frozenset({"x", "y", "width", "height", "kind"})  # what a block's record is made of
_CONNECTOR = frozenset({"source", "target", "flow", "waypoints", "style"})
_BOX = frozenset({"x", "y", "width", "height"})
Lines = QLineF | list[QLineF]  # a straight connector's centre line, or an elbow route's segments


class OverviewRecords:
    """Blocks by kind, connectors by flow, notes and groups, as Qt shapes in scene coordinates."""

    def __init__(self, doc: Document, route_of: Callable[[str], Route | None]) -> None:
        self._doc = doc
        self._route_of = route_of  # the last elbow route found for a connector (None: drawn straight)
        self.built = False
        self.made = 0  # records made since the document was opened (tests count the work of an edit)
        self.blocks: dict[str, dict[str, QRectF]] = {}  # kind -> block id -> frame (document order at first)
        self.kind_of: dict[str, str] = {}
        self.lines: dict[str, dict[str, Lines]] = {}  # flow -> connector id -> its lines
        self.flow_of: dict[str, str] = {}
        self.notes: dict[str, QRectF] = {}
        self.groups: dict[str, QRectF] = {}
        self._sizes: dict[tuple[str, float | None, float | None], tuple[float, float]] = {}
        self.listeners: list[Callable[[list[QRectF]], None]] = []  # told the areas each change touched

    def _size(self, kind: str, width: float | None, height: float | None) -> tuple[float, float]:
        key = (kind, width, height)
        size = self._sizes.get(key)
        if size is None:
            size = self._sizes[key] = style.block_size(*key)
        return size

    # ----- building ------------------------------------------------------------------------------
    @without_gc  # ~150,000 Qt values at 45,000 blocks and no cycles: see components/gcpause.py
    def ensure(self) -> None:
        """Make every record (the first time the overview or the minimap draws)."""
        if self.built:
            return
        diagram = self._doc.diagram
        self.blocks, self.kind_of, self.lines, self.flow_of = {}, {}, {}, {}
        centres: dict[str, tuple[float, float]] = {}  # what QRectF.center() gives, without the Qt objects
        for block in diagram.blocks:
            width, height = self._size(block.kind, block.width, block.height)
            centres[block.id] = (block.x + width / 2, block.y + height / 2)
            self.blocks.setdefault(block.kind, {})[block.id] = QRectF(block.x, block.y, width, height)
            self.kind_of[block.id] = block.kind
        for connector in diagram.connectors:
            route = self._route_of(connector.id)
            lines: Lines = (QLineF(*centres[connector.source], *centres[connector.target]) if route is None
                            else [QLineF(*a, *b) for a, b in pairwise(route.points)])
            self.lines.setdefault(connector.flow, {})[connector.id] = lines
            self.flow_of[connector.id] = connector.flow
        self.notes = {n.id: QRectF(n.x, n.y, n.width, n.height) for n in diagram.notes}
        self.groups = {g.id: QRectF(g.x, g.y, g.width, g.height) for g in diagram.groups}
        self.made += len(self.kind_of) + len(self.flow_of) + len(self.notes) + len(self.groups)
        self.built = True

    def forget(self) -> None:
        """Drop every record (a new document): made again when next asked for."""
        self.built = False
        self.blocks, self.kind_of, self.lines, self.flow_of, self.notes, self.groups = {}, {}, {}, {}, {}, {}
        self._tell([])

    # ----- following the model ---------------------------------------------------------------------
    def follow(self, event: ChangeEvent) -> None:
        """Take one model event in: only the records it touches are made again."""
        if event.action == "reset":
            self.forget()
            return
        if not self.built:
            return
        if event.action == "meta":
            if "connector_style" in event.fields:  # the design's default: any connector may change shape
                for connector_id in list(self.flow_of):
                    self.refresh_connector(connector_id)
            return
        collection, item_id = event.collection, event.item_id
        if event.action == "removed":
            self._tell(self._drop(item_id))
        elif event.action == "added" or (event.action == "changed" and collection is not None):
            wanted = {"blocks": _BLOCK, "connectors": _CONNECTOR}.get(collection or "", _BOX)
            if event.action == "added" or not wanted.isdisjoint(event.fields):
                self._remake(collection or "", item_id)

    def refresh_connector(self, connector_id: str) -> None:
        """A connector's route may have changed (the board routed it again): its lines made afresh."""
        if self.built and connector_id in self.flow_of:
            self._remake("connectors", connector_id)

    def _remake(self, collection: str, item_id: str) -> None:
        found = self._doc.find(item_id)
        if found is None:
            return
        element = found[1]
        self.made += 1
        if collection == "blocks":
            touched = self._drop(item_id, element.kind)
            rect = QRectF(element.x, element.y, *self._size(element.kind, element.width, element.height))
            self.blocks.setdefault(element.kind, {})[item_id] = rect
            self.kind_of[item_id] = element.kind
            touched.append(rect)
            for connector_id in self._doc.connector_ids_of([item_id]):
                if connector_id in self.flow_of:
                    touched.extend(self._connector(connector_id))
        elif collection == "connectors":
            touched = self._connector(item_id)
        else:
            touched = self._drop(item_id)
        if collection in ("notes", "groups"):
            rect = QRectF(element.x, element.y, element.width, element.height)
            (self.notes if collection == "notes" else self.groups)[item_id] = rect
            touched.append(rect)
        self._tell(touched)

    def _connector(self, connector_id: str) -> list[QRectF]:
        """Make a connector's record again; the areas its old and new lines cover."""
        connector = self._doc.connector(connector_id)
        touched = self._drop(connector_id, connector.flow)
        route = self._route_of(connector_id)
        if route is None:
            lines: Lines = QLineF(self._centre(connector.source), self._centre(connector.target))
        else:
            lines = [QLineF(*a, *b) for a, b in pairwise(route.points)]
        self.lines.setdefault(connector.flow, {})[connector_id] = lines
        self.flow_of[connector_id] = connector.flow
        return touched + _areas(lines)

    def _centre(self, block_id: str) -> QPointF:
        return self.blocks[self.kind_of[block_id]][block_id].center()

    def _drop(self, item_id: str, same: str | None = None) -> list[QRectF]:
        """Forget an element's record; the areas it covered. A block or connector whose kind or flow
        stays ``same`` keeps its place in the records' order (the badges are drawn in that order)."""
        kind = self.kind_of.get(item_id)
        if kind is not None:
            if kind == same:
                return [self.blocks[kind][item_id]]
            del self.kind_of[item_id]
            return [_pop(self.blocks, kind, item_id)]
        flow = self.flow_of.get(item_id)
        if flow is not None:
            if flow == same:
                return _areas(self.lines[flow][item_id])
            del self.flow_of[item_id]
            return _areas(_pop(self.lines, flow, item_id))
        for boxes in (self.notes, self.groups):
            rect = boxes.pop(item_id, None)
            if rect is not None:
                return [rect]
        return []

    def areas_of(self, ids: Iterable[str]) -> list[QRectF]:
        """The areas these elements' records cover now (unknown ids: none)."""
        areas: list[QRectF] = []
        for item_id in ids:
            if (kind := self.kind_of.get(item_id)) is not None:
                areas.append(self.blocks[kind][item_id])
            elif (flow := self.flow_of.get(item_id)) is not None:
                areas.extend(_areas(self.lines[flow][item_id]))
            elif (rect := self.notes.get(item_id) or self.groups.get(item_id)) is not None:
                areas.append(rect)
        return areas

    def _tell(self, areas: list[QRectF]) -> None:
        """Tell the drawings what changed (an empty list: everything may have)."""
        for listener in list(self.listeners):
            listener(areas)


def _pop(buckets: dict[str, dict[str, Any]], key: str, item_id: str) -> Any:
    bucket = buckets[key]
    value = bucket.pop(item_id)
    if not bucket:
        del buckets[key]
    return value


def _areas(lines: Lines) -> list[QRectF]:
    """The areas a connector's lines cover (a rectangle per segment: long ones are thin)."""
    segments = [lines] if isinstance(lines, QLineF) else lines
    return [QRectF(line.p1(), line.p2()).normalized() for line in segments]
