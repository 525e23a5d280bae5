"""The SVG writer: structure, labels as real text, icons, arrowheads, options, viewBox, no Qt needed."""

from __future__ import annotations

import re
import subprocess
import sys
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from components import style
from components.catalog import KINDS, spec
from components.export import SvgOptions, to_svg
from components.export.svg_text import clean
from components.model import Block, Connector, Diagram, Group, Note
from components.synthetic import synthetic_diagram
from tests.core.test_export_checks import SVG, assert_inert, block_texts, group_by_id, parse_svg

NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")


def small_diagram() -> Diagram:
    blocks = [
        Block(id="client", kind="client", label="Mobile app", x=0, y=0),
        Block(id="rank", kind="ranking", label="Ranking model with a rather long label", x=240, y=0),
        Block(id="fs", kind="feature_store", label="Online\nfeatures", x=240, y=200),
        Block(id="mon", kind="monitoring", label="", x=520, y=0, width=200, height=120),
        Block(id="odd:id", kind="custom", label="colon", x=520, y=200),
        Block(id="odd_id", kind="custom", label="underscore", x=760, y=200),
    ]
    connectors = [
        Connector(id="c1", source="client", target="rank", flow="request", label="HTTPS"),
        Connector(id="c2", source="fs", target="rank", flow="data"),
        Connector(id="c3", source="rank", target="fs", flow="feedback"),
        Connector(id="c4", source="rank", target="mon", flow="observe"),
        Connector(id="c5", source="mon", target="mon", flow="data"),
    ]
    return Diagram(title="Small & <plain>", blocks=blocks, connectors=connectors,
                   notes=[Note(id="n1", text="a note", x=0, y=200)],
                   groups=[Group(id="g1", label="Serving", x=-20, y=-40, width=480, height=160,
                                 members=["client", "rank"], stage=6)])


@pytest.mark.parametrize("diagram", [small_diagram(), synthetic_diagram(60, seed=3)], ids=["small", "synthetic"])
def test_one_group_per_block_and_connector_and_every_label_is_text(diagram: Diagram) -> None:
    root = parse_svg(to_svg(diagram))
    assert_inert(root)
    groups = group_by_id(root)
    assert all(NCNAME.match(key) for key in groups)
    block_groups = [key for key in groups if key.startswith("block-")]
    conn_groups = [key for key in groups if key.startswith("conn-")]
    assert len(block_groups) == len(diagram.blocks)
    assert len(conn_groups) == len(diagram.connectors)
    for block, xml_id in zip(diagram.blocks, block_groups, strict=True):  # drawn in model order
        assert xml_id.startswith(f"block-{block.id.replace(':', '_')}")
        title, lines = block_texts(root, xml_id)
        width, height = style.block_size(block.kind, block.width, block.height)
        assert lines == style.block_label_lines(block.label, width, height)
        assert title.endswith(f"({spec(block.kind).name})") or title == spec(block.kind).name
        if block.label:
            assert " ".join(block.label.split()) in title


def test_ids_are_unique_even_when_sanitising_makes_them_clash() -> None:
    root = parse_svg(to_svg(small_diagram()))
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    assert len(ids) == len(set(ids))
    assert {"block-odd_id", "block-odd_id-2"} <= set(ids)


def test_icons_are_inlined_once_per_kind_and_every_reference_resolves() -> None:
    diagram = synthetic_diagram(60)
    root = parse_svg(to_svg(diagram))
    ids = {element.get("id") for element in root.iter() if element.get("id")}
    symbols = [s.get("id") for s in root.iter(f"{SVG}symbol")]
    assert len(symbols) == len(set(symbols))
    kinds_with_icons = {b.kind for b in diagram.blocks if spec(b.kind).icon_path.exists()}
    assert set(symbols) == {f"icon-{kind}" for kind in kinds_with_icons}
    for use in root.iter(f"{SVG}use"):
        assert use.get("href")[1:] in ids


