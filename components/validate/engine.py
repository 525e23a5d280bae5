"""Running the rules: one graph per call, rule settings applied, findings in a stable order."""

from __future__ import annotations

from collections.abc import Iterable

from components.catalog import STAGES
from components.gcpause import without_gc
from components.model import Diagram
from components.validate.findings import Finding
from components.validate.graph import DiagramGraph
from components.validate.rules import RULES
from components.validate.rules.base import Hit, Rule


def step_name(stage: int) -> str:
    """How a finding names its step of the framework: "Step 7, Monitoring"."""
    return f"Step {stage}, {STAGES[stage - 1].name}"


@without_gc  # many short-lived containers, no cycles: ~a third of the run time at 10,000 blocks
def run(diagram: Diagram) -> list[Finding]:
    """Every enabled rule over one shared DiagramGraph; severity overrides applied; sorted."""
    graph = DiagramGraph(diagram)
    findings: list[Finding] = []
    for entry, severity in enabled(diagram):
        findings += findings_of(entry, severity, entry.check(graph))
    findings.sort(key=Finding.sort_key)
    return findings


def enabled(diagram: Diagram) -> list[tuple[Rule, str]]:
    """The rules a diagram's settings leave on, each with its effective severity, in RULES order."""
    settings = diagram.rules
    disabled = set(settings.disabled)
    return [(entry, settings.severity.get(entry.id, entry.severity)) for entry in RULES if entry.id not in disabled]


def findings_of(entry: Rule, severity: str, hits: Iterable[Hit]) -> list[Finding]:
    """A rule's hits as findings: its id and effective severity, the step named in the message."""
    found = []
    for hit in hits:
        stage = hit.stage if hit.stage is not None else entry.stage
        found.append(Finding(
            rule=entry.id,
            severity=severity,
            message=f"{step_name(stage)}: {hit.message}",
            blocks=tuple(dict.fromkeys(hit.blocks)),
            connectors=tuple(dict.fromkeys(hit.connectors)),
            stage=stage,
            hint=hit.hint,
            fields=hit.fields,
        ))
    return found
