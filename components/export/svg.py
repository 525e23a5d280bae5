"""The SVG writer: a diagram model in, a compact, well-formed, inert SVG document out.

Every block is a ``<g id="block-...">`` holding a ``<title>``, a ``<use>`` of a per-size template (the
rounded box, stage bar, icon, kind name and findings badge, defined once) and one ``<text>`` per label
line. A badge is a ``<use>`` of one ``<symbol>`` per severity, inside the template of its block's
kind, size and worst severity, so a badge costs a block nothing but the words in its title. Lines are
separate ``<text>`` elements rather than ``<tspan>``s because QtSvg ignores tspan positions, and PNG and
PDF are rendered from this same SVG by QtSvg. Connectors are ``<g id="conn-...">`` with a path clipped
at both blocks' borders (or an elbow route, components/export/elbow.py) and a CSS class per flow that
sets colour, dash and arrowhead marker.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import add
from typing import Any, Literal, NamedTuple

from components import style
from components.badges import block_badges
from components.catalog import spec, stage
from components.export import elbow, geometry
from components.export.geometry import Rect, fmt
from components.export.parts import selected, without
from components.export.svg_icons import load_icon, symbol
from components.export.svg_style import FLOW_CLASS, arrow_depth, badge_symbol, badge_use, marker, stylesheet
from components.export.svg_text import IdMaker, clean, escape
from components.gcpause import without_gc
from components.layers import DIM_OPACITY
from components.model import SEVERITIES, Block, Connector, Diagram, Group, Note

Background = Literal["white", "transparent"]
TITLE_MAX_CHARS = 120
_PLAIN = re.compile(r"[\w.,:;!?()/+\-]+(?: [\w.,:;!?()/+\-]+)*")  # single-spaced, nothing to escape
_ARROW_DEPTH = {flow: arrow_depth(flow) for flow in FLOW_CLASS}  # per connector: looked up, not worked out
_HEAD_HALF_WIDTH = style.ARROW_WIDTH / 2 + 1


@dataclass(frozen=True)
class SvgOptions:
    """What to export and how. ``background="white"`` paints the theme's own background (white in the
    light theme, near-black in the dark one); ``transparent`` paints none. ``findings`` are objects with
    ``.severity`` and ``.blocks`` (None: no badges); ``selection`` limits the export to those ids
    (connectors whose two ends are exported come along)."""

    theme: style.ThemeName = "light"
    background: Background = "white"
    findings: Sequence[Any] | None = None
    selection: Collection[str] | None = None
    title: bool = True
    legend: bool = False  # the five flows under the diagram (components/export/legend.py)
    requirements: bool = False  # the requirements card beside the legend (components/export/panels.py)
    hidden: Collection[str] = ()  # ids left out, as a LayerView resolves them (components/layers.py)
    dimmed: Collection[str] = ()  # ids drawn faint

    def __post_init__(self) -> None:
        if self.theme not in style.THEMES:
            raise ValueError(f"unknown theme {self.theme!r} (expected one of: {', '.join(style.THEMES)})")
        if self.background not in ("white", "transparent"):
            raise ValueError(f"unknown background {self.background!r} (expected white or transparent)")


class _Bounds:
    """The union of everything drawn, to fit the viewBox."""

    def __init__(self) -> None:
        self.x0 = self.y0 = float("inf")
        self.x1 = self.y1 = float("-inf")

    def add(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.x0, self.y0 = min(self.x0, x0), min(self.y0, y0)
        self.x1, self.y1 = max(self.x1, x1), max(self.y1, y1)

    @property
    def empty(self) -> bool:
        return self.x0 > self.x1


@without_gc  # many short-lived tuples and strings, no cycles: see components/gcpause.py
def to_svg(diagram: Diagram, options: SvgOptions | None = None) -> str:
    """The diagram (or the selected part of it) as an SVG document."""
    options = options or SvgOptions()
    theme = style.theme(options.theme)
    part = without(selected(diagram, options.selection), options.hidden)
    blocks, connectors, notes, groups = part.blocks, part.connectors, part.notes, part.groups
    ids = IdMaker()
    bounds = _Bounds()
    rects = _rects(blocks)
    badges = block_badges(options.findings, rects)
    if rects:
        xs, ys, ws, hs, _radii = zip(*rects.values(), strict=True)
        bounds.add(min(xs), min(ys), max(map(add, xs, ws)), max(map(add, ys, hs)))

    body: list[str] = []
    for group in groups:
        body.append(_group(group, ids, theme, bounds))
    flows_used = dict.fromkeys(FLOW_CLASS if options.legend else (connector.flow for connector in connectors))
    labels: list[str] = []
    heads: list[str] = []
    offsets = geometry.parallel_offsets((c.id, c.source, c.target) for c in connectors)
    routes = _elbow_routes(diagram, connectors, rects, offsets)
    shapes: dict[_ShapeKey, _Shape] = {}  # one template per (kind, width, height, badge severity)
    if options.dimmed:  # faint ones first, in a group of their own, under everything drawn in full
        dim = set(options.dimmed)
        faint_labels: list[str] = []
        faint_heads: list[str] = []
        faint = [_connector(c, rects, offsets.get(c.id, 0.0), ids, bounds, faint_labels, faint_heads, routes.get(c.id))
                 for c in connectors if c.id in dim]
        faint += [_block(b, rects[b.id], shapes, badges.get(b.id), ids, bounds) for b in blocks if b.id in dim]
        body.append(f'<g opacity="{DIM_OPACITY}">{"".join(faint + faint_heads + faint_labels)}</g>')
        connectors = [c for c in connectors if c.id not in dim]
        blocks = [b for b in blocks if b.id not in dim]
    for connector in connectors:
        body.append(_connector(connector, rects, offsets.get(connector.id, 0.0), ids, bounds, labels, heads,
                               routes.get(connector.id)))
    for block in blocks:
        body.append(_block(block, rects[block.id], shapes, badges.get(block.id), ids, bounds))
    if heads:
        body.append(f'<g id="{ids.make("", "arrowheads")}">{"".join(heads)}</g>')
    body.extend(labels)
    for note in notes:  # sticky notes lie on top, as on the canvas
        body.append(_note(note, ids, bounds))
    if options.legend or options.requirements:
        from components.export.panels import panels_svg, panels_top

        top = panels_top(None if bounds.empty else bounds.y1)
        for drawn, box in panels_svg(0 if bounds.empty else bounds.x0, top, options.legend,
                                     diagram.requirements if options.requirements else None):
            body.append(drawn)
            bounds.add(*box)

    title = _title(diagram.title) if options.title else ""
    if bounds.empty:
        bounds.add(0, 0, 240, 40)
    if title:
        width = style.text_width(title, style.TITLE_FONT_PX, bold=True)
        title_y = bounds.y0 - style.TITLE_FONT_PX * 0.8
        body.append(f'<text class="t" x="{fmt(bounds.x0)}" y="{fmt(title_y)}">{escape(title)}</text>')
        bounds.add(bounds.x0, title_y - style.TITLE_FONT_PX, bounds.x0 + width, title_y + 4)

    margin = style.EXPORT_MARGIN
    x0, y0 = int(bounds.x0 // 1) - margin, int(bounds.y0 // 1) - margin
    width, height = int(-(-bounds.x1 // 1)) + margin - x0, int(-(-bounds.y1 // 1)) + margin - y0
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{width}" height="{height}" '
        f'viewBox="{x0} {y0} {width} {height}">',
        f"<title>{escape(clean(diagram.title).strip() or 'Untitled design')}</title>",
        stylesheet(theme, flows_used),
        "<defs>",
        *(marker(flow, theme) for flow in flows_used),
        *_symbols(shapes, options.theme),
        *(badge_symbol(severity) for severity in SEVERITIES if any(badge == severity for *_, badge in shapes)),
        *_templates(shapes, options.theme),
        "</defs>",
    ]
    if options.background == "white":
        out.append(f'<rect class="bg" x="{x0}" y="{y0}" width="{width}" height="{height}"/>')
    out.extend(body)
    out.append("</svg>\n")
    return "\n".join(out)


def _rects(blocks: list[Block]) -> dict[str, Rect]:
    """Block id -> drawn rectangle. Built with tuple.__new__ (Rect's own __new__ is a Python function
    that does the same) and the catalog size looked up once per kind: this runs for every block."""
    make, radius = tuple.__new__, style.BLOCK_RADIUS
    sizes: dict[tuple[str, float | None, float | None], tuple[float, float]] = {}
    rects: dict[str, Rect] = {}
    for block in blocks:
        key = (block.kind, block.width, block.height)
        size = sizes.get(key)
        if size is None:
            size = sizes[key] = style.block_size(*key)
        rects[block.id] = make(Rect, (block.x, block.y, *size, radius))
    return rects


def _elbow_routes(diagram: Diagram, connectors: list[Connector], rects: dict[str, Rect],
                  offsets: dict[str, float]) -> dict[str, elbow.Route]:
    """The routes of the elbow connectors among ``connectors``, round every block of the design (also
    those left out of this export: the route is the one the canvas shows)."""
    default = diagram.connector_style
    chosen = [c for c in connectors if elbow.effective_style(c, default) == "elbow"]
    if not chosen:
        return {}
    everything = rects if len(rects) == len(diagram.blocks) else _rects(diagram.blocks)
    blocks = elbow.Blocks(everything.items())
    return {c.id: elbow.connector_route(c, rects[c.source], rects[c.target], blocks, offsets.get(c.id, 0.0))
            for c in chosen}


_ShapeKey = tuple[str, float, float, str | None]  # kind, width, height, badge severity


class _Shape(NamedTuple):
    """What every block of one kind and size shares: its template, kind name, label room and the
    start tag of a one-line label."""

    template: str
    name: str
    label_room: float
    one_line: str


def _block(block: Block, rect: Rect, shapes: dict[_ShapeKey, _Shape],
           badge: tuple[str, int] | None, ids: IdMaker, bounds: _Bounds) -> str:
    key = (block.kind, rect.width, rect.height, badge[0] if badge is not None else None)
    shape = shapes.get(key)
    if shape is None:
        shape = shapes[key] = _Shape(f"tpl-{len(shapes)}", spec(block.kind).name, style.block_label_width(rect.width),
                                     _label_openings(rect.width, rect.height, 1)[0])
    template, name, label_room, one_line = shape
    label = block.label
    if _PLAIN.fullmatch(label):  # the common case: nothing to clean, collapse or escape
        if style.text_width(label, style.LABEL_FONT_PX, True) <= label_room:
            lines = [label]
        else:
            lines = [escape(x) for x in style.block_label_lines(label, rect.width, rect.height)]
        title = f"{label} ({name})"
    else:
        lines = [escape(x) for x in style.block_label_lines(label, rect.width, rect.height)]
        label = style.one_line(label)
        title = escape(f"{label} ({name})" if label else name)
    if badge is not None:
        severity, count = badge
        title += f": 1 {severity} finding" if count == 1 else f": {count} findings, worst: {severity}"
        bx, by = geometry.block_layout(rect.width, rect.height, 0).badge
        reach = style.BADGE_RADIUS + 1  # the disc and its ring
        bounds.add(rect.x + bx - reach, rect.y + by - reach, rect.x + bx + reach, rect.y + by + reach)
    head = (f'<g id="{ids.make("block-", block.id)}" transform="translate({_pair(rect.x, rect.y)})">'
            f"<title>{title}</title><use href=\"#{template}\"/>")
    if len(lines) == 1:  # the common case, in one formatting call
        return f"{head}{one_line}{lines[0]}</text></g>"
    parts = [head]
    for line, opening in zip(lines, _label_openings(rect.width, rect.height, len(lines)), strict=True):
        parts.append(f"{opening}{line}</text>")
    parts.append("</g>")
    return "".join(parts)


@lru_cache(maxsize=256)
def _label_openings(width: float, height: float, lines: int) -> tuple[str, ...]:
    """The ``<text>`` start tags of a block's label lines (the same for every block of a size)."""
    layout = geometry.block_layout(width, height, lines)
    x = fmt(layout.label_centre)
    return tuple(f'<text class="l" x="{x}" y="{fmt(y)}">' for y in layout.label_baselines)


