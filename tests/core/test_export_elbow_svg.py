"""Elbow connectors in the file format and every export: optional keys (old files load and save
unchanged), one canonical way to say "straight" and "no waypoints", the SVG path is the engine's route,
and the text formats carry the design's square edges."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from hypothesis import given, settings
from hypothesis import strategies as st

from components import style
from components.export import SvgOptions, elbow, to_dot, to_mermaid, to_svg
from components.export.geometry import Rect, parallel_offsets
from components.io import dumps, parse
from components.model import Block, Connector, Diagram, Waypoint
from components.templates import TEMPLATE_IDS, load_template
from tests.core.test_export_checks import SVG, group_by_id, parse_svg


def small(style_default: str | None = None, own: str | None = None, waypoints: list[Waypoint] | None = None) -> Diagram:
    blocks = [Block(id="a", kind="data_source", x=0, y=0), Block(id="b", kind="feature_store", x=500, y=300),
              Block(id="wall", kind="cache", x=220, y=-100, height=400)]
    connectors = [Connector(id="c", source="a", target="b", style=own, waypoints=waypoints, label="rows")]
    return Diagram(blocks=blocks, connectors=connectors, connector_style=style_default)


def path_points(svg: str, connector_id: str) -> list[tuple[float, float]]:
    path = group_by_id(parse_svg(svg))[f"conn-{connector_id}"].find(f"{SVG}path")
    return [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+) (-?[\d.]+)", path.get("d"))]


def rects(diagram: Diagram) -> dict[str, Rect]:
    return {b.id: Rect(b.x, b.y, *style.block_size(b.kind, b.width, b.height), style.BLOCK_RADIUS)
            for b in diagram.blocks}


def engine_route(diagram: Diagram, connector: Connector) -> tuple[tuple[float, float], ...]:
    boxes = rects(diagram)
    offsets = parallel_offsets((c.id, c.source, c.target) for c in diagram.connectors)
    return elbow.connector_route(connector, boxes[connector.source], boxes[connector.target],
                                 elbow.Blocks(boxes.items()), offsets.get(connector.id, 0.0)).points


def rounded(points: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(round(x, 1), round(y, 1)) for x, y in points]


def test_every_template_loads_and_saves_unchanged_and_draws_straight() -> None:
    for template_id in TEMPLATE_IDS:
        diagram = load_template(template_id)
        assert diagram.connector_style is None
        assert all(c.style is None and c.waypoints is None for c in diagram.connectors)
        text = dumps(diagram)
        assert '"style"' not in text and "waypoints" not in text and "connector_style" not in text
        assert dumps(parse(text, "t.mlsd.json")) == text


def test_straight_and_no_waypoints_are_written_one_way() -> None:
    """The design's "straight" is its default and left out; an empty waypoint list is no list."""
    diagram = small("straight", waypoints=[])
    assert diagram.connector_style is None and diagram.connectors[0].waypoints is None
    assert dumps(diagram) == dumps(small())


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([None, "straight", "elbow"]), st.sampled_from([None, "elbow"]),
       st.lists(st.tuples(st.integers(-500, 900), st.integers(-500, 900)), max_size=3))
def test_styles_and_waypoints_survive_a_save_and_a_load(own: str | None, default: str | None,
                                                        points: list[tuple[int, int]]) -> None:
    diagram = small(default, own, [Waypoint(x=x, y=y) for x, y in points])
    text = dumps(diagram)
    again = parse(text, "d.mlsd.json")
    assert dumps(again) == text and again.connectors[0].style == own
    assert [(w.x, w.y) for w in again.connectors[0].waypoints or ()] == points


def test_an_elbow_connector_is_exported_along_the_engine_s_route() -> None:
    diagram = small(own="elbow", waypoints=[Waypoint(x=150, y=350)])
    svg = to_svg(diagram)
    drawn = path_points(svg, "c")
    assert rounded(drawn) == rounded(engine_route(diagram, diagram.connectors[0]))
    assert (150, 350) in drawn and len(drawn) > 2
    assert all(a[0] == b[0] or a[1] == b[1] for a, b in itertools.pairwise(drawn))


def test_the_design_default_draws_every_connector_without_a_style_square_and_a_straight_one_stays() -> None:
    diagram = small("elbow")
    diagram.connectors.append(Connector(id="s", source="b", target="a", style="straight"))
    svg = to_svg(diagram)
    assert len(path_points(svg, "c")) > 2
    assert len(path_points(svg, "s")) == 2
    assert len(path_points(to_svg(small()), "c")) == 2  # straight by default


def test_the_label_sits_on_the_route_and_the_view_box_holds_the_detour() -> None:
    diagram = small(own="elbow", waypoints=[Waypoint(x=150, y=-400)])
    svg = to_svg(diagram, SvgOptions(title=False))
    _x0, y0, _w, _h = (float(v) for v in re.search(r'viewBox="(\S+) (\S+) (\S+) (\S+)"', svg).groups())
    assert y0 < -400
    plate = group_by_id(parse_svg(svg))["label-c"].find(f"{SVG}rect")
    centre = (float(plate.get("x")) + float(plate.get("width")) / 2, float(plate.get("y")) + float(plate.get("height")) / 2)
    assert rounded([centre]) == rounded([elbow.label_point(engine_route(diagram, diagram.connectors[0]))])


def test_routes_avoid_blocks_left_out_of_the_export_as_the_canvas_does() -> None:
    """A selection's export draws the route the canvas shows: round the blocks not exported too."""
    diagram = small(own="elbow")
    whole = path_points(to_svg(diagram), "c")
    part = path_points(to_svg(diagram, SvgOptions(selection={"a", "b", "c"})), "c")
    assert whole == part and len(whole) > 2


def test_text_formats_carry_the_design_s_square_edges() -> None:
    diagram = small("elbow")
    assert to_mermaid(diagram).splitlines()[0] == '%%{init: {"flowchart": {"curve": "step"}}}%%'
    dot = to_dot(diagram)
    assert "splines=ortho" in dot and 'xlabel="rows"' in dot
    assert "splines" not in to_dot(small()) and "curve" not in to_mermaid(small())
