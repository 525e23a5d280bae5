"""The review as one self-contained HTML page: the diagram inline, then the requirements card, the score
per step, findings, follow-up questions, trade-offs, estimates and the walkthrough. No script, no external
reference: it opens offline, prints, and mails as one file.

The same markup feeds the app's review window (Qt's rich-text engine), which is why layout uses tables,
headings and lists rather than flex or grid; only the diagram part differs (``picture``).
"""

from __future__ import annotations

import html

from components.estimate.figures import SOURCE_TEXT
from components.export.requirements_card import card_rows
from components.export.svg_text import clean
from components.model import Diagram
from components.review.facts import finding_text
from components.review.html_style import stylesheet
from components.review.result import Point, Review, StepReview
from components.review.rubric import POINTS_PER_STEP
from components.validate.rules.base import listing

RUBRIC_DOC = "docs/review-rubric.md"


def e(text: str) -> str:
    """User text for HTML: characters HTML cannot carry replaced, markup characters escaped."""
    return html.escape(clean(text), quote=True)


def inline_svg(svg: str) -> str:
    """An SVG document as markup for inside HTML (its XML declaration dropped)."""
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


def page(title: str, body: list[str], theme: str = "light") -> str:
    """A complete HTML document around ``body`` (markup already escaped)."""
    head = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{e(title)}</title>", f"<style>{stylesheet(theme)}</style></head><body>",
            f"<h1>{e(title)}</h1>"]
    return "\n".join([*head, *body, "</body></html>"]) + "\n"


def to_html(result: Review, diagram: Diagram, picture: str, theme: str = "light") -> str:
    """The whole review; ``picture`` is the diagram's markup (inline SVG, or an ``<img>`` in the app)."""
    body = [f'<p class="rv-summary"><span class="rv-total">{result.total}/{result.maximum}</span>&nbsp;&nbsp;'
            f"{e(result.weakest)}</p>"]
    if picture:
        body.append(f'<h2>Diagram</h2><div class="rv-diagram">{picture}</div>')
    body += [_requirements(diagram), steps_html(result), _findings(result), questions_html(result), _tradeoffs(result),
             _estimates(result), walkthrough_html(result),
             f'<p class="rv-foot">Scored with the open rubric of MLSD Whiteboard ({RUBRIC_DOC}): three points per '
             "step, each earned by what the design shows and lost to the validator findings that contradict "
             "it.</p>"]
    return page(f"Design review: {result.title}", body, theme)


def _requirements(diagram: Diagram) -> str:
    rows = [f'<tr><th width="17%">{e(title)}</th><td>{e(text)}</td></tr>'
            for title, text in card_rows(diagram.requirements)]
    if not rows:
        return '<h2>Requirements card</h2><p class="rv-muted">The requirements card is empty.</p>'
    return f'<h2>Requirements card</h2><table class="rv-card">{"".join(rows)}</table>'


def _point(point: Point, lines: list[str]) -> str:
    """A point with its lines (already markup): ✓ and its evidence, or ✗ and what cost it."""
    mark = '<span class="rv-earned">✓</span>' if point.earned else '<span class="rv-gap">✗</span>'
    body = "".join(f"<br>{line}" for line in lines)
    return f'<p class="rv-point">{mark} <span class="rv-point-title">{e(point.criterion.title)}</span>{body}</p>'


def _rule(rule: str) -> str:
    return f'<span class="rv-code">{e(rule)}</span>'


def _missed(point: Point, step: int) -> list[str]:
    """What cost a point: the gap (tagged with its rule when it quotes a finding), then the findings of
    other rules that cost it too."""
    lines = [(f"{_rule(point.gap_rule)} " if point.gap_rule else "") + e(point.gap)]
    for finding in point.findings:
        if finding.rule != point.gap_rule:
            lines.append(f"{_rule(finding.rule)} {e(finding_text(finding, step))}")
    return lines


def _step_row(step: StepReview) -> str:
    score = (f'<span class="rv-dots"><span class="rv-earned">{"●" * step.score}</span>'
             f'<span class="rv-missed">{"●" * (POINTS_PER_STEP - step.score)}</span></span> '
             f"{step.score}/{POINTS_PER_STEP}")
    earned = "".join(_point(point, [e(line) for line in point.evidence]) for point in step.points if point.earned)
    missed = "".join(_point(point, _missed(point, step.number)) for point in step.points if not point.earned)
    return (f'<tr><td class="rv-step">{step.number}. {e(step.name)}</td><td class="rv-score">{score}</td>'
            f"<td>{earned or '—'}</td><td>{missed or '—'}</td></tr>")


