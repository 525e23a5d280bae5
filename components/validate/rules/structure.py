"""Tidiness rules: every block is wired in, and the design is one system."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from components.model import FLOWS
from components.validate.rules.base import Hit, Reads, listing, plural, rule
from components.validate.scopes import MAIN_PART, Local

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph


@rule("orphan-block", "warning", 6, "A block has no connector",
      fix="Connect the block to the blocks it works with, or delete it.",
      why="An unwired block is either a leftover or a part of the design whose role is not yet thought through.",
      question="What does this block do, and who talks to it?",
      scope=Local(None, hops=1),
      reads=Reads(kinds=("every kind",), flows=FLOWS))
def orphan_block(g: DiagramGraph) -> Iterator[Hit]:
    """A block (sticky notes and group frames are not blocks) has no connector at all. The finding
    carries the block's own stage (custom blocks: stage 6)."""
    for number, block_id in enumerate(g.ids):
        if number in g.linked:
            continue
        name = g.name(block_id)
        yield Hit(
            message=f"{name} is connected to nothing: what does it do in this design?",
            hint=f"connect {name} to the blocks it works with, or delete it",
            blocks=(block_id,),
            stage=g.stage_of(block_id),
        )


@rule("disconnected-design", "warning", 6, "The design falls apart into separate parts",
      fix="Connect the separate parts where data, models or requests flow between them, or split the design.",
      why="One ML system is one connected graph: a part that touches nothing else is usually a missing "
          "connector, e.g. training never connected to the serving it produces models for.",
      question="How does this part get its data or its model from the rest of the system?",
      scope=MAIN_PART,
      reads=Reads(kinds=("every kind",), flows=FLOWS))
def disconnected_design(g: DiagramGraph) -> Iterator[Hit]:
    """The blocks form more than one weakly connected component (orphan blocks aside: they have their
    own rule). The finding names the blocks outside the largest part."""
    count, others = g.outside_main_part()
    if count < 2:
        return
    yield Hit(
        message=f"the design falls into {count} separate parts; outside the main part: "
                f"{listing(g.names(others))} ({plural(len(others), 'block')})",
        hint="connect the parts where data, models or requests really flow between them, "
             "or move the separate part to its own design",
        blocks=tuple(others),
    )
