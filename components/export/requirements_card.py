"""The requirements card (steps 1 and 2 of the framework) as a panel of an exported picture.

Only the filled fields, in the card's order, each as its title and its value wrapped to the panel's
width by the one text-fitting engine. Qt-free: the SVG writer draws it beside the legend under the
diagram (components/export/panels.py), and PNG and PDF are rendered from that SVG.
"""

from __future__ import annotations

from dataclasses import dataclass

from components import style
from components.estimate.units import exact
from components.export.geometry import fmt
from components.export.svg_text import escape
from components.model import Requirements

TITLE = "Requirements"
EMPTY = "Not filled in yet"
PADDING = 12.0
COLUMN_GAP = 12.0
VALUE_WIDTH = 300.0
VALUE_MAX_LINES = 4
ROW_GAP = 5.0
LINE_HEIGHT = style.NOTE_FONT_PX * style.TEXT_LINE_HEIGHT


def value_text(value: object) -> str:
    """A card value as text, wherever the card is shown (exports, the review, practice): lists joined,
    numbers with thousands separators, words for ids."""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return exact(value)
    return str(value).replace("_", " ")


def card_rows(requirements: Requirements) -> list[tuple[str, str]]:
    """(field title, value text) of every filled field, in the card's order."""
    rows = []
    for name, field in type(requirements).model_fields.items():
        value = getattr(requirements, name)
        if value not in (None, "", []):
            rows.append((field.title or name, value_text(value)))
    return rows


@dataclass(frozen=True)
class CardRow:
    title: str
    lines: tuple[str, ...]
    top: float  # of the row's first line box, relative to the card's top-left corner


@dataclass(frozen=True)
class CardLayout:
    width: float
    height: float
    title_baseline: float
    value_x: float
    rows: tuple[CardRow, ...]


def card_layout(requirements: Requirements) -> CardLayout:
    """Where everything of the card goes, in scene units relative to its top-left corner."""
    filled = card_rows(requirements)
    titles = [title for title, _ in filled]
    title_room = max((style.text_width(t, style.KIND_FONT_PX) for t in titles), default=0.0)
    value_x = PADDING + title_room + (COLUMN_GAP if titles else 0.0)
    title_baseline = PADDING + style.GROUP_FONT_PX
    top = title_baseline + 10
    rows: list[CardRow] = []
    widest = style.text_width(TITLE, style.GROUP_FONT_PX, bold=True) + PADDING
    for title, text in filled:
        lines = tuple(style.wrap_text(text, VALUE_WIDTH, style.NOTE_FONT_PX, max_lines=VALUE_MAX_LINES))
        rows.append(CardRow(title, lines, top))
        widest = max(widest, value_x + max(style.text_width(line, style.NOTE_FONT_PX) for line in lines))
        top += len(lines) * LINE_HEIGHT + ROW_GAP
    if not rows:
        widest = max(widest, PADDING + style.text_width(EMPTY, style.NOTE_FONT_PX))
        top += LINE_HEIGHT + ROW_GAP
    return CardLayout(widest + PADDING, top - ROW_GAP + PADDING - 2, title_baseline, value_x, tuple(rows))


def card_svg(x: float, y: float, requirements: Requirements) -> tuple[str, tuple[float, float, float, float]]:
    """The card as an SVG group with its top-left corner at (x, y), and the box it covers. It uses the
    writer's stylesheet classes: card, group title, kind name (field titles), note text (values)."""
    layout = card_layout(requirements)
    drop = style.NOTE_FONT_PX * (style.TEXT_LINE_HEIGHT / 2 + style.BASELINE_DROP)  # line box top to baseline
    parts = [f'<g id="requirements" transform="translate({fmt(x)} {fmt(y)})"><title>{TITLE}</title>'
             f'<rect class="bb" width="{fmt(layout.width)}" height="{fmt(layout.height)}" rx="{style.BLOCK_RADIUS}"/>'
             f'<text class="gt" x="{fmt(PADDING)}" y="{fmt(layout.title_baseline)}">{TITLE}</text>']
    for row in layout.rows:
        parts.append(f'<text class="k" x="{fmt(PADDING)}" y="{fmt(row.top + drop)}">{escape(row.title)}</text>')
        for index, line in enumerate(row.lines):
            parts.append(f'<text class="nt" x="{fmt(layout.value_x)}" y="{fmt(row.top + index * LINE_HEIGHT + drop)}">'
                         f"{escape(line)}</text>")
    if not layout.rows:
        parts.append(f'<text class="k" x="{fmt(PADDING)}" y="{fmt(layout.title_baseline + 10 + drop)}">{EMPTY}</text>')
    parts.append("</g>")
    return "".join(parts), (x, y, x + layout.width, y + layout.height)
