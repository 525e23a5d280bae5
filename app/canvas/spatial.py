"""Where every element of the document is, without a Qt item for it: a grid of square cells, each
holding the ids of the elements over it, so the board makes items only for what a view shows.

Boxes (blocks, notes, group frames) sit in the cells their rectangle covers. A connector sits in the
cells its centre line crosses (a walk along the line, cell by cell), not in every cell of its bounding
box: a connector across a 40,000-block design would otherwise be in thousands of cells, and be made
as an item whenever any part of its box is on screen. Queries widen the rectangle asked about by
``REACH``, the most a connector's drawing strays from its centre line (parallel offsets, arrowheads,
the hit band), so no connector drawn on screen is missed.

A cell keeps its members as small integers (an ``array``, 4 bytes each) standing for their ids: long
connectors put one id in dozens of cells, and sets of id strings there were the biggest thing the
window held for the 45,000-block file (77 MB of 470 at first paint).
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Iterator

CELL = 1024.0
REACH = 80.0  # scene units around a connector's centre line: parallel spread, arrowheads, labels

Box = tuple[float, float, float, float]  # left, top, right, bottom


class SpatialIndex:
    """Ids by grid cell; each element is a box or a segment (see the module docstring)."""

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], array[int]] = {}  # the handles of the elements over a cell
        self._handles: dict[str, int] = {}  # an id's handle, kept once given (an id dropped may come back)
        self._names: list[str] = []  # handle -> id
        self._shapes: dict[str, tuple[bool, Box]] = {}  # id -> (a segment, its box or end points)
        # bounds() edge by edge (left, top, right, bottom) while known: grown by each put, forgotten when
        # a shape on that edge is dropped, then found again from the cells of the grid's outermost
        # column or row only (the views ask after every edit; a pass over 100,000 shapes is ~80 ms)
        self._edges: list[float | None] = [None, None, None, None]
        self.edge_scans = 0  # shapes looked at to find an edge again (tests count them)

    def __len__(self) -> int:
        return len(self._shapes)

    def __contains__(self, item_id: str) -> bool:
        return item_id in self._shapes

    def put_box(self, item_id: str, left: float, top: float, right: float, bottom: float) -> None:
        self._put(item_id, False, _upright((left, top, right, bottom)))

    def put_segment(self, item_id: str, x1: float, y1: float, x2: float, y2: float) -> None:
        self._put(item_id, True, (x1, y1, x2, y2))

    def _put(self, item_id: str, segment: bool, shape: Box) -> None:
        if self._shapes.get(item_id) == (segment, shape):
            return
        self.drop(item_id)
        self._shapes[item_id] = (segment, shape)
        extent, edges = _extent(segment, shape), self._edges
        for edge in range(4):
            known = edges[edge]
            if known is not None:
                edges[edge] = min(known, extent[edge]) if edge < 2 else max(known, extent[edge])
        handle = self._handles.get(item_id)
        if handle is None:
            handle = self._handles[item_id] = len(self._names)
            self._names.append(item_id)
        for cell in (_segment_cells if segment else _box_cells)(*shape):
            found = self._cells.get(cell)
            if found is None:
                self._cells[cell] = array("i", (handle,))
            else:
                found.append(handle)

    def fill(self, shapes: Iterable[tuple[str, bool, Box]]) -> None:
        """Index many elements at once, as ``put_box``/``put_segment`` (``segment`` says which) one by one
        would, and the bounds with them: opening a document files ~10,000 shapes at 5,000 blocks, and
        one pass without the per-element checks takes half the time. An id given twice keeps its last
        shape (as two puts would)."""
        cells, known, handles, names = self._cells, self._shapes, self._handles, self._names
        exact = not known  # the bounds found here are the index's: nothing was there, nothing is replaced
        left = top = math.inf
        right = bottom = -math.inf
        for item_id, segment, shape in shapes:
            if not segment:
                shape = _upright(shape)
            if item_id in known:
                exact = False
                self._put(item_id, segment, shape)
                continue
            known[item_id] = (segment, shape)
            a, b, c, d = shape
            first, last = (int(a // CELL), int(b // CELL)), (int(c // CELL), int(d // CELL))
            if segment:
                placed = (first,) if first == last else _segment_cells(a, b, c, d)
                a, c = (a, c) if a <= c else (c, a)
                b, d = (b, d) if b <= d else (d, b)
            else:
                placed = (first,) if first == last else _box_cells(a, b, c, d)
            if a < left:
                left = a
            if b < top:
                top = b
            if c > right:
                right = c
            if d > bottom:
                bottom = d
            handle = handles.get(item_id)
            if handle is None:
                handle = handles[item_id] = len(names)
                names.append(item_id)
            for cell in placed:
                found = cells.get(cell)
                if found is None:
                    cells[cell] = array("i", (handle,))
                else:
                    found.append(handle)
        # into an empty index the edges are the ones found here; otherwise (shapes there before, or
        # an id given twice) they are worked out again from the cells when asked
        self._edges = [left, top, right, bottom] if exact and known else [None, None, None, None]

    def ids(self) -> set[str]:
        return set(self._shapes)

    def box(self, item_id: str) -> Box | None:
        """An element's box (a segment's: around its ends), None when it is not indexed."""
        known = self._shapes.get(item_id)
        return None if known is None else _extent(*known)

    def drop(self, item_id: str) -> None:
        known = self._shapes.pop(item_id, None)
        if known is None:
            return
        segment, shape = known
        extent, edges = _extent(segment, shape), self._edges
        for edge in range(4):
            known_edge = edges[edge]
            if known_edge is not None and (extent[edge] <= known_edge if edge < 2 else extent[edge] >= known_edge):
                edges[edge] = None
        handle = self._handles[item_id]
        for cell in (_segment_cells if segment else _box_cells)(*shape):
            found = self._cells.get(cell)
            if found is not None:
                found.remove(handle)  # each cell holds an element once: put drops it before filing it again
                if not found:
                    del self._cells[cell]

    def near(self, left: float, top: float, right: float, bottom: float) -> set[str]:
        """The ids of the elements in the cells around this rectangle: every one drawn in it, and
        others (a cell holds every connector crossing any part of it)."""
        found: set[int] = set()
        cells = self._cells
        for cell in _box_cells(left - REACH, top - REACH, right + REACH, bottom + REACH):
            handles = cells.get(cell)
            if handles:
                found.update(handles)
        names = self._names
        return {names[handle] for handle in found}

    def meets(self, item_id: str, left: float, top: float, right: float, bottom: float) -> bool:
        """Whether an element may be drawn in this rectangle: its box overlaps it, or its segment
        passes within ``REACH`` of it."""
        segment, (a, b, c, d) = self._shapes[item_id]
        left, top, right, bottom = left - REACH, top - REACH, right + REACH, bottom + REACH
        if not segment:
            return a <= right and c >= left and b <= bottom and d >= top
        return crosses(a, b, c, d, left, top, right, bottom)

    def bounds(self) -> Box | None:
        """The box around everything (None when empty): boxes and the segments' ends."""
        if not self._shapes:
            return None
        edges = self._edges
        for edge in range(4):
            if edges[edge] is None:
                edges[edge] = self._edge(edge)
        left, top, right, bottom = edges
        assert left is not None and top is not None and right is not None and bottom is not None
        return left, top, right, bottom

    def _edge(self, edge: int) -> float:
        """One edge of the bounds (0 left, 1 top, 2 right, 3 bottom), from the shapes in the outermost
        column or row of cells: every shape lies in the cells of its own extreme column and row (a box
        in all it covers, a segment in those of both ends), so the shape furthest out is in there."""
        axis, lowest = edge % 2, edge < 2
        keys = [cell[axis] for cell in self._cells]
        outer = min(keys) if lowest else max(keys)
        handles: set[int] = set()
        for cell, members in self._cells.items():
            if cell[axis] == outer:
                handles.update(members)
        names, shapes = self._names, self._shapes
        self.edge_scans += len(handles)
        values = (_extent(*shapes[names[handle]])[edge] for handle in handles)
        return min(values) if lowest else max(values)


