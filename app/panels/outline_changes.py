"""What the Outline must redo after edits, gathered from model events and findings deltas, so that it
changes only the affected rows (issue 17: it rebuilt every row a moment after each edit).

``Pending`` collects, between two turns of the event loop, the blocks whose row (its text, its place in
its stage) must be looked at again and the blocks whose children (connectors, findings) must be made
again; what the panel cannot follow row by row (a new document, a new stage, a bulk edit) asks for the
whole tree to be built again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from components.events import ChangeEvent

BULK = 200  # blocks: more changed at once, and the tree is built again
NAMING = {"label", "kind"}  # a block's fields its rows show (and its neighbours' connector rows)
CONNECTOR_SHOWN = {"label", "flow", "source", "target"}


@dataclass
class Pending:
    """Rows to redo at the next turn of the event loop."""

    blocks: set[str] = field(default_factory=set)  # a block's own row: added, removed, renamed, kind
    children: set[str] = field(default_factory=set)  # a block's connector and finding rows
    connectors: set[str] = field(default_factory=set)  # rows of these connectors, under whichever block
    others: bool = False  # the notes and frames section
    everything: bool = False

    def __bool__(self) -> bool:
        return bool(self.blocks or self.children or self.connectors or self.others or self.everything)

    @property
    def too_many(self) -> bool:
        return self.everything or len(self.blocks) + len(self.children) > BULK

    def follow(self, event: ChangeEvent, doc: Any) -> None:
        """Note what one model event changes in the tree."""
        if event.action == "meta":
            return
        if event.action == "reset" or event.collection is None:
            self.everything = True
        elif event.collection == "blocks":
            if event.action != "changed":
                self.blocks.add(event.item_id)
            elif NAMING & set(event.fields) or not event.fields:  # a move or a property: no row shows it
                self.blocks.add(event.item_id)
                self.children.add(event.item_id)  # its connectors' rows name it, and so do its neighbours'
                self.children.update(self._neighbours(doc, event.item_id))
        elif event.collection == "connectors":
            if event.action == "changed" and event.fields and not CONNECTOR_SHOWN & set(event.fields):
                return  # its route or style
            self.connectors.add(event.item_id)
            found = doc.find(event.item_id)
            if found is not None:
                self.children.update((found[1].source, found[1].target))
        else:
            self.others = True

    def findings(self, changed: Iterable[Any], doc: Any) -> None:
        """Note the rows that show these findings (appeared or gone)."""
        for finding in changed:
            self.blocks.update(finding.blocks)
            self.children.update(finding.blocks)
            for connector_id in finding.connectors:
                self.connectors.add(connector_id)
                found = doc.find(connector_id)
                if found is not None and found[0] == "connectors":
                    self.children.update((found[1].source, found[1].target))

    @staticmethod
    def _neighbours(doc: Any, block_id: str) -> set[str]:
        return {end for c in doc.connectors_of([block_id]) for end in (c.source, c.target)}
