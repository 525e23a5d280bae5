"""Autosave: a recovery copy of unsaved work in the user's data folder, never over the user's file.

While the document has unsaved changes, a copy is written 1.5 s after the last edit, and at least
every 30 s during continuous editing. The snapshot is taken on the UI thread (the model is not
thread-safe) with pydantic's compiled JSON serialiser, ~9 ms for 5,000 blocks; a big design's, after a
pause in editing, in slices between turns of the event loop (app/autosave_steps.py), so the window does
not stop for it (the 30 s deadline's copy, while edits keep coming, in one go: ~0.2 s at 45,000); the
write and its fsync run on one worker thread, in order. Each copy ``<token>.mlsd.json`` has a sidecar
``<token>.meta.json`` naming the original file, title, time and process, so the next start can
offer what a crashed process left (see app/recovery.py). More state can be kept with the copy as
``<token>.<name>.json`` (``keep_with_copy``: a practice session in progress, with its clock); while
there is some, a copy is kept even of a design with no unsaved change. A saved, closed or replaced
document removes its copy; a failed write says so in the status bar at once and is retried.

The folder, its privacy and the copies found in it are app/recovery_folder.py's.
"""

from __future__ import annotations

import glob
import json
import os
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from app.autosave_steps import SteppedSnapshot, stepped
from app.editor import Editor
from app.recovery_folder import (
    CONTENT_SUFFIX,
    COPY_MODE,
    META_SUFFIX,
    make_folder,
    process_start,
    recovery_folder,
    remove_quietly,
)
from components.events import ChangeEvent
from components.io import write_atomic
from components.io.files import encode

if TYPE_CHECKING:  # the writer thread's pool is made at the first write (concurrent.futures: ~5 ms of a start)
    from concurrent.futures import Future, ThreadPoolExecutor

IDLE_MS = 1500
MAX_INTERVAL_MS = 30_000
RETRY_MS = 5000
FAILED_MESSAGE_MS = 0  # stays in the status bar until the next message
GIVE_UP_STEPPING = 3  # copies in steps cut short by edits in a row: then one is made in one go


def snapshot(diagram: Any) -> bytes:
    """The recovery copy's bytes: compact JSON from pydantic's compiled serialiser (~6x faster than
    the canonical, indented ``components.io.dumps``; loading reads both)."""
    try:
        return diagram.model_dump_json(exclude_none=True).encode("utf-8")
    except ValueError:  # a lone surrogate in some text: the slower path that repairs it
        return encode(diagram)



class _Relay(QObject):
    """Carries results from the writer thread back to the UI thread (queued signal delivery)."""

    finished = Signal(int, str)  # generation, error message ("" when the write worked)


