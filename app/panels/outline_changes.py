"""How the Outline (app/panels/outline.py) follows edits and findings deltas row by row, so that it
changes only the affected rows (issue 17: it rebuilt every row a moment after each edit).

``Pending`` collects, between two turns of the event loop, the blocks whose row (its text, its place in
its stage) must be looked at again and the blocks whose children (connectors, findings) must be made
again; what the panel cannot follow row by row (a new document, a new stage, a bulk edit) asks for the
whole tree to be built again. ``FollowingRows`` (the panel's) keeps each element's findings as a delta
says and redoes the pending rows at the next turn.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from app.panels.icons import kind_icon
from components.catalog import spec
from components.events import ChangeEvent

if TYPE_CHECKING:
    from app.editor import Editor
    from components.validate.delta import FindingsDelta

ID = Qt.ItemDataRole.UserRole  # the element id of a row ("" for a stage row)
ROLE = Qt.ItemDataRole.UserRole + 1  # "stage", "block", "connector", "finding", "note", "group", "more"
IDS = Qt.ItemDataRole.UserRole + 2  # a finding row: the ids it is about

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


def _set_text(row: QTreeWidgetItem, text: str) -> None:
    row.setText(0, text)
    row.setToolTip(0, text)


class _Panel(Protocol):
    """What the following reads and changes of the Outline panel."""

    editor: Editor
    tree: QTreeWidget
    theme_name: str
    findings: list[Any]
    _by_element: dict[str, list[Any]]  # an element's findings, in the validator's order
    _dirty: bool
    _syncing: bool
    _pending: Pending
    _changes: QTimer
    _block_rows: dict[str, QTreeWidgetItem]
    _stage_rows: dict[str, QTreeWidgetItem]
    _stage_blocks: dict[str, list[str]]
    _stage_of: dict[str, str]
    _other_rows: dict[str, QTreeWidgetItem]
    _filled: set[str]

    def isVisible(self) -> bool: ...
    def rebuild(self) -> None: ...
    def _soon(self) -> None: ...
    def block_text(self, block_id: str) -> str: ...
    def _stage_title(self, key: str) -> str: ...
    def _make_others(self, expanded: bool) -> None: ...
    def _block_row_made(self, stage: QTreeWidgetItem, block_id: str, index: int = -1) -> QTreeWidgetItem: ...
    def _fill(self, row: QTreeWidgetItem) -> None: ...
    def _place(self, block_id: str, position: dict[str, int]) -> bool: ...
    def _refill(self, block_id: str) -> None: ...


class FollowingRows:
    """The Outline panel's following of findings deltas and edits, row by row."""

    def _follow_findings(self: _Panel, findings: Sequence[Any], delta: FindingsDelta) -> None:
        """Each element's findings as ``delta`` changes them; their rows redone at the next turn."""
        self.findings = list(findings)  # the validator's order: worst first, then by step and rule
        for finding in delta.removed:
            for element_id in dict.fromkeys((*finding.blocks, *finding.connectors)):
                own = self._by_element.get(element_id, [])
                index = next((i for i, f in enumerate(own) if f is finding), None)
                if index is not None:
                    del own[index]
                if not own:
                    self._by_element.pop(element_id, None)
        position: dict[int, int] = {}  # a finding's place in the list, counted when one has equals
        for finding in delta.added:
            key = finding.sort_key()
            for element_id in dict.fromkeys((*finding.blocks, *finding.connectors)):
                own = self._by_element.setdefault(element_id, [])
                index = bisect.bisect_left(own, key, key=lambda f: f.sort_key())
                end = bisect.bisect_right(own, key, lo=index, key=lambda f: f.sort_key())
                if end > index:  # of equal rank: the list's order, as a rebuild has them
                    if not position:
                        position.update((id(f), i) for i, f in enumerate(self.findings))
                    index = bisect.bisect(own, position[id(finding)], lo=index, hi=end,
                                          key=lambda f: position[id(f)])
                own.insert(index, finding)
        if self._dirty or not self.isVisible():
            self._soon()
        elif delta:
            self._pending.findings((*delta.added, *delta.removed), self.editor.doc)
            self._changes.start(0)

    def apply_changes(self: _Panel) -> None:
        """Redo the rows the edits and findings since the last turn of the event loop affect."""
        self._changes.stop()
        pending, self._pending = self._pending, Pending()
        if self._dirty or not pending:
            return
        if pending.too_many:
            self.rebuild()
            return
        was, self._syncing = self._syncing, True
        self.tree.setUpdatesEnabled(False)
        try:
            position: dict[str, int] = {}  # document order, counted when a block comes back in the middle
            gone_first = sorted(pending.blocks, key=self.editor.doc.has_id)  # out of the stage lists before counting
            if not all(self._place(block_id, position) for block_id in gone_first):
                self._syncing = was
                self.rebuild()  # a stage appeared or emptied
                return
            refill = {block_id for block_id in pending.children if block_id in self._filled}
            for block_id in list(self._filled - refill):
                row = self._block_rows.get(block_id)
                children = (row.child(i) for i in range(row.childCount())) if row is not None else ()
                if any(child is not None and child.data(0, ID) in pending.connectors for child in children):
                    refill.add(block_id)
            for block_id in refill:
                self._refill(block_id)
            if pending.others:
                tops = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
                other = next((top for top in tops if top is not None and top.data(0, ID) == "others"), None)
                expanded = other is None or other.isExpanded()
                if other is not None:
                    self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(other))
                self._other_rows.clear()
                self._make_others(expanded)
        finally:
            self.tree.setUpdatesEnabled(True)
            self._syncing = was

    def _place(self: _Panel, block_id: str, position: dict[str, int]) -> bool:
        """Put a block's row where the document now has it (gone, in its stage, its text); False when
        the tree must be built again (its stage is new, or now empty)."""
        doc = self.editor.doc
        found = doc.find(block_id)
        old_key = self._stage_of.get(block_id)
        new_key = f"stage-{spec(found[1].kind).stage}" if found is not None and found[0] == "blocks" else None
        if old_key == new_key:
            row = self._block_rows.get(block_id)
            if row is not None and found is not None:
                _set_text(row, self.block_text(block_id))
                row.setIcon(0, kind_icon(found[1].kind, self.theme_name))
            return True
        if new_key is not None and new_key not in self._stage_rows:
            return False
        if old_key is not None:
            members = self._stage_blocks[old_key]
            members.remove(block_id)
            del self._stage_of[block_id]
            self._filled.discard(block_id)
            row = self._block_rows.pop(block_id, None)
            stage = self._stage_rows[old_key]
            if row is not None:
                stage.removeChild(row)
            if not members:
                return False
            _set_text(stage, self._stage_title(old_key))
        if new_key is not None:
            members = self._stage_blocks[new_key]
            blocks = doc.diagram.blocks
            if blocks and blocks[-1].id == block_id:
                index = len(members)
            else:
                if not position:
                    position.update((b.id, i) for i, b in enumerate(blocks))
                index = bisect.bisect(members, position[block_id], key=position.__getitem__)
            members.insert(index, block_id)
            self._stage_of[block_id] = new_key
            stage = self._stage_rows[new_key]
            _set_text(stage, self._stage_title(new_key))
            if stage.childCount():  # its rows are made: this one too
                self._block_row_made(stage, block_id, index)
        return True

    def _refill(self: _Panel, block_id: str) -> None:
        """Make a block's children again (its connectors and findings changed)."""
        self._filled.discard(block_id)
        row = self._block_rows.get(block_id)
        if row is None:
            return
        row.takeChildren()
        row.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
        self._fill(row)
