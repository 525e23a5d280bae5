"""Block icons inlined into exported SVG as ``<symbol>``s, copied through a whitelist.

Icons are files in resources/icons (24x24 viewBox, ``stroke="currentColor"``). Only plain shape
elements and presentation attributes with harmless values survive, so an icon file can never bring a
script, an event handler or an external reference into an export. ``currentColor`` becomes the
block's stage colour (QtSvg does not carry ``color`` through ``<use>``), one symbol per kind.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from components.catalog import spec
from components.export.svg_text import escape

SVG_NS = "{http://www.w3.org/2000/svg}"
MAX_ICON_BYTES = 64 * 1024
_ELEMENTS = frozenset({"g", "path", "circle", "ellipse", "line", "polyline", "polygon", "rect"})
_ATTRIBUTES = frozenset({
    "d", "cx", "cy", "r", "rx", "ry", "x", "y", "x1", "y1", "x2", "y2", "width", "height", "points",
    "transform", "fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
    "stroke-dasharray", "fill-rule", "clip-rule", "opacity", "fill-opacity", "stroke-opacity",
})
_ROOT_INHERITED = frozenset({"fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "opacity"})
# numbers, path commands, colours, transform functions: no url(), no quotes, no colons, no entities
_SAFE_VALUE = re.compile(r"^[A-Za-z0-9#.,\s()+\-%]*$")
_VIEWBOX = re.compile(r"^\s*-?[\d.]+([\s,]+-?[\d.]+){3}\s*$")


Attributes = tuple[tuple[str, str], ...]
Shape = tuple[str, Attributes, "Shapes"]  # (tag, attributes, children)
Shapes = tuple[Shape, ...]


@dataclass(frozen=True)
class Icon:
    """A sanitised icon: its viewBox and its shapes as (tag, ((attribute, value), ...), children)."""

    view_box: str
    root: tuple[tuple[str, str], ...]
    shapes: Shapes


def load_icon(kind: str) -> Icon | None:
    """The icon of a kind, or None while its file does not exist or cannot be used."""
    path = spec(kind).icon_path
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return _parse_cached(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=128)
def _parse_cached(path: str, _mtime: int, size: int) -> Icon | None:
    if size > MAX_ICON_BYTES:
        return None
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return parse_icon(text)


def parse_icon(text: str) -> Icon | None:
    """Sanitise icon SVG text; None when it is not a usable SVG (DTDs and entities are refused)."""
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        return None
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        return None
    if _local(root.tag) != "svg":
        return None
    view_box = root.get("viewBox", "0 0 24 24")
    if not _VIEWBOX.match(view_box):
        view_box = "0 0 24 24"
    inherited = _attributes(root, _ROOT_INHERITED)
    return Icon(" ".join(view_box.replace(",", " ").split()), inherited, _children(root, depth=0))


def _local(tag: str) -> str:
    if tag.startswith(SVG_NS):
        return tag[len(SVG_NS):]
    return tag if "}" not in tag else ""


def _attributes(element: ET.Element, allowed: frozenset[str]) -> tuple[tuple[str, str], ...]:
    kept = []
    for name, value in element.attrib.items():
        if name in allowed and _SAFE_VALUE.match(value) and "url" not in value.lower():
            kept.append((name, value))
    return tuple(kept)


def _children(element: ET.Element, depth: int) -> Shapes:
    if depth > 8:
        return ()
    shapes: list[Shape] = []
    for child in element:
        tag = _local(child.tag) if isinstance(child.tag, str) else ""
        if tag in _ELEMENTS:
            shapes.append((tag, _attributes(child, _ATTRIBUTES), _children(child, depth + 1)))
    return tuple(shapes)


def symbol(icon: Icon, symbol_id: str, colour: str) -> str:
    """The icon as a ``<symbol>`` with ``currentColor`` resolved to ``colour``."""
    parts = [f'<symbol id="{symbol_id}" viewBox="{icon.view_box}">']
    if icon.root:
        parts.append(f"<g{_render_attributes(icon.root, colour)}>")
    _render(icon.shapes, colour, parts)
    if icon.root:
        parts.append("</g>")
    parts.append("</symbol>")
    return "".join(parts)


def _render(shapes: Shapes, colour: str, parts: list[str]) -> None:
    for tag, attributes, children in shapes:
        if children:
            parts.append(f"<{tag}{_render_attributes(attributes, colour)}>")
            _render(children, colour, parts)
            parts.append(f"</{tag}>")
        else:
            parts.append(f"<{tag}{_render_attributes(attributes, colour)}/>")


def _render_attributes(attributes: tuple[tuple[str, str], ...], colour: str) -> str:
    out = []
    for name, value in attributes:
        if value.strip().lower() == "currentcolor":
            value = colour
        out.append(f' {name}="{escape(value)}"')
    return "".join(out)
