"""The findings dock: what the validator says about the design, most severe first.

Clicking a finding asks the window to select and centre the blocks it is about (``findingActivated``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidgetItem, QVBoxLayout, QWidget

from app.panels.enter_tree import EnterTree
from app.panels.icons import check_icon, severity_icon
from app.panels.wrap import WrapDelegate

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def count_text(findings: Sequence[Any]) -> str:
    """``2 errors · 1 warning`` (or ``no findings``)."""
    counts = {name: 0 for name in SEVERITY_ORDER}
    for finding in findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    parts = [f"{n} {s}{'s' if n != 1 and s != 'info' else ''}" for s, n in counts.items() if n]
    return " · ".join(parts) if parts else "no findings"


class FindingsPanel(QWidget):
    """A list of findings with severity icon, message, hint and rule id."""

    findingActivated = Signal(list, list)
    stageActivated = Signal(int)  # a finding about no element in particular (an uncovered step)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme_name = "light"
        self.findings: list[Any] = []
        self.summary = QLabel()
        self.summary.setObjectName("findingsSummary")
        self.tree = EnterTree()
        self.tree.setObjectName("findingsTree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Finding", "How to fix", "Rule"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.wrap = WrapDelegate(self.tree, max_lines=2)  # long messages wrap onto more lines instead of being cut
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.tree.itemClicked.connect(self._activated)
        self.tree.enterPressed.connect(self._activated)
        self.set_unavailable("Checking the design…")

    def set_unavailable(self, note: str) -> None:
        """No validator (yet): an empty list and a note saying why."""
        self.findings = []
        self.tree.clear()
        self.summary.setText(note)

    def set_findings(self, findings: Sequence[Any]) -> None:
        """Show these findings, errors first; keeps the row the user was on when it is still there."""
        current = self.tree.currentItem()
        index = current.data(0, _FINDING_ROLE) if current is not None else None
        kept = self._key(self.findings[index]) if index is not None and 0 <= index < len(self.findings) else None
        self.findings = sorted(findings, key=lambda f: SEVERITY_ORDER.get(f.severity, 9))
        self.tree.clear()
        self.summary.setText(count_text(self.findings))
        if not self.findings:
            item = QTreeWidgetItem(["No findings: the design passes every enabled rule", "", ""])
            item.setIcon(0, check_icon(True, self.theme_name))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(item)
            item.setFirstColumnSpanned(True)
            return
        for index, finding in enumerate(self.findings):
            item = QTreeWidgetItem([finding.message, finding.hint, finding.rule])
            item.setIcon(0, severity_icon(finding.severity, self.theme_name))
            item.setData(0, _FINDING_ROLE, index)
            stage = f" (step {finding.stage})" if getattr(finding, "stage", None) else ""
            tip = (f"<b>{_escape(finding.severity.capitalize())}</b>{stage}: {_escape(finding.message)}"
                   f"<br><br><b>How to fix:</b> {_escape(finding.hint)}<br><i>{_escape(finding.rule)}</i>")
            for column in range(3):
                item.setToolTip(column, tip)
            self.tree.addTopLevelItem(item)
            if kept is not None and self._key(finding) == kept:
                self.tree.setCurrentItem(item)

    def set_theme(self, theme_name: str) -> None:
        if theme_name == self.theme_name:
            return  # the window sets the theme once at start-up: "Checking the design…" stays until then
        self.theme_name = theme_name
        self.set_findings(self.findings)

    @staticmethod
    def _key(finding: Any) -> tuple[Any, ...]:
        return (finding.rule, finding.message)

    def item_of(self, rule: str) -> QTreeWidgetItem | None:
        """The first row of a rule (for tests and keyboard navigation)."""
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item.text(2) == rule:
                return item
        return None

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        index = item.data(0, _FINDING_ROLE)
        if index is None or not 0 <= index < len(self.findings):
            return
        finding = self.findings[index]
        if finding.blocks or finding.connectors:
            self.findingActivated.emit(list(finding.blocks), list(finding.connectors))
        elif getattr(finding, "stage", None):
            self.stageActivated.emit(int(finding.stage))
