"""Elbow connectors: routes of horizontal and vertical segments from a side of one block to a side of
another, around the blocks in between and through the user's waypoints.

Qt-free and deterministic, so the canvas and every exporter draw the same route from the same model:
both ask ``connector_route`` with the end blocks' rectangles and a ``Blocks`` index of the design's
blocks; the search itself is components/export/elbow_search.py. A connector's ``style`` (else the
design's ``connector_style``, else straight) says whether it is drawn this way.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Collection, Iterable, Sequence
from itertools import pairwise

from components import style
from components.export.elbow_search import SPREAD_STEP, STUB, Route, elbow_route, search_box
from components.export.geometry import Point, Rect
from components.model import Block, ConnectorStyle, Diagram
from components.model.elements import Connector

__all__ = ["Blocks", "Route", "bend_added", "block_rect", "connector_route", "effective_style", "elbow_route",
           "is_elbow", "label_point", "lane_spread", "path_data", "route_between", "search_box", "segment_moved",
           "self_loop_route"]

MAX_OBSTACLES = 80  # blocks the search considers at most (the nearest to the line between the ends)
CELL = 400.0  # side of the squares the block index files rectangles under
LOOP_REACH = 36.0  # how far an elbow self-loop goes out of its block's top-right corner


def effective_style(connector: Connector, default: ConnectorStyle | None) -> ConnectorStyle:
    """How a connector is drawn: its own style, else the design's, else straight."""
    return connector.style or default or "straight"


def is_elbow(diagram: Diagram, connector: Connector) -> bool:
    return effective_style(connector, diagram.connector_style) == "elbow"


def block_rect(block: Block) -> Rect:
    """The rectangle a block is drawn in (catalog size unless it has its own), with rounded corners."""
    return Rect(block.x, block.y, *style.block_size(block.kind, block.width, block.height), style.BLOCK_RADIUS)


class Blocks:
    """Block rectangles by id, filed under the CELL squares they touch, to find those near a box fast;
    kept up to date one block at a time by the canvas, made once per export."""

    def __init__(self, rects: Iterable[tuple[str, Rect]] = ()) -> None:
        self._rects: dict[str, Rect] = {}
        self._cells: dict[tuple[int, int], set[str]] = {}
        for block_id, rect in rects:
            self.set(block_id, rect)

    def __len__(self) -> int:
        return len(self._rects)

    def get(self, block_id: str) -> Rect | None:
        return self._rects.get(block_id)

    @staticmethod
    def _span(x0: float, y0: float, x1: float, y1: float) -> Iterable[tuple[int, int]]:
        for cx in range(math.floor(x0 / CELL), math.floor(x1 / CELL) + 1):
            for cy in range(math.floor(y0 / CELL), math.floor(y1 / CELL) + 1):
                yield cx, cy

    def set(self, block_id: str, rect: Rect) -> None:
        if self._rects.get(block_id) == rect:
            return
        self.remove(block_id)
        self._rects[block_id] = rect
        for cell in self._span(rect.x, rect.y, rect.right, rect.bottom):
            self._cells.setdefault(cell, set()).add(block_id)

    def remove(self, block_id: str) -> None:
        rect = self._rects.pop(block_id, None)
        if rect is None:
            return
        for cell in self._span(rect.x, rect.y, rect.right, rect.bottom):
            members = self._cells.get(cell)
            if members is not None:
                members.discard(block_id)
                if not members:
                    del self._cells[cell]

    def ids_near(self, box: tuple[float, float, float, float], leave_out: Collection[str] = ()) -> list[str]:
        """The ids of the rectangles meeting ``box`` (x0, y0, x1, y1), less ``leave_out``, sorted."""
        x0, y0, x1, y1 = box
        found: set[str] = set()
        for cell in self._span(x0, y0, x1, y1):
            found.update(self._cells.get(cell, ()))
        ids = []
        for block_id in found:
            rect = self._rects[block_id]
            if block_id not in leave_out and rect.x <= x1 and rect.right >= x0 and rect.y <= y1 and rect.bottom >= y0:
                ids.append(block_id)
        ids.sort()
        return ids

    def near(self, box: tuple[float, float, float, float], leave_out: Collection[str] = ()) -> list[Rect]:
        """The rectangles meeting ``box`` (x0, y0, x1, y1), less those of ``leave_out``, sorted."""
        return sorted(self._rects[block_id] for block_id in self.ids_near(box, leave_out))


def route_between(source: Rect, target: Rect, blocks: Blocks, ends: tuple[str, str],
                  waypoints: Sequence[Point] = (), offset: float = 0.0, spread: float = 0.0,
                  leave_out: Collection[str] = ()) -> Route:
    """The elbow route of a connector whose end blocks have ids ``ends``, avoiding the other blocks in
    ``blocks`` (less ``leave_out``: blocks being dragged, not where the index has them)."""
    if ends[0] == ends[1]:
        return self_loop_route(source)
    box = search_box(source, target, waypoints)
    obstacles = blocks.near(box, {*ends, *leave_out})
    if len(obstacles) > MAX_OBSTACLES:
        obstacles = _nearest(obstacles, source.centre, target.centre)[:MAX_OBSTACLES]
    return elbow_route(source, target, obstacles, waypoints, offset, spread)


