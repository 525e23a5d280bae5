"""Estimates as text for a terminal: each figure, its formula, the numbers put in; then what was assumed
and what is missing."""

from __future__ import annotations

from components.estimate.figures import SOURCE_TEXT, Estimates

RESULT_COLUMN = 36


def text_lines(estimates: Estimates, title: str = "") -> list[str]:
    """The figures as a readable block (the CLI prints it; tests read it)."""
    lines = [f"{title}: back-of-envelope estimates" if title else "Back-of-envelope estimates", ""]
    for figure in estimates.figures:
        lines.append(f"{figure.title:<{RESULT_COLUMN}}{figure.result}")
        if len(figure.terms) == 1:
            lines.append(f"  stated on the {SOURCE_TEXT[figure.inputs[0].source]}")
        else:
            lines.append(f"  = {figure.formula}")
            lines.append(f"  = {figure.worked}")
        if figure.note:
            lines.append(f"  ({figure.note})")
    if not estimates.figures:
        lines.append("No figure can be worked out yet.")
    if estimates.assumed:
        lines.append("")
        lines.append("Assumed (state your own in the design's estimate inputs): "
                     + ", ".join(f"{term.name} {term.text}" for term in estimates.assumed))
    if estimates.missing:
        lines.append("")
        lines.extend(f"Missing: {item}" for item in estimates.missing)
    return lines
