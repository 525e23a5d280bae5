"""Commands on canvas elements: add, remove, move, connect, relabel, set fields and properties."""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping
from typing import Any

from components.commands.base import Command
from components.document import Document, EditError
from components.model import COLLECTIONS, Block, Collection, Connector, Waypoint

Position = tuple[float, float]
_ORDER = {name: rank for rank, name in enumerate(COLLECTIONS)}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class AddItems(Command):
    """Add elements (blocks first, then connectors, notes, groups): placing, pasting, duplicating."""

    def __init__(self, items: Iterable[tuple[Collection, Any]], text: str = "") -> None:
        self.items = sorted(items, key=lambda pair: _ORDER[pair[0]])
        self.text = text or ("Add " + _plural(len(self.items), "item"))

    def do(self, doc: Document) -> None:
        added: list[tuple[Collection, str]] = []
        try:
            for collection, item in self.items:
                doc.insert(collection, item)
                added.append((collection, item.id))
        except Exception:
            for collection, item_id in reversed(added):
                doc.remove(collection, item_id)
            raise

    def undo(self, doc: Document) -> None:
        for collection, item in reversed(self.items):
            doc.remove(collection, item.id)


class AddBlock(AddItems):
    def __init__(self, block: Block) -> None:
        super().__init__([("blocks", block)], f"Add {block.label or block.kind}")


def refuse_duplicate(doc: Document, connector_id: str, source: str, target: str, flow: str) -> None:
    """EditError when another connector already joins ``source`` to ``target`` with ``flow``: a second
    identical arrow means nothing and hides under the first. (The other flows, or the other
    direction, are different connections.) Looks only at the source's own connectors: O(its degree)."""
    for other_id in doc.connector_ids_of([source]):
        other = doc.connector(other_id)
        if other.id != connector_id and (other.source, other.target, other.flow) == (source, target, flow):
            raise EditError(already_connected(doc, source, target, flow))


def already_connected(doc: Document, source: str, target: str, flow: str) -> str:
    """Why a connector ``source`` -> ``target`` with ``flow`` is refused: one like it exists."""
    names = [doc.block(i).label or i if doc.has_id(i) else i for i in (source, target)]
    return f"{names[0]} → {names[1]} is already connected ({flow} flow)"


class Connect(AddItems):
    """Add one connector (refused when an identical one exists)."""

    def __init__(self, connector: Connector) -> None:
        super().__init__([("connectors", connector)], f"Connect ({connector.flow})")
        self.connector = connector

    def do(self, doc: Document) -> None:
        c = self.connector
        refuse_duplicate(doc, c.id, c.source, c.target, c.flow)
        super().do(doc)


def _positions(items: list[Any], wanted: set[str]) -> list[int]:
    """Where the elements with these ids sit, last first. A few are looked up in a list of the ids (made
    and searched in C: ~0.3 ms for 10,000 elements, a deletion at that size was 2.5 ms in a Python loop)."""
    if not wanted:
        return []
    ids = list(map(_ID, items))
    if len(wanted) <= _FEW:
        return sorted(map(ids.index, wanted), reverse=True)
    return sorted((index for index, item_id in enumerate(ids) if item_id in wanted), reverse=True)


_ID = operator.attrgetter("id")
_FEW = 8


class RemoveItems(Command):
    """Remove elements; a removed block takes its connectors along and leaves its groups.

    Undo puts every element back at its original list position and restores group membership.
    """

    def __init__(self, ids: Iterable[str], text: str = "") -> None:
        self.ids = list(dict.fromkeys(ids))
        self.text = text or ("Delete " + _plural(len(self.ids), "item"))
        self._removed: list[tuple[Collection, int, Any]] = []
        self._memberships: list[tuple[str, list[str]]] = []

    def do(self, doc: Document) -> None:
        targets: dict[Collection, set[str]] = {name: set() for name in COLLECTIONS}
        for item_id in self.ids:
            found = doc.find(item_id)
            if found is not None:
                targets[found[0]].add(item_id)
        targets["connectors"] |= doc.connector_ids_of(targets["blocks"])
        self._memberships = []
        for group in doc.diagram.groups:
            if group.id not in targets["groups"] and targets["blocks"] & set(group.members):
                self._memberships.append((group.id, list(group.members)))
                kept = [m for m in group.members if m not in targets["blocks"]]
                doc.update("groups", group.id, {"members": kept})
        self._removed = []
        for collection in reversed(COLLECTIONS):  # blocks last: connectors and groups name them
            items = getattr(doc.diagram, collection)
            for position in _positions(items, targets[collection]):
                index, item = doc.remove(collection, items[position].id, position)
                self._removed.append((collection, index, item))

    def undo(self, doc: Document) -> None:
        for collection, index, item in reversed(self._removed):
            doc.insert(collection, item, index)
        for group_id, members in reversed(self._memberships):
            doc.update("groups", group_id, {"members": members})


class Disconnect(RemoveItems):
    def __init__(self, connector_ids: Iterable[str]) -> None:
        super().__init__(connector_ids, "Disconnect")


def offset_positions(doc: Document, ids: Iterable[str], dx: float, dy: float) -> dict[str, Position]:
    """New positions of these movable elements (blocks, notes, groups) moved by (dx, dy)."""
    positions: dict[str, Position] = {}
    for item_id in ids:
        found = doc.find(item_id)
        if found is not None and found[0] != "connectors":
            positions[item_id] = (found[1].x + dx, found[1].y + dy)
    return positions


