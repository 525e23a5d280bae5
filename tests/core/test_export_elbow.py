"""Elbow connectors' routes (components/export/elbow.py): square to both ends, round the blocks in
between, through the waypoints in order, the same whatever order the blocks come in."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from components import style
from components.export import elbow
from components.export.elbow_search import BEND, CLEARANCE, MARGIN, NEAR, SPREAD_STEP, SQUEEZE, STUB
from components.export.geometry import Point, Rect

PITCH = 200.0  # blocks sit in their own cell of a coarse grid: at least 80 apart, never boxing anything in
cells = st.tuples(st.integers(-4, 4), st.integers(-3, 3))
sizes = st.tuples(st.integers(40, 120), st.integers(30, 120))


def cell_rect(cell: tuple[int, int], size: tuple[int, int]) -> Rect:
    return Rect(cell[0] * PITCH + 40, cell[1] * PITCH + 40, float(size[0]), float(size[1]), style.BLOCK_RADIUS)


@st.composite
def layouts(draw: st.DrawFn, waypoints: int = 0) -> tuple[Rect, Rect, list[Rect], list[Point]]:
    """Source, target and obstacles, each in a cell of its own; waypoints on free cell corners."""
    chosen = draw(st.lists(cells, min_size=2, max_size=14, unique=True))
    rects = [cell_rect(cell, draw(sizes)) for cell in chosen]
    corners = draw(st.lists(cells, min_size=waypoints, max_size=waypoints))
    return rects[0], rects[1], rects[2:], [(x * PITCH, y * PITCH) for x, y in corners]


def segments(points: tuple[Point, ...]) -> list[tuple[Point, Point]]:
    return list(itertools.pairwise(points))


def crosses(a: Point, b: Point, rect: Rect, clearance: float = CLEARANCE - 1e-6) -> bool:
    """Whether the axis-aligned segment a-b comes into ``rect`` grown by ``clearance``."""
    x0, y0, x1, y1 = rect.x - clearance, rect.y - clearance, rect.right + clearance, rect.bottom + clearance
    lo_x, hi_x = sorted((a[0], b[0]))
    lo_y, hi_y = sorted((a[1], b[1]))
    return lo_x < x1 and hi_x > x0 and lo_y < y1 and hi_y > y0


def on_side(rect: Rect, point: Point) -> str:
    """Which side of ``rect`` the point lies on, away from the rounded corners ("" for none)."""
    x, y = point
    flat_x = rect.x + rect.radius <= x <= rect.right - rect.radius
    flat_y = rect.y + rect.radius <= y <= rect.bottom - rect.radius
    if flat_y and x == rect.x:
        return "left"
    if flat_y and x == rect.right:
        return "right"
    if flat_x and y == rect.y:
        return "top"
    if flat_x and y == rect.bottom:
        return "bottom"
    return ""


OUTWARD = {"left": (-1, 0), "right": (1, 0), "top": (0, -1), "bottom": (0, 1)}


def direction(a: Point, b: Point) -> tuple[int, int]:
    return ((b[0] > a[0]) - (b[0] < a[0]), (b[1] > a[1]) - (b[1] < a[1]))


def check_square_ends(route: elbow.Route, source: Rect, target: Rect) -> None:
    points = route.points
    assert all(a[0] == b[0] or a[1] == b[1] for a, b in segments(points)), points
    assert all(a != b for a, b in segments(points)), points
    start, end = on_side(source, points[0]), on_side(target, points[-1])
    assert start and end, points
    assert direction(points[0], points[1]) == OUTWARD[start]
    assert direction(points[-2], points[-1]) == tuple(-v for v in OUTWARD[end])
    last = abs(points[-1][0] - points[-2][0]) + abs(points[-1][1] - points[-2][1])
    assert last >= STUB - 1e-6  # room for the arrowhead, square to the side
    assert len(route.legs) == len(points) - 1


@settings(max_examples=300, deadline=None)
@given(layouts())
def test_a_route_meets_both_ends_square_and_goes_round_every_block(layout: tuple) -> None:
    source, target, obstacles, _ = layout
    route = elbow.elbow_route(source, target, obstacles)
    check_square_ends(route, source, target)
    for a, b in segments(route.points):
        for rect in obstacles:
            assert not crosses(a, b, rect), (a, b, rect)
    inner = segments(route.points)[1:-1]  # the first and last leave and enter the ends' own sides
    for a, b in inner:
        assert not crosses(a, b, source) and not crosses(a, b, target), (a, b)


@settings(max_examples=200, deadline=None)
@given(layouts(waypoints=2), st.randoms(use_true_random=False))
def test_the_route_is_the_same_whatever_order_the_blocks_come_in(layout: tuple, shuffler: random.Random) -> None:
    source, target, obstacles, waypoints = layout
    shuffled = list(obstacles)
    shuffler.shuffle(shuffled)
    assert elbow.elbow_route(source, target, obstacles, waypoints) == elbow.elbow_route(source, target, shuffled,
                                                                                        waypoints)


@settings(max_examples=200, deadline=None)
@given(layouts(waypoints=3))
def test_a_route_passes_each_waypoint_in_order(layout: tuple) -> None:
    source, target, obstacles, waypoints = layout
    assume(len(set(waypoints)) == len(waypoints))
    route = elbow.elbow_route(source, target, obstacles, waypoints)
    check_square_ends(route, source, target)
    corners = list(route.points)
    found: list[int] = []  # each waypoint is a corner of the route, after the one before it
    for point in waypoints:
        found.append(corners.index(point, found[-1] + 1 if found else 0))
    assert list(route.legs) == sorted(route.legs) and set(route.legs) <= set(range(len(waypoints) + 1))
    for number, index in enumerate(found):  # the segments before a waypoint are of its leg, after it the next
        assert route.legs[index - 1] == number and route.legs[index] == number + 1


def test_two_blocks_in_line_are_joined_by_one_segment() -> None:
    source, target = Rect(0, 0, 120, 60, 8), Rect(300, 0, 120, 60, 8)
    assert elbow.elbow_route(source, target, []).points == ((120, 30), (300, 30))


def test_a_block_in_the_way_is_gone_round_and_the_route_comes_back_square() -> None:
    source, target = Rect(0, 0, 120, 60, 8), Rect(400, 0, 120, 60, 8)
    wall = Rect(200, -60, 60, 180, 8)
    route = elbow.elbow_route(source, target, [wall])
    check_square_ends(route, source, target)
    assert len(route.points) > 2 and not any(crosses(a, b, wall) for a, b in segments(route.points))


def test_boxed_in_ends_still_get_a_route_ignoring_the_walls() -> None:
    """The target sits inside the source: no way round exists, so the blocks in the way are ignored."""
    source, target = Rect(0, 0, 400, 300, 8), Rect(150, 100, 100, 60, 8)
    route = elbow.elbow_route(source, target, [Rect(-100, -100, 50, 50, 8)])
    assert all(a[0] == b[0] or a[1] == b[1] for a, b in segments(route.points))
    assert on_side(target, route.points[-1])


def test_parallel_connectors_between_two_blocks_do_not_draw_over_each_other() -> None:
    source, target = Rect(0, 0, 120, 60, 8), Rect(300, 200, 120, 60, 8)
    one = elbow.elbow_route(source, target, [], offset=-4)
    two = elbow.elbow_route(source, target, [], offset=4)
    assert set(segments(one.points)).isdisjoint(segments(two.points))


def test_a_self_loop_is_square_out_of_the_top_and_into_the_right_side() -> None:
    rect = Rect(0, 0, 120, 60, 8)
    points = elbow.self_loop_route(rect).points
    assert on_side(rect, points[0]) == "top" and on_side(rect, points[-1]) == "right"
    assert all(a[0] == b[0] or a[1] == b[1] for a, b in segments(points))


def test_the_label_sits_on_the_middle_of_the_longest_segment() -> None:
    assert elbow.label_point(((0, 0), (0, 10), (100, 10), (100, 20))) == (50, 10)
    assert elbow.label_point(((0, 0), (0, 40), (40, 40))) == (0, 20)  # the first of two equal ones


def test_lane_spread_is_fixed_by_the_id() -> None:
    spreads = {elbow.lane_spread(f"c{n}") for n in range(50)}
    assert elbow.lane_spread("c1") == elbow.lane_spread("c1") and len(spreads) == 5


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcdefgh"), st.none() | st.tuples(
    st.integers(-2000, 2000), st.integers(-2000, 2000), st.integers(10, 900), st.integers(10, 900))), max_size=40),
    st.tuples(st.integers(-2500, 2500), st.integers(-2500, 2500), st.integers(0, 2000), st.integers(0, 2000)))
def test_the_block_index_finds_what_a_scan_finds(steps: list, box: tuple[int, int, int, int]) -> None:
    """Random sets and removals; ``near`` then equals a scan of what is left."""
    index = elbow.Blocks()
    kept: dict[str, Rect] = {}
    for block_id, where in steps:
        if where is None:
            index.remove(block_id)
            kept.pop(block_id, None)
        else:
            kept[block_id] = Rect(*map(float, where))
            index.set(block_id, kept[block_id])
    x0, y0 = float(box[0]), float(box[1])
    x1, y1 = x0 + box[2], y0 + box[3]
    scanned = sorted(r for i, r in kept.items() if r.x <= x1 and r.right >= x0 and r.y <= y1 and r.bottom >= y0
                     and i != "a")
    assert index.near((x0, y0, x1, y1), leave_out={"a"}) == scanned
    assert len(index) == len(kept)


@pytest.mark.parametrize(("own", "default", "expected"), [
    (None, None, "straight"), (None, "elbow", "elbow"), ("straight", "elbow", "straight"), ("elbow", None, "elbow"),
])
def test_a_connector_s_own_style_wins_over_the_design_s(own: str | None, default: str | None, expected: str) -> None:
    from components.model import Connector

    connector = Connector(id="c", source="a", target="b", style=own)
    assert elbow.effective_style(connector, default) == expected


@settings(max_examples=200, deadline=None)
@given(layouts(waypoints=1), st.integers(-240, 240), st.data())
def test_an_inner_segment_dragged_sideways_keeps_its_ends_on_the_new_line(layout: tuple, shift: int,
                                                                         data: st.DataObject) -> None:
    """Its two ends become waypoints (in place of any it had) and the route passes them in order; with
    no other block about, it runs straight from one to the other. (A block in the way of the route's
    approach can make it come at the first end from the far side and go round.)"""
    source, target, obstacles, waypoints = layout
    route = elbow.elbow_route(source, target, obstacles, waypoints)
    inner = list(range(1, len(route.points) - 2))
    assume(inner)
    index = data.draw(st.sampled_from(inner))
    a, b = route.points[index], route.points[index + 1]
    vertical = a[0] == b[0]
    to = (a[0] if vertical else a[1]) + shift
    moved = elbow.segment_moved(waypoints, route, index, to)
    kept = [p for p in waypoints if p not in (a, b)]
    assume(len(moved) == len(kept) + 2)  # an end dragged onto the next waypoint is that one (tested below)
    new_a, new_b = next((p, q) for p, q in itertools.pairwise(moved) if p not in kept and q not in kept)
    assert [p for p in moved if p not in (new_a, new_b)] == kept  # the others stay, in order
    line = new_a[0] if vertical else new_a[1]
    assert (new_a, new_b) == (((line, a[1]), (line, b[1])) if vertical else ((a[0], line), (b[0], line)))
    if line != to:  # stopped short of a block's stub
        assert index in (1, len(route.points) - 3)
    after = elbow.elbow_route(source, target, obstacles, moved)
    corners = list(after.points)
    found: list[int] = []  # where the route passes each waypoint, in order (a point may be passed twice)
    for point in moved:
        found.append(corners.index(point, found[-1] + 1 if found else 0))
    at = moved.index(new_a)
    walls = [*obstacles, source, target]
    if not obstacles and not kept and not any(crosses(new_a, new_b, r, CLEARANCE + 1) for r in walls):
        assert found[at + 1] == found[at] + 1  # one straight segment from one end to the other


def test_a_bend_goes_in_where_the_route_passes_it() -> None:
    route = elbow.Route(((0, 0), (0, 50), (100, 50), (100, 90)), (0, 1, 1))
    assert elbow.bend_added([(0, 50)], route, 2, (80, 10)) == [(0, 50), (80, 10)]
    assert elbow.bend_added([(0, 50)], route, 0, (5, 5)) == [(5, 5), (0, 50)]


def route_cost(points: tuple[Point, ...], obstacles: list[Rect]) -> float:
    """Length plus BEND per corner plus the squeeze past ``obstacles`` of all but the first and last
    segments (near enough what the search minimises: it leaves out only the stubs; ties aside)."""
    from components.export.elbow_search import squeeze_cost

    corners = sum(1 for a, b, c in zip(points, points[1:], points[2:], strict=False) if (a[0] == b[0]) != (b[0] == c[0]))
    length = sum(abs(b[0] - a[0]) + abs(b[1] - a[1]) for a, b in segments(points))
    return round(length + BEND * corners + squeeze_cost(points[1:-1], obstacles), 3)


@settings(max_examples=200, deadline=None)
@given(layouts(), st.sampled_from([0.0, 4.0, -4.0]), st.sampled_from([-6.0, -3.0, 0.0, 3.0, 6.0]))
def test_a_shortcut_shape_costs_what_the_full_search_finds(layout: tuple, offset: float, spread: float) -> None:
    """A straight, L or Z shape is taken without searching only when no route could be cheaper."""
    from unittest import mock

    from components.export import elbow_search

    source, target, obstacles, _ = layout
    quick = elbow.elbow_route(source, target, obstacles, offset=offset, spread=spread)
    with mock.patch.object(elbow_search, "_direct", lambda *args: None):
        searched = elbow.elbow_route(source, target, obstacles, offset=offset, spread=spread)
    assert route_cost(quick.points, obstacles) <= route_cost(searched.points, obstacles)


@st.composite
def tight_gaps(draw: st.DrawFn) -> tuple[Rect, Rect, list[Rect]]:
    """Two blocks (or columns of them) side by side with a gap too narrow to pass at NEAR from both
    (the trial's 25 px between two columns), one end above them and one below, both facing the gap,
    either way up; the way round the narrower one is shorter than what the squeeze through costs."""
    gap = draw(st.integers(9, 24))
    widths = draw(st.integers(60, 160)), draw(st.integers(60, 160))
    height = draw(st.integers(40, 320))
    round_extra = 2 * (min(widths) + MARGIN + 2 * SPREAD_STEP + 40) + 2 * BEND  # 40: the ends' offset
    assume(round_extra < SQUEEZE * (height + 2 * NEAR))
    left = Rect(0.0, 0.0, float(widths[0]), float(height), style.BLOCK_RADIUS)
    right = Rect(float(widths[0] + gap), 0.0, float(widths[1]), float(height), style.BLOCK_RADIUS)
    middle = widths[0] + gap / 2
    ends = []
    for above in (True, False):
        w, h = draw(st.integers(100, 160)), draw(st.integers(40, 80))
        x = middle - w / 2 + draw(st.integers(-40, 40))
        y = -draw(st.integers(40, 120)) - h if above else height + draw(st.integers(40, 120))
        ends.append(Rect(x, float(y), float(w), float(h), style.BLOCK_RADIUS))
    if draw(st.booleans()):
        ends.reverse()
    return ends[0], ends[1], [left, right]


@settings(max_examples=300, deadline=None)
@given(tight_gaps(), st.sampled_from([-6.0, -3.0, 0.0, 3.0, 6.0]))
def test_a_route_goes_round_a_tight_gap_rather_than_hug_the_blocks_either_side(layout: tuple, spread: float) -> None:
    """Through the gap the route would run closer than NEAR to a block (over the arrowheads that meet
    its side); round the pair is shorter than the squeeze costs, so it goes round and keeps its distance."""
    source, target, obstacles = layout
    route = elbow.elbow_route(source, target, obstacles, spread=spread)
    check_square_ends(route, source, target)
    for a, b in segments(route.points):
        for rect in obstacles:
            assert not crosses(a, b, rect, NEAR - 1e-6), (a, b, rect, route.points)


def test_a_segment_dragged_onto_the_next_waypoint_merges_with_it() -> None:
    """Found by the property above: the end landing on a waypoint gave that waypoint twice."""
    def box(x: float, y: float) -> Rect:
        return Rect(x, y, 40.0, 30.0, style.BLOCK_RADIUS)

    obstacles = [box(40, 240), box(40, -160), box(40, -360), box(40, 640), box(240, 40), box(240, 240),
                 box(-160, 40), box(640, 440)]
    source, target, waypoints = box(40, 440), box(40, 40), [(800.0, 0.0)]
    route = elbow.elbow_route(source, target, obstacles, waypoints)
    index = next(i for i in range(1, len(route.points) - 2) if route.points[i + 1][1] == 0.0)
    moved = elbow.segment_moved(waypoints, route, index, 800.0)
    assert moved == [(800.0, route.points[index][1]), (800.0, 0.0)]
    assert all(p != q for p, q in itertools.pairwise(moved))
