"""What the validator hands out: findings and the seven-step coverage (plain data, no networkx)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from components.model.types import SEVERITIES, severity_rank


@dataclass(frozen=True)
class Finding:
    """One problem in a design: which rule, how bad, what to read, which items, which step, how to fix it."""

    rule: str
    severity: str
    message: str
    blocks: tuple[str, ...]
    connectors: tuple[str, ...]
    stage: int
    hint: str
    fields: tuple[str, ...] = ()  # requirements-card fields it is about (where the app puts the cursor)

    def to_dict(self) -> dict[str, Any]:
        """Exactly the keys of `mlsd validate --format json` (DESIGN.md section 5)."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "blocks": list(self.blocks),
            "connectors": list(self.connectors),
            "stage": self.stage,
            "hint": self.hint,
        }

    def sort_key(self) -> tuple[Any, ...]:
        """Worst first, then by step, so a reader meets the design's biggest gaps first."""
        return (severity_rank(self.severity), self.stage, self.rule, self.blocks, self.message)


@dataclass(frozen=True)
class StepCoverage:
    """Whether one of the seven framework steps is addressed, and by which requirement fields or blocks."""

    number: int
    name: str
    covered: bool
    by: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "name": self.name, "covered": self.covered, "by": list(self.by)}


def coverage_dict(steps: list[StepCoverage]) -> dict[str, Any]:
    """The `coverage` object of the JSON report: the steps plus how many are covered."""
    return {
        "covered": sum(1 for step in steps if step.covered),
        "total": len(steps),
        "steps": [step.to_dict() for step in steps],
    }


def severity_counts(findings: list[Finding]) -> dict[str, int]:
    """Findings per severity, every severity present (zero when none)."""
    counts: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    return counts
