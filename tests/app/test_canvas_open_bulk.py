"""Opening a design on the canvas does its indexing in bulk (issue 17 point 4): the spatial index is
filled in one pass, which gives the index the one-by-one puts give, and the elbow router's index of
blocks is made only when a connector is routed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.canvas.places import Places
from app.canvas.spatial import SpatialIndex
from components.document import Document
from components.synthetic import synthetic_diagram
from tests.app.canvas_helpers import make_canvas

small = st.floats(-5_000, 5_000, allow_nan=False)
shape = st.tuples(st.sampled_from("abcdefgh"), st.booleans(), st.tuples(small, small, small, small))


def _contents(index: SpatialIndex) -> dict:
    """What an index holds, whatever the order it was filed in."""
    names = index._names
    cells = {cell: sorted(names[handle] for handle in handles) for cell, handles in index._cells.items()}
    return {"ids": index.ids(), "boxes": {i: index.box(i) for i in index.ids()}, "cells": cells}


@settings(max_examples=200, deadline=None)
@given(st.lists(shape, max_size=30), st.lists(shape, max_size=5), small, small, st.floats(1, 4_000))
def test_filling_gives_the_index_the_puts_give(before, shapes, left, top, size) -> None:
    """Into an empty index or one with shapes already (``before``), ids given twice included."""
    one_by_one, filled = SpatialIndex(), SpatialIndex()
    for index in (one_by_one, filled):
        for item_id, segment, box in before:
            (index.put_segment if segment else index.put_box)(item_id.upper(), *box)
    for item_id, segment, box in shapes:
        (one_by_one.put_segment if segment else one_by_one.put_box)(item_id, *box)
    filled.fill(shapes)
    assert _contents(filled) == _contents(one_by_one)
    assert filled.bounds() == one_by_one.bounds()
    rect = (left, top, left + size, top + size)
    assert filled.near(*rect) == one_by_one.near(*rect)


def test_a_fresh_fill_knows_its_bounds_without_another_pass() -> None:
    index = SpatialIndex()
    index.fill([("a", False, (0.0, 0.0, 10.0, 10.0)), ("c", True, (50.0, 40.0, -20.0, 5.0))])
    assert index.bounds() == (-20.0, 0.0, 50.0, 40.0) and index.edge_scans == 0


def test_opening_files_every_element_in_one_fill(monkeypatch) -> None:
    diagram = synthetic_diagram(300)
    puts: list[str] = []
    monkeypatch.setattr(SpatialIndex, "_put", lambda self, item_id, *rest: puts.append(item_id))
    places = Places(Document(diagram))
    places.rebuild()
    assert puts == []
    assert len(places.index) == len(diagram.blocks) + len(diagram.connectors) + len(diagram.notes) + len(diagram.groups)


def test_the_router_indexes_blocks_only_for_a_route(qtbot) -> None:
    straight = make_canvas(qtbot, synthetic_diagram(200))
    assert not straight.scene.routes.has_blocks
    straight.scene.detach()
    elbows = make_canvas(qtbot, synthetic_diagram(20).model_copy(update={"connector_style": "elbow"}))
    elbows.view.zoom_to_fit()
    qtbot.wait(50)
    assert elbows.scene.routes.has_blocks  # the connectors shown were routed round the blocks
    elbows.scene.detach()


def test_a_fill_into_an_index_whose_bounds_are_known_gives_the_bounds_of_all() -> None:
    """Found by review: filed beside shapes whose bounds had been asked for, new ones left them as they were."""
    index, one_by_one = SpatialIndex(), SpatialIndex()
    for built in (index, one_by_one):
        built.put_box("a", 0.0, 0.0, 10.0, 10.0)
        assert built.bounds() == (0.0, 0.0, 10.0, 10.0)
    shapes = [("b", False, (-1000.0, -1000.0, -990.0, -990.0)), ("c", True, (5.0, 5.0, 3000.0, 20.0))]
    index.fill(shapes)
    one_by_one.put_box("b", -1000.0, -1000.0, -990.0, -990.0)
    one_by_one.put_segment("c", 5.0, 5.0, 3000.0, 20.0)
    assert index.bounds() == one_by_one.bounds() == (-1000.0, -1000.0, 3000.0, 20.0)
