"""The open rubric: three points per step of the seven-step framework, each earned by what the design
shows and lost to the validator findings that contradict it (``docs/review-rubric.md``)."""

from __future__ import annotations

from components.review.rubric import data, evaluation, model, monitoring, requirements, serving  # noqa: F401
from components.review.rubric.base import Criterion, Verdict, registered

RUBRIC: tuple[Criterion, ...] = registered()
POINTS_PER_STEP = 3
if len(RUBRIC) != 7 * POINTS_PER_STEP or any(  # pragma: no cover - a programming error, caught by the tests
        sum(1 for entry in RUBRIC if entry.step == step) != POINTS_PER_STEP for step in range(1, 8)):
    raise RuntimeError("the rubric must have three points for each of the seven steps")

__all__ = ["POINTS_PER_STEP", "RUBRIC", "Criterion", "Verdict"]
