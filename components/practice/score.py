"""Scoring an answer to a prompt: the coach's review, and the comparison with the prompt's reference design.

The same for the end of a session in the app and for `mlsd practice score` (graders, scripts).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from components.compare import Comparison, compare
from components.io import DocumentError
from components.model import Diagram
from components.practice.prompts import LoadedPrompt
from components.practice.records import weakest_step
from components.review import Review, review
from components.validate import Finding


@dataclass(frozen=True)
class Scored:
    review: Review
    comparison: Comparison | None
    reference: str  # how the reference is named ("the template “Video recommendation”"), or why there is none

    @property
    def weakest_step(self) -> int:
        """The step with the fewest points (the earliest of equals): the one "retry this step" reopens."""
        return weakest_step([step.score for step in self.review.steps])

    def to_dict(self, prompt: LoadedPrompt) -> dict[str, Any]:
        return {"prompt": prompt.id, "title": prompt.title, "total": self.review.total,
                "max": self.review.maximum, "reference": self.reference,
                "weakest_step": self.weakest_step if self.review.total < self.review.maximum else None,
                "review": self.review.to_dict(),
                "comparison": self.comparison.to_dict() if self.comparison is not None else None}


def score(design: Diagram, prompt: LoadedPrompt, findings: list[Finding] | None = None) -> Scored:
    """Review ``design`` (with the validator's ``findings`` when the caller has them) and compare it with
    the prompt's reference; a reference that cannot be read leaves the comparison out and says why."""
    result = review(design, findings)
    try:
        reference = prompt.reference_design()
    except DocumentError as exc:
        return Scored(result, None, f"The reference design cannot be read: {exc}")
    if reference is None:
        return Scored(result, None, "This prompt has no reference design")
    from components.templates import TEMPLATE_IDS

    title = " ".join(reference.title.split())
    kind = "the template" if prompt.prompt.reference in TEMPLATE_IDS else "the reference design"
    return Scored(result, compare(design, reference), f"{kind} “{title}”")
