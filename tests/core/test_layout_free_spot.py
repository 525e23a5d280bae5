"""nearest_free: where a new block goes when the spot asked for is taken (issue 12)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from components.layout.geometry import OBSTACLE_MARGIN, nearest_free, overlaps

BOX = (0.0, 0.0, 168.0, 72.0)
rects = st.lists(st.tuples(st.integers(-30, 30).map(lambda v: v * 16.0), st.integers(-30, 30).map(lambda v: v * 16.0),
                           st.sampled_from([72.0, 168.0, 240.0]), st.sampled_from([48.0, 72.0, 120.0])), max_size=40)


def _clear(box, fixed, dx: float, dy: float) -> bool:
    moved = (box[0] + dx, box[1] + dy, box[2], box[3])
    return not any(overlaps(moved, rect, OBSTACLE_MARGIN) for rect in fixed)


@given(rects)
def test_the_shift_is_clear_and_nothing_nearer_is(fixed) -> None:
    shift = nearest_free(BOX, fixed, 16.0, reach=20)
    if shift is None:
        assert not any(_clear(BOX, fixed, i * 16.0, j * 16.0) for i in range(-20, 21) for j in range(-20, 21))
        return
    assert _clear(BOX, fixed, *shift)
    distance = shift[0] ** 2 + shift[1] ** 2
    for i in range(-20, 21):
        for j in range(-20, 21):
            if (i * 16.0) ** 2 + (j * 16.0) ** 2 < distance:
                assert not _clear(BOX, fixed, i * 16.0, j * 16.0)


def test_a_free_spot_stays_and_a_taken_one_moves_the_shortest_way_down_before_up() -> None:
    assert nearest_free(BOX, [(400.0, 0.0, 168.0, 72.0)], 16.0) == (0.0, 0.0)
    assert nearest_free(BOX, [BOX], 16.0) == (0.0, 96.0)  # 72 high + a 24 margin, on the grid
    assert nearest_free(BOX, [BOX, (0.0, 96.0, 168.0, 72.0)], 16.0) == (0.0, -96.0)
    assert nearest_free(BOX, [(-2000.0, -2000.0, 4000.0, 4000.0)], 16.0) is None
