"""Block icons: one per catalog kind, in the strict format the exporter and the canvas rely on."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from components.catalog import ICON_DIR, KINDS

SVG_NS = "{http://www.w3.org/2000/svg}"
SHAPES = {"path", "circle", "rect", "line", "polyline", "polygon", "ellipse"}
ROOT_ATTRS = {
    "viewBox": "0 0 24 24", "fill": "none", "stroke": "currentColor", "stroke-width": "1.75",
    "stroke-linecap": "round", "stroke-linejoin": "round",
}
NUMERIC = {"cx", "cy", "r", "rx", "ry", "x", "y", "x1", "y1", "x2", "y2", "width", "height"}


def test_one_icon_per_kind_and_no_strays() -> None:
    assert {p.stem for p in ICON_DIR.glob("*.svg")} == set(KINDS)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_icon_format(kind: str) -> None:
    text = (ICON_DIR / f"{kind}.svg").read_text(encoding="utf-8")
    assert not text.lstrip().startswith("<?xml") and "<!--" not in text
    root = ET.fromstring(text)
    assert root.tag == f"{SVG_NS}svg"
    for name, value in ROOT_ATTRS.items():
        assert root.get(name) == value, name
    children = list(root)
    assert 1 <= len(children) <= 8
    for child in root.iter():
        if child is root:
            continue
        assert child.tag.removeprefix(SVG_NS) in SHAPES, child.tag
        assert not {"id", "class", "style", "transform"} & set(child.attrib)
        assert not any(a.startswith("on") or "href" in a for a in child.attrib)
        assert child.get("fill") in (None, "none", "currentColor")
        assert not (child.text or "").strip()
        for name in NUMERIC & set(child.attrib):
            assert 0 <= float(child.get(name)) <= 24, (name, child.get(name))
        for number in re.findall(r"-?\d+(?:\.\d+)?", child.get("points", "")):
            assert 0 <= float(number) <= 24
