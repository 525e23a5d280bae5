"""The search behind elbow connectors (components/export/elbow.py): the cheapest route of horizontal and
vertical segments between two rectangles, round others and through given points.

A route leaves its source square to a side (at the side's middle, slid towards the far end and shifted
for parallel connectors), runs at least STUB straight out, and enters its target square to a side, so
its arrowhead meets the border head on. In between it is the cheapest path (A*) over a sparse grid of
lanes: each obstacle's edges plus MARGIN, the ends' own lines, the middles between the two ends, the
waypoints' lines, a frame REACH outside it all; a segment costs its length and each bend BEND more, so
fewer bends beat a slightly shorter way, and running closer than NEAR to a block it passes costs SQUEEZE
more per unit of length (a gap narrower than two NEARs, a block's edge where other connectors' arrowheads
meet it): a route goes round rather than through a tight gap unless round is much longer. Steps that
cross a rectangle (the ends too: a route does not cut back through its own blocks) are closed. When every way is closed the route ignores the
rectangles in the way. Deterministic: the same rectangles in any order give the same route. Most
connectors need no search: a straight, L or Z shape that is clear, and that no other pair of ports
could beat, is the route (``_direct``).
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import NamedTuple

from components.export.geometry import Point, Rect

MARGIN = 20.0  # the lane kept clear around a block (less or more SPREAD_STEPs: never inside NEAR)
CLEARANCE = 4.0  # a segment never comes closer to a block it passes than this
NEAR = 12.0  # closer than this to a block it passes, a route is squeezed (an arrowhead is 10 long)
SQUEEZE = 2.0  # what a unit of length closer than NEAR to a block costs more, per block that near
STUB = 20.0  # straight run out of (and into) a block's side before any bend; longer than an arrowhead
BEND = 40.0  # the cost of one bend, in scene units of length
TIE = 0.5  # what a slid port costs more than a facing one, so that equal routes keep to the middle
REACH = 120.0  # how far beyond the ends and waypoints the route may go to get round a block
SLIDE = 0.6  # the share of a side's free half a port may slide towards the far end
SPREAD_STEP = 3.0  # connectors keep different distances to the blocks they pass: MARGIN - 2..2 steps

# directions: right, down, left, up (screen coordinates, y down)
_RIGHT, _DOWN, _LEFT, _UP = range(4)


class Route(NamedTuple):
    """A route: ``points`` from the source's border to the target's, each segment horizontal or
    vertical; ``legs[i]`` is the number of waypoints before segment i (0: before the first)."""

    points: tuple[Point, ...]
    legs: tuple[int, ...]


def search_box(source: Rect, target: Rect, waypoints: Sequence[Point]) -> tuple[float, float, float, float]:
    """The area a route between these ends may use (what changes in it may change the route)."""
    xs = [source.x, source.right, target.x, target.right, *(p[0] for p in waypoints)]
    ys = [source.y, source.bottom, target.y, target.bottom, *(p[1] for p in waypoints)]
    return (min(xs) - REACH, min(ys) - REACH, max(xs) + REACH, max(ys) + REACH)


class _Port(NamedTuple):
    border: Point  # where the route meets the block
    stub: Point  # STUB out from there
    out: int  # the direction from the border to the stub


def _slide(towards: float, centre: float, room: float) -> float:
    """How far a port moves from the middle of its side towards the other end: more the farther that
    is, never past ``room``; connectors from above and below meet a side at different points."""
    return room * math.tanh((towards - centre) / (3 * room)) * SLIDE if room > 0 else 0.0


def _port(rect: Rect, side: int, along: float, stub: float = STUB) -> _Port:
    """The port on ``side`` of ``rect`` at ``along`` (a y on the left and right sides, an x on the top
    and bottom ones), in lane precision."""
    along = _lane(along)
    if side == _RIGHT:
        return _Port((_lane(rect.right), along), (_lane(rect.right + stub), along), side)
    if side == _LEFT:
        return _Port((_lane(rect.x), along), (_lane(rect.x - stub), along), side)
    if side == _DOWN:
        return _Port((along, _lane(rect.bottom)), (along, _lane(rect.bottom + stub)), side)
    return _Port((along, _lane(rect.y)), (along, _lane(rect.y - stub)), side)


def _room(rect: Rect) -> tuple[float, float]:
    """How far from the middle of a side (horizontal, vertical) a port may sit: clear of the corners."""
    return max(0.0, rect.width / 2 - rect.radius - 2), max(0.0, rect.height / 2 - rect.radius - 2)


def _ports(rect: Rect, other: Point, shift: float) -> list[_Port]:
    """A port on each side: its middle, slid towards ``other`` (the far end's centre) and moved
    ``shift`` along it (connectors meeting a side at one place would share their last segment and
    their arrowheads), kept clear of the rounded corners."""
    cx, cy = rect.centre
    room_x, room_y = _room(rect)
    sx = max(-room_x, min(room_x, _slide(other[0], cx, room_x) + shift))
    sy = max(-room_y, min(room_y, _slide(other[1], cy, room_y) + shift))
    return [_port(rect, _RIGHT, cy + sy), _port(rect, _DOWN, cx + sx), _port(rect, _LEFT, cy + sy),
            _port(rect, _UP, cx + sx)]


def _facing(source: Rect, target: Rect, shift: float) -> tuple[list[_Port], list[_Port]]:
    """Ports for one straight segment between two sides that face each other across a gap and overlap:
    at the middle of the overlap (moved ``shift`` within it), stubs halved when the gap is narrow."""
    starts: list[_Port] = []
    ends: list[_Port] = []
    (srx, sry), (trx, try_) = _room(source), _room(target)
    (scx, scy), (tcx, tcy) = source.centre, target.centre
    for axis in (0, 1):  # 0: side by side (left/right sides), 1: one above the other (top/bottom)
        if axis == 0:
            lo, hi = max(scy - sry, tcy - try_), min(scy + sry, tcy + try_)
            gap_ahead, gap_behind = target.x - source.right, source.x - target.right
            forward, backward = _RIGHT, _LEFT
        else:
            lo, hi = max(scx - srx, tcx - trx), min(scx + srx, tcx + trx)
            gap_ahead, gap_behind = target.y - source.bottom, source.y - target.bottom
            forward, backward = _DOWN, _UP
        if lo > hi:
            continue
        along = max(lo, min(hi, (lo + hi) / 2 + shift))
        for gap, out in ((gap_ahead, forward), (gap_behind, backward)):
            if gap > 0:
                stub = min(STUB, gap / 2)
                starts.append(_port(source, out, along, stub))
                ends.append(_port(target, (out + 2) % 4, along, stub))
    return starts, ends


def _lane(value: float) -> float:
    return round(value, 3)


def _alongside(line: float, low_side: float, high_side: float) -> bool:
    """Whether a line runs alongside a block's side (at ``low_side`` or ``high_side``) closer than NEAR:
    between NEAR and CLEARANCE outside it (closer is closed)."""
    return low_side - NEAR < line <= low_side - CLEARANCE or high_side + CLEARANCE <= line < high_side + NEAR


def squeeze_cost(points: Sequence[Point], obstacles: Iterable[Rect]) -> float:
    """What a path through ``points`` pays for running alongside ``obstacles`` closer than NEAR: SQUEEZE
    per unit of its length level with each one (less NEAR more on both ends), as the search's steps."""
    extra = 0.0
    for rect in sorted(obstacles):
        x0, y0, x1, y1 = rect.x - NEAR, rect.y - NEAR, rect.right + NEAR, rect.bottom + NEAR
        for (ax, ay), (bx, by) in pairwise(points):
            if ay == by and _alongside(ay, rect.y, rect.bottom):
                extra += max(0.0, min(max(ax, bx), x1) - max(min(ax, bx), x0)) * SQUEEZE
            elif ax == bx and _alongside(ax, rect.x, rect.right):
                extra += max(0.0, min(max(ay, by), y1) - max(min(ay, by), y0)) * SQUEEZE
    return extra


class _Grid:
    """The lanes of one search, which of their steps are closed by a block, and what each step costs:
    its length, and SQUEEZE per unit of it alongside a block passed closer than NEAR."""

    def __init__(self, xs: Iterable[float], ys: Iterable[float], blocked: Sequence[Rect],
                 passed: Sequence[Rect] = ()) -> None:
        self.xs = sorted({_lane(x) for x in xs})
        self.ys = sorted({_lane(y) for y in ys})
        nx, ny = len(self.xs), len(self.ys)
        self.closed_h = [bytearray(max(nx - 1, 0)) for _ in range(ny)]  # [row][i]: xs[i] -> xs[i + 1]
        self.closed_v = [bytearray(max(ny - 1, 0)) for _ in range(nx)]  # [column][j]: ys[j] -> ys[j + 1]
        widths = [b - a for a, b in pairwise(self.xs)]
        heights = [b - a for a, b in pairwise(self.ys)]
        self.cost_h = [widths.copy() for _ in range(ny)]  # the same steps' costs
        self.cost_v = [heights.copy() for _ in range(nx)]
        for rect in blocked:
            x0, y0 = rect.x - CLEARANCE, rect.y - CLEARANCE
            x1, y1 = rect.right + CLEARANCE, rect.bottom + CLEARANCE
            self._close(self.ys, self.xs, self.closed_h, y0, y1, x0, x1)
            self._close(self.xs, self.ys, self.closed_v, x0, x1, y0, y1)
        for rect in sorted(passed):  # sorted: the same sums whatever order the blocks come in
            self._squeeze(self.ys, self.xs, self.cost_h, rect.y, rect.bottom, rect.x - NEAR, rect.right + NEAR)
            self._squeeze(self.xs, self.ys, self.cost_v, rect.x, rect.right, rect.y - NEAR, rect.bottom + NEAR)

    @staticmethod
    def _squeeze(lines: list[float], along: list[float], costs: list[list[float]], low_side: float,
                 high_side: float, a0: float, a1: float) -> None:
        """Add SQUEEZE per unit of the steps inside (a0, a1) of the lines alongside a block's sides."""
        first_step = max(bisect_right(along, a0) - 1, 0)
        last_step = min(bisect_left(along, a1) - 1, len(along) - 2)
        near = [*range(bisect_right(lines, low_side - NEAR), bisect_right(lines, low_side - CLEARANCE)),
                *range(bisect_left(lines, high_side + CLEARANCE), bisect_left(lines, high_side + NEAR))]
        for line in near:
            row = costs[line]
            for step in range(first_step, last_step + 1):
                inside = min(along[step + 1], a1) - max(along[step], a0)
                if inside > 0:
                    row[step] += inside * SQUEEZE

    @staticmethod
    def _close(lines: list[float], along: list[float], closed: list[bytearray], lo: float, hi: float,
               a0: float, a1: float) -> None:
        """Close the steps of the lines strictly between lo and hi that overlap (a0, a1)."""
        first_step = max(bisect_right(along, a0) - 1, 0)
        last_step = min(bisect_left(along, a1) - 1, len(along) - 2)
        if last_step < first_step:
            return
        for line in range(bisect_right(lines, lo), bisect_left(lines, hi)):
            row = closed[line]
            for step in range(first_step, last_step + 1):
                row[step] = 1

    def index(self, point: Point) -> tuple[int, int]:
        return bisect_left(self.xs, _lane(point[0])), bisect_left(self.ys, _lane(point[1]))



# the directions to go on in after arriving in each (never straight back); -1: at a free start
_ORDER = {-1: (0, 1, 2, 3), _RIGHT: (0, 1, 3), _DOWN: (1, 2, 0), _LEFT: (2, 3, 1), _UP: (3, 0, 2)}


def _turn(a: int, b: int) -> float:
    """The bend cost of going on in direction b after a (turning back counts as two bends)."""
    if a < 0 or a == b:
        return 0.0
    return 2 * BEND if (a + 2) % 4 == b else BEND


Start = tuple[int, int, int, float]  # node, direction of arrival (-1: any), cost so far
Goal = tuple[int, int, int, float]  # node, direction the route must leave it in (-1: any), extra cost


def _search(grid: _Grid, starts: Sequence[Start], goals: Sequence[Goal]) -> list[tuple[int, int, int]] | None:
    """The cheapest path (A*) from one of ``starts`` to one of ``goals``: its nodes with the direction
    each was entered in; None when every way is closed. The inner loop is written out by hand: it runs
    a few hundred times per route and every connector of an elbow design is routed."""
    xs, ys = grid.xs, grid.ys
    last_x, last_y = len(xs) - 1, len(ys) - 1
    closed_h, closed_v = grid.closed_h, grid.closed_v
    cost_h, cost_v = grid.cost_h, grid.cost_v
    wanted: dict[tuple[int, int], list[tuple[int, float]]] = {}
    for gx, gy, leave, extra in goals:
        wanted.setdefault((gx, gy), []).append((leave, extra))
    goal_points = [(xs[gx], ys[gy]) for gx, gy in wanted]

    def estimate(x: float, y: float, direction: int) -> float:
        """A lower bound of the cost to the nearest goal: the distance, and the bends it must take."""
        low = math.inf
        for gx, gy in goal_points:
            dx, dy = gx - x, gy - y
            guess = abs(dx) + abs(dy)
            if direction >= 0:
                ahead, aside = (dx, dy) if direction in (_RIGHT, _LEFT) else (dy, dx)
                if direction in (_LEFT, _UP):
                    ahead = -ahead
                if ahead < 0:
                    guess += 2 * BEND
                elif aside:
                    guess += BEND
            if guess < low:
                low = guess
        return low

    best: dict[tuple[int, int, int], float] = {}
    came: dict[tuple[int, int, int], tuple[int, int, int] | None] = {}
    heap: list[tuple[float, float, int, int, int]] = []
    for ix, iy, direction, cost in starts:
        state = (ix, iy, direction)
        if cost < best.get(state, math.inf):
            best[state] = cost
            came[state] = None
            heapq.heappush(heap, (cost + estimate(xs[ix], ys[iy], direction), cost, ix, iy, direction))
    finish: tuple[float, tuple[int, int, int]] | None = None
    push, pop = heapq.heappush, heapq.heappop
    while heap:
        total, cost, ix, iy, direction = pop(heap)
        state = (ix, iy, direction)
        if cost > best[state]:
            continue
        if finish is not None and total >= finish[0]:
            break
        leaves = wanted.get((ix, iy))
        if leaves is not None:
            end = cost + min((_turn(direction, leave) if leave >= 0 else 0.0) + extra for leave, extra in leaves)
            if finish is None or end < finish[0]:
                finish = (end, state)
        for new in _ORDER[direction]:  # straight on first: ties keep fewer bends
            if new == _RIGHT:
                if ix == last_x or closed_h[iy][ix]:
                    continue
                nx, ny, step = ix + 1, iy, cost_h[iy][ix]
            elif new == _LEFT:
                if ix == 0 or closed_h[iy][ix - 1]:
                    continue
                nx, ny, step = ix - 1, iy, cost_h[iy][ix - 1]
            elif new == _DOWN:
                if iy == last_y or closed_v[ix][iy]:
                    continue
                nx, ny, step = ix, iy + 1, cost_v[ix][iy]
            else:
                if iy == 0 or closed_v[ix][iy - 1]:
                    continue
                nx, ny, step = ix, iy - 1, cost_v[ix][iy - 1]
            new_cost = cost + step
            if direction >= 0 and new != direction:
                new_cost += BEND
            new_state = (nx, ny, new)
            if new_cost < best.get(new_state, math.inf):
                best[new_state] = new_cost
                came[new_state] = state
                push(heap, (new_cost + estimate(xs[nx], ys[ny], new), new_cost, nx, ny, new))
    if finish is None:
        return None
    path: list[tuple[int, int, int]] = []
    node: tuple[int, int, int] | None = finish[1]
    while node is not None:
        path.append(node)
        node = came[node]
    path.reverse()
    return path


def elbow_route(source: Rect, target: Rect, obstacles: Sequence[Rect], waypoints: Sequence[Point] = (),
                offset: float = 0.0, spread: float = 0.0) -> Route:
    """The route from ``source`` to ``target`` round ``obstacles`` and through ``waypoints`` in order.
    ``offset`` spreads parallel connectors: ports and middle lanes move by it (its sign is the common
    axis' of the pair, as components.export.geometry.parallel_offsets gives it); ``spread`` is added to
    the distance kept from the blocks passed and to the middle lanes, so connectors passing the same
    block side by side do not draw over each other."""
    waypoints = [(_lane(x), _lane(y)) for x, y in waypoints]
    blocked = [r for r in obstacles if not any(_inside(r, p) for p in waypoints)]
    route = _routed(source, target, blocked, waypoints, offset, spread, walled=True)
    if route is None:  # boxed in: the same search with nothing in the way always finds one
        route = _routed(source, target, [], waypoints, offset, spread, walled=False)
    assert route is not None
    return route


def _inside(rect: Rect, point: Point) -> bool:
    return (rect.x - CLEARANCE <= point[0] <= rect.right + CLEARANCE
            and rect.y - CLEARANCE <= point[1] <= rect.bottom + CLEARANCE)


def _routed(source: Rect, target: Rect, obstacles: Sequence[Rect], waypoints: Sequence[Point],
            offset: float, spread: float, walled: bool) -> Route | None:
    """The route through the lanes, closed where they cross ``obstacles`` (and, when ``walled``, the
    ends themselves: a route does not cut back through its own blocks); None when there is none."""
    shift = offset + spread  # ports and middle lanes apart from other connectors'
    straight_starts, straight_ends = _facing(source, target, offset)  # first: a tie goes to the one segment
    starts = straight_starts + _ports(source, target.centre, shift)
    ends = straight_ends + _ports(target, source.centre, shift)
    walls = [*obstacles, source, target] if walled else []
    (scx, scy), (tcx, tcy) = source.centre, target.centre
    if not waypoints:  # most connectors: a straight, L or Z shape is clear and as cheap as any route
        middle = (_lane((scx + tcx) / 2 + shift), _lane((scy + tcy) / 2 + shift))
        direct = _direct(starts, len(straight_starts), ends, len(straight_ends), middle, walls, obstacles)
        if direct is not None:
            return direct
    xs: list[float] = [x for port in (*starts, *ends) for x in (port.border[0], port.stub[0])]
    ys: list[float] = [y for port in (*starts, *ends) for y in (port.border[1], port.stub[1])]
    keep = MARGIN + spread
    for rect in obstacles:
        xs += (rect.x - keep, rect.right + keep)
        ys += (rect.y - keep, rect.bottom + keep)
    xs += [p[0] for p in waypoints]
    ys += [p[1] for p in waypoints]
    xs.append((scx + tcx) / 2 + shift)
    ys.append((scy + tcy) / 2 + shift)
    if target.x > source.right:  # the middle of the gap between the ends, when there is one
        xs.append((source.right + target.x) / 2 + shift)
    elif source.x > target.right:
        xs.append((target.right + source.x) / 2 + shift)
    if target.y > source.bottom:
        ys.append((source.bottom + target.y) / 2 + shift)
    elif source.y > target.bottom:
        ys.append((target.bottom + source.y) / 2 + shift)
    box = search_box(source, target, waypoints)
    xs += (box[0], box[2])
    ys += (box[1], box[3])
    grid = _Grid(xs, ys, walls, obstacles)
    stops = [grid.index(p) for p in waypoints]
    nodes: list[tuple[int, int, int]] = []  # (ix, iy, direction entered) along the whole route
    legs: list[int] = []  # per node after the first: the leg its step belongs to
    # a slid port costs a hair more than a facing one: equal routes take the centred straight segment
    first = [(*grid.index(port.stub), port.out, _span(port) + (0.0 if n < len(straight_starts) else TIE))
             for n, port in enumerate(starts)]
    current: Sequence[Start] = first
    for leg, stop in enumerate([*stops, None]):
        goals: list[Goal] = ([(*grid.index(port.stub), (port.out + 2) % 4, 0.0 if n < len(straight_ends) else TIE)
                              for n, port in enumerate(ends)] if stop is None else [(*stop, -1, 0.0)])
        path = _search(grid, current, goals)
        if path is None:
            return None
        if nodes:
            path = path[1:]  # the waypoint node ends one leg and starts the next
        legs += [leg] * (len(path) - (0 if nodes else 1))
        nodes += path
        last = nodes[-1]
        current = [(last[0], last[1], last[2], 0.0)]
    start = next(p for p in starts if grid.index(p.stub) == nodes[0][:2] and p.out == nodes[0][2])
    arrive = nodes[-1][2]
    finish = min((p for p in ends if grid.index(p.stub) == nodes[-1][:2]),
                 key=lambda p: (_turn(arrive, (p.out + 2) % 4), p.out))
    points = [start.border] + [(grid.xs[ix], grid.ys[iy]) for ix, iy, _ in nodes] + [finish.border]
    point_legs = [0, 0, *legs, len(stops)]  # per point: the leg of the step ending there
    return _simplified(points, point_legs, set(waypoints))


def _direct(starts: Sequence[_Port], facing_starts: int, ends: Sequence[_Port], facing_ends: int,
            middle: Point, walls: Sequence[Rect], passed: Sequence[Rect]) -> Route | None:
    """The cheapest straight, L or Z shape between a start and an end port (a Z turns on the ``middle``
    lanes) that no wall blocks, when no route can be cheaper: every port pair's cost is at least the
    distance between its stubs plus the bends its directions need, so a clear shape that costs no more
    than what any blocked pair (or squeezed shape's pair) might is what the search would find (or its
    equal). None: search."""
    best: tuple[float, list[Point]] | None = None
    floor = math.inf  # the least any pair without a clear shape could cost
    for n, start in enumerate(starts):
        for m, end in enumerate(ends):
            into = (end.out + 2) % 4
            base = (_span(start) + (0.0 if n < facing_starts else TIE) + (0.0 if m < facing_ends else TIE)
                    + abs(end.stub[0] - start.stub[0]) + abs(end.stub[1] - start.stub[1]))
            shape = _shape(start.stub, start.out, end.stub, into, middle)
            bends = 0 if start.out == into else 1 if (start.out + into) % 2 else 2
            path = [start.stub, *(shape or ()), end.stub]
            clear = shape is not None and _clear(path, walls)
            squeezed = squeeze_cost(path, passed) if clear else 0.0
            if clear:
                cost = base + BEND * len(path[1:-1]) + squeezed  # a corner is a bend
                if best is None or cost < best[0]:
                    best = (cost, [start.border, *path, end.border])
            if not clear or squeezed > 0:  # another way for this pair may cost less
                floor = min(floor, base + BEND * bends)
    if best is None or best[0] > floor:
        return None
    points = best[1]
    return _simplified(points, [0] * len(points), set())


def _shape(a: Point, out: int, b: Point, into: int, middle: Point) -> list[Point] | None:
    """The corners from stub ``a`` (leaving in ``out``) to stub ``b`` (arriving in ``into``): none for a
    straight run, one for an L, two on the middle lane for a Z; None when no such shape goes forward."""
    along = 0 if out in (_RIGHT, _LEFT) else 1
    sign = 1 if out in (_RIGHT, _DOWN) else -1
    ahead = (b[along] - a[along]) * sign
    if out == into:
        if ahead < 0:
            return None
        if a[1 - along] == b[1 - along]:
            return []
        lane = middle[along]
        if not (0 < (lane - a[along]) * sign < ahead):
            return None
        return [(lane, a[1]), (lane, b[1])] if along == 0 else [(a[0], lane), (b[0], lane)]
    if (out + into) % 2 == 0:  # turning back: a U, left to the search
        return None
    corner = (b[0], a[1]) if along == 0 else (a[0], b[1])
    arrive = 1 if into in (_RIGHT, _DOWN) else -1
    if ahead <= 0 or (b[1 - along] - corner[1 - along]) * arrive <= 0:
        return None
    return [corner]


def _clear(points: Sequence[Point], walls: Sequence[Rect]) -> bool:
    """Whether the path through ``points`` stays out of every wall (grown by CLEARANCE), as the lanes'
    closed steps would have it."""
    for (ax, ay), (bx, by) in pairwise(points):
        lo_x, hi_x = min(ax, bx), max(ax, bx)
        lo_y, hi_y = min(ay, by), max(ay, by)
        for rect in walls:
            x0, y0 = rect.x - CLEARANCE, rect.y - CLEARANCE
            x1, y1 = rect.right + CLEARANCE, rect.bottom + CLEARANCE
            if ay == by:  # horizontal
                if y0 < ay < y1 and lo_x < x1 and hi_x > x0:
                    return False
            elif x0 < ax < x1 and lo_y < y1 and hi_y > y0:
                return False
    return True


def _span(port: _Port) -> float:
    return abs(port.stub[0] - port.border[0]) + abs(port.stub[1] - port.border[1])


def _simplified(points: list[Point], legs: list[int], keep: set[Point]) -> Route:
    """Drop repeated points and the middle of straight runs (waypoints stay as corners, so every segment
    belongs to one leg); legs[i] is the leg of the step ending at points[i]."""
    out: list[Point] = [points[0]]
    out_legs: list[int] = []
    for point, leg in zip(points[1:], legs[1:], strict=True):
        if point == out[-1]:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            straight = (a[0] == b[0] == point[0]) or (a[1] == b[1] == point[1])
            if straight and b not in keep and out_legs[-1] == leg:
                out[-1] = point
                continue
        out.append(point)
        out_legs.append(leg)
    if len(out) == 1:  # the ends touch: a zero-length route still has one segment
        out.append(points[-1])
        out_legs.append(legs[-1])
    return Route(tuple(out), tuple(out_legs))
