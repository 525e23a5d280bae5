"""The bounds of the spatial index (app/canvas/spatial.py) found again edge by edge, from the outermost
cells only, when the element on an edge moves: not a pass over every shape."""

from __future__ import annotations

from app.canvas.spatial import CELL, SpatialIndex


def _grid(columns: int, rows: int) -> SpatialIndex:
    index = SpatialIndex()
    for column in range(columns):
        for row in range(rows):
            x, y = column * CELL + 10, row * CELL + 10
            index.put_box(f"b{column}-{row}", x, y, x + 100, y + 50)
    index.put_segment("long", 20, 20, (columns - 1) * CELL + 50, (rows - 1) * CELL + 30)
    return index


def test_moving_the_element_on_one_edge_looks_again_at_that_edge_s_cells_only() -> None:
    index = _grid(20, 20)
    assert index.bounds() == (10, 10, 19 * CELL + 110, 19 * CELL + 60)
    scans = index.edge_scans
    index.put_box("b0-5", 40, 5 * CELL + 10, 140, 5 * CELL + 60)  # the left edge's blocks: one moves right
    assert index.bounds() == (10, 10, 19 * CELL + 110, 19 * CELL + 60)  # others still reach it
    assert index.edge_scans - scans <= 20 + 1  # the first column's shapes, not 401
    for row in range(20):
        index.put_box(f"b0-{row}", 300, row * CELL + 10, 400, row * CELL + 60)
    assert index.bounds()[0] == 20  # now the long segment's end is the leftmost point
    index.drop("long")
    assert index.bounds()[0] == 300
