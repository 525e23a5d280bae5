"""The phases of a mock interview and the minutes suggested for each, by session length.

The phases follow the seven steps of the framework (requirements and framing together, as an
interviewer takes them in one conversation) and end with a wrap-up: the walkthrough, what the design
gives up, the launch plan. Serving gets the most time, as it does in a real interview.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from components.catalog import STAGES


@dataclass(frozen=True)
class Phase:
    key: str
    name: str
    steps: tuple[int, ...]  # the framework steps the phase answers (none for the wrap-up)
    advice: str  # what to do in it, as the timer's tooltip says
    short: str = ""  # the name where room is short (a narrow window's status bar); the name when empty

    @property
    def short_name(self) -> str:
        return self.short or self.name


PHASES: tuple[Phase, ...] = (
    Phase("requirements", "Requirements and framing", (1, 2),
          "Ask your clarifying questions; state the objective, the scale, the latency budget and the metrics; "
          "frame the ML task", "Requirements"),
    Phase("data", "Data and features", (3,), "Where training examples, labels and features come from", "Data"),
    Phase("model", "Model", (4,), "The model, why it over a simpler one, and how it is retrained"),
    Phase("evaluation", "Evaluation", (5,), "The offline gate and the online experiment with a control"),
    Phase("serving", "Serving", (6,), "The request path hop by hop against the latency budget"),
    Phase("monitoring", "Monitoring", (7,), "What is watched in production, who is alerted, the feedback loop"),
    Phase("wrap_up", "Wrap-up", (), "Walk through the design, say what it gives up and how it launches"),
)
PHASES_BY_KEY: dict[str, Phase] = {phase.key: phase for phase in PHASES}
LENGTHS: tuple[int, ...] = (30, 45, 60)
DEFAULT_LENGTH = 45
# Suggested minutes per phase, in PHASES order; each row adds up to its length.
MINUTES: dict[int, tuple[int, ...]] = {
    30: (5, 4, 4, 4, 6, 4, 3),
    45: (8, 6, 6, 6, 9, 5, 5),
    60: (10, 8, 8, 8, 12, 8, 6),
}


@dataclass(frozen=True)
class PlannedPhase:
    """A phase with its place in one session's schedule (seconds from the start)."""

    phase: Phase
    minutes: int
    start: float
    end: float

    @property
    def key(self) -> str:
        return self.phase.key

    @property
    def name(self) -> str:
        return self.phase.name


def phase_of_step(step: int) -> Phase:
    """The phase that answers a framework step (1-7)."""
    if not 1 <= step <= len(STAGES):
        raise ValueError(f"no step {step} in the framework (1-{len(STAGES)})")
    return next(phase for phase in PHASES if step in phase.steps)


def check_length(length: int) -> int:
    if length not in MINUTES:
        raise ValueError(f"a practice session lasts {', '.join(map(str, LENGTHS))} minutes, not {length}")
    return length


def plan(length: int) -> tuple[PlannedPhase, ...]:
    """Every phase with its suggested minutes for a session of ``length`` minutes."""
    return _schedule(zip(PHASES, MINUTES[check_length(length)], strict=True))


def retry_plan(length: int, key: str) -> tuple[PlannedPhase, ...]:
    """One phase on its own, with the minutes a ``length``-minute session suggests for it (a retry of
    the step the review found weakest)."""
    index = PHASES.index(PHASES_BY_KEY[key])
    return _schedule([(PHASES[index], MINUTES[check_length(length)][index])])


def _schedule(phases: Iterable[tuple[Phase, int]]) -> tuple[PlannedPhase, ...]:
    planned: list[PlannedPhase] = []
    start = 0.0
    for phase, minutes in phases:
        planned.append(PlannedPhase(phase, minutes, start, start + minutes * 60.0))
        start += minutes * 60.0
    return tuple(planned)
