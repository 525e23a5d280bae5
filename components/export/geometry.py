"""Qt-free geometry shared by the SVG writer and the canvas: block layout, connector end points.

Connectors are drawn centre to centre and clipped at both blocks' (rounded) borders, so the arrow
tip touches the target's outline whatever the blocks' relative positions. Keeping the maths here (and
not in QGraphicsItems) is what lets the canvas and the exported picture agree to the pixel.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from components import style

Point = tuple[float, float]

PARALLEL_GAP = 8.0  # distance between connectors that join the same two blocks
SELF_LOOP_REACH = 36.0  # how far a block's connector to itself bulges out of its top-right corner


class Rect(NamedTuple):
    """An axis-aligned rectangle in scene units; ``radius`` rounds its corners (0: sharp)."""

    x: float
    y: float
    width: float
    height: float
    radius: float = 0.0

    @property
    def centre(self) -> Point:
        return (self.x + self.width / 2, self.y + self.height / 2)

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height


def border_point(rect: Rect, towards: Point, origin: Point | None = None) -> Point:
    """Where the ray from ``origin`` (default: the centre, which must lie inside) towards ``towards``
    leaves ``rect``, following its rounded corners. Returns ``origin`` when the ray has no direction."""
    x0, y0, width, height, radius = rect  # plain locals: this runs twice per connector on export
    x1, y1 = x0 + width, y0 + height
    ox, oy = origin if origin is not None else (x0 + width / 2, y0 + height / 2)
    dx, dy = towards[0] - ox, towards[1] - oy
    if dx == 0 and dy == 0:
        return (ox, oy)
    # distance along the ray to the vertical and horizontal sides
    tx = ((x1 if dx > 0 else x0) - ox) / dx if dx else math.inf
    ty = ((y1 if dy > 0 else y0) - oy) / dy if dy else math.inf
    t = tx if tx < ty else ty
    if t < 0:
        t = 0.0
    px, py = ox + dx * t, oy + dy * t
    if radius <= 0:
        return (px, py)
    r = radius
    if width < 2 * r:
        r = width / 2
    if height < 2 * r:
        r = height / 2
    # inside a corner zone the border is a quarter circle: intersect the ray with it
    cx = x0 + r if px < x0 + r else x1 - r if px > x1 - r else None
    if cx is None:
        return (px, py)
    cy = y0 + r if py < y0 + r else y1 - r if py > y1 - r else None
    if cy is None:
        return (px, py)
    fx, fy = ox - cx, oy - cy
    a = dx * dx + dy * dy
    b = 2 * (fx * dx + fy * dy)
    c = fx * fx + fy * fy - r * r
    disc = b * b - 4 * a * c
    if disc < 0:
        return (px, py)
    t = (-b + math.sqrt(disc)) / (2 * a)
    return (ox + dx * t, oy + dy * t)


def connector_points(source: Rect, target: Rect, offset: float = 0.0) -> tuple[Point, Point] | None:
    """The start and end of a straight connector from ``source`` to ``target``, clipped at both
    borders and shifted sideways by ``offset`` (for parallel connectors). None when the blocks'
    centres coincide, so no direction exists."""
    sx, sy, source_width, source_height, _ = source  # plain locals: this runs for every connector
    tx, ty, target_width, target_height, _ = target
    sx, sy = sx + source_width / 2, sy + source_height / 2
    tx, ty = tx + target_width / 2, ty + target_height / 2
    dx, dy = tx - sx, ty - sy
    length = math.hypot(dx, dy)
    if length == 0:
        return None
    if offset:
        nx, ny = -dy / length * offset, dx / length * offset
        limit = min(source_width, source_height, target_width, target_height) / 2 - 1
        if abs(offset) > limit > 0:  # keep the shifted origins inside their blocks
            nx, ny = nx * limit / abs(offset), ny * limit / abs(offset)
        sx, sy, tx, ty = sx + nx, sy + ny, tx + nx, ty + ny
    start = border_point(source, (tx, ty), (sx, sy))
    end = border_point(target, (sx, sy), (tx, ty))
    return start, end


def head_overlaps(rect: Rect, start: Point, end: Point, depth: float, half_width: float) -> bool:
    """Whether an arrowhead ``depth`` long and ``2 * half_width`` wide, tip at ``end`` and pointing
    from ``start``, reaches into ``rect`` sideways (a shallow hit near a corner): then it must be
    drawn above the block or the block hides part of it."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy)
    if length == 0:
        return False
    ux, uy = dx / length, dy / length
    x0, y0, width, height, _radius = rect
    for back in (depth / 2, depth):
        bx, by = end[0] - ux * back, end[1] - uy * back
        for side in (-half_width, half_width):
            px, py = bx - uy * side, by + ux * side
            if x0 < px < x0 + width and y0 < py < y0 + height:
                return True
    return False


