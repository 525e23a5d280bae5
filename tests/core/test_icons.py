"""The block icon set: one strict, tiny SVG per catalog kind.

The SVG exporter inlines these files as <symbol>s and the canvas renders them with QSvgRenderer
after swapping `currentColor` for the stage colour, so anything beyond plain shapes would break
one of the two (ids collide when inlined, <style> leaks into the page, transforms and text render
differently). These tests keep the set inside that contract.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from components.catalog.kinds import ICON_DIR, KINDS

SVG_NS = "http://www.w3.org/2000/svg"
ROOT_ATTRS = {
    "viewBox": "0 0 24 24",
    "fill": "none",
    "stroke": "currentColor",
    "stroke-width": "1.75",
    "stroke-linecap": "round",
    "stroke-linejoin": "round",
}
SHAPES = {"path", "circle", "rect", "line", "polyline", "polygon", "ellipse"}
SHAPE_ATTRS = {
    "path": {"d"},
    "circle": {"cx", "cy", "r"},
    "rect": {"x", "y", "width", "height", "rx", "ry"},
    "line": {"x1", "y1", "x2", "y2"},
    "polyline": {"points"},
    "polygon": {"points"},
    "ellipse": {"cx", "cy", "rx", "ry"},
}
STYLE_ATTRS = {"fill", "stroke-dasharray"}
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
ARITY = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}


def path_points(d: str) -> list[tuple[float, float]]:
    """Absolute end and control points of a path, so relative commands are checked too."""
    tokens = re.findall(r"[MLHVCSQTAZmlhvcsqtaz]|" + NUMBER.pattern, d)
    points: list[tuple[float, float]] = []
    x = y = start_x = start_y = 0.0
    command = ""
    i = 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "Zz":
                x, y = start_x, start_y
                continue
        upper = command.upper()
        if not command or upper == "Z":
            raise ValueError(f"numbers without a command in {d!r}")
        args = [float(t) for t in tokens[i : i + ARITY[upper]]]
        if len(args) != ARITY[upper] or any(t.isalpha() for t in tokens[i : i + ARITY[upper]]):
            raise ValueError(f"short argument list for {command} in {d!r}")
        i += ARITY[upper]
        relative = command.islower()
        if upper == "H":
            x = args[0] + (x if relative else 0)
        elif upper == "V":
            y = args[0] + (y if relative else 0)
        elif upper == "A":
            x, y = args[5] + (x if relative else 0), args[6] + (y if relative else 0)
        else:
            pairs = [(args[k], args[k + 1]) for k in range(0, len(args), 2)]
            base_x, base_y = (x, y) if relative else (0.0, 0.0)
            for px, py in pairs[:-1]:
                points.append((px + base_x, py + base_y))
            x, y = pairs[-1][0] + base_x, pairs[-1][1] + base_y
        points.append((x, y))
        if upper == "M":
            start_x, start_y = x, y
            command = "l" if relative else "L"  # extra pairs after a move are line-tos
    return points


def shape_points(tag: str, attrs: dict[str, str]) -> list[tuple[float, float]]:
    """The extreme points a shape reaches, for the inside-the-viewBox check."""
    num = {k: float(v) for k, v in attrs.items() if k in SHAPE_ATTRS[tag] - {"d", "points"}}
    if tag == "path":
        return path_points(attrs["d"])
    if tag in ("polyline", "polygon"):
        values = [float(v) for v in NUMBER.findall(attrs["points"])]
        assert len(values) % 2 == 0 and len(values) >= 4, attrs["points"]
        return list(zip(values[::2], values[1::2], strict=True))
    if tag == "line":
        return [(num["x1"], num["y1"]), (num["x2"], num["y2"])]
    if tag == "rect":
        return [(num["x"], num["y"]), (num["x"] + num["width"], num["y"] + num["height"])]
    rx = num.get("r", num.get("rx", 0.0))
    ry = num.get("r", num.get("ry", 0.0))
    return [(num["cx"] - rx, num["cy"] - ry), (num["cx"] + rx, num["cy"] + ry)]


def icon_files() -> list[Path]:
    return sorted(ICON_DIR.glob("*.svg"))


def test_every_kind_has_an_icon() -> None:
    missing = [kind for kind, spec in KINDS.items() if not spec.icon_path.is_file()]
    assert missing == []
    assert len(KINDS) == 26 and "custom" in KINDS


def test_no_icon_for_an_unknown_kind() -> None:
    extra = [path.name for path in ICON_DIR.iterdir() if path.suffix != ".svg" or path.stem not in KINDS]
    assert extra == []


@pytest.mark.parametrize("path", icon_files(), ids=lambda p: p.stem)
def test_icon_is_strict_svg(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<svg "), "no xml declaration, comment or leading text"
    for banned in ("<!--", "<?", "<!DOCTYPE", "xlink", "url(", "<style", "<script", "<text"):
        assert banned not in text, banned
    root = ET.fromstring(text)
    assert root.tag == f"{{{SVG_NS}}}svg"
    assert root.attrib == ROOT_ATTRS
    assert (root.text or "").strip() == ""
    children = list(root)
    assert 2 <= len(children) <= 6
    for child in children:
        assert child.tag.startswith(f"{{{SVG_NS}}}"), child.tag
        tag = child.tag.split("}", 1)[1]
        assert tag in SHAPES, tag
        assert list(child) == [], "shapes hold no children (no nested text, animation, groups)"
        assert (child.text or "").strip() == "" and (child.tail or "").strip() == ""
        extra = set(child.attrib) - SHAPE_ATTRS[tag] - STYLE_ATTRS
        assert extra == set(), f"{tag}: {extra}"  # no id, class, style, transform, stroke overrides
        assert child.attrib.get("fill", "currentColor") == "currentColor"
        for x, y in shape_points(tag, dict(child.attrib)):
            # 2px margin: the 1.75 stroke then stays inside the 0..24 viewBox with room to spare
            assert 2 <= x <= 22 and 2 <= y <= 22, f"{tag} reaches ({x}, {y})"


def test_path_points_resolves_relative_commands() -> None:
    assert path_points("M2 3h4v5l-1 1z") == [(2, 3), (6, 3), (6, 8), (5, 9)]
    assert path_points("M1 1 2 2 3 3") == [(1, 1), (2, 2), (3, 3)]
    assert (21, 1) in path_points("M20 2c0 0 1-1 1-1")
    with pytest.raises(ValueError):
        path_points("M2")


def test_an_outside_point_is_detected() -> None:
    assert (30.0, 5.0) in path_points("M2 5h28")
    assert (25.0, 25.0) in shape_points("circle", {"cx": "20", "cy": "20", "r": "5"})
