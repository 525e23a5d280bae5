"""The legend of the five connector flows: what each line style means, drawn as the connectors are.

One definition of the legend's rows and layout, Qt-free: the SVG writer draws it under the diagram when
``SvgOptions(legend=True)`` (the review's picture), and a canvas or another exporter can lay out the same
rows from ``legend_rows`` and ``legend_layout``. Each sample line uses its flow's CSS class, so its colour,
dash and arrowhead are the connector's own.
"""

from __future__ import annotations

from dataclasses import dataclass

from components import style
from components.export.geometry import fmt
from components.export.svg_style import FLOW_CLASS
from components.export.svg_text import escape

TITLE = "Connector flows"
PADDING = 12.0
SAMPLE_LENGTH = 40.0
SAMPLE_GAP = 10.0
ROW_HEIGHT = 20.0
GAP_ABOVE = 28.0  # between the diagram and the legend under it


@dataclass(frozen=True)
class LegendRow:
    flow: str
    name: str  # "Request"
    meaning: str  # "online call path"

    @property
    def text(self) -> str:
        return f"{self.name}: {self.meaning}"


@dataclass(frozen=True)
class LegendLayout:
    """Sizes in scene units, relative to the legend's top-left corner."""

    width: float
    height: float
    title_baseline: float
    row_centres: tuple[float, ...]
    sample_x: tuple[float, float]
    text_x: float


def legend_rows() -> tuple[LegendRow, ...]:
    """One row per flow, in the file format's order, with the meaning the style table gives it."""
    return tuple(LegendRow(flow, flow.capitalize(), entry.description) for flow, entry in style.FLOW_STYLES.items())


def legend_layout() -> LegendLayout:
    rows = legend_rows()
    font = style.CONNECTOR_FONT_PX
    text_x = PADDING + SAMPLE_LENGTH + SAMPLE_GAP
    widest = max(style.text_width(row.text, font) for row in rows)
    title_width = style.text_width(TITLE, style.GROUP_FONT_PX, bold=True)
    width = max(text_x + widest, PADDING + title_width) + PADDING
    title_baseline = PADDING + style.GROUP_FONT_PX
    first = title_baseline + ROW_HEIGHT * 0.5 + 6
    centres = tuple(first + index * ROW_HEIGHT for index in range(len(rows)))
    height = centres[-1] + ROW_HEIGHT / 2 + PADDING - 4
    return LegendLayout(width, height, title_baseline, centres, (PADDING, PADDING + SAMPLE_LENGTH), text_x)


def legend_svg(x: float, y: float) -> tuple[str, tuple[float, float, float, float]]:
    """The legend as an SVG group with its top-left corner at (x, y), and the box it covers. It uses the
    writer's stylesheet classes (card, group title, connector label, one per flow), so the stylesheet
    must hold every flow's class and marker."""
    layout = legend_layout()
    font = style.CONNECTOR_FONT_PX
    parts = [f'<g id="legend" transform="translate({fmt(x)} {fmt(y)})"><title>{TITLE}</title>'
             f'<rect class="bb" width="{fmt(layout.width)}" height="{fmt(layout.height)}" rx="{style.BLOCK_RADIUS}"/>'
             f'<text class="gt" x="{fmt(PADDING)}" y="{fmt(layout.title_baseline)}">{TITLE}</text>']
    x0, x1 = layout.sample_x
    for row, centre in zip(legend_rows(), layout.row_centres, strict=True):
        parts.append(f'<path class="{FLOW_CLASS[row.flow]}" d="M{fmt(x0)} {fmt(centre)}H{fmt(x1)}"/>'
                     f'<text class="cl" style="text-anchor:start" x="{fmt(layout.text_x)}" '
                     f'y="{fmt(centre + font * 0.35)}">{escape(row.text)}</text>')
    parts.append("</g>")
    return "".join(parts), (x, y, x + layout.width, y + layout.height)
