"""Mermaid flowchart text for docs (``.mmd``): one node per block, one edge per connector.

Labels are always double-quoted, and every character outside a small safe set is written as a
Mermaid entity code (``#34;`` for a quote, ``#60;`` for '<', ...), so no label can end the string,
open markup or start a new statement; a newline becomes ``<br/>``, the one markup we emit.
"""

from __future__ import annotations

import re

from components import style
from components.catalog import spec, stage
from components.export.parts import group_members, node_text
from components.export.svg_text import clean
from components.model import Diagram

_SAFE = re.compile(r"[\w ,.:/()+\-?!]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Mermaid draws these flows with these links; colours and dashes come from linkStyle lines
_LINKS = {"request": "-->", "data": "-->", "model": "==>", "feedback": "-.->", "observe": "-.->"}


def mermaid_text(text: str) -> str:
    """``text`` for the inside of a Mermaid double-quoted label."""
    out = []
    for line_index, line in enumerate(_LINE_BREAK.split(text)):
        if line_index:
            out.append("<br/>")
        for char in clean(line):
            if _SAFE.match(char) and char.isprintable():
                out.append(char)
            elif char == "\ufffd":
                continue
            else:
                out.append(f"#{ord(char)};")
    return "".join(out)


def to_mermaid(diagram: Diagram) -> str:
    """The diagram as a left-to-right Mermaid flowchart, styled by stage and by flow."""
    node = {block.id: f"n{index}" for index, block in enumerate(diagram.blocks)}
    lines = ["flowchart LR"]
    title = " ".join(clean(diagram.title).split())
    if title:
        lines.insert(0, f"%% {mermaid_text(title)}")
    if diagram.connector_style == "elbow":  # Mermaid has one line shape per chart: the design's default
        lines.insert(0, '%%{init: {"flowchart": {"curve": "step"}}}%%')
    for group_index, group, members in group_members(diagram):
        lines.append(f'  subgraph g{group_index}["{mermaid_text(group.label) or " "}"]')  # "" is a syntax error
        lines.extend(f"    {node[m]}" for m in members)
        lines.append("  end")
    for block in diagram.blocks:
        lines.append(f'  {node[block.id]}["{mermaid_text(node_text(block))}"]')
    by_flow: dict[str, list[str]] = {}
    for index, connector in enumerate(diagram.connectors):
        link = _LINKS[connector.flow]
        text = mermaid_text(" ".join(connector.label.split()))
        label = f'|"{text}"|' if text else ""
        lines.append(f"  {node[connector.source]} {link}{label} {node[connector.target]}")
        by_flow.setdefault(connector.flow, []).append(str(index))
    for flow, indexes in by_flow.items():
        entry = style.FLOW_STYLES[flow]
        dash = f",stroke-dasharray:{' '.join(str(d) for d in entry.dash)}" if entry.dash else ""
        lines.append(f"  linkStyle {','.join(indexes)} stroke:{entry.colour},stroke-width:2px{dash}")
    by_class: dict[str, list[str]] = {}
    for block in diagram.blocks:
        number = spec(block.kind).stage
        by_class.setdefault(f"stage{number}" if number else "custom", []).append(node[block.id])
    for name, members in by_class.items():
        colour = stage(int(name[5:])).colour if name.startswith("stage") else style.kind_colour("custom")
        lines.append(f"  classDef {name} fill:#ffffff,stroke:{colour},stroke-width:2px,color:#111827")
        lines.append(f"  class {','.join(members)} {name}")
    return "\n".join(lines) + "\n"
