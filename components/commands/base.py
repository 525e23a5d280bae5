"""The command protocol, macros, and a plain-Python undo history."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from components.document import Document


class Command(ABC):
    """One edit: ``do`` applies it to a document, ``undo`` takes it back exactly."""

    text: str = "Edit"

    @abstractmethod
    def do(self, doc: Document) -> None: ...

    @abstractmethod
    def undo(self, doc: Document) -> None: ...

    def merge(self, other: Command) -> bool:
        """Absorb ``other`` (already applied) into this command; True when merged."""
        return False


class Macro(Command):
    """Several commands as one undo step (undone in reverse order)."""

    def __init__(self, text: str, commands: Sequence[Command]) -> None:
        self.text = text
        self.commands = list(commands)

    def do(self, doc: Document) -> None:
        done: list[Command] = []
        try:
            for command in self.commands:
                command.do(doc)
                done.append(command)
        except Exception:
            for command in reversed(done):
                command.undo(doc)
            raise

    def undo(self, doc: Document) -> None:
        for command in reversed(self.commands):
            command.undo(doc)


class History:
    """Undo and redo stacks over one document (the app uses QUndoStack the same way)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._clean_at: int | None = 0
        self._merge_open = False

    def push(self, command: Command) -> None:
        """Apply a command and record it, merging with the previous one when it allows."""
        self._run(command, forward=True)
        self._undone.clear()
        if self._clean_at is not None and self._clean_at > len(self._done):
            self._clean_at = None
        if self._merge_open and self._done and self._clean_at != len(self._done) and self._done[-1].merge(command):
            self._merged(self._done[-1], command)
            return
        self._done.append(command)
        self._merge_open = True

    def undo(self) -> bool:
        return self._step(self._done, self._undone, forward=False)

    def redo(self) -> bool:
        return self._step(self._undone, self._done, forward=True)

    def _step(self, source: list[Command], target: list[Command], *, forward: bool) -> bool:
        """Move the last command of ``source`` onto ``target``, redoing or undoing it; False when none."""
        if not source:
            return False
        command = source.pop()
        self._replay(command, forward=forward)
        target.append(command)
        self._merge_open = False
        return True

    def _run(self, command: Command, *, forward: bool) -> None:
        """Do or undo one command as one batch of document changes."""
        with self.doc.batch():
            if forward:
                command.do(self.doc)
            else:
                command.undo(self.doc)

    def _replay(self, command: Command, *, forward: bool) -> None:
        """Undo (or redo) a recorded command: here by running it; a live session undoes its own
        shared edits instead (components/collab/history.py)."""
        self._run(command, forward=forward)

    def _merged(self, into: Command, other: Command) -> None:
        """``other`` was absorbed into ``into`` (a hook for subclasses that track more per step)."""

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
        self._clean_at = 0
        self._merge_open = False

    def set_clean(self) -> None:
        self._clean_at = len(self._done)
        self._merge_open = False

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def is_clean(self) -> bool:
        return self._clean_at == len(self._done)

    @property
    def undo_text(self) -> str:
        return self._done[-1].text if self._done else ""

    @property
    def redo_text(self) -> str:
        return self._undone[-1].text if self._undone else ""
