"""Live validation: re-check the design a moment after the user stops editing.

Every document event restarts one single-shot timer, so a drag, a paste of 500 blocks or a burst of
typing costs one validation, run from the event loop (never from a paint) once things settle.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.editor import Editor
from components.events import ChangeEvent

DEBOUNCE_MS = 300


class LiveValidator(QObject):
    """Runs ``components.validate`` after edits and reports the findings and the step coverage."""

    updated = Signal(list, list)  # findings, coverage (7 steps)
    unavailable = Signal(str)  # why there are no findings (the validator failed)

    def __init__(self, editor: Editor, delay_ms: int = DEBOUNCE_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.findings: list[Any] = []
        self.coverage: list[Any] = []
        self.runs = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.run_now)
        editor.doc.events.subscribe(self._changed)

    def _changed(self, _event: ChangeEvent) -> None:
        self.timer.start()  # restarts: one run after the last of a burst of edits

    def schedule(self) -> None:
        self.timer.start()

    @property
    def pending(self) -> bool:
        return self.timer.isActive()

    def run_now(self) -> None:
        """Validate at once (also used before a screenshot so the picture shows the findings)."""
        self.timer.stop()
        from components.validate import coverage, validate  # networkx: not at start-up
        diagram = self.editor.doc.diagram
        try:
            findings = list(validate(diagram))
            steps = list(coverage(diagram))
        except Exception as exc:  # a validator bug must never take the editor down
            self.findings, self.coverage = [], []
            self.unavailable.emit(f"Validation failed: {exc}")
            return
        self.runs += 1
        self.findings, self.coverage = findings, steps
        self.updated.emit(findings, steps)

    def close(self) -> None:
        """Stop listening (the window is going away)."""
        self.timer.stop()
        self.editor.doc.events.unsubscribe(self._changed)