class Autosaver(QObject):
    """Keeps a recovery copy of one Editor's unsaved work."""

    statusMessage = Signal(str, int)  # text, timeout in ms (0: until replaced)
    written = Signal(object)  # Path of the recovery copy, after each successful write
    failed = Signal(str)

    def __init__(self, editor: Editor, folder: Path | None = None, parent: QObject | None = None,
                 idle_ms: int = IDLE_MS, max_interval_ms: int = MAX_INTERVAL_MS, retry_ms: int = RETRY_MS) -> None:
        super().__init__(parent)
        self.editor = editor
        self.folder = folder or recovery_folder()
        self.token = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.content_path = self.folder / (self.token + CONTENT_SUFFIX)
        self.meta_path = self.folder / (self.token + META_SUFFIX)
        self.failing = ""  # the last failure, "" while writes work
        self.last_snapshot_ms = 0.0
        self._extras: dict[str, Callable[[], bytes]] = {}
        self._generation = 0
        self._closed = False
        self._pool: ThreadPoolExecutor | None = None  # made at the first write (see ``_submit``)
        self._pool_open = True
        self._relay = _Relay()
        self._relay.finished.connect(self._write_finished)
        self._idle = self._timer(idle_ms, self._due)
        # continuous editing: in one go, as steps would be cut short by the next edit (a copy then came
        # only after GIVE_UP_STEPPING more deadlines, ~90 s)
        self._deadline = self._timer(max_interval_ms, self.write_now)
        self._retry = self._timer(retry_ms, self._due)
        self._edits = 0  # document events so far: a copy made in steps checks none came in between
        self._stepper: SteppedSnapshot | None = None
        self._stepper_edits = 0
        self._cut_short = 0  # copies in steps dropped in a row because the design changed
        self._step_timer = QTimer(self)
        self._step_timer.setInterval(0)
        self._step_timer.timeout.connect(self._step)
        editor.doc.events.subscribe(self._changed)
        editor.undo_stack.cleanChanged.connect(self._clean_changed)
        editor.documentReplaced.connect(self._replaced)

    def _timer(self, interval: int, slot: Callable[[], object]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval)
        timer.timeout.connect(slot)
        return timer

    # ----- following the editor ------------------------------------------------------------------
    def _changed(self, _event: ChangeEvent) -> None:
        if self._closed:
            return
        self._edits += 1
        self._idle.start()  # restarts: 1.5 s after the LAST edit
        if not self._deadline.isActive():
            self._deadline.start()  # not restarted: at least every 30 s while edits keep coming

    def _clean_changed(self, clean: bool) -> None:
        if clean and not self._closed and not self._extras:  # saved, or undone back to the saved state
            self._stop_timers()
            self.discard()

    def _replaced(self) -> None:
        """New/open/close: the previous document's copy is obsolete (it was saved or discarded)."""
        if not self._closed:
            self._stop_timers()
            self.discard()

    def _stop_timers(self) -> None:
        for timer in (self._idle, self._deadline, self._retry, self._step_timer):
            timer.stop()
        self._stepper = None

    def _due(self) -> None:
        """A timer: the copy now, in steps for a big design (unless edits cut the last few short)."""
        diagram = self.editor.doc.diagram
        if self._closed or not (self.editor.modified or self._extras):
            self._stop_timers()
            return
        if not stepped(diagram) or self._cut_short >= GIVE_UP_STEPPING:
            self.write_now()
            return
        self._stop_timers()
        self._stepper, self._stepper_edits = SteppedSnapshot(diagram), self._edits
        self.last_snapshot_ms = 0.0  # the longest step
        self._step_timer.start()

    def _step(self) -> None:
        stepper = self._stepper
        if stepper is None:
            self._step_timer.stop()
            return
        if self._edits != self._stepper_edits:  # the edit started the timers again: a copy comes later
            self._cut_short += 1
            self._stepper = None
            self._step_timer.stop()
            return
        started = time.perf_counter()
        try:
            done = stepper.step()
        except ValueError:  # a lone surrogate in some text: the slower path that repairs it
            self.write_now()
            return
        self.last_snapshot_ms = max(self.last_snapshot_ms, (time.perf_counter() - started) * 1000)
        if done:
            self._step_timer.stop()
            self._stepper = None
            self._cut_short = 0
            self._queue(stepper.result())

    # ----- writing -----------------------------------------------------------------------------------
    def write_now(self) -> bool:
        """Snapshot the document now and queue the write; False when there is nothing to keep."""
        self._stop_timers()
        if self._closed or not (self.editor.modified or self._extras):
            return False
        started = time.perf_counter()
        payload = snapshot(self.editor.doc.diagram)
        self.last_snapshot_ms = (time.perf_counter() - started) * 1000
        self._cut_short = 0
        self._queue(payload)
        return True

    def _queue(self, payload: bytes) -> None:
        """The copy's sidecar and the state kept with it, and the write of all three, queued."""
        diagram = self.editor.doc.diagram
        meta = {
            "format": 1, "title": diagram.title, "saved_at": time.time(), "pid": os.getpid(),
            "started": process_start(os.getpid()),
            "original_path": str(self.editor.path) if self.editor.path is not None else None,
        }
        extras = {self.extra_path(name): snapshot() for name, snapshot in self._extras.items()}
        self._generation += 1
        self._submit(self._write_files, payload, json.dumps(meta).encode("utf-8"), self._generation, extras)

    def _write_files(self, payload: bytes, meta: bytes, generation: int, extras: dict[Path, bytes]) -> None:
        """On the writer thread: the copy first, then the state kept with it, then its sidecar (all atomic)."""
        try:
            make_folder(self.folder)
            write_atomic(self.content_path, payload, mode=COPY_MODE)
            for path, data in extras.items():
                write_atomic(path, data, mode=COPY_MODE)
            write_atomic(self.meta_path, meta, mode=COPY_MODE)
        except OSError as exc:
            self._relay.finished.emit(generation, f"{exc.strerror or exc} ({self.folder})")
            return
        self._relay.finished.emit(generation, "")

    def _write_finished(self, generation: int, error: str) -> None:
        if not shiboken6.isValid(self):  # the window went away while a write was in flight
            return
        if error:
            self.failing = error
            self.failed.emit(error)
            self.statusMessage.emit(f"Autosave failed: {error}. Retrying; save your work to be safe.",
                                    FAILED_MESSAGE_MS)
            if not self._closed and self.editor.modified:
                self._retry.start()  # keeps trying even when no further edit comes
            return
        if self.failing:
            self.failing = ""
            self.statusMessage.emit("Autosave works again", 5000)
        if generation == self._generation:
            self.written.emit(self.content_path)

    def _submit(self, function: Callable[..., Any], *args: Any) -> Future[Any]:
        from concurrent.futures import Future, ThreadPoolExecutor

        if not self._pool_open:  # after close(): nothing is in flight, so run it right here
            done: Future[Any] = Future()
            done.set_result(function(*args))
            return done
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        return self._pool.submit(function, *args)

    def after_pending(self, function: Callable[[], Any]) -> Future[Any]:
        """Run ``function`` on the writer thread once the writes queued so far are done."""
        return self._submit(function)

    def extra_path(self, name: str) -> Path:
        return self.folder / f"{self.token}.{name}.json"

    def keep_with_copy(self, name: str, snapshot: Callable[[], bytes] | None) -> None:
        """Write ``snapshot()`` (taken on the UI thread) with every copy as ``<token>.<name>.json``; None
        stops keeping it and removes its file, and the copy too when no change is left unsaved."""
        if not name.isidentifier() or name in ("mlsd", "meta"):
            raise ValueError(f"{name!r} cannot name state kept with a recovery copy")
        if snapshot is not None:
            self._extras[name] = snapshot
            return
        self._extras.pop(name, None)
        self._submit(remove_quietly, self.extra_path(name))
        if not self.editor.modified and not self._extras:
            self.discard()

    def discard(self) -> None:
        """Remove this session's recovery copy (after any write still in flight)."""
        self._submit(self._remove_files)

    def _remove_files(self) -> None:
        for path in {self.content_path, self.meta_path, *self.folder.glob(f"{glob.escape(self.token)}.*.json")}:
            remove_quietly(path)

    def wait(self) -> None:
        """Block until queued writes and removals are done (tests, shutdown)."""
        self._submit(lambda: None).result()

    def close(self) -> None:
        """A clean exit: stop, finish pending work, remove the copy; nothing will be offered."""
        if self._closed:
            return
        self._closed = True
        self._stop_timers()
        self.editor.doc.events.unsubscribe(self._changed)
        pool, self._pool_open = self._pool, False  # nothing queued without a pool: the removal runs here
        if pool is not None:
            pool.submit(self._remove_files)
            pool.shutdown(wait=True)
        else:
            self._remove_files()
