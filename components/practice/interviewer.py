"""The interviewer's page: the prompt with every answer (asked or not yet), the rubric applied live to the
candidate's design, the questions to ask next, and the reference design the candidate does not see."""

from __future__ import annotations

from components.practice.prompt import TOPIC_NAMES, Prompt
from components.practice.report import clock_text
from components.review import Review
from components.review.render_html import e, page, questions_html
from components.review.rubric import POINTS_PER_STEP


def interviewer_html(prompt: Prompt, asked: dict[str, float], result: Review | None, picture: str = "",
                     reference: str = "", theme: str = "light", elapsed: float | None = None) -> str:
    """``asked``: question id -> seconds into the session; ``result``: the live review (None while it is
    being made); ``picture``: the reference design's markup, named by ``reference``."""
    when = f" Updated {clock_text(elapsed)} into the session." if elapsed is not None else ""
    body = [f'<p class="rv-summary">“{e(prompt.opening)}”</p>',
            f'<p class="rv-muted">For the interviewer: the candidate does not see this window.{when}</p>']
    if result is not None:
        body.append(scores_html(result))
    body.append(answers_html(prompt, asked))
    if result is not None:
        body.append(questions_html(result).replace("Follow-up questions", "Questions to ask next", 1))
    if picture:
        body.append(f'<h2>Reference design: {e(reference)}</h2><div class="rv-diagram">{picture}</div>')
    elif reference:
        body.append(f'<h2>Reference design</h2><p class="rv-muted">{e(reference)}.</p>')
    if result is not None:
        body.append(rubric_html(result))
    return page(f"Interviewer: {prompt.title}", body, theme)


def scores_html(result: Review) -> str:
    """The live score: the total and each step's points in a line that wraps between steps, never inside a
    name (a seven-column table broke "Requirements" in two in a half-screen window)."""
    steps = " · ".join(f"{step.number}.&nbsp;{e(step.name).replace(' ', '&nbsp;')}&nbsp;<b>{step.score}/"
                       f"{POINTS_PER_STEP}</b>" for step in result.steps)
    return f"<h2>Score now: {result.total}/{result.maximum}</h2><p>{steps}</p>"


def answers_html(prompt: Prompt, asked: dict[str, float]) -> str:
    rows = []
    for question in prompt.questions:
        if question.id in asked:
            state = f'<span class="rv-earned">asked</span> at {clock_text(asked[question.id])}'
        else:
            state = '<span class="rv-muted">not yet</span>'
        rows.append(f"<tr><td><b>{e(TOPIC_NAMES[question.topic])}</b><br>{state}</td><td>{e(question.ask)}</td>"
                    f"<td>{e(question.answer)}</td></tr>")
    return ('<h2>Answers</h2><table><thead><tr><th width="16%">Topic</th><th width="30%">Question</th>'
            f"<th>Answer</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def rubric_html(result: Review) -> str:
    """Each rubric point with what earns it and, for the design as it is now, ✓ or what is missing."""
    rows = []
    for step in result.steps:
        for index, point in enumerate(step.points):
            head = (f'<td rowspan="{len(step.points)}"><b>{step.number}. {e(step.name)}</b><br>'
                    f"{step.score}/{POINTS_PER_STEP}</td>") if index == 0 else ""
            now = '<span class="rv-earned">✓</span>' if point.earned else f'<span class="rv-gap">✗</span> {e(point.gap)}'
            rows.append(f"<tr>{head}<td><b>{e(point.criterion.key)} {e(point.criterion.title)}</b><br>"
                        f'<span class="rv-muted">{e(point.criterion.earns)}</span></td><td>{now}</td></tr>')
    return ('<h2>The rubric, applied now</h2><table><thead><tr><th width="20%">Step</th>'
            f"<th width=\"46%\">Point and what earns it</th><th>Now</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")
