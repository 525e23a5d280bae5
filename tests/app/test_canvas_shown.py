"""A big design gets items only for what is shown (app/canvas/shown.py): none while zoomed out, those a
view shows once zoomed in, any asked for by id; and the canvas draws the same picture as with every
item made, follows edits, and selects by click and rubber band while zoomed out."""

from __future__ import annotations

from array import array

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, QPointF, QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from app.canvas import shown
from app.canvas.items import BlockItem, ConnectorItem
from app.canvas.spatial import CELL, SpatialIndex, crosses
from components.commands import Connect, MoveItems, RemoveItems
from components.model import Connector, Waypoint
from components.synthetic import far_connectors_diagram, synthetic_diagram
from tests.app.canvas_helpers import Canvas, drag, make_canvas, press, release

BIG = 2_400  # blocks: with about as many connectors, past shown.LAZY_FROM


def _big(qtbot, diagram=None) -> Canvas:
    canvas = make_canvas(qtbot, diagram or synthetic_diagram(BIG, seed=4))
    assert canvas.scene.lazy
    return canvas


def _shown_ids(canvas: Canvas) -> set[str]:
    return set(canvas.scene._items)


def _picture(canvas: Canvas) -> QImage:
    QApplication.processEvents()
    image = QImage(canvas.view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    canvas.view.render(painter)
    painter.end()
    return image


def test_zoomed_out_a_big_design_has_no_items_and_zoomed_in_only_what_shows(qtbot) -> None:
    canvas = _big(qtbot)
    canvas.view.zoom_to_fit()
    assert canvas.scene.overview_mode
    before = len(_shown_ids(canvas))
    canvas.view.set_zoom(0.05)  # nothing more appears while the overview draws everything
    assert len(_shown_ids(canvas)) == before < len(canvas.doc.diagram.blocks) / 4
    canvas.view.set_zoom(1.0)
    canvas.view.centerOn(QPointF(6000, 2000))
    area = canvas.view.mapToScene(canvas.view.viewport().rect()).boundingRect()
    in_view = {b.id for b in canvas.doc.diagram.blocks if QRectF(b.x, b.y, 168, 72).intersects(area)}
    assert in_view and in_view <= _shown_ids(canvas)
    assert len(_shown_ids(canvas)) < len(canvas.doc.diagram.blocks) / 2


def test_an_item_asked_for_by_id_is_made_where_the_model_has_the_element(qtbot) -> None:
    canvas = _big(qtbot)
    far = canvas.doc.diagram.blocks[-1]
    assert far.id not in _shown_ids(canvas)
    item = canvas.scene.item_for(far.id)
    assert isinstance(item, BlockItem) and item.scene_frame().topLeft() == QPointF(far.x, far.y)
    canvas.scene.select_ids([far.id, canvas.doc.diagram.blocks[0].id])
    assert canvas.scene.selected_ids() == [canvas.doc.diagram.blocks[0].id, far.id]  # document order
    assert canvas.scene.item_ids() == {e.id for e in (*canvas.doc.diagram.blocks, *canvas.doc.diagram.connectors)}


@pytest.mark.parametrize("centre", [(0, 0), (5400, 1800), (8000, 4000)])
def test_the_picture_is_the_one_every_item_makes(qtbot, monkeypatch: pytest.MonkeyPatch, centre) -> None:
    """Long connectors too: the same pixels as a scene with every item made, wherever the view is."""
    design = far_connectors_diagram(BIG, BIG, seed=2)
    lazy = _big(qtbot, design.model_copy(deep=True))
    monkeypatch.setattr(shown, "LAZY_FROM", 10**9)
    eager = make_canvas(qtbot, design)
    assert not eager.scene.lazy
    for canvas in (lazy, eager):
        canvas.view.set_zoom(0.5)
        canvas.view.centerOn(QPointF(*centre))
    assert _picture(lazy) == _picture(eager)
    assert len(_shown_ids(lazy)) < len(_shown_ids(eager)) / 2


def test_an_elbow_route_far_from_its_ends_is_drawn_where_it_goes(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    """An elbow connector through a waypoint far above the design: a view of that empty sky shows only
    the middle of its route (neither end, nor the line between them), as with every item made."""
    design = synthetic_diagram(BIG, seed=4)
    source, target = design.blocks[0], design.blocks[60]
    sky = (target.x / 2, min(b.y for b in design.blocks) - 3000)
    detour = Connector(id="detour", source=source.id, target=target.id, style="elbow",
                       waypoints=[Waypoint(x=sky[0], y=sky[1])])
    design = design.model_copy(update={"connectors": [*design.connectors, detour]})
    lazy = _big(qtbot, design.model_copy(deep=True))
    monkeypatch.setattr(shown, "LAZY_FROM", 10**9)
    eager = make_canvas(qtbot, design)
    for canvas in (lazy, eager):
        canvas.view.set_zoom(1.0)
        canvas.view.centerOn(QPointF(*sky))
        canvas.scene.settle_routes()
    drawn = _picture(eager)
    assert _picture(lazy) == drawn
    # as a window paints it (only the exposed part of each item is asked for): the route, not empty sky
    painted = lazy.view.viewport().grab().toImage()
    lazy.editor.push(RemoveItems(["detour"]))
    QApplication.processEvents()
    assert lazy.view.viewport().grab().toImage() != painted


def test_edits_follow_in_a_big_design(qtbot) -> None:
    canvas = _big(qtbot)
    canvas.view.set_zoom(1.0)
    canvas.view.centerOn(QPointF(300, 150))
    mover = canvas.doc.diagram.blocks[0].id
    far = canvas.doc.diagram.blocks[-1].id
    canvas.editor.push(MoveItems({far: (300.0, 160.0)}))  # from off screen into view
    QApplication.processEvents()
    assert far in _shown_ids(canvas)
    canvas.editor.push(MoveItems({mover: (600.0, 400.0)}))
    for connector_id in canvas.doc.connector_ids_of([mover]):
        item = canvas.scene.item_for(connector_id)
        assert isinstance(item, ConnectorItem)
        source = canvas.doc.connector(connector_id).source
        frame = canvas.scene.frame_of(source)
        assert (frame.x, frame.y) == (canvas.doc.block(source).x, canvas.doc.block(source).y)
    canvas.editor.push(RemoveItems([mover]))
    assert mover not in _shown_ids(canvas) and mover not in canvas.scene.item_ids()
    canvas.undo_all()
    assert canvas.dumped() == canvas.original
    assert canvas.scene.item_for(mover) is not None


def test_zoomed_out_a_click_selects_the_block_under_it_and_a_rubber_band_what_it_covers(qtbot) -> None:
    canvas = _big(qtbot)
    canvas.view.set_zoom(0.3)
    assert canvas.scene.overview_mode
    target = canvas.doc.diagram.blocks[40]
    canvas.view.centerOn(QPointF(target.x + 84, target.y + 36))
    spot = canvas.vp((target.x + 84, target.y + 36))
    press(canvas, spot)
    release(canvas, spot)
    assert canvas.scene.selected_ids() == [target.id]
    canvas.scene.clearSelection()
    corner = canvas.vp((target.x - 300, target.y - 300))
    drag(canvas, corner, QPoint(corner.x() + 400, corner.y() + 300))
    area = QRectF(canvas.view.mapToScene(corner), canvas.view.mapToScene(QPoint(corner.x() + 400, corner.y() + 300)))
    inside = {b.id for b in canvas.doc.diagram.blocks if area.contains(QRectF(b.x, b.y, 168, 72))}
    assert inside and inside <= set(canvas.scene.selected_ids())


coordinate = st.floats(-20_000, 20_000, allow_nan=False)


@settings(max_examples=300)
@given(coordinate, coordinate, coordinate, coordinate, coordinate, coordinate, st.floats(1, 5_000), st.floats(1, 5_000))
@example(-1.0, 0.0, -5e-324, 0.0, 0.0, 0.0, 1.0, 1.0)  # x / CELL underflows to -0.0: cells by floor division
def test_a_segment_is_found_by_every_rectangle_it_crosses(x1, y1, x2, y2, left, top, width, height) -> None:
    index = SpatialIndex()
    index.put_segment("c", x1, y1, x2, y2)
    right, bottom = left + width, top + height
    if crosses(x1, y1, x2, y2, left, top, right, bottom):
        assert "c" in index.near(left, top, right, bottom) and index.meets("c", left, top, right, bottom)
    assert len(index._cells) <= abs(int(x2 // CELL) - int(x1 // CELL)) + abs(int(y2 // CELL) - int(y1 // CELL)) + 1
    index.drop("c")
    assert not index._cells


small = st.floats(-5_000, 5_000, allow_nan=False)
shape = st.tuples(st.sampled_from("abcdef"), st.booleans(), small, small, small, small)


def _edit(index: SpatialIndex, step: str | tuple) -> None:
    """One step of an edit sequence: drop an id, or put a segment or a box."""
    if isinstance(step, str):
        index.drop(step)
        return
    item_id, segment, a, b, c, d = step
    if segment:
        index.put_segment(item_id, a, b, c, d)
    else:
        index.put_box(item_id, min(a, c), min(b, d), max(a, c), max(b, d))


@settings(max_examples=200)
@given(st.lists(st.one_of(shape, st.sampled_from("abcdef")), max_size=40))
def test_the_bounds_kept_between_edits_are_the_bounds_of_what_is_there(steps) -> None:
    index = SpatialIndex()
    for step in steps:
        _edit(index, step)
        boxes = [index.box(item_id) for item_id in index.ids()]
        expected = (min(x[0] for x in boxes), min(x[1] for x in boxes), max(x[2] for x in boxes),
                    max(x[3] for x in boxes)) if boxes else None
        assert index.bounds() == expected


@settings(max_examples=200)
@given(st.lists(st.one_of(shape, st.sampled_from("abcdef")), max_size=40), small, small, st.floats(1, 4_000))
def test_the_index_finds_what_meets_a_rectangle_after_any_edits(steps, left, top, size) -> None:
    index = SpatialIndex()
    for step in steps:
        _edit(index, step)
    near = index.near(left, top, left + size, top + size)
    assert near <= index.ids()
    assert {i for i in index.ids() if index.meets(i, left, top, left + size, top + size)} <= near
    for item_id in index.ids():
        index.drop(item_id)
    assert not index._cells


def test_a_cell_holds_its_members_as_machine_integers() -> None:
    """A long connector is filed in every cell it crosses: a 4-byte handle there, not an id in a set
    (77 MB of the 45,000-block file's first paint)."""
    index = SpatialIndex()
    index.put_segment("long", 0.0, 0.0, 40 * CELL, 3 * CELL)
    index.put_box("box", 10.0, 10.0, 20.0, 20.0)
    assert len(index._cells) > 40
    assert all(isinstance(members, array) and members.itemsize <= 4 for members in index._cells.values())
    assert index.near(0.0, 0.0, 30.0, 30.0) == {"long", "box"}


def test_long_connectors_do_not_fill_the_scene_index(qtbot) -> None:
    """The 45,000-block file with long connectors took 7.8 GB: Qt's BSP depth is capped for a big design,
    and a connector drawn across it later is indexed like the others."""
    canvas = _big(qtbot, far_connectors_diagram(BIG, BIG, seed=3))
    assert canvas.scene.bspTreeDepth() <= shown.MAX_BSP_DEPTH
    first, last = canvas.doc.diagram.blocks[0].id, canvas.doc.diagram.blocks[-1].id
    canvas.editor.push(Connect(Connector(id="late", source=first, target=last)))
    assert "late" in canvas.scene.item_ids()
    canvas.view.set_zoom(1.0)
    canvas.view.centerOn(QPointF(canvas.doc.block(last).x, canvas.doc.block(last).y))
    assert "late" in _shown_ids(canvas)


def test_a_segment_through_a_grid_corner_is_filed_in_its_end_s_cell() -> None:
    """Found by the bounds property above: a segment ending a hair left of a cell corner walked into the
    cell above instead, so its end's cell missed it and the bounds found from the cells were wrong."""
    index = SpatialIndex()
    index.put_box("b", 0.0, 0.0, 0.0, 0.0)
    index.put_segment("a", 1.0, 1.0, -2.2957979648078808e-32, 7.766232494503515e-77)
    assert index.bounds() == (-2.2957979648078808e-32, 0.0, 1.0, 1.0)
    assert "a" in index.near(-10.0, 0.0, -5.0, 5.0)
