"""The panels an export may add under the diagram, side by side: the legend of the five flows
(components/export/legend.py) and the requirements card (components/export/requirements_card.py)."""

from __future__ import annotations

from components.export.legend import GAP_ABOVE, legend_svg
from components.export.requirements_card import card_svg
from components.model import Requirements

PANEL_GAP = 24.0  # between two panels in the row

Box = tuple[float, float, float, float]


def panels_svg(left: float, top: float, legend: bool, requirements: Requirements | None) -> list[tuple[str, Box]]:
    """The asked-for panels as SVG groups in a row whose top-left corner is (left, top), each with the
    box it covers (the writer grows the picture to hold them)."""
    drawn: list[tuple[str, Box]] = []
    x = left
    if legend:
        drawn.append(legend_svg(x, top))
        x = drawn[-1][1][2] + PANEL_GAP
    if requirements is not None:
        drawn.append(card_svg(x, top, requirements))
    return drawn


def panels_top(diagram_bottom: float | None) -> float:
    """Where the row starts: under the diagram, or at the origin of an empty picture."""
    return 0.0 if diagram_bottom is None else diagram_bottom + GAP_ABOVE