def _connector(connector: Connector, rects: dict[str, Rect], offset: float, ids: IdMaker, bounds: _Bounds,
               labels: list[str], heads: list[str], route: elbow.Route | None = None) -> str:
    """The connector's line (``route``: its elbow route); its label (if any) goes to ``labels`` and, when
    the target block would hide part of it, its arrowhead to ``heads``: both are drawn above the blocks."""
    source, target = rects[connector.source], rects[connector.target]
    css = FLOW_CLASS[connector.flow]
    head = f'<g id="{ids.make("conn-", connector.id)}">'
    if route is not None:  # square to both sides: the head never needs drawing over the target
        corners = route.points
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        bounds.add(min(xs), min(ys), max(xs), max(ys))
        path = f'<path class="{css}" d="{elbow.path_data(corners)}"/>'
        middle = elbow.label_point(corners)
        if connector.label:
            plate = _connector_label(connector.label, middle, bounds, beside=connector.source == connector.target)
            if plate:
                labels.append(f'<g id="{ids.make("label-", connector.id)}">{plate}</g>')
        return head + path + "</g>"
    if connector.source != connector.target and not connector.label:  # the common case
        points = geometry.connector_points(source, target, offset)
        if points is None:
            return head + "</g>"
        start, end = points
        if start[0] != end[0] and start[1] != end[1]:
            _overlay_head(connector.flow, css, target, start, end, heads)
        return f'{head}<path class="{css}" d="{_line(start, end)}"/></g>'
    if connector.source == connector.target:
        start, c1, c2, end = geometry.self_loop(source)
        path = (f'<path class="{css}" d="M{fmt(start[0])} {fmt(start[1])}C{fmt(c1[0])} {fmt(c1[1])} '
                f'{fmt(c2[0])} {fmt(c2[1])} {fmt(end[0])} {fmt(end[1])}"/>')
        bounds.add(start[0], c1[1], c2[0], end[1])
        middle = (source.right + geometry.SELF_LOOP_REACH / 2, (start[1] + 3 * (c1[1] + c2[1]) + end[1]) / 8)
    else:
        points = geometry.connector_points(source, target, offset)
        if points is None:
            return head + "</g>"
        start, end = points
        path = f'<path class="{css}" d="{_line(start, end)}"/>'
        middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
        if start[0] != end[0] and start[1] != end[1]:
            _overlay_head(connector.flow, css, target, start, end, heads)
    if connector.label:
        plate = _connector_label(connector.label, middle, bounds, beside=connector.source == connector.target)
        if plate:
            labels.append(f'<g id="{ids.make("label-", connector.id)}">{plate}</g>')
    return head + path + "</g>"


