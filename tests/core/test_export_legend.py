"""The legend of the five flows: drawn under the diagram as the connectors are, only when asked for."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from components import style
from components.export import SvgOptions, to_svg
from components.export.legend import legend_layout, legend_rows
from components.export.svg_style import FLOW_CLASS, marker_id
from components.model import Block, Connector, Diagram
from components.templates import load_template
from tests.core.test_export_checks import SVG, assert_inert, group_by_id, parse_svg


def one_flow() -> Diagram:
    return Diagram(blocks=[Block(id="a", kind="client", x=0, y=0), Block(id="b", kind="ranking", x=300, y=0)],
                   connectors=[Connector(id="c", source="a", target="b", flow="request")])


def test_rows_are_the_five_flows_in_file_format_order_with_their_meaning() -> None:
    rows = legend_rows()
    assert [row.flow for row in rows] == list(style.FLOW_STYLES)
    assert rows[0].text == "Request: online call path"
    assert all(row.meaning == style.FLOW_STYLES[row.flow].description for row in rows)


def test_the_legend_draws_a_sample_of_every_flow_with_its_own_class_and_marker() -> None:
    svg = to_svg(one_flow(), SvgOptions(legend=True))
    root = parse_svg(svg)
    assert_inert(root)
    legend = group_by_id(root)["legend"]
    samples = legend.findall(f"{SVG}path")
    assert [path.get("class") for path in samples] == [FLOW_CLASS[flow] for flow in style.FLOW_STYLES]
    texts = [text.text for text in legend.findall(f"{SVG}text")]
    assert texts == ["Connector flows", *(row.text for row in legend_rows())]
    for flow in style.FLOW_STYLES:  # markers and styles for every flow, though the diagram uses one
        assert f'id="{marker_id(flow)}"' in svg and f".{FLOW_CLASS[flow]}{{" in svg


def test_the_view_box_grows_to_hold_the_legend_under_the_diagram() -> None:
    plain = parse_svg(to_svg(one_flow()))
    with_legend = parse_svg(to_svg(one_flow(), SvgOptions(legend=True)))
    _x0, y0, width, height = (float(v) for v in with_legend.get("viewBox").split())
    _, _, _, plain_height = (float(v) for v in plain.get("viewBox").split())
    layout = legend_layout()
    assert height >= plain_height + layout.height and width >= layout.width
    transform = group_by_id(with_legend)["legend"].get("transform")
    legend_y = float(transform.split()[-1].rstrip(")"))
    assert legend_y + layout.height <= y0 + height


def test_no_legend_unless_asked_and_an_empty_design_gets_one_at_the_origin() -> None:
    assert 'id="legend"' not in to_svg(one_flow())
    assert ".f-data{" not in to_svg(one_flow())  # unchanged export: only the flows used are styled
    empty = parse_svg(to_svg(Diagram(), SvgOptions(legend=True)))
    assert group_by_id(empty)["legend"].get("transform") == "translate(0 0)"


@pytest.mark.skipif(shutil.which("rsvg-convert") is None, reason="librsvg's rsvg-convert is not installed")
def test_an_independent_renderer_reads_the_legend(tmp_path) -> None:
    path = tmp_path / "legend.svg"
    path.write_text(to_svg(load_template("video-recommendation"), SvgOptions(legend=True, theme="dark")),
                    encoding="utf-8")
    run = subprocess.run(["rsvg-convert", str(path), "-o", str(tmp_path / "legend.png")], capture_output=True,
                         timeout=60, check=False)
    assert run.returncode == 0 and (tmp_path / "legend.png").stat().st_size > 0
