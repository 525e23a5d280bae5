"""Commands that turn an element into a variant of itself: reverse connectors, change a block's kind.

Both work out what they change from the document when they run (not when they are made), so a redo
after other edits, or a replay on a copy of the document, does exactly what the first run did.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from pydantic import ValidationError

from components.catalog import KINDS, spec
from components.commands.base import Command
from components.commands.elements import already_connected
from components.document import Document, EditError
from components.model import BlockProps, props_model


def _value_text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "none"
    return str(value).replace("_", " ")


def carry_props(props: BlockProps, kind: str) -> tuple[BlockProps, list[str]]:
    """``props`` as properties of ``kind``: each field the new kind also has keeps its value when that
    value is valid there (a feature pipeline's ``streaming`` mode is not a serving mode); the other
    fields take the new kind's defaults. Also returns what was lost, as "Title (value)" for each field
    that held something other than its default and could not be carried."""
    model = props_model(kind)
    values = props.model_dump()
    defaults = type(props)().model_dump()
    kept: dict[str, object] = {}
    lost: list[str] = []
    for name, value in values.items():
        if name in model.model_fields:
            try:
                model.model_validate({name: value}, strict=True)
            except ValidationError:
                pass
            else:
                kept[name] = value
                continue
        if value != defaults.get(name):
            field = type(props).model_fields[name]
            lost.append(f"{field.title or name} ({_value_text(value)})")
    return model.model_validate(kept, strict=True), lost


class ChangeKind(Command):
    """Turn a block into another kind, keeping its id, label, notes, trade-offs, place, size and
    connectors; properties carry over where the new kind has the field (``dropped`` says what did
    not). A label that is just the old kind's name becomes the new kind's name."""

    def __init__(self, block_id: str, kind: str) -> None:
        self.block_id = block_id
        self.kind = kind
        self.text = f"Change kind to {spec(kind).name if kind in KINDS else kind}"
        self.dropped: list[str] = []
        self._old: tuple[str, BlockProps, str] | None = None

    def do(self, doc: Document) -> None:
        if self.kind not in KINDS:
            raise EditError(f"unknown block kind {self.kind!r}")
        found = doc.find(self.block_id)
        if found is None or found[0] != "blocks":
            raise EditError(f"{self.block_id!r} is not a block")
        block = doc.block(self.block_id)
        if block.kind == self.kind:
            raise EditError(f"{block.label or block.id} is already a {spec(self.kind).name}")
        props, self.dropped = carry_props(block.props, self.kind)
        old_kind, old_props = doc.set_kind(self.block_id, self.kind, props)
        self._old = (old_kind, old_props, block.label)
        if block.label == spec(old_kind).name:
            doc.update("blocks", self.block_id, {"label": spec(self.kind).name})

    def undo(self, doc: Document) -> None:
        if self._old is None:
            return
        kind, props, label = self._old
        if doc.block(self.block_id).label != label:
            doc.update("blocks", self.block_id, {"label": label})
        doc.set_kind(self.block_id, kind, props)

    def message(self) -> str:
        """What the status bar says after the change (what was dropped, if anything)."""
        if not self.dropped:
            return f"Now a {spec(self.kind).name}"
        return f"Now a {spec(self.kind).name}; dropped what it has no field for: {', '.join(self.dropped)}"


class ReverseConnectors(Command):
    """Swap the ends of connectors (self-loops have no direction and are left alone); refused when a
    reversed connector would repeat another (same ends and flow), checked on the result, so two
    opposite connectors reversed together simply trade places."""

    def __init__(self, connector_ids: Iterable[str]) -> None:
        self.ids = list(dict.fromkeys(connector_ids))
        self.text = "Reverse connector" if len(self.ids) == 1 else f"Reverse {len(self.ids)} connectors"
        self._flipped: list[tuple[str, str, str]] = []  # id, old source, old target

    def do(self, doc: Document) -> None:
        connectors = []
        for connector_id in self.ids:
            found = doc.find(connector_id)
            if found is None or found[0] != "connectors":
                raise EditError(f"{connector_id!r} is not a connector")
            connectors.append(found[1])
        flipped = {c.id: (c.target, c.source, c.flow) for c in connectors if c.source != c.target}
        if not flipped:
            raise EditError("a connector from a block to itself has no direction to reverse")
        after = Counter(flipped.get(c.id, (c.source, c.target, c.flow)) for c in doc.diagram.connectors)
        for ends in flipped.values():
            if after[ends] > 1:
                raise EditError(already_connected(doc, *ends))
        self._flipped = []
        for connector_id, (source, target, _flow) in flipped.items():
            doc.update("connectors", connector_id, {"source": source, "target": target})
            self._flipped.append((connector_id, target, source))

    def undo(self, doc: Document) -> None:
        for connector_id, source, target in reversed(self._flipped):
            doc.update("connectors", connector_id, {"source": source, "target": target})
