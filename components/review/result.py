"""What a review hands out (plain data): points per step, trade-off coverage, questions, the total."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from components.estimate import Estimates
from components.review.rubric import POINTS_PER_STEP, Criterion
from components.review.walkthrough import Walkthrough
from components.validate import Finding
from components.validate.rules.base import listing


@dataclass(frozen=True)
class Point:
    """One criterion applied to the design."""

    criterion: Criterion
    earned: bool
    evidence: tuple[str, ...]
    gap: str  # why the point was not earned (empty when it was)
    findings: tuple[Finding, ...]  # the findings that cost it
    blocks: tuple[str, ...]
    gap_rule: str = ""  # the rule whose finding the gap quotes ("" when the criterion's own check found it)

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.criterion.key, "title": self.criterion.title, "earned": self.earned,
                "evidence": list(self.evidence), "gap": self.gap,
                "findings": [finding.rule for finding in self.findings], "blocks": list(self.blocks)}


@dataclass(frozen=True)
class StepReview:
    number: int
    name: str
    points: tuple[Point, ...]

    @property
    def score(self) -> int:
        return sum(1 for point in self.points if point.earned)

    @property
    def gaps(self) -> tuple[str, ...]:
        return tuple(point.gap for point in self.points if not point.earned)

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "name": self.name, "score": self.score, "max": POINTS_PER_STEP,
                "points": [point.to_dict() for point in self.points], "gaps": list(self.gaps)}


@dataclass(frozen=True)
class TradeoffCoverage:
    """Key blocks (models, stores, indexes, launch, monitors) with and without a 'what we give up' note."""

    noted: tuple[str, ...]
    missing: tuple[str, ...]  # block ids

    @property
    def total(self) -> int:
        return len(self.noted) + len(self.missing)

    def to_dict(self) -> dict[str, Any]:
        return {"noted": list(self.noted), "missing": list(self.missing), "total": self.total}


@dataclass(frozen=True)
class Question:
    """A follow-up question an interviewer would ask about this design, and what it is about."""

    text: str
    source: str  # "finding" (a rule found something), "design" (the blocks present call for it) or "opening"
    blocks: tuple[str, ...] = ()
    because: str = ""  # why it is asked: the finding, or the blocks it is about
    rule: str = ""  # the validator rule whose question it is, if any

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "source": self.source, "rule": self.rule, "blocks": list(self.blocks),
                "because": self.because}


@dataclass(frozen=True)
class Review:
    title: str
    steps: tuple[StepReview, ...]
    tradeoffs: TradeoffCoverage
    questions: tuple[Question, ...]
    findings: tuple[Finding, ...]
    estimates: Estimates
    walkthrough: Walkthrough
    names: dict[str, str]  # block id -> the name prose uses, for renderers

    @property
    def total(self) -> int:
        return sum(step.score for step in self.steps)

    @property
    def maximum(self) -> int:
        return POINTS_PER_STEP * len(self.steps)

    @property
    def weakest(self) -> str:
        """Which steps score lowest: 'Weakest: step 7, Monitoring (2/3).'"""
        lowest = min(step.score for step in self.steps)
        if lowest == POINTS_PER_STEP:
            return "Every step earns all its points."
        low = [step for step in self.steps if step.score == lowest]
        if len(low) == len(self.steps):
            return f"All {len(low)} steps score {lowest}/{POINTS_PER_STEP}."
        if len(low) == 1:
            return f"Weakest: step {low[0].number}, {low[0].name} ({lowest}/{POINTS_PER_STEP})."
        return (f"Weakest: steps {listing([f'{step.number} ({step.name})' for step in low])}, "
                f"{lowest}/{POINTS_PER_STEP} each.")

    @property
    def summary(self) -> str:
        """One sentence: the total and the weakest steps."""
        return f"{self.total}/{self.maximum}. {self.weakest}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title, "total": self.total, "max": self.maximum, "summary": self.summary,
            "steps": [step.to_dict() for step in self.steps],
            "tradeoffs": self.tradeoffs.to_dict(),
            "questions": [question.to_dict() for question in self.questions],
            "findings": [finding.to_dict() for finding in self.findings],
            "estimates": self.estimates.to_dict(),
            "walkthrough": self.walkthrough.to_dict(),
        }
