"""Checks every exported SVG must pass (strictly well-formed, inert), and tests that the checks bite.

The other export tests import ``parse_svg``, ``assert_inert``, ``block_texts`` and ``check_mermaid``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

SVG = "{http://www.w3.org/2000/svg}"
ALLOWED_TAGS = frozenset({
    "svg", "title", "style", "defs", "marker", "symbol", "g", "use", "rect", "path", "circle", "ellipse",
    "line", "polyline", "polygon", "text",
})


def parse_svg(svg: str) -> ET.Element:
    """Parse with a strict XML parser; no DTD, no entity declarations, encodable as UTF-8."""
    assert "<!DOCTYPE" not in svg and "<!ENTITY" not in svg
    data = svg.encode("utf-8")  # raises on a lone surrogate
    parser = ET.XMLParser()
    parser.feed(data)
    root = parser.close()
    assert root.tag == f"{SVG}svg"
    return root


def assert_inert(root: ET.Element) -> None:
    """No script, event handler, foreignObject, or reference leaving the document."""
    for element in root.iter():
        tag = element.tag.removeprefix(SVG)
        assert tag in ALLOWED_TAGS, f"unexpected element {element.tag}"
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1]
            assert not local.lower().startswith("on"), f"event attribute {name}"
            assert "javascript:" not in value.lower()
            if local == "href":
                assert value.startswith("#"), f"external reference {value!r}"
            for ref in re.findall(r"url\(([^)]*)\)", value):
                assert ref.startswith("#"), f"external url({ref})"
        if tag == "style":
            css = element.text or ""
            assert "@import" not in css and "expression(" not in css
            for ref in re.findall(r"url\(([^)]*)\)", css):
                assert ref.startswith("#"), f"external url({ref}) in CSS"


def group_by_id(root: ET.Element) -> dict[str, ET.Element]:
    return {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id")}


def block_texts(root: ET.Element, xml_id: str) -> tuple[str, list[str]]:
    """(title, label lines) of one exported block."""
    group = group_by_id(root)[xml_id]
    title = group.find(f"{SVG}title")
    lines = [t.text or "" for t in group.findall(f"{SVG}text") if t.get("class") == "l"]
    return (title.text or "") if title is not None else "", lines


_MERMAID_LINE = re.compile(
    r'%% [^\n]*'
    r'|flowchart LR'
    r'|  subgraph g\d+\["[^"]*"\]'
    r'|    n\d+'
    r'|  end'
    r'|  n\d+\["[^"]*"\]'
    r'|  n\d+ (-->|==>|-\.->)(\|"[^"]*"\|)? n\d+'
    r'|  linkStyle [\d,]+ stroke:#[0-9a-f]{6},stroke-width:2px(,stroke-dasharray:[\d. ]+)?'
    r'|  classDef \w+ fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6},stroke-width:2px,color:#[0-9a-f]{6}'
    r'|  class n\d+(,n\d+)* \w+'
)


def check_mermaid(text: str, blocks: int, connectors: int) -> None:
    """Every line is one of the statements we emit; quoted strings hold no quote and no markup but
    ``<br/>``; exactly one node statement per block and one edge per connector."""
    lines = text.rstrip("\n").split("\n")
    assert "flowchart LR" in lines
    for line in lines:
        assert _MERMAID_LINE.fullmatch(line), f"not a statement we emit: {line!r}"
        for quoted in re.findall(r'"([^"]*)"', line):
            assert "<" not in quoted.replace("<br/>", "")
            assert ">" not in quoted.replace("<br/>", "")
            assert "`" not in quoted
    assert sum(bool(re.fullmatch(r'  n\d+\["[^"]*"\]', line)) for line in lines) == blocks
    assert sum(bool(re.fullmatch(r"  n\d+ (-->|==>|-\.->).*", line)) for line in lines) == connectors


# ----- the checks themselves must fail on bad input ----------------------------------------------

BAD_SVGS = [
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><rect onload="x()"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><use href="http://evil/x.svg#a"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(http://evil/p)"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><style>@import "http://evil/x.css";</style></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><use x:href="javascript:x"/></svg>',
]
MALFORMED = [
    '<svg xmlns="http://www.w3.org/2000/svg"><text>a & b</text></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><text>\x01</text></svg>',
    '<!DOCTYPE svg [<!ENTITY e "x">]><svg xmlns="http://www.w3.org/2000/svg"/>',
    '<svg xmlns="http://www.w3.org/2000/svg"><text>\ud800</text></svg>',
]


@pytest.mark.parametrize("svg", BAD_SVGS)
def test_inertness_check_rejects_active_content(svg: str) -> None:
    with pytest.raises(AssertionError):
        assert_inert(parse_svg(svg))


@pytest.mark.parametrize("svg", MALFORMED)
def test_parse_check_rejects_malformed_xml(svg: str) -> None:
    with pytest.raises((AssertionError, ET.ParseError, UnicodeEncodeError)):
        parse_svg(svg)


def test_mermaid_check_rejects_an_injected_statement() -> None:
    good = 'flowchart LR\n  n0["a"]\n  n1["b"]\n  n0 --> n1\n'
    check_mermaid(good, 2, 1)
    with pytest.raises(AssertionError):
        check_mermaid('flowchart LR\n  n0["a"]\n  click n0 call evil()\n', 1, 0)
    with pytest.raises(AssertionError):
        check_mermaid('flowchart LR\n  n0["a<script>"]\n', 1, 0)
