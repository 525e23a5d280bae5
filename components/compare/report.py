"""A comparison as text for a terminal and as Markdown."""

from __future__ import annotations

from components.compare import Comparison


def text_lines(result: Comparison, reference_name: str) -> list[str]:
    """What is missing, which connections, what the design adds, the requirements that differ."""
    lines = [f"Compared with {reference_name}: {result.matched} of {result.reference_blocks} reference blocks "
             "matched by role."]
    if result.no_gaps:
        lines.append("No gaps: the design has every role and connection of the reference.")
    sections = (("Missing (the reference has it, this design does not):", [item.text for item in result.missing]),
                ("Missing connections:", [item.text for item in result.links]),
                ("Added (this design has it, the reference does not):", [item.text for item in result.added]),
                ("Requirements that differ:", list(result.requirements)))
    for title, items in sections:
        if items:
            lines += ["", title, *(f"  - {item}" for item in items)]
    return lines