class MoveItems(Command):
    """Move blocks, notes and groups to absolute positions; consecutive moves of the same set merge.
    A connector whose two ends move by the same offset takes its waypoints along."""

    def __init__(self, positions: Mapping[str, Position], text: str = "Move") -> None:
        self.new = {item_id: (float(x), float(y)) for item_id, (x, y) in positions.items()}
        self.old: dict[str, Position] = {}
        self.old_waypoints: dict[str, list[Waypoint]] = {}
        self._carried: dict[str, list[Waypoint]] | None = None  # the waypoints it left, to redo exactly
        self.text = text

    @classmethod
    def by(cls, doc: Document, ids: Iterable[str], dx: float, dy: float, text: str = "Move") -> MoveItems:
        """A move of these elements by an offset."""
        return cls(offset_positions(doc, ids, dx, dy), text)

    def do(self, doc: Document) -> None:
        self.old = {}
        for item_id, (x, y) in self.new.items():
            collection, item = doc.locate(item_id)
            self.old[item_id] = (item.x, item.y)
            if (item.x, item.y) != (x, y):
                doc.update(collection, item_id, {"x": x, "y": y})
        if self._carried is None:
            self._carried = self._carried_waypoints(doc)
        self.old_waypoints = {}
        for connector_id, waypoints in self._carried.items():  # a redo puts back exactly what the first run did
            self.old_waypoints[connector_id] = doc.connector(connector_id).waypoints or []
            doc.update("connectors", connector_id, {"waypoints": waypoints})

    def _carried_waypoints(self, doc: Document) -> dict[str, list[Waypoint]]:
        """The shifted waypoints of connectors whose two ends moved by one offset."""
        offsets = {item_id: (x - self.old[item_id][0], y - self.old[item_id][1])
                   for item_id, (x, y) in self.new.items() if (x, y) != self.old[item_id]}
        carried: dict[str, list[Waypoint]] = {}
        for connector_id in sorted(doc.connector_ids_of(list(offsets))):
            connector = doc.connector(connector_id)
            offset = offsets.get(connector.source)
            if connector.waypoints and offset is not None and offset == offsets.get(connector.target):
                dx, dy = offset
                carried[connector_id] = [Waypoint(x=w.x + dx, y=w.y + dy) for w in connector.waypoints]
        return carried

    def undo(self, doc: Document) -> None:
        for connector_id, waypoints in self.old_waypoints.items():
            doc.update("connectors", connector_id, {"waypoints": waypoints})
        for item_id, (x, y) in self.old.items():
            collection, item = doc.locate(item_id)
            if (item.x, item.y) != (x, y):
                doc.update(collection, item_id, {"x": x, "y": y})

    def merge(self, other: Command) -> bool:
        if type(other) is not MoveItems or other.text != self.text or other.new.keys() != self.new.keys():
            return False
        self.absorb(other)
        return True

    def absorb(self, other: MoveItems) -> None:
        """Take over ``other``'s target positions (it ran after this one); undo still goes back to
        before this one, waypoints too."""
        self.new = dict(other.new)
        for connector_id, waypoints in other.old_waypoints.items():
            self.old_waypoints.setdefault(connector_id, waypoints)
        self._carried = {**(self._carried or {}), **(other._carried or {})}


class UpdateItem(Command):
    """Set plain fields of one element (label, notes, trade-offs, flow, size, pinned, text...)."""

    def __init__(self, collection: Collection, item_id: str, fields: Mapping[str, Any], text: str = "") -> None:
        self.collection = collection
        self.item_id = item_id
        self.fields = dict(fields)
        self.old: dict[str, Any] = {}
        self.text = text or f"Change {', '.join(self.fields)}"

    def do(self, doc: Document) -> None:
        self.old = doc.update(self.collection, self.item_id, self.fields)

    def undo(self, doc: Document) -> None:
        doc.update(self.collection, self.item_id, self.old)


class Relabel(UpdateItem):
    def __init__(self, collection: Collection, item_id: str, label: str) -> None:
        field = "text" if collection == "notes" else "label"
        super().__init__(collection, item_id, {field: label}, "Rename")


class SetFlow(UpdateItem):
    """Change a connector's flow (refused when that makes it identical to another connector)."""

    def __init__(self, connector_id: str, flow: str) -> None:
        super().__init__("connectors", connector_id, {"flow": flow}, f"Set flow to {flow}")

    def do(self, doc: Document) -> None:
        if (found := doc.find(self.item_id)) is not None and found[0] == "connectors":
            connector = doc.connector(self.item_id)
            refuse_duplicate(doc, connector.id, connector.source, connector.target, self.fields["flow"])
        super().do(doc)


class SetProperty(Command):
    """Set one typed property of a block."""

    def __init__(self, block_id: str, name: str, value: Any) -> None:
        self.block_id = block_id
        self.name = name
        self.value = value
        self.old: Any = None
        self.text = f"Set {name}"

    def do(self, doc: Document) -> None:
        self.old = doc.set_prop(self.block_id, self.name, self.value)

    def undo(self, doc: Document) -> None:
        doc.set_prop(self.block_id, self.name, self.old)
