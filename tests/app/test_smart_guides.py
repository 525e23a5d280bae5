"""Smart guides while dragging: the rule (app/canvas/guides.py) for any boxes, and real drags on the
canvas that land lined up with a neighbour, with a guide line shown on the way and gone after."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QLineF, QPoint, QPointF, Qt
from PySide6.QtWidgets import QGraphicsLineItem

from app.canvas.guides import CENTRE, EDGE, Guides, _lines
from app.canvas.tools.move import MoveTool
from tests.app.canvas_helpers import canvas, hover, move, press, release  # noqa: F401

coords = st.floats(-2000, 2000, allow_nan=False)
sizes = st.floats(10, 400, allow_nan=False)
boxes = st.tuples(coords, coords, sizes, sizes)


@given(st.lists(boxes, max_size=30), boxes, st.floats(0.5, 40))
def test_a_snap_lines_up_with_the_nearest_line_of_its_kind_within_reach(still: list, moving: tuple,
                                                                       reach: float) -> None:
    snap = Guides(still).snap(moving, reach)
    placed = (moving[0] + snap.dx, moving[1] + snap.dy, moving[2], moving[3])
    for vertical, shift in ((True, snap.dx), (False, snap.dy)):
        assert abs(shift) <= reach + 1e-9
        own = _lines(moving, vertical)
        others = [line for box in still for line in _lines(box, vertical)]
        reachable = [abs(value - mine) for value, kind in others for mine, my_kind in own
                     if kind == my_kind and abs(value - mine) <= reach + 1e-9]  # the rule adds reach to a value
        guides = [g for g in snap.guides if g.vertical == vertical]
        if not reachable:
            assert shift == 0 and not guides
            continue
        assert abs(shift) <= min(reachable) + 0.01 + 1e-9  # the nearest (ties within a hundredth)
        [guide] = guides
        assert any(abs(mine - guide.at) < 1e-6 for mine, _ in _lines(placed, vertical))
        assert any(abs(value - guide.at) < 1e-6 for value, _ in others)


def test_an_edge_never_snaps_to_a_centre() -> None:
    still = [(0.0, 0.0, 100.0, 50.0)]  # left 0, centre 50, right 100
    snap = Guides(still).snap((53.0, 200.0, 40.0, 20.0), 6.0)  # its left edge is 3 from the centre line
    assert snap.dx == 0 and not snap.guides
    assert _lines(still[0], True) == ((0.0, EDGE), (50.0, CENTRE), (100.0, EDGE))


def guide_lines(canvas) -> list[QLineF]:  # noqa: F811
    tool = canvas.scene.tool
    return tool.guide_lines() if isinstance(tool, MoveTool) else []


def drag_client_under_the_ranker(canvas, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,  # noqa: F811
                                 release_it: bool = True) -> QPoint:
    """Drag the client (128 wide, at 0, 0) so its centre passes 5 units right of the ranker's (168 wide,
    at 320, 0), 150 lower; returns where the mouse is."""
    ranker = canvas.scene.item_for("ranker").scene_frame()
    client = canvas.scene.item_for("client").scene_frame()
    start = canvas.vp(client.center())
    target = canvas.vp(QPointF(ranker.center().x() + 5, client.center().y() + 150))
    hover(canvas, start)
    press(canvas, start)
    move(canvas, start + QPoint(10, 30), mods=mods)
    move(canvas, target, mods=mods)
    if release_it:
        release(canvas, target, mods=mods)
    return target


def test_a_dragged_block_lands_lined_up_with_its_neighbour_and_the_guide_goes(canvas) -> None:  # noqa: F811
    """It lands on the ranker's centre line, off the grid (x 340), a vertical guide shown until the drop;
    the other axis keeps to the grid."""
    drag_client_under_the_ranker(canvas, release_it=False)
    lines = guide_lines(canvas)
    assert any(line.x1() == line.x2() == 404 for line in lines), lines
    assert canvas.scene.item_for("client").pos() == QPointF(340, 144)
    release(canvas, canvas.vp(QPointF(409, 182)))
    block = canvas.doc.block("client")
    assert (block.x, block.y) == (340, 144)
    assert not [i for i in canvas.scene.items() if isinstance(i, QGraphicsLineItem)]  # the guide is gone
    assert canvas.editor.undo_stack.count() == 1


def test_ctrl_held_during_the_drag_moves_freely(canvas) -> None:  # noqa: F811
    drag_client_under_the_ranker(canvas, Qt.KeyboardModifier.ControlModifier, release_it=False)
    assert guide_lines(canvas) == []
    assert canvas.scene.item_for("client").pos() == QPointF(345, 150)  # neither guide nor grid


def test_guides_follow_the_theme(canvas) -> None:  # noqa: F811
    canvas.scene.theme_name = "dark"
    drag_client_under_the_ranker(canvas, release_it=False)
    colours = {item.pen().color().name() for item in canvas.scene.items() if isinstance(item, QGraphicsLineItem)}
    assert colours == {canvas.scene.theme.guide}
