"""What the exporters share about the model: the selected part of a diagram, the blocks each group
frame lists in the text formats, and a block's node text there. One place, so SVG, Mermaid and DOT
export the same part of a design and the two text formats name blocks the same way."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from components.catalog import spec
from components.model import Block, Diagram, Group


def selected(diagram: Diagram, selection: Collection[str] | None) -> Diagram:
    """The part of ``diagram`` whose ids are in ``selection`` (None: all of it). A selected frame brings
    its members; connectors come along when both their ends do; frames list only exported members."""
    if selection is None:
        return diagram
    chosen = set(selection)
    for group in diagram.groups:
        if group.id in chosen:
            chosen.update(group.members)
    blocks = [b for b in diagram.blocks if b.id in chosen]
    present = {b.id for b in blocks}
    connectors = [c for c in diagram.connectors if c.source in present and c.target in present]
    groups = [g.model_copy(update={"members": [m for m in g.members if m in present]})
              for g in diagram.groups if g.id in chosen]
    notes = [n for n in diagram.notes if n.id in chosen]
    return diagram.model_copy(update={"blocks": blocks, "connectors": connectors, "groups": groups, "notes": notes})


def without(diagram: Diagram, hidden: Collection[str]) -> Diagram:
    """``diagram`` less the blocks and connectors in ``hidden`` and every connector touching a left-out
    block (hidden layers, components/layers.py); frames and notes stay, listing the members left."""
    if not hidden:
        return diagram
    gone = set(hidden)
    blocks = [b for b in diagram.blocks if b.id not in gone]
    present = {b.id for b in blocks}
    connectors = [c for c in diagram.connectors
                  if c.id not in gone and c.source in present and c.target in present]
    groups = [g.model_copy(update={"members": [m for m in g.members if m in present]}) for g in diagram.groups]
    return diagram.model_copy(update={"blocks": blocks, "connectors": connectors, "groups": groups})


def group_members(diagram: Diagram) -> Iterator[tuple[int, Group, list[str]]]:
    """(index, group, members) for each group with a member no earlier group listed: text formats
    nest a node in one subgraph only."""
    grouped: set[str] = set()
    for index, group in enumerate(diagram.groups):
        members = [m for m in group.members if m not in grouped]
        if members:
            grouped.update(members)
            yield index, group, members


def node_text(block: Block) -> str:
    """A block's text in the text formats: its label over its kind's name in brackets, or the name."""
    name = spec(block.kind).name
    return f"{block.label}\n({name})" if block.label.strip() else name
