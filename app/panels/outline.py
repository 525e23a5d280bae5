"""The Outline dock: the design as a tree a keyboard or a screen reader can walk. Stages hold their
blocks; a block holds its connectors (out and in) and its findings; a connector holds its own
findings; notes and frames come last.

It follows the selection both ways: choosing a row selects (and centres) that element on the canvas
(``idsActivated``), and selecting on the canvas selects the rows (``show_selection``). After an edit
or a findings delta only the affected rows change, at the next turn of the event loop
(app/panels/outline_changes.py); a new document, a bulk edit or a new stage builds the tree again, and
while the dock is hidden it is built when shown. A stage's blocks and a block's children are made when
it is expanded. Stages open by themselves up to ``OPEN_STAGES_UP_TO``
blocks: a 45,000-block design opens with its stage rows only (its 45,000 rows were ~50 MB).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from app.editor import Editor
from app.panels.icons import kind_icon, severity_icon
from app.panels.outline_changes import ID, IDS, ROLE, FollowingRows, Pending
from components.catalog import STAGES, spec
from components.events import ChangeEvent
from components.model import severity_rank

if TYPE_CHECKING:
    from components.validate.delta import FindingsDelta

REBUILD_MS = 200
OPEN_STAGES_UP_TO = 5_000  # blocks; a bigger design's stages start closed, their rows made when opened
STAGE_NAMES = {entry.number: entry.name for entry in STAGES}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class OutlinePanel(FollowingRows, QWidget):
    """The tree of one editor's design."""

    idsActivated = Signal(list)  # the user chose rows: select these ids on the canvas

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.theme_name = "light"
        self.findings: list[Any] = []
        self._by_element: dict[str, list[Any]] = {}
        self.setAccessibleName("Outline")
        self.tree = QTreeWidget()
        self.tree.setObjectName("outlineTree")
        self.tree.setAccessibleName("Outline of the design")
        self.tree.setAccessibleDescription("Stages, their blocks, each block's connectors and findings")
        self.tree.setHeaderHidden(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setUniformRowHeights(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self._syncing = False  # selecting rows to follow the canvas: not the user's choice
        self._dirty = True
        self._block_rows: dict[str, QTreeWidgetItem] = {}  # the rows made so far (of the stages opened)
        self._stage_rows: dict[str, QTreeWidgetItem] = {}  # "stage-N" -> its row
        self._stage_blocks: dict[str, list[str]] = {}  # "stage-N" -> its blocks' ids, rows made or not
        self._stage_of: dict[str, str] = {}  # block id -> "stage-N"
        self._other_rows: dict[str, QTreeWidgetItem] = {}  # notes and frames
        self._filled: set[str] = set()  # blocks whose children (connectors, findings) are made
        self._pending = Pending()  # rows to redo at the next turn of the event loop
        self._changes = QTimer(self)
        self._changes.setSingleShot(True)
        self._changes.timeout.connect(self.apply_changes)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.rebuild)
        self.tree.itemSelectionChanged.connect(self._chosen)
        self.tree.itemExpanded.connect(self._fill)
        self.tree.itemActivated.connect(lambda *_args: self._chosen(force=True))
        editor.doc.events.subscribe(self._doc_changed)
        editor.documentReplaced.connect(self._soon)

    # ----- following the model -------------------------------------------------------------------
    def _doc_changed(self, event: ChangeEvent) -> None:
        if not shiboken6.isValid(self):
            self.editor.doc.events.unsubscribe(self._doc_changed)
            return
        if event.action == "meta":
            return
        if self._dirty or not self.isVisible():
            self._soon()
            return
        self._pending.follow(event, self.editor.doc)
        self._changes.start(0)

    def _soon(self) -> None:
        self._dirty = True
        if self.isVisible() and not self._timer.isActive():
            self._timer.start(REBUILD_MS)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._dirty:
            self.rebuild()
        elif self._pending:
            self.apply_changes()

    def set_findings(self, findings: Sequence[Any], delta: FindingsDelta | None = None) -> None:
        """The validator's findings; with ``delta`` (what changed since the last ones) only the rows
        showing the findings that appeared or went change."""
        if delta is None:
            self.findings = sorted(findings, key=lambda f: (severity_rank(f.severity), f.stage, f.rule))
            self._by_element = {}
            for finding in self.findings:
                for element_id in dict.fromkeys((*finding.blocks, *finding.connectors)):
                    self._by_element.setdefault(element_id, []).append(finding)
            self._soon()
            return
        self._follow_findings(findings, delta)

    def set_theme(self, theme_name: str) -> None:
        if theme_name != self.theme_name:
            self.theme_name = theme_name
            self._soon()

    # ----- building ------------------------------------------------------------------------------
    def _findings_text(self, element_id: str) -> str:
        own = self._by_element.get(element_id, [])
        if not own:
            return ""
        worst = own[0].severity
        return f" · {_plural(len(own), 'finding')}, worst: {worst}"

    def block_text(self, block_id: str) -> str:
        block = self.editor.doc.block(block_id)
        name = spec(block.kind).name
        label = block.label.strip() or name
        return (f"{label} — {name}" if label != name else label) + self._findings_text(block_id)

    def _end_name(self, block_id: str) -> str:
        block = self.editor.doc.block(block_id)
        return block.label.strip() or spec(block.kind).name

    def rebuild(self) -> None:
        """Build the tree afresh from the document, keeping which rows were open and selected."""
        self._timer.stop()
        self._changes.stop()
        self._dirty = False
        self._pending = Pending()
        opened = {(item.data(0, ROLE), item.data(0, ID)) for item in self._all_rows() if item.isExpanded()}
        first_time = self.tree.topLevelItemCount() == 0
        selected = self._selected_ids()
        diagram = self.editor.doc.diagram
        self._syncing = True
        self.tree.setUpdatesEnabled(False)
        try:
            self.tree.clear()
            self._block_rows, self._other_rows, self._stage_rows = {}, {}, {}
            self._filled = set()
            stages: dict[int | None, list[str]] = {}
            for block in diagram.blocks:
                stages.setdefault(spec(block.kind).stage, []).append(block.id)
            self._stage_blocks = {f"stage-{number}": ids for number, ids in stages.items()}
            self._stage_of = {block_id: key for key, ids in self._stage_blocks.items() for block_id in ids}
            open_all = first_time and len(diagram.blocks) <= OPEN_STAGES_UP_TO
            for number in sorted(stages, key=lambda n: 99 if n is None else n):
                key = f"stage-{number}"
                top = self._row(None, self._stage_title(key), "stage", key)
                top.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
                self._stage_rows[key] = top
                top.setExpanded(open_all or ("stage", key) in opened)  # its rows are made as it opens
            self._make_others(first_time or ("stage", "others") in opened)
            for block_id, row in self._block_rows.items():
                if ("block", block_id) in opened:
                    row.setExpanded(True)
        finally:
            self.tree.setUpdatesEnabled(True)
            self._syncing = False
        self.show_selection(selected)

    def _stage_title(self, key: str) -> str:
        number = key.removeprefix("stage-")
        title = f"{number} {STAGE_NAMES[int(number)]}" if number.isdigit() else "No stage (custom blocks)"
        return f"{title} ({_plural(len(self._stage_blocks.get(key, [])), 'block')})"

    def _make_others(self, expanded: bool) -> None:
        """The notes and frames section, last."""
        diagram = self.editor.doc.diagram
        others = [("note", n.id, f"Note: {' '.join(n.text.split())[:80] or '(empty)'}") for n in diagram.notes]
        others += [("group", g.id, f"Frame: {g.label or g.id} ({_plural(len(g.members), 'block')})")
                   for g in diagram.groups]
        if others:
            top = self._row(None, f"Notes and frames ({len(others)})", "stage", "others")
            for role, element_id, text in others:
                self._other_rows[element_id] = self._row(top, text, role, element_id)
            top.setExpanded(expanded)

    def _row(self, parent: QTreeWidgetItem | None, text: str, role: str, element_id: str,
             index: int = -1) -> QTreeWidgetItem:
        row = QTreeWidgetItem([text])
        row.setData(0, ROLE, role)
        row.setData(0, ID, element_id)
        row.setToolTip(0, text)
        if parent is None:
            self.tree.addTopLevelItem(row)
        elif index >= 0:
            parent.insertChild(index, row)
        else:
            parent.addChild(row)
        return row

    def _block_row_made(self, stage: QTreeWidgetItem, block_id: str, index: int = -1) -> QTreeWidgetItem:
        child = self._row(stage, self.block_text(block_id), "block", block_id, index)
        child.setIcon(0, kind_icon(self.editor.doc.block(block_id).kind, self.theme_name))
        child.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
        self._block_rows[block_id] = child
        return child

    def _fill_stage(self, row: QTreeWidgetItem) -> None:
        """A stage's block rows, made when it is first opened."""
        was, self._syncing = self._syncing, True
        try:
            for block_id in self._stage_blocks.get(row.data(0, ID), []):
                self._block_row_made(row, block_id)
        finally:
            self._syncing = was

    def _block_row(self, block_id: str) -> QTreeWidgetItem | None:
        """A block's row (its stage's rows made, and the stage opened, when needed)."""
        row = self._block_rows.get(block_id)
        stage = self._stage_rows.get(self._stage_of.get(block_id, ""))
        if row is None and stage is not None and not stage.childCount():
            stage.setExpanded(True)
            row = self._block_rows.get(block_id)
        return row

    def _fill(self, row: QTreeWidgetItem) -> None:
        """A row's children, made when it is first opened: a stage's blocks; a block's connectors out,
        connectors in and findings."""
        if row.data(0, ROLE) == "stage" and not row.childCount():
            self._fill_stage(row)
            return
        if row.data(0, ROLE) != "block" or row.childCount():
            return
        doc = self.editor.doc
        block_id = row.data(0, ID)
        self._filled.add(block_id)
        was, self._syncing = self._syncing, True
        try:
            for connector in doc.connectors_of([block_id]):
                outgoing = connector.source == block_id
                other = connector.target if outgoing else connector.source
                arrow = "→" if outgoing else "←"
                label = f" “{connector.label}”" if connector.label else ""
                text = (f"{arrow} {self._end_name(other)} ({connector.flow}{label})"
                        f"{self._findings_text(connector.id)}")
                child = self._row(row, text, "connector", connector.id)
                self._add_findings(child, connector.id)
            self._add_findings(row, block_id)
            if not row.childCount():
                row.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.DontShowIndicatorWhenChildless)
        finally:
            self._syncing = was

    def _add_findings(self, row: QTreeWidgetItem, element_id: str) -> None:
        for finding in self._by_element.get(element_id, []):
            child = self._row(row, f"{finding.severity.capitalize()}: {finding.message}", "finding", element_id)
            child.setIcon(0, severity_icon(finding.severity, self.theme_name))
            child.setData(0, IDS, [*finding.blocks, *finding.connectors])
            child.setToolTip(0, f"{finding.message}\n\nHow to fix: {finding.hint}" if finding.hint else finding.message)

    def _all_rows(self) -> Iterable[QTreeWidgetItem]:
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item is not None:
                yield item
                stack.extend(item.child(i) for i in range(item.childCount()))

    # ----- selection, both ways --------------------------------------------------------------------
    def _selected_ids(self) -> list[str]:
        ids: list[str] = []
        for item in self.tree.selectedItems():
            role = item.data(0, ROLE)
            if role == "finding":
                ids.extend(item.data(0, IDS) or [])
            elif role == "stage" and item.data(0, ID) in self._stage_blocks:
                ids.extend(self._stage_blocks[item.data(0, ID)])
            elif role == "stage":
                ids.extend(child.data(0, ID) for i in range(item.childCount()) if (child := item.child(i)) is not None)
            else:
                ids.append(item.data(0, ID))
        return [i for i in dict.fromkeys(ids) if self.editor.doc.has_id(i)]

    def _chosen(self, force: bool = False) -> None:
        if self._syncing:
            return
        ids = self._selected_ids()
        if ids or force:
            self._syncing = True  # the canvas's answer is this very selection: leave the rows as chosen
            try:
                self.idsActivated.emit(ids)
            finally:
                self._syncing = False

    def show_selection(self, ids: Iterable[str]) -> None:
        """Select the rows of these elements (the canvas's selection) without choosing anything."""
        if self._syncing:
            return
        if self._dirty and self.isVisible():
            self.rebuild()
        elif self._pending:
            self.apply_changes()
        wanted = set(ids)
        was, self._syncing = self._syncing, True
        try:
            self.tree.clearSelection()
            first: QTreeWidgetItem | None = None
            for element_id in wanted:
                row = self._other_rows.get(element_id) or self._block_row(element_id)
                found = self.editor.doc.find(element_id)
                if row is None and found is not None and found[0] == "connectors":
                    row = self._connector_row(element_id)
                if row is not None:
                    row.setSelected(True)
                    first = first or row
            if first is not None:
                self.tree.setCurrentItem(first, 0, self.tree.selectionModel().SelectionFlag.NoUpdate)
                self.tree.scrollToItem(first)
        finally:
            self._syncing = was

    def _connector_row(self, connector_id: str) -> QTreeWidgetItem | None:
        """A connector's row under its source block (made, and the block opened, when needed)."""
        source = self.editor.doc.connector(connector_id).source
        parent = self._block_row(source)
        if parent is None:
            return None
        self._fill(parent)
        parent.setExpanded(True)
        for index in range(parent.childCount()):
            child = parent.child(index)
            if child is not None and child.data(0, ROLE) == "connector" and child.data(0, ID) == connector_id:
                return child
        return None

    def detach(self) -> None:
        self.editor.doc.events.unsubscribe(self._doc_changed)
