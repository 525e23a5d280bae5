"""Hostile text in every place a person can type: the SVG stays well-formed and inert, Mermaid and
DOT stay valid (Graphviz renders the DOT), and no label can add a node, an edge or markup."""

from __future__ import annotations

import json
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components import style
from components.export import SvgOptions, to_dot, to_mermaid, to_svg
from components.export.svg_text import clean
from components.model import Block, Connector, Diagram, Group, Note
from components.model.elements import LABEL_MAX
from tests.core.test_export_checks import SVG, assert_inert, block_texts, check_mermaid, group_by_id, parse_svg
from tests.core.test_export_text import dot_nodes_and_edges, run_dot

HOSTILE = [
    'He said "hi" & \'bye\'',
    "<script>alert(1)</script>",
    "&amp; &lt; &#x41; &unknown; &",
    "]]> <![CDATA[ x ]]>",
    "".join(chr(i) for i in range(32)),
    "a\ufffe b\uffff c",
    "مرحبا بالعالم עברית",
    "🚀🔥 emoji 👩‍👩‍👧 and CJK 漢字",
    "x" * LABEL_MAX,
    "line1\nline2\r\nline3\rline4\n\nline6",
    '<b onclick="evil()">bold</b><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{braces} [brackets] (parens) |pipes| ;semi; %% comment",
    "A-->B; click A call evil()\nB-->C",
    '"]; evil [label="x"]; "',
    "\\N \\G \\L backslashes \\",
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]>&e;',
    '<svg><foreignObject><iframe src="https://evil"/></foreignObject></svg>',
    'xlink:href="http://evil" href=x style="fill:url(http://evil)"',
    "\u202e RTL override \u200b zero width \u2028 line separator",
    "   ",
    "",
]
LONE_SURROGATES = json.loads('"lone \\ud800 high and \\udfff low"')
DOT_AVAILABLE = shutil.which("dot") is not None


def hostile_diagram(text: str) -> Diagram:
    """``text`` as every kind of user text: block labels, connector labels, a note, a group, the title."""
    blocks = [Block(id="a", kind="client", label=text), Block(id="b", kind="ranking", label=text, x=300),
              Block(id="c", kind="custom", label=text, x=300, y=200, width=240, height=120)]
    connectors = [Connector(id="ab", source="a", target="b", flow="request", label=text),
                  Connector(id="bc", source="b", target="c", flow="observe", label=text),
                  Connector(id="cc", source="c", target="c", flow="data", label=text)]
    return Diagram(title=text[:500], blocks=blocks, connectors=connectors,
                   notes=[Note(id="n", text=text * 20, x=0, y=200)],
                   groups=[Group(id="g", label=text, x=-20, y=-40, width=600, height=160, members=["a", "b"])])


def check_svg(diagram: Diagram, **options) -> None:
    root = parse_svg(to_svg(diagram, SvgOptions(**options)))
    assert_inert(root)
    groups = group_by_id(root)
    for block in diagram.blocks:
        title, lines = block_texts(root, f"block-{block.id}")
        width, height = style.block_size(block.kind, block.width, block.height)
        assert lines == [clean(line) for line in style.block_label_lines(block.label, width, height)]
        label = " ".join(clean(block.label).split())
        if label:
            assert title.startswith(label)
    for connector in diagram.connectors:
        assert f"conn-{connector.id}" in groups
    assert len([key for key in groups if key.startswith("block-")]) == len(diagram.blocks)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_gives_well_formed_inert_svg(text: str) -> None:
    diagram = hostile_diagram(text)
    check_svg(diagram)
    check_svg(diagram, theme="dark", background="transparent", title=False)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_gives_valid_mermaid(text: str) -> None:
    check_mermaid(to_mermaid(hostile_diagram(text)), blocks=3, connectors=3)


@pytest.mark.skipif(not DOT_AVAILABLE, reason="Graphviz `dot` is not installed")
@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_gives_dot_that_graphviz_renders_unchanged_in_shape(text: str) -> None:
    nodes, edges = dot_nodes_and_edges(run_dot(to_dot(hostile_diagram(text))))
    assert len(nodes) == 3
    assert len(edges) == 3


def test_a_ten_thousand_character_note_is_wrapped_and_cut() -> None:
    text = ("word " * 2000).strip()
    diagram = Diagram(notes=[Note(id="n", text=text, width=200, height=100)])
    root = parse_svg(to_svg(diagram))
    lines = [t.text for t in group_by_id(root)["note-n"].iter(f"{SVG}text")]
    assert 1 <= len(lines) <= 10
    assert lines[-1].endswith("…")


def test_lone_surrogates_that_bypassed_validation_are_replaced() -> None:
    # the model refuses them on load; the writer must still never emit them
    block = Block.model_construct(id="a", kind="ranking", label=LONE_SURROGATES, x=0, y=0)
    connector = Connector.model_construct(id="c", source="a", target="a", flow="data", label=LONE_SURROGATES)
    diagram = Diagram.model_construct(title=LONE_SURROGATES, blocks=[block], connectors=[connector], notes=[],
                                      groups=[])
    svg = to_svg(diagram)
    root = parse_svg(svg)
    assert_inert(root)
    assert "\ufffd" in svg
    to_mermaid(diagram).encode("utf-8")
    to_dot(diagram).encode("utf-8")


labels = st.text(max_size=LABEL_MAX)


@settings(max_examples=60)
@given(labels, labels)
def test_any_text_gives_well_formed_inert_svg_and_valid_mermaid(first: str, second: str) -> None:
    blocks = [Block(id="a", kind="data_store", label=first), Block(id="b", kind="cache", label=second, x=250)]
    diagram = Diagram(title=first[:500], blocks=blocks,
                      connectors=[Connector(id="c", source="a", target="b", label=second)],
                      notes=[Note(id="n", text=second, y=150)], groups=[Group(id="g", label=first)])
    check_svg(diagram)
    check_mermaid(to_mermaid(diagram), blocks=2, connectors=1)