def steps_html(result: Review) -> str:
    """The score-by-step table: points with their evidence or gaps, and the total."""
    rows = "".join(_step_row(step) for step in result.steps)
    return ('<h2>Score by step</h2><table class="rv-steps"><thead><tr><th width="17%">Step</th>'
            '<th width="10%">Score</th><th width="40%">Evidence</th><th width="33%">Gaps</th></tr></thead>'
            f"<tbody>{rows}"
            f'<tr><td class="rv-step">Total</td><td class="rv-score"><b>{result.total}/{result.maximum}</b></td>'
            f'<td colspan="2">{e(result.weakest)}</td></tr></tbody></table>')


def _findings(result: Review) -> str:
    if not result.findings:
        return '<h2>Findings</h2><p class="rv-muted">The validator finds nothing to flag.</p>'
    items = "".join(
        f'<li><span class="rv-{finding.severity}">{e(finding.severity)}</span> '
        f'{_rule(finding.rule)} {e(finding.message)}.'
        f'<br><span class="rv-muted">Fix: {e(finding.hint)}</span></li>'
        for finding in result.findings)
    return f"<h2>Findings</h2><ul>{items}</ul>"


def questions_html(result: Review) -> str:
    items = "".join(f"<li>{e(question.text)}"
                    + (f'<br><span class="rv-muted">{e(question.because)}</span>' if question.because else "")
                    + "</li>" for question in result.questions)
    return f"<h2>Follow-up questions</h2><ol>{items}</ol>"


def _tradeoffs(result: Review) -> str:
    coverage = result.tradeoffs
    if not coverage.total:
        return '<h2>Trade-offs</h2><p class="rv-muted">No key blocks yet (models, stores, indexes, launch, monitors).</p>'
    text = f"<p>{len(coverage.noted)} of {coverage.total} key blocks say what they give up.</p>"
    if coverage.missing:
        names = listing([result.names[block_id] for block_id in coverage.missing], 12)
        text += f"<p>Without a trade-off note: {e(names)}.</p>"
    return f"<h2>Trade-offs</h2>{text}"


def _estimates(result: Review) -> str:
    estimates = result.estimates
    parts = ["<h2>Back-of-envelope estimates</h2>"]
    if estimates.figures:
        rows = []
        for figure in estimates.figures:
            if len(figure.terms) == 1:
                how = f'<span class="rv-muted">stated on the {e(SOURCE_TEXT[figure.inputs[0].source])}</span>'
            else:
                how = f'{e(figure.formula)}<br><span class="rv-muted">= {e(figure.worked)}</span>'
            if figure.note:
                how += f'<br><span class="rv-muted">{e(figure.note)}</span>'
            rows.append(f'<tr><td>{e(figure.title)}</td><td class="rv-num"><b>{e(figure.result)}</b></td>'
                        f"<td>{how}</td></tr>")
        parts.append("<table><thead><tr><th>Figure</th><th>Value</th><th>How</th></tr></thead>"
                     f"<tbody>{''.join(rows)}</tbody></table>")
    else:
        parts.append('<p class="rv-muted">No figure can be worked out yet.</p>')
    if estimates.assumed:
        assumed = ", ".join(f"{term.name} {term.text}" for term in estimates.assumed)
        parts.append(f'<p><span class="rv-muted">Assumed:</span> {e(assumed)}.</p>')
    parts.extend(f'<p><span class="rv-gap">Missing:</span> {e(item)}.</p>' for item in estimates.missing)
    return "".join(parts)


def walkthrough_html(result: Review) -> str:
    story = result.walkthrough
    if not story.sections:
        return '<h2>Walkthrough</h2><p class="rv-muted">The canvas is empty: there is no story to tell yet.</p>'
    parts = ["<h2>Walkthrough</h2>"]
    for section in story.sections:
        parts.append(f"<h3>{e(section.title)}</h3>")
        if section.has_hops:
            rows = "".join(
                f'<tr><td class="rv-num">{index}</td><td>{e(hop.name)}</td>'
                f'<td class="rv-num">{"—" if hop.p99_ms is None else f"{hop.p99_ms:g} ms"}</td>'
                f'<td>{e(hop.waits_text) or "—"}</td><td class="rv-num">{hop.total_ms:g} ms</td></tr>'
                for index, hop in enumerate(story.hops, start=1))
            parts.append("<table><thead><tr><th>#</th><th>Hop</th><th>p99</th><th>Waits for</th>"
                         f"<th>Running total</th></tr></thead><tbody>{rows}</tbody></table>")
        parts.append("<ul>" + "".join(f"<li>{e(line)}</li>" for line in section.lines) + "</ul>")
    return "".join(parts)
