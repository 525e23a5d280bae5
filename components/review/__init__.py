"""The interview coach's design review: a score per step from an open rubric, with evidence and gaps,
trade-off coverage, follow-up questions, the estimates and the walkthrough.

    from components.review import review
    result = review(diagram)          # Review; result.total out of result.maximum (21)
"""

from __future__ import annotations

from components.model import Diagram
from components.review.facts import DesignFacts
from components.review.questions import follow_up_questions
from components.review.result import Point, Question, Review, StepReview, TradeoffCoverage
from components.review.score import score_steps
from components.review.tradeoffs import tradeoff_coverage
from components.review.walkthrough import Walkthrough, walkthrough
from components.validate import Finding


def review(diagram: Diagram, findings: list[Finding] | None = None) -> Review:
    """Review a design (``findings``: the validator's, when the caller already has them)."""
    facts = DesignFacts.of(diagram, findings)
    return Review(
        title=" ".join(diagram.title.split()) or "Untitled design",
        steps=score_steps(facts),
        tradeoffs=tradeoff_coverage(facts),
        questions=follow_up_questions(facts),
        findings=tuple(facts.findings),
        estimates=facts.estimates,
        walkthrough=walkthrough(diagram, facts.graph),
        names={block.id: facts.name(block.id) for block in diagram.blocks},
    )


__all__ = ["Point", "Question", "Review", "StepReview", "TradeoffCoverage", "Walkthrough", "review", "walkthrough"]
