"""The live document: a Diagram plus id indexes and change events.

Only commands call the mutating methods here; views subscribe to ``events`` and follow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, cast

from pydantic import BaseModel, ValidationError

from components.events import ChangeEvent, Emitter
from components.io.errors import validation_message
from components.model import COLLECTIONS, Block, Collection, Connector, Diagram, props_model

META_FIELDS = ("title", "description", "requirements", "rules", "estimates", "connector_style")
# Fields of each collection that name blocks.
_REFERENCES: dict[str, tuple[str, ...]] = {
    "blocks": (), "connectors": ("source", "target"), "notes": (), "groups": ("members",),
}


class EditError(ValueError):
    """An edit that would make the document invalid; the message says why, for the user."""


class Document:
    """Holds the one Diagram being edited and tells listeners about every change."""

    def __init__(self, diagram: Diagram | None = None) -> None:
        self.events = Emitter()
        # Called when the outermost ``batch`` ends: one edit's changes are all in (a live session
        # sends them as one transaction).
        self.batch_listeners: list[Callable[[], Any]] = []
        self.batch_depth = 0
        # Put into new ids (``ranking.k3x_4``) so clients of a live session never mint the same one.
        self.id_tag = ""
        self.diagram = diagram if diagram is not None else Diagram()
        self._reindex()

    # ----- reading -----------------------------------------------------------------------------
    def get(self, collection: Collection, item_id: str) -> Any:
        return self._index[collection][item_id]

    def block(self, block_id: str) -> Block:
        block: Block = self._index["blocks"][block_id]
        return block

    def connector(self, connector_id: str) -> Connector:
        connector: Connector = self._index["connectors"][connector_id]
        return connector

    def find(self, item_id: str) -> tuple[Collection, Any] | None:
        """The collection and element with this id, or None."""
        for collection in COLLECTIONS:
            item = self._index[collection].get(item_id)
            if item is not None:
                return collection, item
        return None

    def locate(self, item_id: str) -> tuple[Collection, Any]:
        """The collection and element with this id; KeyError when there is none (a command's bug)."""
        found = self.find(item_id)
        if found is None:
            raise KeyError(item_id)
        return found

    def has_id(self, item_id: str) -> bool:
        return self.find(item_id) is not None

    def connector_ids_of(self, block_ids: set[str] | list[str]) -> set[str]:
        """Ids of the connectors touching any of these blocks; O(their degree), for drag paths."""
        ids: set[str] = set()
        for block_id in block_ids:
            ids.update(self._touching.get(block_id, ()))
        return ids

    def connectors_of(self, block_ids: set[str] | list[str]) -> list[Connector]:
        """Connectors touching any of these blocks, in document order, each once."""
        ids = self.connector_ids_of(block_ids)
        return [c for c in self.diagram.connectors if c.id in ids]

    def groups_with(self, block_id: str) -> list[str]:
        return [g.id for g in self.diagram.groups if block_id in g.members]

    def new_id(self, prefix: str) -> str:
        """An id not used by any element, such as ``ranking_3``."""
        safe = "".join(ch if ch.isalnum() or ch in "_-" else "_" for ch in prefix) or "item"
        if self.id_tag:
            safe = f"{safe}.{self.id_tag}"
        number = len(self._index["blocks"]) + len(self._index["connectors"]) + 1
        while self.has_id(f"{safe}_{number}"):
            number += 1
        return f"{safe}_{number}"

    @contextmanager
    def batch(self) -> Iterator[None]:
        """The changes of one edit (a command's do or undo); batches nest, the outermost counts."""
        self.batch_depth += 1
        try:
            yield
        finally:
            self.batch_depth -= 1
            if not self.batch_depth:
                for listener in list(self.batch_listeners):
                    listener()

    # ----- mutating (commands only) --------------------------------------------------------------
    def insert(self, collection: Collection, item: Any, index: int | None = None) -> int:
        """Insert an element at ``index`` (end when None) after checking its id and references."""
        if self.has_id(item.id):
            raise EditError(f"the id {item.id!r} is already used")
        self._check_references(collection, item.id, {name: getattr(item, name) for name in _REFERENCES[collection]})
        items = getattr(self.diagram, collection)
        index = len(items) if index is None else max(0, min(index, len(items)))
        items.insert(index, item)
        self._index[collection][item.id] = item
        if collection == "connectors":
            self._link(item)
        self.events.emit(ChangeEvent("added", collection, item.id, index=index))
        return index

    def remove(self, collection: Collection, item_id: str, index: int | None = None) -> tuple[int, Any]:
        """Remove an element; returns its former index and the element itself. ``index`` is where
        the caller knows it sits (checked; bulk removals pass it to stay linear)."""
        if collection == "blocks" and self._touching.get(item_id):
            raise EditError(f"block {item_id!r} still has connectors")
        item = self._index[collection].pop(item_id)
        items = getattr(self.diagram, collection)
        if index is None or not 0 <= index < len(items) or items[index] is not item:
            # identity, not ==: pydantic equality compares every field of every element
            index = next(i for i, candidate in enumerate(items) if candidate is item)
        del items[index]
        if collection == "connectors":
            self._unlink(item)
        self.events.emit(ChangeEvent("removed", collection, item_id, index=index))
        return index, item

    def update(self, collection: Collection, item_id: str, fields: dict[str, Any]) -> dict[str, Any]:
        """Set fields of an element (validated); returns the old values. All or nothing."""
        if "id" in fields or "kind" in fields or "props" in fields:
            raise EditError("id, kind and props cannot be changed this way")
        item = self._index[collection][item_id]
        self._check_references(collection, item_id, {n: v for n, v in fields.items() if n in _REFERENCES[collection]})
        old = {name: getattr(item, name) for name in fields}
        candidate = _checked(item, fields)
        relink = collection == "connectors" and bool({"source", "target"} & fields.keys())
        if relink:
            self._unlink(item)
        for name in fields:
            object.__setattr__(item, name, getattr(candidate, name))
        if relink:
            self._link(item)
        self.events.emit(ChangeEvent("changed", collection, item_id, tuple(fields)))
        return old

    def set_prop(self, block_id: str, name: str, value: Any) -> Any:
        """Set one typed property of a block (validated); returns the old value."""
        block = self.block(block_id)
        model = props_model(block.kind)
        if name not in model.model_fields:
            raise EditError(f"{block.kind} blocks have no property {name!r}")
        data = block.props.model_dump()
        old = data.get(name)
        data[name] = value
        try:
            props = model.model_validate(data, strict=True)
        except ValidationError as exc:
            raise EditError(validation_message(exc, data)) from None
        object.__setattr__(block, "props", props)
        self.events.emit(ChangeEvent("changed", "blocks", block_id, (f"props.{name}",)))
        return old

    def set_kind(self, block_id: str, kind: str, props: Any) -> tuple[str, Any]:
        """Turn a block into another kind with ``props`` (of that kind's model); returns the old kind and
        props. Its id, label, place and connectors stay; its drawn size may change with the kind."""
        block = self.block(block_id)
        candidate = cast(Block, _checked(block, {"kind": kind, "props": props}))
        old = block.kind, block.props
        object.__setattr__(block, "kind", candidate.kind)
        object.__setattr__(block, "props", candidate.props)
        self.events.emit(ChangeEvent("changed", "blocks", block_id, ("kind", "props", "width", "height")))
        return old

    def set_meta(self, name: str, value: Any) -> Any:
        """Replace the title, description, requirements, rules, estimate inputs or connector style; returns
        the old value."""
        if name not in META_FIELDS:
            raise EditError(f"{name!r} is not a document setting")
        old = getattr(self.diagram, name)
        candidate = _checked(self.diagram, {name: value})
        object.__setattr__(self.diagram, name, getattr(candidate, name))
        self.events.emit(ChangeEvent("meta", None, "", (name,)))
        return old

    def replace(self, diagram: Diagram) -> None:
        """Swap in another diagram (open, new); listeners rebuild from scratch."""
        self.diagram = diagram
        self._reindex()
        self.events.emit(ChangeEvent("reset"))

    def _reindex(self) -> None:
        self._index: dict[str, dict[str, Any]] = {
            name: {item.id: item for item in getattr(self.diagram, name)} for name in COLLECTIONS
        }
        self._touching: dict[str, set[str]] = {}
        for connector in self.diagram.connectors:
            self._link(connector)

    def _link(self, connector: Connector) -> None:
        self._touching.setdefault(connector.source, set()).add(connector.id)
        self._touching.setdefault(connector.target, set()).add(connector.id)

    def _unlink(self, connector: Connector) -> None:
        for end in (connector.source, connector.target):
            self._touching.get(end, set()).discard(connector.id)

    def _check_references(self, collection: Collection, item_id: str, refs: dict[str, Any]) -> None:
        """Connector ends and group members must name existing blocks."""
        blocks = self._index["blocks"]
        for name, value in refs.items():
            for ref in value if name == "members" else (value,):
                if ref not in blocks:
                    role = "member" if name == "members" else name
                    raise EditError(f"{collection[:-1]} {item_id!r}: {role} {ref!r} is not a block")


def _checked(item: BaseModel, fields: dict[str, Any]) -> BaseModel:
    """Validate ``item`` with ``fields`` applied, without touching ``item``; EditError when invalid."""
    if isinstance(item, Diagram):
        data: dict[str, Any] = {"schema_version": item.schema_version, **fields}
    else:
        data = {**item.model_dump(), **fields}
    try:
        return type(item).model_validate(data, strict=True)
    except ValidationError as exc:
        raise EditError(validation_message(exc, fields)) from None
