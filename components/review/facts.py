"""What the review reads about a design, worked out once: the validator's graph and findings, whether the
design serves online or only in batch, and how blocks are named in a review's prose."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from components.catalog import spec
from components.estimate import Estimates, estimate
from components.model import Diagram, Requirements
from components.model.props import ONLINE_STORE_TYPES
from components.validate import Finding, validate
from components.validate.graph import DiagramGraph

# Findings of these severities cost points; an info finding is advice, not a gap.
COSTLY = ("error", "warning")


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

    @cached_property
    def by_rule(self) -> dict[str, list[Finding]]:
        found: dict[str, list[Finding]] = {}
        for finding in self.findings:
            if finding.severity in COSTLY:
                found.setdefault(finding.rule, []).append(finding)
        return found

    def costly(self, rules: Iterable[str]) -> list[Finding]:
        """The error and warning findings of these rules, in the validator's order."""
        wanted = set(rules)
        return [finding for finding in self.findings if finding.rule in wanted and finding.severity in COSTLY]

    @cached_property
    def estimates(self) -> Estimates:
        return estimate(self.diagram)

    @cached_property
    def online_stores(self) -> frozenset[str]:
        """Storage that answers a request in milliseconds: online feature stores, data stores of an online
        type, caches and prediction stores."""
        graph = self.graph
        found = [b for b in self.of_kind("feature_store") if graph.prop(b, "tier") == "online"]
        found += [b for b in self.of_kind("data_store") if graph.prop(b, "store_type") in ONLINE_STORE_TYPES]
        return frozenset([*found, *self.of_kind("cache", "prediction_store")])

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
        """A block as prose names it: its label on one line, or its kind's name when it has none (never
        its id: ids are for files, not for people)."""
        label = " ".join(self.graph.blocks[block_id].label.split())
        return label or spec(self.graph.kind[block_id]).name

    def names(self, block_ids: Iterable[str]) -> list[str]:
        return [self.name(block_id) for block_id in block_ids]
