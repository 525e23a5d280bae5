"""Live validation: findings that follow the design edit by edit.

``components.validate.live`` re-checks after an edit only what the edit can change (about a millisecond
for one edit of a 10,000-block design), so a run is scheduled for the next turn of the event loop: the
findings, badges and checklist are up to date in the frame that shows the edit, and a burst of edits in
one turn (a paste, a drag) costs one run. What makes everything run again (a new document, new rule
settings, a paste of thousands of blocks) waits ``delay_ms`` after the last such edit instead. The first
run, which builds the live state, comes right after the canvas is first painted (``first_run_after``):
the window is on screen before any validation work starts. For a big design that first run (seconds at
45,000 blocks) is built on a worker thread while the window keeps handling input; it is taken only if
the design did not change meanwhile, and built again otherwise (see ``_start_first``).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from app.editor import Editor
from components.events import ChangeEvent
from components.gcpause import hold_collector, release_collector

if TYPE_CHECKING:
    from app.background import BackgroundJob, CancelToken
    from components.document import Document
    from components.validate.delta import FindingsDelta
    from components.validate.live import LiveValidation

DEBOUNCE_MS = 300
BIG_DESIGN = 2_000  # elements: from here on, the first paint may take longer than DEBOUNCE_MS to come
FIRST_PAINT_WAIT_MS = 5_000
GC_POLL_MS = 100  # how long a big design's first run waits for the canvas to be painted


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
        self._job: BackgroundJob[LiveValidation] | None = None  # a big design's first run, on a worker
        self._job_edits = -1  # the edit count when that job started
        self.edits = 0  # document events so far: a first run built off the UI thread checks it did not move
        self.discarded = 0  # first runs built off the UI thread and thrown away (the design changed meanwhile)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._due)
        editor.doc.events.subscribe(self._changed)

    def _changed(self, event: ChangeEvent) -> None:
        self.edits += 1
        if event.action == "reset":
            # a new design: validated afresh as at start (a big one on a worker, not on the UI thread),
            # and the views, which dropped what they showed, given every finding
            self._drop()
        self.schedule()

    def _big(self) -> bool:
        diagram = self.editor.doc.diagram
        return len(diagram.blocks) + len(diagram.connectors) >= BIG_DESIGN

    def first_run_after(self, widget: QWidget) -> None:
        """Run right after ``widget`` (the canvas) is first painted; after ``delay_ms`` if it is not (a
        big design waits longer: its panels may take more than ``delay_ms`` to be shown, and a full
        validation of 45,000 blocks before the canvas is on screen would keep it blank for seconds)."""
        self.timer.start(max(self.delay_ms, FIRST_PAINT_WAIT_MS) if self._big() else self.delay_ms)
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
        return self.timer.isActive() or self._job is not None

    @property
    def in_background(self) -> bool:
        """Whether a first run is being built on a worker thread now."""
        return self._job is not None

    def _due(self) -> None:
        """The timer: a big design's first run goes to a worker thread; any other run happens now."""
        if self._live is None and self._big():
            if self._job is None:
                self._start_first()
            return
        self.run_now()

    def _start_first(self) -> None:
        """Build the live state of the design on a worker thread. It reads the document the UI thread
        edits, so it follows no events and is taken only if no edit came while it ran (``edits`` did not
        move): then what it read never changed under it. Otherwise it is dropped and built again."""
        from app.background import BackgroundJob  # a big design's only: not loaded before the first paint

        doc = self.editor.doc

        def build(_token: CancelToken) -> LiveValidation:
            return build_live(doc)

        job: BackgroundJob[LiveValidation] = BackgroundJob(build, self)
        job.succeeded.connect(lambda live: self._first_done(job, live, None))
        job.failed.connect(lambda exc: self._first_done(job, None, exc))
        self._job, self._job_edits = job, self.edits
        collector_off_while(job)
        job.start()

    def _first_done(self, job: BackgroundJob[LiveValidation], live: LiveValidation | None,
                    error: BaseException | None) -> None:
        if job is not self._job:
            return
        self._job = None
        # the job stays the validator's child: a deleteLater() here crashed the next event loop once the
        # validator had been deleted before it ran (tests/app/test_first_validation.py then test_fit_overlays.py)
        if self._job_edits != self.edits:
            self.discarded += 1  # read while the design changed: worthless, whatever it says
            self.timer.start(0)
            return
        if live is None:
            self._fail(error)
            return
        live.follow()
        self._live = live
        give_back_freed_memory()
        self._report(True, True)

    def run_now(self) -> None:
        """Validate at once (also used before a screenshot so the picture shows the findings); a first
        run under way on a worker is waited for."""
        self.timer.stop()
        if self._job is not None:
            job = self._job
            job.wait()
            job.deliver()  # taken (then that was the run), or dropped: built here instead
            self.timer.stop()
            if self._live is not None:
                return
        first = self._live is None
        try:
            if self._live is None:
                self._live = build_live(self.editor.doc)
                self._live.follow()
                changed = True
            else:
                changed = self._live.update()
        except Exception as exc:  # a validator bug must never take the editor down
            self._fail(exc)
            return
        self._report(changed, first)

    def _fail(self, exc: BaseException | None) -> None:
        self._drop()
        self.findings, self.coverage, self.delta = [], [], None
        self.unavailable.emit(f"Validation failed: {exc}")

    def _report(self, changed: bool, first: bool) -> None:
        """Take the live state's findings when they changed; ``first``: a new live state, whose delta
        (none yet) says nothing, so the panels take every finding."""
        assert self._live is not None
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
        if self._job is not None:
            self._job.cancel()  # the worker ends on its own; what it built is dropped
            self._job = None
        self._drop()
        self.editor.doc.events.unsubscribe(self._changed)


def build_live(doc: Document) -> LiveValidation:
    """The live state of ``doc``, not yet following its events (on the UI thread or a worker)."""
    from components.validate.live import LiveValidation  # not at start-up: after the first paint

    return LiveValidation(doc, follow=False)


def collector_off_while(job: BackgroundJob[Any]) -> None:
    """Hold Python's cyclic collector off until the job's worker has ended, and let go from the UI thread.
    Seconds of allocation on the worker would otherwise run collections there, and the garbage of closed
    windows and dialogs may hold Qt objects, which must not be deleted off the UI thread. Reference
    counting frees the rest meanwhile."""
    hold_collector(job)

    def when_ended() -> None:
        if job.wait(0):
            release_collector(job)  # on again only when nothing else holds it (a rebuilt first run's worker)
        else:
            QTimer.singleShot(GC_POLL_MS, when_ended)

    QTimer.singleShot(GC_POLL_MS, when_ended)


def give_back_freed_memory() -> None:
    """Return to the system what the worker's build freed (glibc only; nothing elsewhere). The worker's
    allocations come from its own malloc arena, which the UI thread does not reuse: at 45,000 blocks its
    freed scratch (~20 MB) otherwise stays in the window's resident memory for good."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if sys.platform != "linux" or name is None:
        return
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return
    trim.argtypes = [ctypes.c_size_t]
    trim(0)
