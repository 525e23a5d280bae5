"""The rubric's registry: each criterion is one point of one step, a small check decorated with its
step, title, what earns it and the validator rules whose findings cost it.

The rubric is open: ``docs/review-rubric.md`` is generated from this registry (``python -m
components.review.docs``), so what earns a point is written in exactly one place.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from components.review.facts import DesignFacts

EVIDENCE_CHARS = 90


@dataclass(frozen=True)
class Verdict:
    """What a check found: whether the design earns the point, what shows it, what is missing."""

    earned: bool
    evidence: tuple[str, ...] = ()
    gap: str = ""  # what the design lacks, in an interviewer's words (empty when earned)
    blocks: tuple[str, ...] = ()  # the blocks the evidence or the gap is about


Check = Callable[["DesignFacts"], Verdict]


@dataclass(frozen=True)
class Criterion:
    """One point of one step of the seven-step framework."""

    step: int
    key: str  # "5.2": step and place, stable for scripts reading the JSON review
    title: str
    earns: str  # what earns the point, for the rubric document
    refuted_by: tuple[str, ...]  # rule ids whose error or warning findings cost the point
    check: Check = field(repr=False, compare=False)

    @property
    def description(self) -> str:
        """Why the point matters: the check's docstring on one line."""
        return " ".join(inspect.cleandoc(self.check.__doc__ or "").split())


_REGISTERED: list[Criterion] = []


def criterion(step: int, title: str, earns: str, refuted_by: Iterable[str] = ()) -> Callable[[Check], Check]:
    """Register ``check`` as the next point of ``step`` (three per step, in registration order)."""

    def register(check: Check) -> Check:
        place = sum(1 for entry in _REGISTERED if entry.step == step) + 1
        _REGISTERED.append(Criterion(step, f"{step}.{place}", title, earns, tuple(refuted_by), check))
        return check

    return register


def registered() -> tuple[Criterion, ...]:
    return tuple(sorted(_REGISTERED, key=lambda entry: (entry.step, entry.key)))


def short(text: str, limit: int = EVIDENCE_CHARS) -> str:
    """One line of a user's text, cut with an ellipsis: evidence quotes, never whole paragraphs."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"

