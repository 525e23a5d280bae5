"""The editing session of one window: the Document, its QUndoStack and the file it came from.

Every edit goes through ``Editor.push(command)``: the core command is wrapped in a QUndoCommand so
Qt's undo stack (and its History view) drives it, and the model emits the change events the scene
and panels follow.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from components.commands import Command
from components.document import Document
from components.io import FileStamp
from components.model import Diagram

if TYPE_CHECKING:
    from components.collab.history import LiveSteps

_MERGE_ID = 0x4D4C  # one id for every command; the core command's merge() decides


class UndoAdapter(QUndoCommand):
    """A QUndoCommand that runs one core command against the document."""

    def __init__(
        self, doc: Document, command: Command, on_replay: Callable[[], None] | None = None, mergeable: bool = False,
        live: LiveSteps | None = None,
    ) -> None:
        super().__init__(command.text)
        self.doc = doc
        self.command = command
        self.live = live  # in a live session, undo and redo take back this client's shared steps
        self._first = True
        # Whether this may merge into the step below: only when no undo/redo came since the last
        # push (QUndoStack alone would also merge into the command below an undone one).
        self.mergeable = mergeable
        self._on_replay = on_replay

    def redo(self) -> None:
        # QUndoStack.push() calls redo(); the command was already applied by Editor.push so that
        # an EditError reaches the caller before anything lands on the stack.
        if self._first:
            self._first = False
            return
        self._replay(forward=True)

    def undo(self) -> None:
        self._replay(forward=False)

    def _replay(self, *, forward: bool) -> None:
        if self.live is not None:
            self.live.replay(self.command, forward=forward)
        else:
            with self.doc.batch():
                if forward:
                    self.command.do(self.doc)
                else:
                    self.command.undo(self.doc)
        if self._on_replay is not None:
            self._on_replay()

    def id(self) -> int:
        return _MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, UndoAdapter) or not other.mergeable:
            return False
        merged = self.command.merge(other.command)
        if merged:
            self.setText(self.command.text)
            if self.live is not None:
                self.live.merged(self.command, other.command)
        return merged


class Editor(QObject):
    """Owns the document being edited; the window, scene and panels share one Editor."""

    aboutToReplace = Signal()  # before another document comes in (a live session leaves first)
    documentReplaced = Signal()
    pathChanged = Signal(object)  # the new Path, or None
    editFailed = Signal(str)  # a refused edit, as a message for the status bar

    def __init__(self, diagram: Diagram | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = Document(diagram)
        self.undo_stack = QUndoStack(self)
        self.path: Path | None = None
        # Which file ``path`` named when it was read or last saved: a save checks nobody replaced it.
        self.stamp: FileStamp | None = None
        self._merge_open = False  # false after an undo, a redo or a new document
        self.live: LiveSteps | None = None  # set while the document is shared in a live session
        self.held: str | None = None  # why edits are refused for now (a paused practice session), or None

    def push(self, command: Command) -> bool:
        """Apply a command and record it for undo; False (and ``editFailed``) when it was refused."""
        from components.document import EditError

        if self.held is not None:
            self.editFailed.emit(self.held)
            return False

        start = self.live.measure_start() if self.live is not None else 0
        try:
            with self.doc.batch():
                command.do(self.doc)
        except EditError as exc:
            self.editFailed.emit(str(exc))
            return False
        if self.live is not None:
            self.live.record(command, start)
        self.undo_stack.push(UndoAdapter(self.doc, command, self._close_merge, mergeable=self._merge_open,
                                         live=self.live))
        self._merge_open = True
        return True

    def _close_merge(self) -> None:
        """After an undo or redo, the next edit starts a new undo step (as core History does)."""
        self._merge_open = False

    def replace(self, diagram: Diagram, path: Path | None, stamp: FileStamp | None = None) -> None:
        """Show another document (new/open): clears undo history and marks it unmodified."""
        self.aboutToReplace.emit()
        self.undo_stack.clear()
        self._merge_open = False
        self.doc.replace(diagram)
        self.undo_stack.setClean()
        self.path = path
        self.stamp = stamp
        self.pathChanged.emit(path)
        self.documentReplaced.emit()

    def mark_saved(self, path: Path, stamp: FileStamp | None = None) -> None:
        self.undo_stack.setClean()
        self.stamp = stamp
        if path != self.path:
            self.path = path
            self.pathChanged.emit(path)

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()
