"""The live design as incremental validation sees it: each block's connectors by flow, every block's and
connector's place in the document, the facts rules depend on, all kept up to date from the Document's
change events in O(1) per event; and pieces of the design (sub-diagrams) in document order, which the
rules are run on.

A piece keeps the document's order of blocks and connectors, so every tie a rule breaks by order (the
first training pipeline to reach a model, the lowest-numbered end of the heaviest path) is broken as a
full validation breaks it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from components.catalog import SERVING_KINDS, is_model_serving
from components.document import Document
from components.events import ChangeEvent
from components.model import Block, Connector, Diagram, Requirements, props_model
from components.validate.scopes import FACTS, Fact

Keep = Callable[[str, str, str], bool]  # (source, target, flow) -> whether a piece keeps the connector


@dataclass
class Change:
    """What the events since the last update changed. ``reasons``: per block touched, what about it
    changed (("label", ""), ("prop", name), ("flow", flow) of a connector it ends, ("kind", kind) when
    it was added or removed, both kinds when it changed kind); ``links``: connectors added (True) or
    removed (False) as (source, target, flow); ``requirements``, ``estimates``: fields of the
    requirements card and of the estimate inputs that changed; ``meta``: other document settings
    replaced (the rule settings); ``flipped``: facts that became true or false for the whole design."""

    reasons: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    links: list[tuple[str, str, str, bool]] = field(default_factory=list)
    removed: set[str] = field(default_factory=set)
    requirements: set[str] = field(default_factory=set)
    estimates: set[str] = field(default_factory=set)
    meta: set[str] = field(default_factory=set)
    flipped: set[str] = field(default_factory=set)
    reset: bool = False

    def touch(self, block_id: str, reason: tuple[str, str]) -> None:
        self.reasons.setdefault(block_id, set()).add(reason)

    def __bool__(self) -> bool:
        return bool(self.reasons or self.links or self.requirements or self.estimates or self.meta or self.flipped
                    or self.reset)


class _Order:
    """Keys that sort like the elements of a document list, kept in O(1) per insertion or removal: a
    removal leaves the others' keys as they are, an insertion takes the middle of its neighbours' keys
    (all of them are numbered again only when two neighbours leave no room between them)."""

    def __init__(self, items: list[Any]) -> None:
        self._items = items
        self.key: dict[str, float] = {}
        self._renumber()

    def _renumber(self) -> None:
        self.key = {item.id: float(index) for index, item in enumerate(self._items)}

    def added(self, item_id: str, index: int) -> None:
        items, key = self._items, self.key
        before = key[items[index - 1].id] if index > 0 else None
        after = key[items[index + 1].id] if index + 1 < len(items) else None
        if before is None:
            value = 0.0 if after is None else after - 1.0
        elif after is None:
            value = before + 1.0
        else:
            value = (before + after) / 2
            if not before < value < after:
                self._renumber()
                return
        key[item_id] = value

    def removed(self, item_id: str) -> None:
        self.key.pop(item_id, None)


class LiveGraph:
    """Read-only view of a Document for the scopes (``components.validate.scopes.View``), kept in step by
    ``apply``."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._rebuild()

    def _rebuild(self) -> None:
        diagram = self.doc.diagram
        self._requirements = diagram.requirements
        self._estimates = diagram.estimates
        self._kind: dict[str, str] = {block.id: block.kind for block in diagram.blocks}
        self.by_kind: dict[str, dict[str, None]] = {}
        for block in diagram.blocks:
            self.by_kind.setdefault(block.kind, {})[block.id] = None
        self._out: dict[str, dict[str, tuple[str, str]]] = {block_id: {} for block_id in self._kind}
        self._into: dict[str, dict[str, tuple[str, str]]] = {block_id: {} for block_id in self._kind}
        self._ends: dict[str, tuple[str, str, str]] = {}
        for connector in diagram.connectors:
            self._link(connector.id, connector.source, connector.target, connector.flow)
        self._block_order = _Order(diagram.blocks)
        self._connector_order = _Order(diagram.connectors)
        self.facts: dict[str, set[str]] = {name: set() for name in FACTS}
        for block_id in self._kind:
            self._test_facts(block_id, None)

    # ----- the View protocol -------------------------------------------------------------------------
    def out(self, block_id: str) -> Iterable[tuple[str, str]]:
        return self._out[block_id].values()

    def into(self, block_id: str) -> Iterable[tuple[str, str]]:
        return self._into[block_id].values()

    def kind(self, block_id: str) -> str:
        return self._kind[block_id]

    def prop(self, block_id: str, name: str, default: Any = None) -> Any:
        return vars(self.doc.block(block_id).props).get(name, default)

    def model_serving(self, block_id: str) -> bool:
        kind = self._kind[block_id]
        return kind in SERVING_KINDS and is_model_serving(kind, self.doc.block(block_id).props)

    @property
    def requirements(self) -> Requirements:
        return self.doc.diagram.requirements

    def has(self, block_id: str) -> bool:
        return block_id in self._kind

    def linked(self, block_id: str) -> bool:
        return bool(self._out[block_id] or self._into[block_id])

    def ends_of(self, flows: Collection[str]) -> set[str]:
        """The blocks at either end of a connector of these flows."""
        return {end for source, target, flow in self._ends.values() if flow in flows for end in (source, target)}

    def blocks(self) -> Iterable[str]:
        return self._kind.keys()

    def of_kinds(self, kinds: Iterable[str] | None) -> list[str]:
        if kinds is None:
            return list(self._kind)
        return [block_id for kind in kinds for block_id in self.by_kind.get(kind, ())]

    def witness(self, name: str) -> set[str]:
        """Blocks that show the fact ``name`` holds somewhere (empty when it does not)."""
        members = self.facts[name]
        return FACTS[name].witness(self, next(iter(members))) if members else set()

    # ----- pieces ------------------------------------------------------------------------------------
    def block_positions(self) -> dict[str, float]:
        """A key per block that sorts blocks in document order."""
        return self._block_order.key

    def piece(self, blocks: Iterable[str], keep: Keep | None = None) -> Diagram:
        """The sub-diagram of these blocks and the connectors between them (those ``keep`` accepts), in
        document order, with the document's requirements and rule settings."""
        members = set(blocks)
        position = self.block_positions()
        ordered = sorted(members, key=position.__getitem__)
        kept = [cid for block_id in members for cid, (target, flow) in self._out[block_id].items()
                if target in members and (keep is None or keep(block_id, target, flow))]
        kept.sort(key=self._connector_order.key.__getitem__)
        doc, diagram = self.doc, self.doc.diagram
        # every field given: model_construct looks at the default factory of any field left out (~1 ms)
        fields = {name: getattr(diagram, name) for name in Diagram.model_fields}
        fields.update(blocks=[doc.block(block_id) for block_id in ordered], connectors=[doc.connector(cid) for cid in kept])
        return Diagram.model_construct(**fields)

    # ----- following the document --------------------------------------------------------------------
    def apply(self, event: ChangeEvent, change: Change) -> None:
        """Take one document event into the indexes and note what it changed in ``change``."""
        if event.action == "reset":
            self._rebuild()
            change.reset = True
        elif event.action == "meta":
            diagram = self.doc.diagram
            if "requirements" in event.fields:
                old, self._requirements = self._requirements, diagram.requirements
                change.requirements |= _changed(old, diagram.requirements)
            if "estimates" in event.fields:
                was, self._estimates = self._estimates, diagram.estimates
                change.estimates |= _changed(was, diagram.estimates)
            change.meta.update(name for name in event.fields if name == "rules")
        elif event.collection == "blocks":
            self._block_event(event, change)
        elif event.collection == "connectors":
            self._connector_event(event, change)

    def _block_event(self, event: ChangeEvent, change: Change) -> None:
        block_id = event.item_id
        if event.action == "added":
            block: Block = self.doc.block(block_id)
            self._kind[block_id] = block.kind
            self.by_kind.setdefault(block.kind, {})[block_id] = None
            self._out[block_id], self._into[block_id] = {}, {}
            self._block_order.added(block_id, event.index)
            change.touch(block_id, ("kind", block.kind))
            self._test_facts(block_id, change)
        elif event.action == "removed":
            kind = self._kind.pop(block_id)
            self.by_kind[kind].pop(block_id, None)
            del self._out[block_id], self._into[block_id]  # a block goes only once its connectors are gone
            self._block_order.removed(block_id)
            change.touch(block_id, ("kind", kind))
            change.removed.add(block_id)
            for name, members in self.facts.items():
                if block_id in members:
                    members.discard(block_id)
                    if not members:
                        change.flipped.add(name)
        else:
            if "kind" in event.fields:
                self._kind_changed(block_id, change)
            for name in event.fields:
                if name == "label":
                    change.touch(block_id, ("label", ""))
                elif name.startswith("props."):
                    change.touch(block_id, ("prop", name.removeprefix("props.")))
            self._test_facts(block_id, change)

    def _kind_changed(self, block_id: str, change: Change) -> None:
        """A block turned into another kind (Change Kind), its properties replaced with it: indexed under
        its new kind, out of the facts only its old kind could hold, and every rule that reads either
        kind or a property of either asked again (trial 23: the findings stayed the old kind's)."""
        old, new = self._kind[block_id], self.doc.block(block_id).kind
        if old == new:
            return
        self.by_kind[old].pop(block_id, None)
        self._kind[block_id] = new
        self.by_kind.setdefault(new, {})[block_id] = None
        for kind in (old, new):
            change.touch(block_id, ("kind", kind))
            for name in props_model(kind).model_fields:
                change.touch(block_id, ("prop", name))
        # what its connectors mean may change with its kind (a request into a store is a lookup, into an
        # alerting block a way back): their ends are touched as if each connector were made again
        ends = [(block_id, target, flow) for target, flow in self._out[block_id].values()]
        ends += [(source, block_id, flow) for source, flow in self._into[block_id].values()]
        for source, target, flow in ends:
            for end in (source, target):
                change.touch(end, ("flow", flow))
                self._test_facts(end, change)
        still = set(_FACTS_OF_KIND.get(new, ()))
        for found in _FACTS_OF_KIND.get(old, ()):
            members = self.facts[found.name]
            if found not in still and block_id in members:
                members.discard(block_id)
                if not members:
                    change.flipped.add(found.name)

    def _connector_event(self, event: ChangeEvent, change: Change) -> None:
        cid = event.item_id
        if event.action in ("removed", "changed") and cid in self._ends:
            if event.action == "changed" and not {"source", "target", "flow"} & set(event.fields):
                return  # a connector's label is read by no rule
            source, target, flow = self._ends[cid]
            self._unlink(cid)
            self._linked(change, source, target, flow, False)
            if event.action == "removed":
                self._connector_order.removed(cid)
        if event.action in ("added", "changed"):
            connector: Connector = self.doc.connector(cid)
            self._link(cid, connector.source, connector.target, connector.flow)
            self._linked(change, connector.source, connector.target, connector.flow, True)
            if event.action == "added":
                self._connector_order.added(cid, event.index)

    def _linked(self, change: Change, source: str, target: str, flow: str, added: bool) -> None:
        change.links.append((source, target, flow, added))
        for end in (source, target):
            change.touch(end, ("flow", flow))
            self._test_facts(end, change)

    def _link(self, cid: str, source: str, target: str, flow: str) -> None:
        self._ends[cid] = (source, target, flow)
        self._out[source][cid] = (target, flow)
        self._into[target][cid] = (source, flow)

    def _unlink(self, cid: str) -> None:
        source, target, _ = self._ends.pop(cid)
        self._out[source].pop(cid, None)
        self._into[target].pop(cid, None)

    def _test_facts(self, block_id: str, change: Change | None) -> None:
        for found in _FACTS_OF_KIND.get(self._kind.get(block_id, ""), ()):
            members = self.facts[found.name]
            holds = found.holds(self, block_id)
            if holds == (block_id in members):
                continue
            was_empty = not members
            if holds:
                members.add(block_id)
            else:
                members.discard(block_id)
            if change is not None and was_empty != (not members):
                change.flipped.add(found.name)


def _changed(old: BaseModel | None, new: BaseModel | None) -> set[str]:
    """The fields that differ between two versions of a settings model (all of them when one is None)."""
    if old is None or new is None:
        present = new if new is not None else old
        return set(type(present).model_fields) if present is not None else set()
    return {name for name in type(new).model_fields if getattr(old, name) != getattr(new, name)}


def _facts_of_kind() -> dict[str, list[Fact]]:
    """The facts a block of each kind may belong to (all are registered once the rules are imported)."""
    import components.validate.rules  # noqa: F401  (registers the rules' facts)

    by_kind: dict[str, list[Fact]] = {}
    for found in FACTS.values():
        for kind in found.kinds:
            by_kind.setdefault(kind, []).append(found)
    return by_kind


_FACTS_OF_KIND = _facts_of_kind()
