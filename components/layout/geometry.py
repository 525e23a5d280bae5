"""Rectangles after layout: clearing fixed obstacles, shifting a selection, refitting group frames.

The guarantee every layout ends with: no laid-out block overlaps another block. ``push_down`` proves
it by construction (each block is checked against everything placed before it and only ever moves
down, past each rectangle at most once), whatever the engine produced.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

Rect = tuple[float, float, float, float]  # x, y (top-left), width, height

COLUMN_GAP = 96  # between columns: room for a connector label
ROW_GAP = 40  # between blocks of one column
COMPONENT_GAP = 80  # between unconnected parts of a design
OBSTACLE_MARGIN = 24  # clearance kept around pinned blocks, notes and blocks outside a selection
GROUP_PADDING = 24  # frame around the members of a group
GROUP_HEADER = 28  # room for the group's label above its members

_BIG_CELLS = 64  # rectangles covering more grid cells than this are checked against every query


def overlaps(a: Rect, b: Rect, margin: float = 0.0) -> bool:
    """Whether two rectangles overlap, or come closer than ``margin`` (touching is no overlap)."""
    return (a[0] < b[0] + b[2] + margin and b[0] < a[0] + a[2] + margin
            and a[1] < b[1] + b[3] + margin and b[1] < a[1] + a[3] + margin)


class RectIndex:
    """A uniform grid of rectangles for "what is near this one" queries in about O(1)."""

    def __init__(self, cell: float) -> None:
        self.cell = max(cell, 1.0)
        self.cells: dict[tuple[int, int], list[tuple[Rect, float]]] = {}
        self.big: list[tuple[Rect, float]] = []

    def _span(self, rect: Rect, pad: float) -> tuple[int, int, int, int]:
        c = self.cell
        return (math.floor((rect[0] - pad) / c), math.floor((rect[0] + rect[2] + pad) / c),
                math.floor((rect[1] - pad) / c), math.floor((rect[1] + rect[3] + pad) / c))

    def add(self, rect: Rect, margin: float) -> None:
        """Store a rectangle that wants ``margin`` of clearance from whatever is placed later."""
        x0, x1, y0, y1 = self._span(rect, 0.0)
        if (x1 - x0 + 1) * (y1 - y0 + 1) > _BIG_CELLS:
            self.big.append((rect, margin))
            return
        entry = (rect, margin)
        for cx in range(x0, x1 + 1):
            for cy in range(y0, y1 + 1):
                self.cells.setdefault((cx, cy), []).append(entry)

    def hits(self, rect: Rect, max_margin: float) -> list[tuple[Rect, float]]:
        """Stored rectangles closer to ``rect`` than their own margin (one may be listed twice)."""
        found: list[tuple[Rect, float]] = [e for e in self.big if overlaps(rect, e[0], e[1])]
        x0, x1, y0, y1 = self._span(rect, max_margin)
        if (x1 - x0 + 1) * (y1 - y0 + 1) > _BIG_CELLS * 4:  # a huge query: scan everything once
            everything = {id(e): e for bucket in self.cells.values() for e in bucket}
            return found + [e for e in everything.values() if overlaps(rect, e[0], e[1])]
        cells = self.cells
        for cx in range(x0, x1 + 1):
            for cy in range(y0, y1 + 1):
                bucket = cells.get((cx, cy))
                if bucket:
                    found.extend(e for e in bucket if overlaps(rect, e[0], e[1]))
        return found


def _cell_size(rects: Iterable[Rect]) -> float:
    sizes = sorted(max(r[2], r[3]) for r in rects)
    return 2.0 * sizes[len(sizes) // 2] if sizes else 256.0


def push_down(
    movable: Mapping[str, Rect],
    fixed: Sequence[Rect],
    fixed_margin: float = OBSTACLE_MARGIN,
) -> dict[str, tuple[float, float]]:
    """Top-left corners for ``movable`` so that none overlaps another or comes near a fixed one.

    Blocks are taken top to bottom; each one that collides moves straight down (x never changes)
    to just below what it hit, and again until it is clear. Already clear blocks do not move. New
    y values are whole numbers, so rounding can never bring an overlap back.
    """
    index = RectIndex(_cell_size([*movable.values(), *fixed]))
    for rect in fixed:
        index.add(rect, fixed_margin)
    widest = max(fixed_margin, 0.0)
    result: dict[str, tuple[float, float]] = {}
    for key in sorted(movable, key=lambda k: (movable[k][1], movable[k][0], k)):
        x, y, w, h = movable[key]
        while True:
            hits = index.hits((x, y, w, h), widest)
            if not hits:
                break
            y = max(y, max(math.ceil(r[1] + r[3] + margin) for r, margin in hits))
        index.add((x, y, w, h), 0.0)
        result[key] = (x, y)
    return result


def clear_shift(moving: Sequence[Rect], fixed: Sequence[Rect], margin: float = OBSTACLE_MARGIN,
                tries: int = 64) -> tuple[float, float] | None:
    """The smallest translation of ``moving`` as a whole that clears every fixed rectangle, or None.

    Candidates are the moves that clear one colliding pair (down, right, up or left); the first one
    (by distance) that clears all of them wins. Keeps a laid-out selection intact when it can.
    """
    if not fixed or not moving:
        return (0.0, 0.0)
    index = RectIndex(_cell_size([*moving, *fixed]))
    for rect in fixed:
        index.add(rect, margin)

    def clear(dx: float, dy: float) -> bool:
        return not any(index.hits((r[0] + dx, r[1] + dy, r[2], r[3]), margin) for r in moving)

    if clear(0.0, 0.0):
        return (0.0, 0.0)
    candidates: set[tuple[float, float]] = set()
    for r in moving:
        for o, _ in index.hits(r, margin):
            candidates.add((0.0, math.ceil(o[1] + o[3] + margin - r[1])))
            candidates.add((math.ceil(o[0] + o[2] + margin - r[0]), 0.0))
            candidates.add((0.0, math.floor(o[1] - margin - r[1] - r[3])))
            candidates.add((math.floor(o[0] - margin - r[0] - r[2]), 0.0))
    for dx, dy in sorted(candidates, key=lambda t: (abs(t[0]) + abs(t[1]), t[1] < 0, t[0] < 0, t))[:tries]:
        if clear(dx, dy):
            return (dx, dy)
    return None


def nearest_free(box: Rect, fixed: Sequence[Rect], step: float, margin: float = OBSTACLE_MARGIN,
                 reach: int = 40) -> tuple[float, float] | None:
    """The shift, in whole ``step``s, that moves ``box`` the least (ties: right, then down) to keep
    ``margin`` from every fixed rectangle: (0, 0) when it already does, None when nothing within
    ``reach`` steps each way is free. Where a new block goes when the spot asked for is taken."""
    index = RectIndex(_cell_size([box, *fixed]))
    for rect in fixed:
        index.add(rect, margin)
    for i, j in _nearest_first(reach):
        dx, dy = i * step, j * step
        if not index.hits((box[0] + dx, box[1] + dy, box[2], box[3]), margin):
            return (dx, dy)
    return None


@lru_cache(maxsize=4)
def _nearest_first(reach: int) -> tuple[tuple[int, int], ...]:
    """Every (i, j) with both within ``reach`` of 0, nearest to (0, 0) first."""
    cells = ((i, j) for i in range(-reach, reach + 1) for j in range(-reach, reach + 1))
    return tuple(sorted(cells, key=lambda c: (c[0] * c[0] + c[1] * c[1], c[0] < 0, c[1] < 0, abs(c[1]))))


def fit_frame(members: Sequence[Rect]) -> Rect:
    """A group frame around its members, with padding and room for the group's label on top."""
    left = min(r[0] for r in members) - GROUP_PADDING
    top = min(r[1] for r in members) - GROUP_PADDING - GROUP_HEADER
    right = max(r[0] + r[2] for r in members) + GROUP_PADDING
    bottom = max(r[1] + r[3] for r in members) + GROUP_PADDING
    return (left, top, right - left, bottom - top)
