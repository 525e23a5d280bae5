"""The end of a session as a page: the score, the time per phase, the questions asked, the nudges, the
comparison with the reference design and the coach's review by step.

Built from the review's own HTML parts (page, stylesheet, score table, follow-up questions), so the
results read like Review > Review Design and save as one self-contained page.
"""

from __future__ import annotations

from components.compare import Comparison
from components.export.requirements_card import value_text
from components.practice.activity import LEAD_IN, NO_EDIT
from components.practice.prompt import TOPIC_NAMES, Prompt
from components.practice.records import Attempt
from components.practice.score import Scored
from components.review.render_html import e, page, questions_html, steps_html
from components.review.rubric import POINTS_PER_STEP

LISTED = 12  # missing roles or connections listed before "and N more"


def clock_text(seconds: float) -> str:
    """'7:05' for 425 seconds; '1:02:03' past an hour."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def ending_text(attempt: Attempt) -> str:
    length = clock_text(attempt.length * 60 if attempt.retry is None else sum(p.suggested for p in attempt.phases))
    how = ("Time up" if attempt.ended_by == "time_up" else "Submitted") + f" after {clock_text(attempt.elapsed)}"
    pauses = f", {attempt.pauses} pause{'s' if attempt.pauses != 1 else ''}" if attempt.pauses else ""
    return f"{how} of {length}{pauses}"


def results_html(attempt: Attempt, scored: Scored, prompt: Prompt | None, picture: str = "",
                 theme: str = "light") -> str:
    """The whole results page; ``picture`` is the design's markup (inline SVG, or an ``<img>`` in the app)."""
    result = scored.review
    weakest = scored.weakest_step
    step = result.steps[weakest - 1]
    retry = (f"Weakest: step {weakest}, {e(step.name)} ({step.score}/{POINTS_PER_STEP}). <b>Retry this step</b> reopens the design "
             "with its checklist." if result.total < result.maximum else "Every step earns all its points.")
    if attempt.retry is not None:
        retried = result.steps[attempt.retry.step - 1]
        kind = (f"Retry of step {retried.number}, {e(retried.name)}: {attempt.retry.before} → "
                f"{retried.score}/{POINTS_PER_STEP}")
    else:
        kind = f"{attempt.length}-minute session"
    body = [f'<p class="rv-summary"><span class="rv-total">{result.total}/{result.maximum}</span>&nbsp;&nbsp;'
            f"{kind}. {e(ending_text(attempt))}.</p>", f"<p>{retry}</p>"]
    if prompt is not None:
        body.append(f'<p class="rv-muted">“{e(prompt.opening)}”</p>')
    body += [phases_html(attempt), asked_html(attempt, prompt), nudges_html(attempt),
             comparison_html(scored.comparison, scored.reference), steps_html(result), questions_html(result)]
    if picture:
        body.append(f'<h2>Your design</h2><div class="rv-diagram">{picture}</div>')
    return page(f"Practice: {attempt.prompt_title}", body, theme)


def phases_html(attempt: Attempt) -> str:
    rows = []
    for phase in attempt.phases:
        difference = phase.spent - phase.suggested
        if phase.phase == NO_EDIT or not phase.suggested:
            note = "—"
        elif abs(difference) < 60:
            note = "on time"
        else:
            word = "over" if difference > 0 else "under"
            css = "rv-gap" if difference > 0 else "rv-muted"
            note = f'<span class="{css}">{clock_text(abs(difference))} {word}</span>'
        suggested = clock_text(phase.suggested) if phase.suggested else "—"
        rows.append(f"<tr><td>{e(phase.name)}</td><td class=\"rv-num\">{suggested}</td>"
                    f'<td class="rv-num">{clock_text(phase.spent)}</td><td>{note}</td></tr>')
    return ('<h2>Time per phase</h2><p class="rv-muted">Time is counted for the phase of what you edited: the time '
            f"before an edit goes to that edit's step, up to {clock_text(LEAD_IN)} of it; the rest of a longer gap "
            "is time without edits.</p><table><thead><tr><th>Phase</th><th>Suggested</th>"
            f"<th>Spent</th><th></th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def asked_html(attempt: Attempt, prompt: Prompt | None) -> str:
    asked = {item.id: item.at for item in attempt.asked}
    if prompt is None:
        return (f"<h2>Clarifying questions</h2><p>{len(asked)} of {attempt.questions} asked "
                "(the prompt is no longer available).</p>")
    items = []
    for question in prompt.questions:
        topic = e(TOPIC_NAMES[question.topic])
        if question.id in asked:
            items.append(f'<li><span class="rv-earned">✓</span> <b>{topic}</b> at {clock_text(asked[question.id])}: '
                         f'{e(question.ask)}<br><span class="rv-muted">{e(question.answer)}</span></li>')
        else:
            items.append(f'<li><span class="rv-gap">✗</span> <b>{topic}</b>, not asked: {e(question.ask)}'
                         f'<br><span class="rv-muted">The answer: {e(question.answer)}</span></li>')
    return (f"<h2>Clarifying questions</h2><p>{len(asked)} of {len(prompt.questions)} asked.</p>"
            f"<ul>{''.join(items)}</ul>")


def nudges_html(attempt: Attempt) -> str:
    if not attempt.nudges:
        return ('<h2>Nudges</h2><p class="rv-muted">None: at each phase boundary the design already had '
                "something for the phase that ended.</p>")
    items = "".join(f"<li>{clock_text(nudge.at)}: {e(nudge.text)}</li>" for nudge in attempt.nudges)
    return f"<h2>Nudges</h2><ul>{items}</ul>"


def comparison_html(comparison: Comparison | None, reference: str) -> str:
    if comparison is None:
        return f'<h2>Comparison with the reference</h2><p class="rv-muted">{e(reference)}.</p>'
    head = f"<h2>Comparison with {e(reference)}</h2>"
    if comparison.no_gaps:
        return head + "<p><b>No gaps</b>: every role and connection of the reference is in your design.</p>"
    parts = [head, f"<p>{comparison.matched} of {comparison.reference_blocks} roles of the reference matched.</p>"]
    for title, texts in (("Missing roles", [item.text for item in comparison.missing]),
                         ("Missing connections", [item.text for item in comparison.links])):
        if texts:
            more = f"<li>and {len(texts) - LISTED} more</li>" if len(texts) > LISTED else ""
            items = "".join(f"<li>{e(text)}</li>" for text in texts[:LISTED])
            parts.append(f"<h3>{title} ({len(texts)})</h3><ul>{items}{more}</ul>")
    return "".join(parts)


def revealed_text(prompt: Prompt, question_id: str) -> str:
    """What asking a question filled on the requirements card: 'Daily active users 100,000,000; ...'."""
    from components.model import Requirements

    question = prompt.question(question_id)
    return "; ".join(f"{Requirements.model_fields[name].title} {value_text(value)}"
                     for name, value in question.revealed.items())
