"""Connector geometry shared by canvas and export: border clipping, parallel offsets, self loops, layout."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from components import style
from components.export.geometry import (
    PARALLEL_GAP,
    Rect,
    block_layout,
    border_point,
    connector_points,
    fmt,
    head_overlaps,
    parallel_offsets,
    self_loop,
)

coords = st.floats(min_value=-2000, max_value=2000, allow_nan=False)
sizes = st.floats(min_value=20, max_value=400, allow_nan=False)


def on_outline(rect: Rect, point: tuple[float, float], tolerance: float = 1e-6) -> bool:
    """Whether ``point`` lies on the rounded rectangle's outline."""
    x, y = point
    r = min(rect.radius, rect.width / 2, rect.height / 2)
    cx = min(max(x, rect.x + r), rect.right - r)
    cy = min(max(y, rect.y + r), rect.bottom - r)
    if r > 0 and (cx != x and cy != y):  # in a corner zone: on the quarter circle
        return abs(math.hypot(x - cx, y - cy) - r) < 1e-4
    edges = (abs(x - rect.x), abs(x - rect.right), abs(y - rect.y), abs(y - rect.bottom))
    return min(edges) < tolerance + 1e-9 and rect.x - 1e-6 <= x <= rect.right + 1e-6 \
        and rect.y - 1e-6 <= y <= rect.bottom + 1e-6


@given(coords, coords, sizes, sizes, st.sampled_from([0.0, 8.0, 30.0]), coords, coords)
def test_border_point_is_on_the_outline_and_on_the_ray(x, y, w, h, radius, tx, ty) -> None:
    rect = Rect(x, y, w, h, radius)
    cx, cy = rect.centre
    point = border_point(rect, (tx, ty))
    if math.hypot(tx - cx, ty - cy) < 1e-9:
        assert point == (cx, cy)
        return
    assert on_outline(rect, point)
    # on the ray from the centre towards the target: same direction, zero cross product
    dx, dy = tx - cx, ty - cy
    px, py = point[0] - cx, point[1] - cy
    assert abs(dx * py - dy * px) <= 1e-6 * max(1.0, math.hypot(dx, dy) * math.hypot(px, py))
    assert dx * px + dy * py >= 0


def test_border_point_examples() -> None:
    rect = Rect(0, 0, 100, 50)
    assert border_point(rect, (500, 25)) == (100, 25)
    assert border_point(rect, (50, -500)) == (50, 0)
    rounded = Rect(0, 0, 100, 100, 10)
    x, y = border_point(rounded, (1000, 1000))  # the corner is cut by the radius
    assert x == pytest.approx(90 + 10 / math.sqrt(2))
    assert x == pytest.approx(y)


@given(coords, coords, coords, coords)
def test_connector_points_start_and_end_on_their_blocks(ax, ay, bx, by) -> None:
    source = Rect(ax, ay, 168, 72, style.BLOCK_RADIUS)
    target = Rect(bx, by, 128, 64, style.BLOCK_RADIUS)
    points = connector_points(source, target)
    if source.centre == target.centre:
        assert points is None
        return
    assert points is not None
    start, end = points
    assert on_outline(source, start)
    assert on_outline(target, end)


def test_parallel_connectors_are_spread_apart() -> None:
    offsets = parallel_offsets([("ab", "a", "b"), ("ba", "b", "a"), ("ac", "a", "c"), ("aa", "a", "a")])
    assert set(offsets) == {"ab", "ba"}
    source, target = Rect(0, 0, 168, 72, 8), Rect(400, 0, 168, 72, 8)
    (s1, e1) = connector_points(source, target, offsets["ab"])
    (s2, e2) = connector_points(target, source, offsets["ba"])
    # horizontal connectors: the two lines run at different heights, PARALLEL_GAP apart
    assert s1[1] == pytest.approx(e1[1]) and s2[1] == pytest.approx(e2[1])
    assert abs(s1[1] - s2[1]) == pytest.approx(PARALLEL_GAP)


def test_self_loop_leaves_the_top_and_comes_back_on_the_right() -> None:
    rect = Rect(10, 20, 168, 72, 8)
    start, c1, c2, end = self_loop(rect)
    assert start[1] == rect.y and rect.x < start[0] < rect.right
    assert end[0] == rect.right and rect.y < end[1] < rect.bottom
    assert c1[1] < rect.y and c2[0] > rect.right


@pytest.mark.parametrize(("width", "height"), [(168, 72), (128, 64), (300, 200)])
def test_block_layout_keeps_everything_inside_the_block(width: float, height: float) -> None:
    max_lines = style.block_label_max_lines(height)
    layout = block_layout(width, height, max_lines)
    ix, iy = layout.icon
    assert ix > 0 and ix + style.ICON_SIZE < width
    assert iy > 0 and iy + style.ICON_SIZE < height
    assert all(style.BLOCK_HEADER < b <= height - style.BLOCK_BOTTOM_PADDING for b in layout.label_baselines)
    assert len(layout.label_baselines) == max_lines
    assert style.block_label_width(width) <= width - style.STAGE_BAR_WIDTH
    assert layout.bar_path.startswith("M") and layout.bar_path.endswith("Z")


def test_default_block_has_room_for_two_label_lines() -> None:
    assert style.block_label_max_lines(72) == 2


@pytest.mark.parametrize(("value", "text"), [(0, "0"), (-0.04, "0"), (12.34, "12.3"), (-3.0, "-3"), (0.05, "0.1"),
                                             (1e7, "10000000"), (2.96, "3")])
def test_coordinates_are_written_compactly(value: float, text: str) -> None:
    assert fmt(value) == text


def test_head_overlap_is_found_for_shallow_hits_only() -> None:
    target = Rect(100, 100, 168, 72, 8)
    square_on = connector_points(Rect(100, -100, 168, 72, 8), target)  # straight down onto the top
    assert square_on is not None and not head_overlaps(target, *square_on, 20, 5)
    # grazing the top edge: the head's lower flank dips into the block
    assert head_overlaps(target, (30.0, 90.0), (130.0, 100.0), 20, 5)
    assert not head_overlaps(target, (130.0, 0.0), (130.0, 100.0), 20, 5)
    assert not head_overlaps(target, (130.0, 100.0), (130.0, 100.0), 20, 5)  # no direction, nothing to draw