def self_loop(rect: Rect) -> tuple[Point, Point, Point, Point]:
    """A cubic Bezier (start, control 1, control 2, end) looping out of ``rect``'s top-right corner
    and back, for a connector whose source and target are the same block."""
    inset = max(rect.radius, 6.0) + 12
    start = (rect.right - inset, rect.y)
    end = (rect.right, rect.y + inset)
    reach = SELF_LOOP_REACH
    return start, (start[0], rect.y - reach), (rect.right + reach, end[1]), end


def parallel_offsets(ends: Iterable[tuple[str, str, str]]) -> dict[str, float]:
    """Sideways offsets for connectors (id, source, target) that join the same pair of blocks in
    either direction, so A->B and B->A do not draw on top of each other. Single ones get 0."""
    pairs: dict[tuple[str, str], list[tuple[str, bool]]] = {}
    for cid, source, target in ends:
        if source == target:
            continue
        key = (source, target) if source < target else (target, source)
        pairs.setdefault(key, []).append((cid, source != key[0]))
    offsets: dict[str, float] = {}
    for members in pairs.values():
        if len(members) < 2:
            continue
        middle = (len(members) - 1) / 2
        for index, (cid, reversed_) in enumerate(members):
            shift = (index - middle) * PARALLEL_GAP
            # offsets are perpendicular to the connector's own direction: flip reversed ones so all
            # of a pair's connectors spread on one common axis
            offsets[cid] = -shift if reversed_ else shift
    return offsets


@dataclass(frozen=True)
class BlockLayout:
    """Where a block's parts go, relative to its top-left corner (scene units)."""

    icon: Point  # top-left of the ICON_SIZE square
    kind_baseline: Point  # start of the small kind-name text
    kind_room: float  # width the kind name may take
    label_centre: float  # label lines are centred on this x
    label_baselines: tuple[float, ...]  # one per label line
    badge: Point  # centre of the findings badge
    bar_path: str  # SVG path of the stage bar (the rounded left edge), relative coordinates


def _bar_path(height: float) -> str:
    """The part of the rounded block rectangle left of STAGE_BAR_WIDTH, as an SVG path."""
    r = min(style.BLOCK_RADIUS, height / 2)
    bar = style.STAGE_BAR_WIDTH
    if r <= 0:
        return f"M0 0H{bar}V{fmt(height)}H0Z"
    if bar >= r:
        return (f"M{bar} 0H{fmt(r)}A{fmt(r)} {fmt(r)} 0 0 0 0 {fmt(r)}V{fmt(height - r)}"
                f"A{fmt(r)} {fmt(r)} 0 0 0 {fmt(r)} {fmt(height)}H{bar}Z")
    dy = r - math.sqrt(r * r - (r - bar) ** 2)  # where the corner arc crosses x = bar
    return (f"M{bar} {fmt(dy)}A{fmt(r)} {fmt(r)} 0 0 0 0 {fmt(r)}V{fmt(height - r)}"
            f"A{fmt(r)} {fmt(r)} 0 0 0 {bar} {fmt(height - dy)}Z")


@lru_cache(maxsize=256)
def block_layout(width: float, height: float, lines: int) -> BlockLayout:
    """The layout of a block (as the canvas draws it): a header row with the icon and the kind name,
    then ``lines`` label lines centred below it, horizontally and vertically."""
    bar = style.STAGE_BAR_WIDTH
    icon_x, icon_y = bar + style.ICON_MARGIN, style.ICON_MARGIN
    kind_x = icon_x + style.ICON_SIZE + 8
    kind_baseline = icon_y + style.ICON_SIZE / 2 + style.KIND_FONT_PX * 0.35
    line_height = style.LABEL_FONT_PX * style.TEXT_LINE_HEIGHT
    area_top = style.BLOCK_HEADER
    area = height - area_top - style.BLOCK_BOTTOM_PADDING
    first_top = area_top + (area - lines * line_height) / 2
    # a line box is line_height tall; the text is centred in it, so its baseline sits ~0.35 em below
    # the box's middle
    baselines = tuple(first_top + (i + 0.5) * line_height + style.LABEL_FONT_PX * 0.35 for i in range(lines))
    return BlockLayout(
        icon=(icon_x, icon_y),
        kind_baseline=(kind_x, kind_baseline),
        kind_room=width - kind_x - 8,
        label_centre=bar + 4 + (width - bar - 8) / 2,
        label_baselines=baselines,
        badge=(width - 4, 4.0),
        bar_path=_bar_path(height),
    )


def fmt(value: float) -> str:
    """A coordinate with at most one decimal and no trailing '.0' (compact SVG)."""
    text = f"{value:.1f}"
    if text[-1] == "0":
        text = text[:-2]
        if text == "-0":
            return "0"
    return text

