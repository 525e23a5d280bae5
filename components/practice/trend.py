"""Progress over attempts: the total and each step's score, session after session, and what changed.

Only whole sessions make the trend: a retry of one step starts from an earlier design, so its total
says nothing about a whole interview.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from components.catalog import STAGES
from components.practice.records import Attempt, weakest_step
from components.review.rubric import POINTS_PER_STEP

SHOWN_TOTALS = 6  # totals spelled out in the summary's chain; older ones are elided


@dataclass(frozen=True)
class TrendPoint:
    attempt: str
    prompt: str
    started_at: float
    total: int
    maximum: int
    steps: tuple[int, ...]

    @property
    def day(self) -> str:
        """The local date, short: 'Jan 3'."""
        moment = datetime.fromtimestamp(self.started_at)
        return f"{moment:%b} {moment.day}"

    @property
    def time(self) -> str:
        """The local time of day: '14:05'."""
        return f"{datetime.fromtimestamp(self.started_at):%H:%M}"


@dataclass(frozen=True)
class Trend:
    points: tuple[TrendPoint, ...]  # oldest first

    @property
    def maximum(self) -> int:
        return self.points[-1].maximum if self.points else POINTS_PER_STEP * len(STAGES)

    def step_changes(self) -> tuple[int, ...]:
        """Each step's score in the latest session minus the first's (zeros with fewer than two)."""
        if len(self.points) < 2:
            return tuple(0 for _ in STAGES)
        return tuple(last - first for first, last in zip(self.points[0].steps, self.points[-1].steps, strict=True))

    def summary(self) -> str:
        """One or three sentences: the totals in order, the most improved step, the weakest last time."""
        count = len(self.points)
        if count == 0:
            return "No whole session yet."
        latest = self.points[-1]
        if count == 1:
            return f"One session so far: {latest.total}/{latest.maximum}. The trend shows from the second."
        totals = [str(point.total) for point in self.points]
        chain = " → ".join(totals if count <= SHOWN_TOTALS else ["…", *totals[-SHOWN_TOTALS:]])
        change = latest.total - self.points[0].total
        text = f"{count} sessions: {chain} of {latest.maximum} ({change:+d} since the first)."
        changes = self.step_changes()
        best = max(range(len(changes)), key=lambda index: (changes[index], -index))
        if changes[best] > 0:
            text += f" Most improved: step {best + 1}, {STAGES[best].name} ({changes[best]:+d})."
        weakest = weakest_step(latest.steps) - 1
        if latest.steps[weakest] == POINTS_PER_STEP:
            return text + " Every step earned all its points last time."
        return text + (f" Weakest last time: step {weakest + 1}, {STAGES[weakest].name} "
                       f"({latest.steps[weakest]}/{POINTS_PER_STEP}).")


def trend(attempts: Iterable[Attempt], prompt_id: str | None = None) -> Trend:
    """The whole sessions among ``attempts`` (of one prompt when ``prompt_id`` is given), oldest first."""
    chosen = sorted((attempt for attempt in attempts
                     if not attempt.is_retry and (prompt_id is None or attempt.prompt_id == prompt_id)),
                    key=lambda attempt: (attempt.started_at, attempt.id))
    return Trend(tuple(TrendPoint(attempt.id, attempt.prompt_title, attempt.started_at, attempt.total,
                                  attempt.maximum, tuple(attempt.steps)) for attempt in chosen))
