"""The checklist dock: the seven steps of the framework, each ticked or crossed, with what covers it.

Clicking a covered step selects the blocks that cover it (``stepActivated``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from app.panels.icons import check_icon
from components.catalog import STAGES

_STEP_ROLE = Qt.ItemDataRole.UserRole + 1
NAMED = 12  # blocks named per step; a 10,000-block design covers a step with thousands


def _joined(names: list[str], total: int) -> str:
    """'A, B, C' or 'A, B, ... L and 2,988 more'."""
    text = ", ".join(names)
    return f"{text} and {total - len(names):,} more" if total > len(names) else text


class ChecklistPanel(QWidget):
    """Seven rows: step number and name, a tick or a cross, and what covers the step."""

    stepActivated = Signal(list)

    def __init__(self, label_of: Callable[[str], str | None] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme_name = "light"
        self.label_of = label_of or (lambda _id: None)
        self.steps: list[Any] = []
        self.summary = QLabel()
        self.summary.setObjectName("checklistSummary")
        self.tree = QTreeWidget()
        self.tree.setObjectName("checklistTree")
        self.tree.setAccessibleName("Framework steps")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Step", "Covered by"])
        self.tree.setRootIsDecorated(False)
        self.tree.header().setStretchLastSection(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)  # the tooltip names more
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.tree.itemClicked.connect(self._clicked)
        self.set_unavailable("Checking the design…")

    def set_unavailable(self, note: str) -> None:
        """No coverage (yet): the seven steps without marks, and a note."""
        self.steps = []
        self.tree.clear()
        for entry in STAGES:
            item = QTreeWidgetItem([f"{entry.number}. {entry.name}", ""])
            item.setToolTip(0, entry.description)
            self.tree.addTopLevelItem(item)
        self.summary.setText(note)
        self.tree.resizeColumnToContents(0)

    def set_coverage(self, steps: Sequence[Any]) -> None:
        """Show the coverage of each step (objects with number, name, covered, by). Live validation calls
        this after every edit that changes a finding: when no step changed, nothing is redrawn."""
        if list(steps) == self.steps:
            return
        self.steps = list(steps)
        self.tree.clear()
        for step in self.steps:
            covered_by = _joined([self._describe(part) for part in step.by[:NAMED]], len(step.by))
            item = QTreeWidgetItem([f"{step.number}. {step.name}", covered_by if step.covered else "missing"])
            item.setIcon(0, check_icon(bool(step.covered), self.theme_name))
            item.setData(0, _STEP_ROLE, [str(part) for part in step.by])
            description = STAGES[step.number - 1].description if 1 <= step.number <= 7 else ""
            state = "covered by " + covered_by if step.covered else "not covered yet"
            item.setToolTip(0, f"{description}: {state}")
            item.setToolTip(1, item.toolTip(0))
            if not step.covered:
                item.setForeground(1, self.palette().placeholderText())
            self.tree.addTopLevelItem(item)
        done = sum(1 for step in self.steps if step.covered)
        self.summary.setText(f"{done} of {len(self.steps)} steps covered")
        self.tree.resizeColumnToContents(0)

    def set_theme(self, theme_name: str) -> None:
        self.theme_name = theme_name
        steps, self.steps = self.steps, []  # drawn again, with the theme's icons
        if steps:
            self.set_coverage(steps)

    def _describe(self, part: Any) -> str:
        label = self.label_of(str(part))
        return label if label is not None else str(part)

    def _clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        ids = item.data(0, _STEP_ROLE)
        if ids:
            self.stepActivated.emit(list(ids))
