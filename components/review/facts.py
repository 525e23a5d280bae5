"""What the review reads about a design, worked out once: the validator's graph and findings, whether the
design serves online or only in batch, and how blocks are named in a review's prose."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from components.catalog import display_name
from components.estimate import Estimates, estimate
from components.model import Diagram, Requirements
from components.validate import Finding, validate
from components.validate.engine import step_name
from components.validate.graph import DiagramGraph

# Findings of these severities cost points; an info finding is advice, not a gap.
COSTLY = ("error", "warning")


def refuter(entry: str) -> tuple[str, int | None]:
    """'implausible-scale@6' -> ('implausible-scale', 6): a rule, or only its findings reported at one step
    (a rule whose findings belong to several steps costs each step only its own)."""
    rule, _, step = entry.partition("@")
    return rule, int(step) if step else None


def finding_text(finding: Finding, step: int) -> str:
    """A finding's message as a point of ``step`` quotes it: without its "Step N, Name: " opening when it
    is that step's own finding (the step table already says which step), as a sentence."""
    if finding.stage != step:
        return finding.message
    text = finding.message.removeprefix(f"{step_name(step)}: ")
    return text[:1].upper() + text[1:]


@dataclass
class DesignFacts:
    diagram: Diagram
    findings: list[Finding] = field(default_factory=list)

    @classmethod
    def of(cls, diagram: Diagram, findings: list[Finding] | None = None) -> DesignFacts:
        return cls(diagram, validate(diagram) if findings is None else findings)

    @cached_property
    def graph(self) -> DiagramGraph:
        return DiagramGraph(self.diagram)

    @property
    def requirements(self) -> Requirements:
        return self.diagram.requirements

    def costly(self, refuters: Iterable[str]) -> list[Finding]:
        """The error and warning findings of these rules (``rule@step``: only those reported at that step),
        in the validator's order."""
        wanted = [refuter(entry) for entry in refuters]
        return [finding for finding in self.findings if finding.severity in COSTLY and any(
            finding.rule == rule and step in (None, finding.stage) for rule, step in wanted)]

    def of_rule(self, rule: str) -> list[Finding]:
        """Every finding of one rule, whatever its severity."""
        return [finding for finding in self.findings if finding.rule == rule]

    @cached_property
    def estimates(self) -> Estimates:
        return estimate(self.diagram, self.graph)

    @cached_property
    def online(self) -> bool:
        """Serves a model per request (or has no serving yet, so online is what it is asked about)."""
        return bool(self.graph.online_serving) or not self.graph.serving

    @cached_property
    def batch_only(self) -> bool:
        """Every served model runs in batch: scale is volume per run, not DAU, QPS or an SLO."""
        return bool(self.graph.serving) and not self.graph.online_serving

    def of_kind(self, *kinds: str) -> list[str]:
        return self.graph.of_kind(*kinds)

    def name(self, block_id: str) -> str:
        """A block as prose names it (``display_name``: the label, else the kind's name)."""
        return display_name(self.graph.blocks[block_id].label, self.graph.kind[block_id])

    def names(self, block_ids: Iterable[str]) -> list[str]:
        return [self.name(block_id) for block_id in block_ids]