def test_missing_icon_files_are_skipped(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    import components.catalog.kinds as kinds

    monkeypatch.setattr(kinds, "ICON_DIR", tmp_path)
    svg = to_svg(small_diagram())
    root = parse_svg(svg)
    assert not list(root.iter(f"{SVG}symbol"))
    assert "#icon-" not in svg


def test_hostile_icon_files_are_reduced_to_whitelisted_shapes(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    import components.catalog.kinds as kinds

    monkeypatch.setattr(kinds, "ICON_DIR", tmp_path)
    (tmp_path / "ranking.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 24 24" '
        'stroke="currentColor" fill="none" onload="alert(1)">'
        '<script>alert(1)</script><path d="M1 1L23 23" onclick="x()" style="fill:url(http://evil)"/>'
        '<circle cx="12" cy="12" r="4" fill="url(http://evil/p)"/><foreignObject><p>x</p></foreignObject>'
        '<image href="http://evil/i.png"/><use xlink:href="http://evil/x.svg#a"/><a href="javascript:x()">'
        '<rect x="1" y="1" width="2" height="2"/></a><g transform="rotate(45 12 12)"><line x1="0" y1="0" '
        'x2="4" y2="4"/></g></svg>', encoding="utf-8")
    (tmp_path / "client.svg").write_text('<!DOCTYPE svg [<!ENTITY e "x">]><svg xmlns="http://www.w3.org/2000/svg">'
                                         '<path d="M0 0"/></svg>', encoding="utf-8")
    root = parse_svg(to_svg(small_diagram()))
    assert_inert(root)
    symbols = {s.get("id"): s for s in root.iter(f"{SVG}symbol")}
    assert set(symbols) == {"icon-ranking"}
    tags = [e.tag.removeprefix(SVG) for e in symbols["icon-ranking"].iter()]
    assert tags == ["symbol", "g", "path", "circle", "g", "line"]
    stroke = symbols["icon-ranking"].find(f"{SVG}g").get("stroke")
    assert stroke == style.kind_colour("ranking")
    assert symbols["icon-ranking"].find(f".//{SVG}circle").get("fill") is None


def test_one_marker_per_flow_used_and_connector_classes_point_at_them() -> None:
    diagram = small_diagram()
    svg = to_svg(diagram)
    root = parse_svg(svg)
    markers = {m.get("id") for m in root.iter(f"{SVG}marker")}
    flows = {c.flow for c in diagram.connectors}
    assert markers == {f"arrow-{flow}" for flow in flows}
    css = root.find(f"{SVG}style").text
    for flow in flows:
        rule = re.search(rf"\.f-{flow}\{{([^}}]*)\}}", css).group(1)
        assert f"marker-end:url(#arrow-{flow})" in rule
        assert f"stroke:{style.flow_colour(flow)}" in rule
        dash = style.FLOW_STYLES[flow].dash
        assert ("stroke-dasharray" in rule) == bool(dash)
    groups = group_by_id(root)
    for connector in diagram.connectors:
        path = groups[f"conn-{connector.id}"].find(f"{SVG}path")
        assert path.get("class") == f"f-{connector.flow}"


def test_connector_ends_touch_both_block_borders() -> None:
    diagram = small_diagram()
    root = parse_svg(to_svg(diagram))
    groups = group_by_id(root)
    blocks = {b.id: b for b in diagram.blocks}
    for connector in diagram.connectors:
        if connector.source == connector.target:
            continue
        d = groups[f"conn-{connector.id}"].find(f"{SVG}path").get("d")
        x1, y1, x2, y2 = map(float, re.fullmatch(r"M(\S+) (\S+)L(\S+) (\S+)", d).groups())
        for (x, y), block in (((x1, y1), blocks[connector.source]), ((x2, y2), blocks[connector.target])):
            width, height = style.block_size(block.kind, block.width, block.height)
            inside = block.x - 0.1 <= x <= block.x + width + 0.1 and block.y - 0.1 <= y <= block.y + height + 0.1
            on_edge = min(abs(x - block.x), abs(x - block.x - width), abs(y - block.y),
                          abs(y - block.y - height)) < 2.5
            assert inside and on_edge, (connector.id, x, y)


def test_connector_labels_sit_above_the_blocks_on_a_plate() -> None:
    root = parse_svg(to_svg(small_diagram()))
    order = list(group_by_id(root))
    assert order.index("label-c1") > max(i for i, key in enumerate(order) if key.startswith("block-"))
    label = group_by_id(root)["label-c1"]
    assert [t.text for t in label.iter(f"{SVG}text")] == ["HTTPS"]
    plate = label.find(f"{SVG}rect")
    assert plate.get("class") == "cp" and float(plate.get("width")) > style.text_width("HTTPS", 11)


def test_view_box_fits_content_plus_margin() -> None:
    diagram = small_diagram()
    root = parse_svg(to_svg(diagram, SvgOptions(title=False)))
    x0, y0, width, height = map(float, root.get("viewBox").split())
    assert (float(root.get("width")), float(root.get("height"))) == (width, height)
    margin = style.EXPORT_MARGIN
    lefts = [b.x for b in diagram.blocks] + [g.x for g in diagram.groups] + [n.x for n in diagram.notes]
    tops = [b.y for b in diagram.blocks] + [g.y for g in diagram.groups] + [n.y for n in diagram.notes]
    rights = [b.x + style.block_size(b.kind, b.width, b.height)[0] for b in diagram.blocks]
    bottoms = [b.y + style.block_size(b.kind, b.width, b.height)[1] for b in diagram.blocks]
    assert x0 == pytest.approx(min(lefts) - margin, abs=1)
    assert y0 == pytest.approx(min(tops) - margin, abs=1)
    assert x0 + width >= max(rights) + margin
    assert y0 + height >= max(bottoms) + margin
    assert x0 + width <= max(rights) + margin + 60  # the self-loop bulges out a little, nothing more


def test_title_option_and_background_option() -> None:
    diagram = small_diagram()
    with_title = parse_svg(to_svg(diagram))
    titles = [t for t in with_title.iter(f"{SVG}text") if t.get("class") == "t"]
    assert [t.text for t in titles] == ["Small & <plain>"]
    assert with_title.find(f"{SVG}title").text == "Small & <plain>"
    without = parse_svg(to_svg(diagram, SvgOptions(title=False, background="transparent")))
    assert not [t for t in without.iter(f"{SVG}text") if t.get("class") == "t"]
    assert not [r for r in without.iter(f"{SVG}rect") if r.get("class") == "bg"]
    assert [r for r in with_title.iter(f"{SVG}rect") if r.get("class") == "bg"]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_theme_colours(theme: str) -> None:
    svg = to_svg(small_diagram(), SvgOptions(theme=theme))
    palette = style.theme(theme)
    assert f".bg{{fill:{palette.background}}}" in svg
    assert f"fill=\"{style.kind_colour('ranking', theme)}\"" in svg  # the stage bar
    assert style.flow_colour("request", theme) in svg


def badge_of(root, block_id: str) -> str | None:
    """The severity class of the badge a block shows, following its ``<use>`` references (block ->
    its template -> a badge symbol)."""
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    pending, seen = [by_id[f"block-{block_id}"]], set()
    while pending:
        element = pending.pop()
        for child in element.iter():
            if child.tag == f"{SVG}circle" and (child.get("class") or "").startswith("e-"):
                return child.get("class")
            href = (child.get("href") or "").lstrip("#")
            if child.tag == f"{SVG}use" and href in by_id and href not in seen:
                seen.add(href)
                pending.append(by_id[href])
    return None


def test_findings_badges_show_the_worst_severity_per_block() -> None:
    findings = [SimpleNamespace(severity="warning", blocks=["rank", "fs"]),
                SimpleNamespace(severity="error", blocks=["rank"]),
                SimpleNamespace(severity="info", blocks=["not-a-block"])]
    root = parse_svg(to_svg(small_diagram(), SvgOptions(findings=findings)))
    assert badge_of(root, "rank") == "e-error"
    assert badge_of(root, "fs") == "e-warning"
    assert badge_of(root, "client") is None
    titles = {g.get("id"): g.find(f"{SVG}title").text for g in root.iter(f"{SVG}g") if g.get("id", "").startswith("block-")}
    assert titles["block-rank"].endswith(": 2 findings, worst: error")
    assert titles["block-fs"].endswith(": 1 warning finding")
    plain = parse_svg(to_svg(small_diagram()))
    assert not [c for c in plain.iter(f"{SVG}circle") if (c.get("class") or "").startswith("e-")]
    assert not [s for s in plain.iter(f"{SVG}symbol") if s.get("id", "").startswith("badge-")]


def test_badges_are_one_symbol_per_severity_referenced_by_use() -> None:
    """A finding on every block: one badge symbol per severity, none drawn per block, and the export
    of a 5,100-block design stays within the size budget (DESIGN.md section 7)."""
    diagram = synthetic_diagram(5_100)
    severities = ("error", "warning", "info", "surprising")  # an unknown severity badges as info
    findings = [SimpleNamespace(severity=severities[i % 4], blocks=[b.id]) for i, b in enumerate(diagram.blocks)]
    svg = to_svg(diagram, SvgOptions(findings=findings))
    assert len(svg.encode("utf-8")) <= 1_500_000
    root = parse_svg(svg)
    assert sorted(s.get("id") for s in root.iter(f"{SVG}symbol") if s.get("id").startswith("badge-")) == [
        "badge-error", "badge-info", "badge-warning"]
    assert len([c for c in root.iter(f"{SVG}circle") if (c.get("class") or "").startswith("e-")]) == 3
    assert badge_of(root, diagram.blocks[3].id) == "e-info"


def test_selection_exports_only_the_chosen_items() -> None:
    root = parse_svg(to_svg(small_diagram(), SvgOptions(selection={"rank", "fs", "n1"})))
    keys = set(group_by_id(root))
    assert {k for k in keys if k.startswith("block-")} == {"block-rank", "block-fs"}
    assert {k for k in keys if k.startswith("conn-")} == {"conn-c2", "conn-c3"}
    assert "note-n1" in keys and "group-g1" not in keys


def test_a_selected_group_brings_its_members() -> None:
    root = parse_svg(to_svg(small_diagram(), SvgOptions(selection={"g1"})))
    keys = set(group_by_id(root))
    assert {k for k in keys if k.startswith("block-")} == {"block-client", "block-rank"}
    assert {"group-g1", "conn-c1"} <= keys


def test_empty_selection_and_empty_diagram_still_make_a_valid_picture() -> None:
    for svg in (to_svg(Diagram()), to_svg(small_diagram(), SvgOptions(selection=set()))):
        root = parse_svg(svg)
        assert float(root.get("width")) > 0 and float(root.get("height")) > 0


def test_bad_options_are_refused() -> None:
    with pytest.raises(ValueError, match="theme"):
        SvgOptions(theme="sepia")  # type: ignore[arg-type]  # the test: a wrong theme is refused
    with pytest.raises(ValueError, match="background"):
        SvgOptions(background="black")  # type: ignore[arg-type]  # the test: a wrong background is refused


def test_output_is_deterministic_and_compact() -> None:
    diagram = synthetic_diagram(200)
    first, second = to_svg(diagram), to_svg(diagram)
    assert first == second
    assert not re.search(r"\d\.\d\d", first.split("</defs>", 1)[1])  # one decimal at most
    body = first.split("</defs>", 1)[1]  # icons and markers are written once, whatever the size
    assert len(body.encode()) < 200 * 300  # well under the 1.5 MB per 5,000 blocks budget


def test_every_kind_draws() -> None:
    blocks = [Block(id=f"b{i}", kind=kind, label=kind, x=(i % 6) * 200, y=(i // 6) * 100)
              for i, kind in enumerate(KINDS)]
    root = parse_svg(to_svg(Diagram(blocks=blocks)))
    assert len([k for k in group_by_id(root) if k.startswith("block-")]) == len(KINDS)


def test_core_export_runs_where_pyside6_cannot_be_imported() -> None:
    code = (
        "import sys; sys.modules['PySide6'] = None\n"
        "from components.export import to_svg, to_mermaid, to_dot\n"
        "from components.synthetic import synthetic_diagram\n"
        "d = synthetic_diagram(20); to_svg(d); to_mermaid(d); to_dot(d)\n"
        "assert not any(m.startswith(('PySide6', 'app')) for m in sys.modules if sys.modules[m] is not None)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_clean_replaces_what_xml_forbids() -> None:
    assert clean("a\x00b\x1fc\ud800d\ufffee\uffff\tf\ng") == "a\ufffdb\ufffdc\ufffdd\ufffde\ufffd f g"
    assert clean("\U0001f680 \u202e ok") == "\U0001f680 \u202e ok"


@given(st.floats(min_value=-1e7, max_value=1e7), st.floats(min_value=-1e7, max_value=1e7))
def test_coordinate_pairs_are_formatted_like_single_coordinates(x: float, y: float) -> None:
    from components.export.geometry import fmt
    from components.export.svg import _pair

    assert _pair(x, y) == f"{fmt(x)} {fmt(y)}"
