"""Running the rules: one graph per call, rule settings applied, findings in a stable order."""

from __future__ import annotations

from components.catalog import STAGES
from components.gcpause import without_gc
from components.model import Diagram
from components.validate.findings import Finding
from components.validate.graph import DiagramGraph
from components.validate.rules import RULES


def step_name(stage: int) -> str:
    """How a finding names its step of the framework: "Step 7, Monitoring"."""
    return f"Step {stage}, {STAGES[stage - 1].name}"


@without_gc  # many short-lived containers, no cycles: ~a third of the run time at 10,000 blocks
def run(diagram: Diagram) -> list[Finding]:
    """Every enabled rule over one shared DiagramGraph; severity overrides applied; sorted."""
    settings = diagram.rules
    disabled = set(settings.disabled)
    graph = DiagramGraph(diagram)
    findings: list[Finding] = []
    for entry in RULES:
        if entry.id in disabled:
            continue
        severity = settings.severity.get(entry.id, entry.severity)
        for hit in entry.check(graph):
            stage = hit.stage if hit.stage is not None else entry.stage
            findings.append(Finding(
                rule=entry.id,
                severity=severity,
                message=f"{step_name(stage)}: {hit.message}",
                blocks=tuple(dict.fromkeys(hit.blocks)),
                connectors=tuple(dict.fromkeys(hit.connectors)),
                stage=stage,
                hint=hit.hint,
            ))
    findings.sort(key=Finding.sort_key)
    return findings
