"""The design as a Yjs document (pycrdt): what is shared, and how a model value is written and read.

Layout of the shared document (the same on every client, and on the server, which never looks in):

- one map per collection (``blocks``, ``connectors``, ``notes``, ``groups``): element id -> a map of
  that element's fields, so two people changing different fields of one block both keep their change;
  a block's ``props`` is a nested map, one entry per property, for the same reason;
- one array per collection (``blocks_order``...): the element ids in drawing/file order (Yjs orders
  concurrent inserts the same way everywhere; a map has no order);
- ``meta``: title, description, requirements, rules, each one value (last writer wins as a whole: the
  requirements card is edited as one form).

Every value is stored as compact JSON text rather than as a Yjs number or list: Yjs keeps numbers as
doubles, so the integer 3 would come back as 3.0 and fail the model's strict validation.
"""

from __future__ import annotations

import json
from typing import Any

from pycrdt import Array, Doc, Map
from pycrdt._base import BaseType

from components.document import META_FIELDS
from components.model import COLLECTIONS, Collection

ORDER_SUFFIX = "_order"
META = "meta"
PROPS = "props"


def encode_value(value: Any) -> str:
    """A JSON-compatible model value as the text stored in the shared document."""
    return json.dumps(value, ensure_ascii=True, allow_nan=False, separators=(",", ":"), sort_keys=True)


def decode_value(text: Any) -> Any:
    """The value stored by ``encode_value``; ValueError for anything else (another client's bug)."""
    if not isinstance(text, str):
        raise ValueError(f"expected JSON text, found {type(text).__name__}")
    return json.loads(text)


def element_fields(item: Any) -> dict[str, Any]:
    """An element's fields as JSON values, without its id (the map key holds it)."""
    data: dict[str, Any] = item.model_dump(mode="json")
    del data["id"]
    return data


class SharedDesign:
    """The pycrdt document and its named parts; reading and writing whole elements and values."""

    def __init__(self, ydoc: Doc[Any] | None = None) -> None:
        self.ydoc = ydoc if ydoc is not None else Doc()
        self.maps: dict[Collection, Map[Any]] = {c: self.ydoc.get(c, type=Map) for c in COLLECTIONS}
        self.orders: dict[Collection, Array[Any]] = {c: self.ydoc.get(c + ORDER_SUFFIX, type=Array) for c in COLLECTIONS}
        self.meta: Map[Any] = self.ydoc.get(META, type=Map)

    @property
    def roots(self) -> list[BaseType]:
        return [*self.maps.values(), *self.orders.values(), self.meta]

    # ----- writing (inside the caller's transaction) ---------------------------------------------
    def put_element(self, collection: Collection, item: Any) -> None:
        """Write a whole element (a new one, or one replacing whatever had its id)."""
        fields = element_fields(item)
        entry: Map[Any] = Map({name: encode_value(value) for name, value in fields.items() if name != PROPS})
        self.maps[collection][item.id] = entry
        if collection == "blocks":
            entry[PROPS] = Map({name: encode_value(value) for name, value in fields[PROPS].items()})

    def update_element(self, collection: Collection, item: Any) -> bool:
        """Write only the fields of ``item`` that differ from the shared ones; False when the element
        is not shared (the caller then writes it whole)."""
        entry = self.maps[collection].get(item.id)
        if not isinstance(entry, Map):
            return False
        fields = element_fields(item)
        props = fields.pop(PROPS, None)
        _write_changed(entry, fields, keep={PROPS} if props is not None else set())
        if props is not None:
            nested = entry.get(PROPS)
            if not isinstance(nested, Map):
                entry[PROPS] = Map({name: encode_value(value) for name, value in props.items()})
            else:
                _write_changed(nested, props, keep=set())
        return True

    def delete_element(self, collection: Collection, item_id: str) -> None:
        if item_id in self.maps[collection]:
            del self.maps[collection][item_id]
        self.unplace(collection, item_id)

    def place(self, collection: Collection, item_id: str, after: str | None) -> None:
        """Put ``item_id`` in the order right after ``after`` (first when None), once."""
        self.unplace(collection, item_id)
        order = self.orders[collection]
        ids = array_values(order)
        index = 0
        if after is not None:
            # after its first occurrence: where the projection shows it (first occurrence wins)
            index = ids.index(after) + 1 if after in ids else len(ids)
        order.insert(index, item_id)

    def unplace(self, collection: Collection, item_id: str) -> None:
        order = self.orders[collection]
        ids = array_values(order)
        for index in reversed([i for i, value in enumerate(ids) if value == item_id]):
            del order[index]

    def set_meta(self, name: str, value: Any) -> None:
        text = encode_value(value)
        if self.meta.get(name) != text:
            self.meta[name] = text

    # ----- reading -------------------------------------------------------------------------------
    def element_data(self, collection: Collection, item_id: str) -> dict[str, Any]:
        """The stored fields of one element as model input; ValueError when they are not readable."""
        entry = self.maps[collection].get(item_id)
        if not isinstance(entry, Map):
            raise ValueError(f"{collection} {item_id!r} is not a map")
        data: dict[str, Any] = {}
        for name, value in entry.items():
            if name == PROPS and collection == "blocks":
                if not isinstance(value, Map):
                    raise ValueError("props is not a map")
                data[PROPS] = {key: decode_value(text) for key, text in value.items()}
            else:
                data[name] = decode_value(value)
        data["id"] = item_id
        return data

    def order_of(self, collection: Collection) -> list[str]:
        """The ids in shared order: first occurrence wins, strings only; ids the map holds but the
        order lacks come last, sorted, so every client draws the same list."""
        seen: dict[str, None] = {}
        for value in array_values(self.orders[collection]):
            if isinstance(value, str):
                seen.setdefault(value, None)
        present = set(self.maps[collection].keys())
        ordered = [item_id for item_id in seen if item_id in present]
        placed = set(ordered)
        return ordered + sorted(present - placed)

    def order_is_irregular(self, collection: Collection) -> bool:
        """An id twice in the order, a value not an id, or an element the order lacks."""
        values = array_values(self.orders[collection])
        return len(set(map(str, values))) != len(values) or not all(isinstance(v, str) for v in values) \
            or not set(self.maps[collection].keys()) <= set(values)

    def meta_values(self) -> dict[str, Any]:
        """The stored document settings that decode; a value that does not is left out."""
        values: dict[str, Any] = {}
        for name in META_FIELDS:
            text = self.meta.get(name)
            if text is None:
                continue
            try:
                values[name] = decode_value(text)
            except ValueError:
                continue
        return values


def array_values(array: Array[Any]) -> list[Any]:
    """An array's values in one read (its JSON text: item by item through the bindings is ~30x slower)."""
    values = json.loads(str(array))
    return values if isinstance(values, list) else []


def _write_changed(entry: Map[Any], fields: dict[str, Any], keep: set[str]) -> None:
    """Set the entries of ``entry`` whose text differs from ``fields``; drop those ``fields`` lacks."""
    for name, value in fields.items():
        text = encode_value(value)
        if entry.get(name) != text:
            entry[name] = text
    for name in sorted(set(entry.keys()) - set(fields) - keep):
        del entry[name]
