"""The checklist of one step, for "retry this step": the step's three rubric points, what earns each, and
for the design as it is now ✓ or what is still missing; scored again each time the validator reports."""

from __future__ import annotations

from html import escape
from typing import Any

import shiboken6
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from components.model import Diagram
from components.review import Review


class StepChecklist(QWidget):
    def __init__(self, step: int, before: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepChecklist")
        self.step = step
        self.before = before
        self.result: Review | None = None
        self.head = QLabel()
        self.head.setObjectName("stepChecklistHead")
        self.head.setWordWrap(True)
        self.page = QTextBrowser()
        self.page.setObjectName("stepChecklistPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.head)
        layout.addWidget(self.page, 1)

    def refresh(self, diagram: Diagram, findings: list[Any] | None = None) -> None:
        if not shiboken6.isValid(self):
            return
        from components.review import review

        self.result = review(diagram, findings)
        step = self.result.steps[self.step - 1]
        self.head.setText(f"<b>Retry: step {step.number}, {escape(step.name)}</b><br>"
                          f"{step.score}/{len(step.points)} now, {self.before} in the attempt retried")
        rows = []
        for point in step.points:
            mark = "✓" if point.earned else "✗"
            now = "" if point.earned else f"<br><i>Missing:</i> {escape(point.gap)}"
            rows.append(f"<p><b>{mark} {escape(point.criterion.title)}</b><br>{escape(point.criterion.earns)}{now}</p>")
        scroll = self.page.verticalScrollBar().value()
        self.page.setHtml("".join(rows))
        self.page.verticalScrollBar().setValue(scroll)
