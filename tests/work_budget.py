"""Count the work a piece of code does (never its time): Python lines run in the core's modules plus
every character width looked up in the font-metrics table. Past the budget it raises, so a loop that
never ends fails the test instead of hanging it."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

from components.style import metrics

CORE = str(Path(metrics.__file__).resolve().parents[1])  # the components/ folder
T = TypeVar("T")


class WorkExceeded(AssertionError):
    """More steps than the budget allowed."""


class WorkCounter:
    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.steps = 0

    def step(self) -> None:
        self.steps += 1
        if self.steps > self.budget:
            raise WorkExceeded(f"more than {self.budget:,} steps")

    def trace(self, frame: FrameType, event: str, arg: Any) -> Callable[..., Any] | None:
        if event == "call" and frame.f_code.co_filename.startswith(CORE):
            return self._lines
        return None

    def _lines(self, frame: FrameType, event: str, arg: Any) -> Callable[..., Any] | None:
        if event == "line":
            self.step()
        return self._lines


class _CountingAdvances(metrics._Advances):
    counter: WorkCounter | None = None

    def __getitem__(self, char: str) -> int:
        if self.counter is not None:
            self.counter.step()
        return super().__getitem__(char)


@contextmanager
def work_budget(budget: int) -> Iterator[WorkCounter]:
    """Within the block, core lines and measured characters count as steps; more than ``budget``
    raises WorkExceeded."""
    counter = WorkCounter(budget)
    saved = dict(metrics.ADVANCES)
    for bold in saved:
        counting = _CountingAdvances(bold)
        counting.counter = counter
        metrics.ADVANCES[bold] = counting
    previous = sys.gettrace()
    sys.settrace(counter.trace)
    try:
        yield counter
    finally:
        sys.settrace(previous)
        metrics.ADVANCES.update(saved)


def run_within(budget: int, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    with work_budget(budget):
        return function(*args, **kwargs)
