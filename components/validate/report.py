"""Validation reports for people and machines: text lines, the JSON shape of DESIGN.md section 5, SARIF 2.1.0.

Pure functions over findings; the CLI prints them and the app may save them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from components import __version__
from components.model.types import SEVERITIES
from components.validate.findings import Finding, StepCoverage, coverage_dict, severity_counts
from components.validate.rules import RULES

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_ID_KEY = re.compile(r'"id"\s*:\s*"([^"\\]*)"')
_REQUIREMENTS_KEY = re.compile(r'"requirements"\s*:')


@dataclass
class FileReport:
    """The result of validating one file: what the CLI formats."""

    path: str
    findings: list[Finding]
    steps: list[StepCoverage]
    text: str = ""  # the file's text, for SARIF line numbers (optional)
    lines: dict[str, int] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        for number, line in enumerate(self.text.splitlines(), start=1):
            for match in _ID_KEY.finditer(line):
                self.lines.setdefault(match.group(1), number)
            if "requirements" not in self.lines and _REQUIREMENTS_KEY.search(line):
                self.lines["requirements"] = number

    def line_of(self, finding: Finding) -> int:
        """The line a SARIF viewer should jump to: the first item of the finding, else the
        requirements card for steps 1-2, else the top of the file."""
        for item in (*finding.blocks, *finding.connectors):
            if item in self.lines:
                return self.lines[item]
        if not finding.blocks and finding.stage in (1, 2):
            return self.lines.get("requirements", 1)
        return 1


# --- text -----------------------------------------------------------------------------------------------

def finding_line(path: str, finding: Finding) -> str:
    """``FILE: severity rule-id: message [block ids]`` (no brackets when the finding names no block)."""
    blocks = f" [{', '.join(finding.blocks)}]" if finding.blocks else ""
    return f"{path}: {finding.severity} {finding.rule}: {finding.message}{blocks}"


def summary_line(path: str, findings: list[Finding], steps: list[StepCoverage], ascii_only: bool = False) -> str:
    """``FILE: 1 error, 2 warnings, 0 info; steps: 1✓ 2✓ 3✗ ...`` (+/- instead of ✓/✗ when asked)."""
    counts = severity_counts(findings)
    parts = []
    for severity in SEVERITIES:
        count = counts[severity]
        word = severity if severity == "info" or count == 1 else f"{severity}s"
        parts.append(f"{count} {word}")
    yes, no = ("+", "-") if ascii_only else ("✓", "✗")
    checklist = " ".join(f"{step.number}{yes if step.covered else no}" for step in steps)
    return f"{path}: {', '.join(parts)}; steps: {checklist}"


def text_report(report: FileReport, ascii_only: bool = False) -> list[str]:
    return [*(finding_line(report.path, finding) for finding in report.findings),
            summary_line(report.path, report.findings, report.steps, ascii_only)]


# --- JSON -----------------------------------------------------------------------------------------------

def json_report(report: FileReport) -> dict[str, Any]:
    """Exactly ``{"findings": [...], "coverage": {...}}`` (DESIGN.md section 5)."""
    return {"findings": [finding.to_dict() for finding in report.findings], "coverage": coverage_dict(report.steps)}


def json_reports(reports: Sequence[FileReport], many: bool) -> dict[str, Any] | list[dict[str, Any]]:
    """One file: its report object. Several files (``many``): a list of ``{"file", "findings", "coverage"}``."""
    if not many and len(reports) == 1:
        return json_report(reports[0])
    return [{"file": report.path, **json_report(report)} for report in reports]


# --- SARIF 2.1.0 ----------------------------------------------------------------------------------------

def artifact_uri(path: str) -> str:
    """A URI reference for a file as given on the command line (relative stays relative)."""
    candidate = Path(path)
    if candidate.is_absolute():
        return candidate.as_uri()
    return quote(candidate.as_posix(), safe="/:@-._~!$&'()*+,;=")


def _rule_name(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.split("-"))


def sarif_rules() -> list[dict[str, Any]]:
    """tool.driver.rules: every rule with its descriptions, help text (why it matters, what an interviewer
    would ask, what it checks, how to fix it), default level and stage."""
    return [
        {
            "id": entry.id,
            "name": _rule_name(entry.id),
            "shortDescription": {"text": entry.title},
            "fullDescription": {"text": entry.description},
            "help": {"text": entry.help},
            "defaultConfiguration": {"level": SARIF_LEVELS[entry.severity]},
            "properties": {"stage": entry.stage, "why": entry.why, "question": entry.question,
                           "tags": ["ml-system-design", f"stage-{entry.stage}"]},
        }
        for entry in RULES
    ]


def _sarif_result(report: FileReport, artifact_index: int, finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(report.path), "index": artifact_index},
            "region": {"startLine": report.line_of(finding)},
        },
    }
    if finding.blocks:
        location["logicalLocations"] = [
            {"name": block_id, "fullyQualifiedName": f"blocks/{block_id}", "kind": "element"}
            for block_id in finding.blocks
        ]
    return {
        "ruleId": finding.rule,
        "ruleIndex": rule_index[finding.rule],
        "level": SARIF_LEVELS.get(finding.severity, "warning"),
        "message": {"text": f"{finding.message}. Hint: {finding.hint}"},
        "locations": [location],
        "properties": {
            "stage": finding.stage,
            "hint": finding.hint,
            "blocks": list(finding.blocks),
            "connectors": list(finding.connectors),
        },
    }


def sarif_log(reports: Sequence[FileReport], load_errors: Sequence[tuple[str, str]] = ()) -> dict[str, Any]:
    """One SARIF run over all files; unreadable files become tool execution notifications."""
    rule_index = {entry.id: index for index, entry in enumerate(RULES)}
    artifacts: dict[str, int] = {}  # uri -> index; a file named twice is one artifact
    for report in reports:
        artifacts.setdefault(artifact_uri(report.path), len(artifacts))
    results = [
        _sarif_result(report, artifacts[artifact_uri(report.path)], finding, rule_index)
        for report in reports
        for finding in report.findings
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not load_errors}
    if load_errors:
        invocation["toolExecutionNotifications"] = [
            {
                "level": "error",
                "message": {"text": message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}}}],
            }
            for path, message in load_errors
        ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mlsd",
                        "fullName": "MLSD Whiteboard validator",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": sarif_rules(),
                    }
                },
                "invocations": [invocation],
                "artifacts": [{"location": {"uri": uri}} for uri in artifacts],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
