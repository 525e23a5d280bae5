"""The exporter finishes for any valid design: texts at the model's limits, blocks, notes and frames
from a hundredth of a unit to 10,000 units across (issue 13: a note 10 units wide looped forever)."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings

from components.export import SvgOptions, to_dot, to_mermaid, to_svg
from components.model import COLLECTIONS, SEVERITIES, Diagram
from tests.core.test_export_checks import assert_inert, parse_svg
from tests.strategies import extreme_diagrams
from tests.work_budget import run_within

STEPS_PER_CHAR = 40  # the text engine's 20, and the writer's own pass over the text
STEPS_PER_ELEMENT = 2_000
STEPS_FIXED = 50_000


def export_budget(diagram: Diagram) -> int:
    """Steps an export may take: linear in the text and in the number of elements."""
    elements = [item for name in COLLECTIONS for item in getattr(diagram, name)]
    text = len(diagram.title) + sum(len(getattr(item, "label", "") or getattr(item, "text", "")) for item in elements)
    return STEPS_PER_CHAR * text + STEPS_PER_ELEMENT * len(elements) + STEPS_FIXED


def findings_on_every_block(diagram: Diagram) -> list[SimpleNamespace]:
    return [SimpleNamespace(severity=SEVERITIES[i % len(SEVERITIES)], blocks=[b.id]) for i, b in enumerate(diagram.blocks)]


@settings(max_examples=60)
@given(extreme_diagrams())
def test_every_svg_export_of_an_extreme_design_finishes(diagram: Diagram) -> None:
    budget = export_budget(diagram)
    svg = run_within(budget, to_svg, diagram, SvgOptions(theme="dark", findings=findings_on_every_block(diagram)))
    assert_inert(parse_svg(svg))
    run_within(budget, to_mermaid, diagram)
    run_within(budget, to_dot, diagram)
