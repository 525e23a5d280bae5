"""Smart guides: while boxes are dragged, their edges or centre snap to the edges or centres of the
boxes around them, and a guide line shows what they line up with.

Plain Python (no Qt) so the rule is easy to test: ``Guides`` holds the still boxes' lines, sorted, and
``snap`` finds, for the moving box, the nearest line within reach on each axis: an edge lines up with
an edge (left or right with left or right; top or bottom likewise), a centre with a centre.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

Box = tuple[float, float, float, float]  # x, y, width, height
EPSILON = 0.01  # lines closer than this are one line


@dataclass(frozen=True)
class Guide:
    """A line to draw: ``vertical`` at x = ``at`` from ``start`` to ``end`` in y, or horizontal at y."""

    vertical: bool
    at: float
    start: float
    end: float


@dataclass(frozen=True)
class Snap:
    """How far to shift the moving box so it lines up, and the guides that show it."""

    dx: float = 0.0
    dy: float = 0.0
    guides: tuple[Guide, ...] = ()


EDGE, CENTRE = 0, 1


def _lines(box: Box, vertical: bool) -> tuple[tuple[float, int], ...]:
    """(value, kind) of a box's three lines across one axis: its two edges and its centre."""
    x, y, width, height = box
    start, size = (x, width) if vertical else (y, height)
    return ((start, EDGE), (start + size / 2, CENTRE), (start + size, EDGE))


class Guides:
    """The lines of the boxes that stay still during one drag."""

    def __init__(self, boxes: Iterable[Box]) -> None:
        self._boxes = list(boxes)
        self._x = sorted((value, kind, n) for n, box in enumerate(self._boxes) for value, kind in _lines(box, True))
        self._y = sorted((value, kind, n) for n, box in enumerate(self._boxes) for value, kind in _lines(box, False))

    def snap(self, moving: Box, reach: float) -> Snap:
        """The shift (at most ``reach`` on each axis) that lines ``moving`` up with the nearest lines."""
        dx, x_at = self._nearest(self._x, _lines(moving, True), reach)
        dy, y_at = self._nearest(self._y, _lines(moving, False), reach)
        placed = (moving[0] + dx, moving[1] + dy, moving[2], moving[3])
        guides = []
        if x_at is not None:
            guides.append(self._guide(self._x, x_at, placed, vertical=True))
        if y_at is not None:
            guides.append(self._guide(self._y, y_at, placed, vertical=False))
        return Snap(dx, dy, tuple(guides))

    @staticmethod
    def _nearest(lines: list[tuple[float, int, int]], own: tuple[tuple[float, int], ...],
                 reach: float) -> tuple[float, float | None]:
        """(shift, line) to the still line of the same kind nearest one of ``own`` within ``reach``;
        (0, None) for none. Ties go to the earlier of own (left before centre before right) and the
        lower line."""
        best: tuple[float, float, float] | None = None  # distance, shift, line
        for value, kind in own:
            index = bisect_left(lines, (value - reach,))
            while index < len(lines) and lines[index][0] <= value + reach:
                line, line_kind, _ = lines[index]
                distance = abs(line - value)
                if line_kind == kind and (best is None or distance < best[0] - EPSILON):
                    best = (distance, line - value, line)
                index += 1
        return (0.0, None) if best is None else (best[1], best[2])

    def _guide(self, lines: list[tuple[float, int, int]], at: float, placed: Box, vertical: bool) -> Guide:
        """The guide along line ``at``, from the moving box to the farthest still box on it."""
        first, last = bisect_left(lines, (at - EPSILON,)), bisect_right(lines, (at + EPSILON, CENTRE + 1))
        boxes = [self._boxes[n] for _, _, n in lines[first:last]] + [placed]
        if vertical:
            return Guide(True, at, min(b[1] for b in boxes), max(b[1] + b[3] for b in boxes))
        return Guide(False, at, min(b[0] for b in boxes), max(b[0] + b[2] for b in boxes))