def _overlay_head(flow: str, css: str, target: Rect, start: geometry.Point, end: geometry.Point,
                  heads: list[str]) -> None:
    """Add the connector's arrowhead to ``heads`` when the target block would hide part of it (only
    asked for a slanted connector: a head meeting a side square on never overlaps it)."""
    depth = _ARROW_DEPTH[flow]
    if geometry.head_overlaps(target, start, end, depth, _HEAD_HALF_WIDTH):
        heads.append(_head_overlay(css, start, end, depth))


def _pair(x: float, y: float) -> str:
    """``fmt(x) fmt(y)`` in one formatting call (this runs for every block)."""
    text = f"{x:.1f} {y:.1f}"
    if "-0" in text:  # rare: let fmt turn a negative zero into 0
        return f"{fmt(x)} {fmt(y)}"
    text = text.replace(".0 ", " ")
    return text[:-2] if text.endswith(".0") else text


def _line(start: geometry.Point, end: geometry.Point) -> str:
    """The path data ``M x1 y1 L x2 y2`` with fmt's number format, in one formatting call (this runs
    for every connector): each number ends before a space, an 'L' or the end of the text."""
    text = f"M{start[0]:.1f} {start[1]:.1f}L{end[0]:.1f} {end[1]:.1f}"
    if "-0" in text:  # rare: let fmt turn a negative zero into 0
        return f"M{_pair(*start)}L{_pair(*end)}"
    text = text.replace(".0 ", " ").replace(".0L", "L")
    return text[:-2] if text.endswith(".0") else text


