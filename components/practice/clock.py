"""Time for a practice session, behind a small interface so tests drive a session minute by minute.

A session measures elapsed time on a monotonic clock (a changed system clock cannot shorten or
stretch an interview) and stamps attempts with the wall clock.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds on a clock that only goes forward (its zero means nothing)."""
        ...

    def wall(self) -> float:
        """Seconds since the epoch, for the date an attempt was made."""
        ...


class SystemClock:
    """The computer's clocks."""

    def monotonic(self) -> float:
        return time.monotonic()

    def wall(self) -> float:
        return time.time()


class FakeClock:
    """A clock that moves only when told to (tests, and replaying a session)."""

    def __init__(self, wall_start: float = 1_767_225_600.0) -> None:  # 2026-01-01 00:00 UTC
        self.now = 0.0
        self.wall_start = wall_start

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock does not go back")
        self.now += seconds

    def monotonic(self) -> float:
        return self.now

    def wall(self) -> float:
        return self.wall_start + self.now