def _upright(box: Box) -> Box:
    """A box with its left above its right and its top above its bottom (one given inside out would
    cover no cell, and be missing from the bounds found from the cells)."""
    left, top, right, bottom = box
    if left <= right and top <= bottom:
        return box
    return min(left, right), min(top, bottom), max(left, right), max(top, bottom)


def _extent(segment: bool, shape: Box) -> Box:
    """The box around a shape (a segment's: around its ends)."""
    a, b, c, d = shape
    return (min(a, c), min(b, d), max(a, c), max(b, d)) if segment else shape


def clip(x1: float, y1: float, x2: float, y2: float, left: float, top: float, right: float,
         bottom: float) -> tuple[float, float] | None:
    """The part of a segment inside a rectangle, as the fractions (start, end) of the way from its
    first point to its second (Liang-Barsky, in floats); None when no part is inside."""
    start, end = 0.0, 1.0
    dx, dy = x2 - x1, y2 - y1
    for step, room in ((-dx, x1 - left), (dx, right - x1), (-dy, y1 - top), (dy, bottom - y1)):
        if step == 0:
            if room < 0:
                return None
            continue
        t = room / step
        if step < 0:
            start = max(start, t)
        else:
            end = min(end, t)
        if start > end:
            return None
    return start, end


def crosses(x1: float, y1: float, x2: float, y2: float, left: float, top: float, right: float,
            bottom: float) -> bool:
    """Whether the segment meets the rectangle."""
    return clip(x1, y1, x2, y2, left, top, right, bottom) is not None


def _box_cells(left: float, top: float, right: float, bottom: float) -> Iterator[tuple[int, int]]:
    for column in range(int(left // CELL), int(right // CELL) + 1):
        for row in range(int(top // CELL), int(bottom // CELL) + 1):
            yield column, row


def _segment_cells(x1: float, y1: float, x2: float, y2: float) -> Iterable[tuple[int, int]]:
    """The cells a segment crosses, in order (a grid walk: one step per cell boundary crossed)."""
    column, row = int(x1 // CELL), int(y1 // CELL)
    last = (int(x2 // CELL), int(y2 // CELL))
    cells = [(column, row)]
    dx, dy = x2 - x1, y2 - y1
    step_x = 1 if dx > 0 else -1
    step_y = 1 if dy > 0 else -1
    # how far along the segment (0..1) the next vertical / horizontal cell boundary is, and per cell
    next_x = ((column + (step_x > 0)) * CELL - x1) / dx if dx else math.inf
    next_y = ((row + (step_y > 0)) * CELL - y1) / dy if dy else math.inf
    per_x = CELL / abs(dx) if dx else math.inf
    per_y = CELL / abs(dy) if dy else math.inf
    while (column, row) != last and len(cells) <= abs(last[0] - cells[0][0]) + abs(last[1] - cells[0][1]):
        # never past the end's column or row: near a grid corner rounding may rank the two crossings wrongly
        if row == last[1] or (column != last[0] and next_x < next_y):
            column += step_x
            next_x += per_x
        else:
            row += step_y
            next_y += per_y
        cells.append((column, row))
    return cells
