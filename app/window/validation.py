"""Live validation: findings that follow the design edit by edit.

``components.validate.live`` re-checks after an edit only what the edit can change (about a millisecond
for one edit of a 10,000-block design), so a run is scheduled for the next turn of the event loop: the
findings, badges and checklist are up to date in the frame that shows the edit, and a burst of edits in
one turn (a paste, a drag) costs one run. What makes everything run again (a new document, new rule
settings, a paste of thousands of blocks) waits ``delay_ms`` after the last such edit instead. The first
run, which builds the live state, comes right after the canvas is first painted (``first_run_after``):
the window is on screen before any validation work starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from app.editor import Editor
from components.events import ChangeEvent

if TYPE_CHECKING:
    from components.validate.delta import FindingsDelta
    from components.validate.live import LiveValidation

DEBOUNCE_MS = 300
BIG_DESIGN = 2_000  # elements: from here on, the first paint may take longer than DEBOUNCE_MS to come
FIRST_PAINT_WAIT_MS = 5_000  # how long a big design's first run waits for the canvas to be painted


class LiveValidator(QObject):
    """Keeps ``findings`` and ``coverage`` up to date with the editor's document and reports them."""

    updated = Signal(list, list)  # findings, coverage (7 steps)
    unavailable = Signal(str)  # why there are no findings (the validator failed)

    def __init__(self, editor: Editor, delay_ms: int = DEBOUNCE_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.findings: list[Any] = []
        self.coverage: list[Any] = []
        # what the last ``updated`` changed in ``findings`` (None: take them all anew): the panels apply it
        self.delta: FindingsDelta | None = None
        self.runs = 0
        self.delay_ms = delay_ms
        self._live: LiveValidation | None = None
        self._painted: QObject | None = None  # the widget whose first paint starts the first run
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.run_now)
        editor.doc.events.subscribe(self._changed)

    def _changed(self, _event: ChangeEvent) -> None:
        self.schedule()

    def first_run_after(self, widget: QWidget) -> None:
        """Run right after ``widget`` (the canvas) is first painted; after ``delay_ms`` if it is not (a
        big design waits longer: its panels may take more than ``delay_ms`` to be shown, and a full
        validation of 45,000 blocks before the canvas is on screen would keep it blank for seconds)."""
        diagram = self.editor.doc.diagram
        big = len(diagram.blocks) + len(diagram.connectors) >= BIG_DESIGN
        self.timer.start(max(self.delay_ms, FIRST_PAINT_WAIT_MS) if big else self.delay_ms)
        widget.installEventFilter(self)
        self._painted = widget

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._painted and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self._painted = None
            if self._live is None:
                self.timer.start(0)  # the paint is done before the timer fires
        return False

    def schedule(self) -> None:
        """Run on the next turn of the event loop, or after ``delay_ms`` when everything must run again
        (restarted by each edit meanwhile: one run after a burst)."""
        heavy = self._live is None or self._live.needs_full_run
        self.timer.start(self.delay_ms if heavy else 0)

    @property
    def pending(self) -> bool:
        return self.timer.isActive()

    def run_now(self) -> None:
        """Validate at once (also used before a screenshot so the picture shows the findings)."""
        self.timer.stop()
        from components.validate.live import LiveValidation  # not at start-up: after the first paint

        first = self._live is None
        try:
            if self._live is None:
                self._live = LiveValidation(self.editor.doc)
                changed = True
            else:
                changed = self._live.update()
        except Exception as exc:  # a validator bug must never take the editor down
            self._drop()
            self.findings, self.coverage, self.delta = [], [], None
            self.unavailable.emit(f"Validation failed: {exc}")
            return
        self.runs += 1
        if changed or first:
            before, self.findings = self.findings, list(self._live.findings)
            delta = self._live.delta
            self.delta = None if first or (not delta and self.findings != before) else delta
            self.coverage = list(self._live.coverage)
            self.updated.emit(self.findings, self.coverage)

    def _drop(self) -> None:
        """Forget the live state (it is built again, from the document, at the next run)."""
        if self._live is not None:
            self._live.close()
            self._live = None

    def close(self) -> None:
        """Stop listening (the window is going away)."""
        if self._painted is not None and shiboken6.isValid(self._painted):
            self._painted.removeEventFilter(self)
        self._painted = None
        self.timer.stop()
        self._drop()
        self.editor.doc.events.unsubscribe(self._changed)