def _head_overlay(css: str, start: geometry.Point, end: geometry.Point, depth: float) -> str:
    """An invisible stub along the last ``depth`` of a connector that only carries its arrowhead."""
    length = math.hypot(end[0] - start[0], end[1] - start[1])
    back = min(1.0, (depth + 1) / length) if length else 0.0
    x, y = end[0] - (end[0] - start[0]) * back, end[1] - (end[1] - start[1]) * back
    return f'<path class="{css} ho" d="M{fmt(x)} {fmt(y)}L{fmt(end[0])} {fmt(end[1])}"/>'


def _connector_label(label: str, middle: geometry.Point, bounds: _Bounds, beside: bool = False) -> str:
    """One line on a background plate centred on the connector's midpoint (``beside``: starting
    there, so a small self-loop stays visible), fitted as the canvas fits it."""
    text = style.connector_label(label)
    if not text:
        return ""
    font = style.CONNECTOR_FONT_PX
    width, height = style.connector_plate(text)
    if beside:
        middle = (middle[0] + width / 2, middle[1])
    x0, y0 = middle[0] - width / 2, middle[1] - height / 2
    bounds.add(x0, y0, x0 + width, y0 + height)
    return (f'<rect class="cp" x="{fmt(x0)}" y="{fmt(y0)}" width="{fmt(width)}" height="{fmt(height)}" '
            f'rx="{fmt(style.CONNECTOR_LABEL_RADIUS)}"/>'
            f'<text class="cl" x="{fmt(middle[0])}" y="{fmt(middle[1] + font * 0.35)}">{escape(text)}</text>')


