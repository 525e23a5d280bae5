"""Mermaid and DOT exports: one node per block, one edge per connector, labels that round-trip."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from components import style
from components.catalog import spec
from components.export import to_dot, to_mermaid
from components.export.dot import dot_string
from components.export.mermaid import mermaid_text
from components.model import Block, Connector, Diagram, Group
from components.synthetic import synthetic_diagram
from tests.core.test_export_checks import check_mermaid

DOT = shutil.which("dot")
needs_dot = pytest.mark.skipif(DOT is None, reason="Graphviz `dot` is not installed")


def decode_mermaid(text: str) -> str:
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), text.replace("<br/>", "\n"))


def run_dot(source: str) -> ET.Element:
    """Render DOT to SVG with Graphviz; the exit code must be 0. Returns the parsed SVG."""
    result = subprocess.run([DOT, "-Tsvg"], input=source.encode("utf-8"), capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    return ET.fromstring(result.stdout)


def dot_nodes_and_edges(svg: ET.Element) -> tuple[list[ET.Element], list[ET.Element]]:
    ns = "{http://www.w3.org/2000/svg}"
    groups = list(svg.iter(f"{ns}g"))
    return [g for g in groups if g.get("class") == "node"], [g for g in groups if g.get("class") == "edge"]


def labelled() -> Diagram:
    return Diagram(
        title="Labels",
        blocks=[Block(id="a", kind="client", label="App"), Block(id="b", kind="ranking", label="Rank\nmodel"),
                Block(id="c", kind="monitoring", label="")],
        connectors=[Connector(id="e1", source="a", target="b", flow="request", label="calls"),
                    Connector(id="e2", source="b", target="c", flow="observe")],
        groups=[Group(id="g", label="Serving", members=["a", "b"])],
    )


def test_mermaid_has_one_node_per_block_and_one_edge_per_connector() -> None:
    diagram = synthetic_diagram(40)
    text = to_mermaid(diagram)
    check_mermaid(text, len(diagram.blocks), len(diagram.connectors))
    assert "flowchart LR" in text.splitlines()


def test_mermaid_labels_and_flows() -> None:
    text = to_mermaid(labelled())
    check_mermaid(text, 3, 2)
    lines = text.splitlines()
    assert '  n1["Rank<br/>model<br/>(Ranking)"]' in lines
    assert '  n2["Monitoring"]' in lines
    assert '  n0 -->|"calls"| n1' in lines
    assert "  n1 -.-> n2" in lines
    assert f"  linkStyle 1 stroke:{style.flow_colour('observe')},stroke-width:2px,stroke-dasharray:1.5 3" in lines
    assert '  subgraph g0["Serving"]' in lines


@pytest.mark.parametrize("label", ['say "hi"', "a<b>c", "x & y", "[brackets] {braces} |pipe|", "semi;colon",
                                   "#35; literal", "`tick`", "line1\nline2", "%% not a comment", "end", "🚀 ok"])
def test_mermaid_text_round_trips(label: str) -> None:
    encoded = mermaid_text(label)
    assert '"' not in encoded and "\n" not in encoded
    assert decode_mermaid(encoded) == label


def test_dot_string_escapes_backslash_quote_and_newlines() -> None:
    assert dot_string('a"b') == '"a\\"b"'
    assert dot_string("a\\nb") == '"a\\\\nb"'
    assert dot_string("one\ntwo\r\nthree") == '"one\\ntwo\\nthree"'
    assert dot_string("bell\x07") == '"bell"'


@needs_dot
def test_dot_renders_with_graphviz_one_node_per_block_and_one_edge_per_connector() -> None:
    diagram = synthetic_diagram(40)
    nodes, edges = dot_nodes_and_edges(run_dot(to_dot(diagram)))
    assert len(nodes) == len(diagram.blocks)
    assert len(edges) == len(diagram.connectors)
    ns = "{http://www.w3.org/2000/svg}"
    assert {n.find(f"{ns}title").text for n in nodes} == {b.id for b in diagram.blocks}


@needs_dot
def test_dot_labels_show_as_written() -> None:
    svg = run_dot(to_dot(labelled()))
    ns = "{http://www.w3.org/2000/svg}"
    texts = [t.text for t in svg.iter(f"{ns}text")]
    assert ["Rank", "model", f"({spec('ranking').name})"] == [t for t in texts if t in ("Rank", "model", "(Ranking)")]
    assert "calls" in texts
    assert "Serving" in texts


def test_text_exports_of_an_empty_diagram() -> None:
    check_mermaid(to_mermaid(Diagram()), 0, 0)
    assert to_dot(Diagram()).startswith("digraph mlsd {")