def connector_route(connector: Connector, source: Rect, target: Rect, blocks: Blocks, offset: float = 0.0,
                    leave_out: Collection[str] = ()) -> Route:
    """The elbow route of a design's connector between its end blocks' rectangles (where they are now),
    through its waypoints. ``offset`` is its parallel_offsets value: turned here into a shift along the
    pair's common axis, so A->B and B->A move apart."""
    waypoints = [(point.x, point.y) for point in connector.waypoints or ()]
    shift = offset if connector.source < connector.target else -offset
    return route_between(source, target, blocks, (connector.source, connector.target), waypoints, shift,
                         lane_spread(connector.id), leave_out)


def lane_spread(connector_id: str) -> float:
    """-2 to 2 SPREAD_STEPs, fixed by the connector's id (the same on the canvas and in every export)."""
    return (zlib.crc32(connector_id.encode("utf-8")) % 5 - 2) * SPREAD_STEP


def _nearest(rects: list[Rect], a: Point, b: Point) -> list[Rect]:
    """``rects`` by the distance of their centres to the segment a-b (ties by position)."""
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    length = dx * dx + dy * dy

    def distance(rect: Rect) -> tuple[float, Rect]:
        cx, cy = rect.centre
        t = 0.0 if length == 0 else max(0.0, min(1.0, ((cx - ax) * dx + (cy - ay) * dy) / length))
        return (math.hypot(cx - ax - t * dx, cy - ay - t * dy), rect)

    return sorted(rects, key=distance)


def self_loop_route(rect: Rect) -> Route:
    """A block's connector to itself, square: up out of the top near the right corner, round the
    corner, and back into the right side."""
    inset = max(rect.radius, 6.0) + 12
    top, right = rect.y, rect.right
    points = ((right - inset, top), (right - inset, top - LOOP_REACH), (right + LOOP_REACH, top - LOOP_REACH),
              (right + LOOP_REACH, top + inset), (right, top + inset))
    return Route(points, (0, 0, 0, 0))


# ----- reading a route ------------------------------------------------------------------------------
def label_point(points: Sequence[Point]) -> Point:
    """Where a route's label sits: the middle of its longest segment (the first of equals), where it has
    the most room and stays off the blocks at the ends."""
    best, where = -1.0, points[0]
    for a, b in pairwise(points):
        step = abs(b[0] - a[0]) + abs(b[1] - a[1])
        if step > best:
            best, where = step, ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    return where


def path_data(points: Sequence[Point]) -> str:
    """SVG path data through the points: M x y L x y ..."""
    from components.export.geometry import fmt

    return "M" + "L".join(f"{fmt(x)} {fmt(y)}" for x, y in points)


# ----- bending a route by hand -----------------------------------------------------------------------
def segment_moved(waypoints: Sequence[Point], route: Route, index: int, to: float) -> list[Point]:
    """The waypoints after segment ``index`` of ``route`` (an inner one: both its ends are corners) is
    dragged sideways to ``to``, an x for a vertical segment, a y for a horizontal one. Its two ends
    become waypoints on the new line, in place of the waypoints they were, so the route keeps the
    segment's direction and length and only its line moves. Next to a block, the line stops STUB from
    the side the route leaves or enters (else the route would loop back into its stub)."""
    points = route.points
    a, b = points[index], points[index + 1]
    leg = route.legs[index]
    vertical = a[0] == b[0]
    axis = 0 if vertical else 1
    if index == 1:  # the first segment still runs STUB straight out of the source's side
        out = 1.0 if points[1][axis] > points[0][axis] else -1.0
        to = points[0][axis] + out * max(STUB, (to - points[0][axis]) * out)
    if index == len(points) - 3:  # and the last one STUB straight into the target's
        into = 1.0 if points[-1][axis] > points[-2][axis] else -1.0
        to = points[-1][axis] - into * max(STUB, (points[-1][axis] - to) * into)
    moved = [(to, a[1]), (to, b[1])] if vertical else [(a[0], to), (b[0], to)]
    starts_at_waypoint = leg > 0 and tuple(waypoints[leg - 1]) == a
    ends_at_waypoint = leg < len(waypoints) and tuple(waypoints[leg]) == b
    before = list(waypoints[:leg - 1] if starts_at_waypoint else waypoints[:leg])
    after = list(waypoints[leg + 1:] if ends_at_waypoint else waypoints[leg:])
    result = before + moved + after
    # an end dragged onto the waypoint next to it is that waypoint (a twin would be a zero-length leg)
    return [point for i, point in enumerate(result) if i == 0 or point != result[i - 1]]


def bend_added(waypoints: Sequence[Point], route: Route, index: int, at: Point) -> list[Point]:
    """The waypoints after the middle of segment ``index`` is dragged to ``at``: one more, in the order
    the route passes them."""
    leg = route.legs[index]
    return [*waypoints[:leg], at, *waypoints[leg:]]
