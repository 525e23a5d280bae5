"""The review as Markdown that renders on a code-hosting site (GitHub-flavoured: tables, images, a
Mermaid block): user text is escaped so a label can never open markup or break a table."""

from __future__ import annotations

import re

from components.estimate.figures import SOURCE_TEXT
from components.export.requirements_card import card_rows
from components.model import Diagram
from components.review.result import Review
from components.review.rubric import POINTS_PER_STEP
from components.validate.rules.base import listing

# Every line we write starts with our own markup ("| ", "- ", "1. "), so user text never starts a line:
# only inline markup needs escaping.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")  # only an '&' that would start an entity changes the text
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def md(text: str) -> str:
    """User text for a Markdown line or table cell: one line, inline markup escaped, '<' (and an '&' that
    would start an entity) as entities."""
    line = " ".join(_CONTROL.sub(" ", text).split())
    line = _ENTITY.sub("&amp;", line).replace("<", "&lt;")
    return _SPECIAL.sub(r"\\\1", line)


def dots(score: int, maximum: int = POINTS_PER_STEP) -> str:
    return "●" * score + "○" * (maximum - score)


def mermaid_block(diagram: Diagram) -> str:
    """The diagram as a fenced Mermaid flowchart (GitHub and GitLab draw it)."""
    from components.export.mermaid import to_mermaid

    return "```mermaid\n" + to_mermaid(diagram) + "```"


def _cell(lines: list[str]) -> str:
    return "<br>".join(md(line) for line in lines) or "—"


def to_markdown(result: Review, diagram: Diagram, picture: str) -> str:
    """The whole review; ``picture`` is the Markdown of the diagram (an image link or a Mermaid block)."""
    out = [f"# Design review: {md(result.title)}", "", f"**{md(result.summary)}**", ""]
    if picture:
        out += [picture, ""]
    out += _requirements(diagram)
    out += ["## Score by step", "", "| Step | Score | Evidence | Gaps |", "|---|---|---|---|"]
    for step in result.steps:
        evidence = [line for point in step.points if point.earned for line in point.evidence]
        gaps = "<br>".join((f"`{point.gap_rule}` " if point.gap_rule else "") + md(point.gap)
                           for point in step.points if not point.earned) or "—"
        out.append(f"| {step.number}. {md(step.name)} | {dots(step.score)} {step.score}/{POINTS_PER_STEP} | "
                   f"{_cell(evidence)} | {gaps} |")
    out += ["", f"**Total: {result.total}/{result.maximum}**", ""]
    out += _findings(result)
    out += ["## Follow-up questions", ""]
    out += [f"{index}. {md(question.text)}" + (f"<br>*{md(question.because)}*" if question.because else "")
            for index, question in enumerate(result.questions, start=1)]
    out += ["", *_tradeoffs(result), *_estimates(result), *walkthrough_markdown(result)]
    return "\n".join(out).rstrip() + "\n"


def _requirements(diagram: Diagram) -> list[str]:
    rows = [f"| {md(title)} | {md(text)} |" for title, text in card_rows(diagram.requirements)]
    if not rows:
        return ["## Requirements card", "", "The requirements card is empty.", ""]
    return ["## Requirements card", "", "| Field | Value |", "|---|---|", *rows, ""]


def _findings(result: Review) -> list[str]:
    out = ["## Findings", ""]
    if not result.findings:
        return [*out, "The validator finds nothing to flag.", ""]
    for finding in result.findings:
        out.append(f"- **{finding.severity}** `{finding.rule}` {md(finding.message)}. *Fix:* {md(finding.hint)}")
    return [*out, ""]


def _tradeoffs(result: Review) -> list[str]:
    coverage = result.tradeoffs
    out = ["## Trade-offs", ""]
    if not coverage.total:
        return [*out, "No key blocks yet (models, stores, indexes, launch, monitors).", ""]
    out.append(f"{len(coverage.noted)} of {coverage.total} key blocks say what they give up.")
    if coverage.missing:
        names = listing([result.names[block_id] for block_id in coverage.missing], 12)
        out.append(f"Without a trade-off note: {md(names)}.")
    return [*out, ""]


def _estimates(result: Review) -> list[str]:
    estimates = result.estimates
    out = ["## Back-of-envelope estimates", ""]
    if estimates.figures:
        out += ["| Figure | Value | Formula | With the numbers |", "|---|---|---|---|"]
        for figure in estimates.figures:
            if len(figure.terms) == 1:
                formula, worked = "stated", SOURCE_TEXT[figure.inputs[0].source]
            else:
                formula, worked = figure.formula, figure.worked
            note = f" ({figure.note})" if figure.note else ""
            out.append(f"| {md(figure.title)} | {md(figure.result)} | {md(formula)} | {md(worked + note)} |")
        out.append("")
    else:
        out += ["No figure can be worked out yet.", ""]
    if estimates.assumed:
        out += ["Assumed: " + md(", ".join(f"{term.name} {term.text}" for term in estimates.assumed)) + ".", ""]
    out += [f"Missing: {md(item)}." for item in estimates.missing]
    return [*out, ""] if estimates.missing else out


def walkthrough_markdown(result: Review) -> list[str]:
    story = result.walkthrough
    out = ["## Walkthrough", ""]
    if not story.sections:
        return [*out, "The canvas is empty: there is no story to tell yet.", ""]
    for section in story.sections:
        out += [f"### {md(section.title)}", ""]
        if section.has_hops:
            out += ["| # | Hop | p99 | Waits for | Running total |", "|---|---|---|---|---|"]
            for index, hop in enumerate(story.hops, start=1):
                p99 = "—" if hop.p99_ms is None else f"{hop.p99_ms:g} ms"
                out.append(f"| {index} | {md(hop.name)} | {p99} | {md(hop.waits_text) or '—'} | {hop.total_ms:g} ms |")
            out.append("")
        out += [f"- {md(line)}" for line in section.lines]
        out.append("")
    return out
