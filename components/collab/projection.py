"""The one valid Diagram every client shows for a shared document: a pure function of its state.

Concurrent edits that were each valid can merge into a shared state the model would refuse (a
connector added to a block someone else deleted; the same connection drawn twice; an element another
client wrote wrongly). The shared state is never rewritten to fix that: every client reads it through
these rules, in this order, so all of them show the same design, and the raw data stays in the shared
document, so undoing the cause (restoring the deleted block) brings the dependent edit back.

1. An element whose stored fields do not pass the model's validation is not shown.
2. An id used in two collections is shown in the first of blocks, connectors, notes, groups only.
3. A connector whose source or target is not a shown block is not shown.
4. Of connectors joining the same source to the same target with the same flow, only the first in
   the shared order is shown (a command refuses such twins; two clients can each add one).
5. A group keeps only its members that are shown blocks, each once.
6. A document setting that does not validate is shown at its default.

The result is built with the model's own validation (``Diagram``): nothing bypasses it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from components.collab.shared import SharedDesign
from components.model import COLLECTIONS, Block, Collection, Connector, Diagram, Group, Note

MODELS: dict[Collection, type[BaseModel]] = {"blocks": Block, "connectors": Connector, "notes": Note, "groups": Group}


@dataclass
class Projection:
    """A shared state read as a Diagram, and what rules 1-4 left out (ids), for the status line."""

    diagram: Diagram
    hidden: dict[str, str] = field(default_factory=dict)
    # The shared order had an id twice, or an element the order lacks: read fine, but a local edit
    # cannot assume the shared state reads as the model (the binding projects again after it).
    irregular: bool = False


class Projector:
    """Reads a SharedDesign as a Diagram, validating each element once until it changes."""

    def __init__(self, shared: SharedDesign) -> None:
        self.shared = shared
        self._cache: dict[tuple[Collection, str], BaseModel | str] = {}
        self._orders: dict[Collection, list[str]] = {}

    def forget(self, collection: Collection, item_id: str) -> None:
        """The element changed in the shared document: validate it again next time."""
        self._cache.pop((collection, item_id), None)

    def forget_order(self, collection: Collection) -> None:
        """Elements came or went, or the order changed: read the collection's order again."""
        self._orders.pop(collection, None)

    def order_of(self, collection: Collection) -> list[str]:
        order = self._orders.get(collection)
        if order is None:
            order = self._orders[collection] = self.shared.order_of(collection)
        return order

    def element(self, collection: Collection, item_id: str) -> BaseModel | str:
        """The validated element, or the reason it is not valid."""
        key = (collection, item_id)
        cached = self._cache.get(key)
        if cached is None:
            try:
                cached = MODELS[collection].model_validate(self.shared.element_data(collection, item_id), strict=True)
            except (ValidationError, ValueError, TypeError) as exc:
                cached = f"{collection[:-1]} {item_id!r} is not valid: {_first_line(exc)}"
            self._cache[key] = cached
        return cached

    def project(self) -> Projection:
        hidden: dict[str, str] = {}
        shown: dict[Collection, list[Any]] = {c: [] for c in COLLECTIONS}
        taken: set[str] = set()
        for collection in COLLECTIONS:
            for item_id in self.order_of(collection):
                element = self.element(collection, item_id)
                if isinstance(element, str):
                    hidden[item_id] = element
                elif item_id in taken:
                    hidden.setdefault(item_id, f"{collection[:-1]} {item_id!r}: the id is used by another element")
                else:
                    taken.add(item_id)
                    shown[collection].append(element)
        block_ids = {block.id for block in shown["blocks"]}
        connectors: list[Connector] = []
        ends: set[tuple[str, str, str]] = set()
        for connector in shown["connectors"]:
            key = (connector.source, connector.target, connector.flow)
            if connector.source not in block_ids or connector.target not in block_ids:
                hidden[connector.id] = f"connector {connector.id!r}: an end is not a block"
            elif key in ends:
                hidden[connector.id] = f"connector {connector.id!r}: the same connection exists"
            else:
                ends.add(key)
                connectors.append(connector)
        groups = [_members_kept(group, block_ids) for group in shown["groups"]]
        diagram = Diagram.model_validate(
            {**self._meta(), "blocks": shown["blocks"], "connectors": connectors, "notes": shown["notes"],
             "groups": groups}, strict=True)
        return Projection(diagram, hidden, irregular=any(self.shared.order_is_irregular(c) for c in COLLECTIONS))

    def _meta(self) -> dict[str, Any]:
        """The document settings that validate, each on its own (rule 6)."""
        kept: dict[str, Any] = {}
        for name, value in self.shared.meta_values().items():
            try:
                Diagram.model_validate({name: value}, strict=True)
            except ValidationError:
                continue
            kept[name] = value
        return kept


def _members_kept(group: Group, block_ids: set[str]) -> Group:
    members = list(dict.fromkeys(m for m in group.members if m in block_ids))
    return group if members == group.members else group.model_copy(update={"members": members})


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
