"""Graphviz DOT text for docs (``.dot``): one node per block, one edge per connector.

Node ids are the block ids, quoted; labels are DOT double-quoted strings with backslash, quote and
newline escaped (so ``\\N``-style escapes in a label stay literal) and control characters dropped.
"""

from __future__ import annotations

import re

from components import style
from components.export.parts import group_members, node_text
from components.export.svg_text import REPLACEMENT, clean
from components.model import Diagram

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ARROWS = {"filled": "normal", "open": "vee", "diamond": "diamond"}


def dot_string(text: str) -> str:
    """``text`` as a quoted DOT string (the quotes included); line breaks become ``\\n``."""
    lines = []
    for line in _LINE_BREAK.split(text):
        cleaned = clean(line).replace(REPLACEMENT, "")
        lines.append(cleaned.replace("\\", "\\\\").replace('"', '\\"'))
    return '"' + "\\n".join(lines) + '"'


def to_dot(diagram: Diagram) -> str:
    """The diagram as a left-to-right Graphviz digraph, coloured by stage and styled by flow."""
    elbow = diagram.connector_style == "elbow"  # DOT has one edge shape per graph: the design's default
    lines = [
        "digraph mlsd {",
        f'  graph [rankdir=LR, label={dot_string(" ".join(clean(diagram.title).split()))}, labelloc=t, '
        f'fontname="{style.FONT_FAMILY}", fontsize=20{", splines=ortho" if elbow else ""}];',
        f'  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="{style.FONT_FAMILY}", '
        f"fontsize={style.LABEL_FONT_PX}, penwidth=1.5];",
        f'  edge [fontname="{style.FONT_FAMILY}", fontsize={style.CONNECTOR_FONT_PX}];',
    ]
    for index, group, members in group_members(diagram):
        lines.append(f'  subgraph "cluster_{index}" {{')
        lines.append(f'    label={dot_string(group.label)}; style="rounded,dashed"; color="#94a3b8";')
        lines.extend(f"    {dot_string(m)};" for m in members)
        lines.append("  }")
    for block in diagram.blocks:
        lines.append(f"  {dot_string(block.id)} [label={dot_string(node_text(block))}, "
                     f'color="{style.kind_colour(block.kind)}"];')
    for connector in diagram.connectors:
        entry = style.FLOW_STYLES[connector.flow]
        attributes = [f'color="{entry.colour}"', f"arrowhead={_ARROWS[entry.arrow]}"]
        if entry.dash:
            attributes.append("style=dashed" if entry.dash[0] > 2 else "style=dotted")
        if connector.label.strip():  # square edges take no mid-edge labels in dot: a label beside them
            attributes.append(f"{'xlabel' if elbow else 'label'}={dot_string(connector.label)}")
        attributes.append(f"tooltip={dot_string(connector.flow)}")
        lines.append(f"  {dot_string(connector.source)} -> {dot_string(connector.target)} [{', '.join(attributes)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
