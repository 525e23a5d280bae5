"""Findings as rich text, one wording for every place that explains them: the findings panel's detail
area, the inspector's list for the selected element, and the tooltip of a badge on the canvas.

A finding's explanation is a list of sections (``DETAIL_SECTIONS``): a title and the finding's
attribute holding the text. A section whose attribute is missing or empty is left out, so a new
explanation the validator adds to its findings needs one line here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from components.model import severity_rank
from components.style import THEMES

# (title, Finding attribute), in reading order after the message.
DETAIL_SECTIONS: tuple[tuple[str, str], ...] = (("How to fix", "hint"),)
WHY_LINK = "why"  # the href of the "Why?" link that opens the rule's explanation in the findings panel
WHY_ANCHOR = "why-text"  # where the opened explanation starts (the panel scrolls it into view)


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def ordered(findings: Sequence[Any]) -> list[Any]:
    """Most severe first (stable: the validator's own order within a severity)."""
    return sorted(findings, key=lambda f: severity_rank(f.severity))


def severity_mark(severity: str, theme_name: str = "light") -> str:
    """A dot in the severity's canvas colour and the severity's name, e.g. ``● Error``."""
    colour = THEMES[theme_name if theme_name in THEMES else "light"].severity.get(severity, "#6b7280")
    return f"<span style='color:{colour}'>●</span> <b>{escape(severity.capitalize())}</b>"


def sections(finding: Any) -> list[tuple[str, str]]:
    """The finding's explanation sections that have text: (title, text)."""
    found = []
    for title, attribute in DETAIL_SECTIONS:
        text = str(getattr(finding, attribute, "") or "").strip()
        if text:
            found.append((title, text))
    return found


def rule_explanation(rule_id: str) -> tuple[str, str] | None:
    """(why it matters, what an interviewer would ask) of a rule, from the validator's registry; None for
    a rule it does not know. Imported on first use: only a design with findings needs it."""
    from components.validate.rules import RULES_BY_ID

    rule = RULES_BY_ID.get(rule_id)
    return None if rule is None else (rule.why, rule.question)


def why_html(finding: Any, opened: bool) -> str:
    """The "Why?" of a finding: a link while closed; opened, the risk in an interviewer's words and the
    question they would ask (the same for every finding of the rule)."""
    explanation = rule_explanation(finding.rule)
    if explanation is None:
        return ""
    link = f"<a href='{WHY_LINK}'>Why?</a>"
    if not opened:
        return f"<p>{link}</p>"
    why, question = explanation
    return (f"<p><a name='{WHY_ANCHOR}'></a><b>{link}</b> {escape(why)}</p>"
            f"<p><b>An interviewer would ask:</b> <i>{escape(question)}</i></p>")


def finding_html(finding: Any, theme_name: str = "light", names: dict[str, str] | None = None,
                 message: bool = True, why: bool | None = None) -> str:
    """Everything about one finding: severity, step and rule, the message (unless the reader sees it
    next to this already), every section, its "Why?" (``why``: None leaves it out, False shows the link,
    True the explanation) and the elements it is about (by label, through ``names``)."""
    stage = getattr(finding, "stage", None)
    where = f" · step {stage}" if stage else ""
    parts = [f"<p>{severity_mark(finding.severity, theme_name)}{where} · <i>{escape(finding.rule)}</i></p>"]
    if message:
        parts.append(f"<p>{escape(finding.message)}</p>")
    parts += [f"<p><b>{escape(title)}:</b> {escape(text)}</p>" for title, text in sections(finding)]
    if why is not None:
        parts.append(why_html(finding, why))
    about = [names.get(i, i) if names else i for i in (*finding.blocks, *finding.connectors)]
    if about:
        parts.append(f"<p><b>About:</b> {escape(', '.join(about))}</p>")
    return "".join(parts)


def findings_list_html(findings: Sequence[Any], theme_name: str = "light") -> str:
    """Several findings, most severe first, each as its message and its sections (a badge's tooltip,
    the inspector's list)."""
    items = []
    for finding in ordered(findings):
        text = "".join(f"<br><b>{escape(title)}:</b> {escape(body)}" for title, body in sections(finding))
        items.append(f"<p>{severity_mark(finding.severity, theme_name)}: {escape(finding.message)}{text}</p>")
    return "".join(items)
