"""Applying the rubric: each criterion's check, then the findings that contradict it."""

from __future__ import annotations

from components.catalog import STAGES
from components.review.facts import DesignFacts, finding_text
from components.review.result import Point, StepReview
from components.review.rubric import RUBRIC, Criterion


def score_point(entry: Criterion, facts: DesignFacts) -> Point:
    """A point is earned when its check finds what earns it and no error or warning of its refuting rules
    fires; those findings become evidence against it and the first one is the gap."""
    verdict = entry.check(facts)
    against = tuple(facts.costly(entry.refuted_by))
    evidence = verdict.evidence + tuple(f"Finding ({finding.severity}, {finding.rule}): "
                                        f"{finding_text(finding, entry.step)}" for finding in against)
    gap, gap_rule = verdict.gap, ""
    if verdict.earned and against:
        gap, gap_rule = finding_text(against[0], entry.step), against[0].rule
        gap += f" ({len(against) - 1} more like it)" if len(against) > 1 else ""
    blocks = verdict.blocks + tuple(block for finding in against for block in finding.blocks)
    return Point(entry, verdict.earned and not against, evidence, gap, against, tuple(dict.fromkeys(blocks)),
                 gap_rule)


def score_steps(facts: DesignFacts) -> tuple[StepReview, ...]:
    """The seven steps, each with its three points."""
    return tuple(
        StepReview(stage.number, stage.name,
                   tuple(score_point(entry, facts) for entry in RUBRIC if entry.step == stage.number))
        for stage in STAGES
    )
