"""Exports with the requirements card and the legend under the diagram, and with layers applied."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from components import style
from components.export import SvgOptions, to_svg
from components.export.legend import legend_layout
from components.export.requirements_card import EMPTY, VALUE_MAX_LINES, VALUE_WIDTH, card_layout, card_rows
from components.layers import DIM_OPACITY, LAYER_IDS, VISIBILITIES, LayerView
from components.model import Block, Connector, Diagram, Requirements
from components.templates import load_template
from tests.core.test_export_checks import SVG, assert_inert, group_by_id, parse_svg
from tests.strategies import extreme_diagrams, long_texts


def _translate(group: ET.Element) -> tuple[float, float]:
    x, y = group.get("transform").removeprefix("translate(").rstrip(")").split()
    return float(x), float(y)


def _view_box(root: ET.Element) -> tuple[float, ...]:
    return tuple(float(v) for v in root.get("viewBox").split())


def test_the_card_lists_only_filled_fields_in_card_order_as_people_write_them() -> None:
    rows = card_rows(Requirements(business_objective="More watch time", task_type="binary_classification",
                                  dau=100_000_000, latency_slo_ms=200.0, online_metrics=["CTR", "watch time"]))
    assert rows == [("Business objective", "More watch time"), ("ML task type", "binary classification"),
                    ("Daily active users", "100,000,000"), ("Latency SLO (ms)", "200"),
                    ("Online metrics", "CTR, watch time")]


def test_card_and_legend_sit_side_by_side_under_the_diagram_inside_the_picture() -> None:
    diagram = load_template("video-recommendation")
    root = parse_svg(to_svg(diagram, SvgOptions(legend=True, requirements=True)))
    assert_inert(root)
    groups = group_by_id(root)
    (lx, ly), (cx, cy) = _translate(groups["legend"]), _translate(groups["requirements"])
    assert ly == cy and cx >= lx + legend_layout().width
    plain = _view_box(parse_svg(to_svg(diagram)))
    x0, y0, width, height = _view_box(root)
    assert ly > plain[1] + plain[3] - style.EXPORT_MARGIN  # under the diagram
    card = card_layout(diagram.requirements)
    assert cx + card.width <= x0 + width and cy + card.height <= y0 + height
    texts = [t.text for t in groups["requirements"].iter(f"{SVG}text")]
    assert texts[0] == "Requirements" and "Business objective" in texts and "100,000,000" in texts


def test_the_card_alone_takes_the_legends_place_and_an_empty_card_says_so() -> None:
    diagram = Diagram(blocks=[Block(id="a", kind="client")])
    root = parse_svg(to_svg(diagram, SvgOptions(requirements=True)))
    groups = group_by_id(root)
    assert "legend" not in groups
    assert _translate(groups["requirements"])[0] == 0
    assert [t.text for t in groups["requirements"].iter(f"{SVG}text")] == ["Requirements", EMPTY]
    assert 'id="requirements"' not in to_svg(diagram)  # only when asked


@settings(max_examples=40)
@given(long_texts(3000), long_texts(200))
def test_long_or_hostile_values_wrap_within_the_card_and_stay_inert(notes: str, objective: str) -> None:
    requirements = Requirements(notes=notes + "<script>&\x00\x1b", business_objective=objective)
    layout = card_layout(requirements)
    for row in layout.rows:
        assert 1 <= len(row.lines) <= VALUE_MAX_LINES
        assert all(style.text_width(line, style.NOTE_FONT_PX) <= VALUE_WIDTH + 0.01 for line in row.lines)
    root = parse_svg(to_svg(Diagram(requirements=requirements), SvgOptions(requirements=True, legend=True)))
    assert_inert(root)


def _layered() -> Diagram:
    return Diagram(blocks=[Block(id="rank", kind="ranking", x=300), Block(id="mon", kind="monitoring", y=200),
                           Block(id="train", kind="training_pipeline")],
                   connectors=[Connector(id="obs", source="rank", target="mon", flow="observe", label="latency"),
                               Connector(id="model", source="train", target="rank", flow="model")])


def test_hidden_layers_leave_their_blocks_and_connectors_out_and_dimmed_ones_draw_faint() -> None:
    diagram = _layered()
    resolved = LayerView({"monitoring": "hidden", "offline": "dimmed"}).resolve(diagram)
    root = parse_svg(to_svg(diagram, SvgOptions(hidden=resolved.hidden, dimmed=resolved.dimmed)))
    groups = group_by_id(root)
    assert "block-mon" not in groups and "conn-obs" not in groups and "label-obs" not in groups
    faint = [g for g in root.iter(f"{SVG}g") if g.get("opacity") == str(DIM_OPACITY)]
    assert len(faint) == 1
    inside = {g.get("id") for g in faint[0].iter(f"{SVG}g")}
    assert {"block-train", "conn-model"} <= inside and "block-rank" not in inside
    assert to_svg(diagram, SvgOptions(hidden=(), dimmed=())) == to_svg(diagram)  # nothing asked, nothing changed


@settings(max_examples=30, deadline=None)
@given(extreme_diagrams(), st.dictionaries(st.sampled_from(LAYER_IDS), st.sampled_from(VISIBILITIES)),
       st.booleans(), st.booleans())
def test_any_design_with_any_layers_and_panels_exports_well_formed(diagram: Diagram, states: dict[str, str],
                                                                   legend: bool, card: bool) -> None:
    resolved = LayerView(states).resolve(diagram)  # type: ignore[arg-type]  # drawn from VISIBILITIES
    root = parse_svg(to_svg(diagram, SvgOptions(legend=legend, requirements=card, hidden=resolved.hidden,
                                                dimmed=resolved.dimmed)))
    assert_inert(root)
    ids = set(group_by_id(root))
    for block in diagram.blocks:
        assert (f"block-{block.id}" in ids) == (block.id not in resolved.hidden)