def _note(note: Note, ids: IdMaker, bounds: _Bounds) -> str:
    """A sticky note with a folded bottom-right corner and its text wrapped inside the padding."""
    lines = style.note_lines(note.text, note.width, note.height)
    x0, y0, x1, y1 = note.x, note.y, note.x + note.width, note.y + note.height
    fold = min(style.NOTE_FOLD, note.width / 2, note.height / 2)
    outline = (f"M{fmt(x0)} {fmt(y0)}H{fmt(x1)}V{fmt(y1 - fold)}L{fmt(x1 - fold)} {fmt(y1)}H{fmt(x0)}Z")
    corner = f"M{fmt(x1)} {fmt(y1 - fold)}H{fmt(x1 - fold)}V{fmt(y1)}Z"
    parts = [f'<g id="{ids.make("note-", note.id)}"><path class="n" d="{outline}"/><path class="nf" d="{corner}"/>']
    x = fmt(x0 + style.NOTE_PADDING)
    for index, line in enumerate(lines):
        parts.append(f'<text class="nt" x="{x}" y="{fmt(y0 + style.note_baseline(index))}">{escape(line)}</text>')
    parts.append("</g>")
    bounds.add(x0, y0, x1, y1)
    return "".join(parts)


def _group(group: Group, ids: IdMaker, theme: style.Theme, bounds: _Bounds) -> str:
    """A dashed, rounded frame with its label in the header strip (stage-coloured when it has one)."""
    stroke = fill = ""
    if group.stage is not None:
        entry = stage(group.stage)
        accent = entry.dark_colour if theme.name == "dark" else entry.colour
        stroke, fill = f' style="stroke:{accent}"', f' style="fill:{accent}"'
    parts = [f'<g id="{ids.make("group-", group.id)}"><rect class="g" x="{fmt(group.x)}" y="{fmt(group.y)}" '
             f'width="{fmt(group.width)}" height="{fmt(group.height)}" rx="{fmt(style.GROUP_RADIUS)}"{stroke}/>']
    text = style.group_label(group.label, group.width)
    if text:
        header = min(style.GROUP_HEADER, group.height)
        baseline = group.y + header / 2 + style.GROUP_FONT_PX * style.BASELINE_DROP
        parts.append(f'<text class="gt" x="{fmt(group.x + style.GROUP_LABEL_X)}" y="{fmt(baseline)}"{fill}>'
                     f"{escape(text)}</text>")
    parts.append("</g>")
    bounds.add(group.x, group.y, group.x + group.width, group.y + group.height)
    return "".join(parts)


def _title(title: str) -> str:
    text = style.one_line(title)
    if len(text) > TITLE_MAX_CHARS:
        text = text[: TITLE_MAX_CHARS - 1].rstrip() + "…"
    return text


def _symbols(shapes: dict[_ShapeKey, _Shape], theme_name: style.ThemeName) -> list[str]:
    out = []
    for kind in dict.fromkeys(kind for kind, *_ in shapes):
        icon = load_icon(kind)
        if icon is not None:
            out.append(symbol(icon, f"icon-{kind}", style.kind_colour(kind, theme_name)))
    return out


def _templates(shapes: dict[_ShapeKey, _Shape], theme_name: style.ThemeName) -> list[str]:
    """One drawing per (kind, size, badge): box, stage bar, icon, kind name, badge; blocks ``<use>`` it."""
    out = []
    for (kind, width, height, badge), shape in shapes.items():
        layout = geometry.block_layout(width, height, 0)
        ix, iy = layout.icon
        kx, ky = layout.kind_baseline
        name = style.elide(shape.name, layout.kind_room, style.KIND_FONT_PX)
        icon = (f'<use href="#icon-{kind}" x="{fmt(ix)}" y="{fmt(iy)}" width="{style.ICON_SIZE}" '
                f'height="{style.ICON_SIZE}"/>') if load_icon(kind) is not None else ""
        flag = badge_use(badge, layout.badge) if badge else ""
        out.append(f'<g id="{shape.template}"><rect class="bb" width="{fmt(width)}" height="{fmt(height)}" '
                   f'rx="{style.BLOCK_RADIUS}"/><path d="{layout.bar_path}" fill="{style.kind_colour(kind, theme_name)}"/>'
                   f'{icon}<text class="k" x="{fmt(kx)}" y="{fmt(ky)}">{escape(name)}</text>{flag}</g>')
    return out
