"""The validator: the seven-step ML system design framework as graph rules (DESIGN.md section 5).

    from components.validate import validate, coverage, Finding, RULES
    findings = validate(diagram)      # list[Finding], worst first
    steps = coverage(diagram)         # list[StepCoverage], one per framework step

Importing this package is light, and so is validating: networkx is loaded only when a request cycle
has to be traced (or ``DiagramGraph.graph`` is asked for), so the app and the command line pay for the
graph library only then.
"""

from __future__ import annotations

from components.model import Diagram
from components.model.types import SEVERITIES
from components.validate.findings import Finding, StepCoverage, coverage_dict, severity_counts
from components.validate.rules import RULES, RULES_BY_ID, Rule
from components.validate.rules.coverage import coverage


def validate(diagram: Diagram) -> list[Finding]:
    """All findings for a diagram, honouring its `rules` settings; deterministic, sorted by severity
    (error, warning, info), then stage, rule id and blocks. Never raises for a valid Diagram."""
    from components.validate.engine import run

    return run(diagram)


__all__ = [
    "RULES", "RULES_BY_ID", "SEVERITIES", "Finding", "Rule", "StepCoverage", "coverage", "coverage_dict",
    "severity_counts", "validate",
]
