"""Undo and redo in a live session: only this client's edits (see binding.py for why Yjs's own
UndoManager does it rather than our commands' inverse)."""

from __future__ import annotations

from components.collab.binding import LiveBinding
from components.commands import Command, History


class LiveSteps:
    """How many Yjs undo steps each recorded command made (a merged command adds its own), so one
    undo in the editor takes back exactly one of its steps, however the shared state moved since."""

    def __init__(self, binding: LiveBinding) -> None:
        self.binding = binding
        self._steps: dict[int, int] = {}

    def measure_start(self) -> int:
        return self.binding.undo_depth

    def record(self, command: Command, start: int) -> None:
        self._steps[id(command)] = self.binding.undo_depth - start

    def merged(self, into: Command, other: Command) -> None:
        self._steps[id(into)] = self._steps.get(id(into), 0) + self._steps.pop(id(other), 0)

    def replay(self, command: Command, *, forward: bool) -> None:
        for _ in range(self._steps.get(id(command), 0)):
            if forward:
                self.binding.redo()
            else:
                self.binding.undo()


class LiveHistory(History):
    """The core History of a document in a live session."""

    def __init__(self, binding: LiveBinding) -> None:
        super().__init__(binding.doc)
        self.steps = LiveSteps(binding)

    def _run(self, command: Command, *, forward: bool) -> None:
        start = self.steps.measure_start()
        super()._run(command, forward=forward)
        self.steps.record(command, start)

    def _replay(self, command: Command, *, forward: bool) -> None:
        self.steps.replay(command, forward=forward)

    def _merged(self, into: Command, other: Command) -> None:
        self.steps.merged(into, other)
