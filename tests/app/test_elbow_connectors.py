"""Elbow connectors on the canvas, driven with real mouse events: the route is the export's, a dot on a
segment dragged adds a waypoint, a waypoint dragged moves (Escape puts it back), a double-click
removes it; styles from the context menu, the inspector and Arrange > Elbow Connectors; every change
one undo step; routes follow blocks that move (their ends, and blocks moved into their way)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from app.canvas.items import ConnectorItem
from app.canvas.tools import menus
from app.canvas.tools.waypoint import WaypointTool
from components.commands import SetConnectorStyle, SetWaypoints
from components.export import elbow
from components.export.geometry import parallel_offsets
from components.model import Connector, Diagram
from tests.app.canvas_helpers import Canvas, block, drag, hover, make_canvas, move, press, release


def elbow_diagram() -> Diagram:
    """client -> ranker with a wall between them; the design draws connectors square."""
    return Diagram(
        title="Elbows",
        blocks=[block("client", "client", 0, 0, "Client"), block("ranker", "ranking", 480, 160, "Ranker"),
                block("wall", "cache", 240, -80, "Wall"), block("monitor", "monitoring", 480, 480, "Monitor")],
        connectors=[Connector(id="c1", source="client", target="ranker", flow="request"),
                    Connector(id="c2", source="ranker", target="monitor", flow="observe")],
        connector_style="elbow",
    )


@pytest.fixture
def canvas(qtbot) -> Iterator[Canvas]:
    result = make_canvas(qtbot, elbow_diagram())
    result.view.centerOn(QPointF(360, 200))
    yield result
    result.scene.detach()


def item(canvas: Canvas, connector_id: str) -> ConnectorItem:
    found = canvas.scene.item_for(connector_id)
    assert isinstance(found, ConnectorItem)
    return found


def engine_points(canvas: Canvas, connector_id: str) -> tuple[tuple[float, float], ...]:
    """The route the exporter draws for this connector, from the model alone."""
    diagram = canvas.doc.diagram
    rects = {b.id: elbow.block_rect(b) for b in diagram.blocks}
    connector = canvas.doc.connector(connector_id)
    offset = parallel_offsets((c.id, c.source, c.target) for c in diagram.connectors).get(connector_id, 0.0)
    return elbow.connector_route(connector, rects[connector.source], rects[connector.target],
                                 elbow.Blocks(rects.items()), offset).points


def drawn_points(canvas: Canvas, connector_id: str) -> tuple[tuple[float, float], ...]:
    canvas.scene.settle_routes()
    route = item(canvas, connector_id).route()
    assert route is not None
    return route.points


def click_connector(canvas: Canvas, connector_id: str) -> None:
    """Select a connector with a real click on the middle of its longest segment."""
    at = canvas.vp(QPointF(*elbow.label_point(drawn_points(canvas, connector_id))))
    hover(canvas, at)
    QTest.mouseClick(canvas.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    assert canvas.scene.selected_ids() == [connector_id]


def handle(canvas: Canvas, connector_id: str, kind: str, position: int) -> QPointF:
    found = [h for h in item(canvas, connector_id).handles() if (h.kind, h.position) == (kind, position)]
    assert found, item(canvas, connector_id).handles()
    return found[0].at


def test_the_canvas_draws_the_export_s_route_round_the_wall(canvas: Canvas) -> None:
    points = drawn_points(canvas, "c1")
    assert points == engine_points(canvas, "c1") and len(points) > 2
    assert all(a[0] == b[0] or a[1] == b[1] for a, b in itertools.pairwise(points))


def test_dragging_the_dot_of_a_short_route_drops_a_waypoint_there_in_one_undo_step(canvas: Canvas) -> None:
    click_connector(canvas, "c1")
    assert len(drawn_points(canvas, "c1")) == 3  # an L: no inner segment, a dot on each to bend it
    start = canvas.vp(handle(canvas, "c1", "bend", 0))
    target = QPointF(160, 304)  # on the grid: the waypoint lands exactly there
    hover(canvas, start)
    press(canvas, start)
    assert isinstance(canvas.scene.tool, WaypointTool)
    for step in (0.3, 0.7, 1.0):
        move(canvas, start + (canvas.vp(target) - start) * step)
    assert item(canvas, "c1").route().points != engine_points(canvas, "c1")  # the item follows live
    release(canvas, canvas.vp(target))
    assert [(w.x, w.y) for w in canvas.doc.connector("c1").waypoints] == [(160, 304)]
    assert (160, 304) in drawn_points(canvas, "c1") and drawn_points(canvas, "c1") == engine_points(canvas, "c1")
    assert canvas.editor.undo_stack.count() == 1 and canvas.editor.undo_stack.text(0) == "Bend connector"
    canvas.undo_all()
    assert canvas.dumped() == canvas.original and drawn_points(canvas, "c1") == engine_points(canvas, "c1")


def test_an_inner_segment_dragged_moves_sideways_only(canvas: Canvas) -> None:
    canvas.editor.push(SetWaypoints("c1", [(160, 304)]))
    click_connector(canvas, "c1")
    dot = next(h for h in item(canvas, "c1").handles() if h.kind == "segment" and h.sideways == "x")
    corners = drawn_points(canvas, "c1")
    a, b = corners[dot.position], corners[dot.position + 1]
    drag(canvas, canvas.vp(dot.at), canvas.vp(dot.at + QPointF(64, 40)))  # down as well: ignored
    moved = corners_after = drawn_points(canvas, "c1")
    new_a, new_b = (a[0] + 64, a[1]), (b[0] + 64, b[1])
    assert new_a in moved and moved[moved.index(new_a) + 1] == new_b
    assert corners_after == engine_points(canvas, "c1")
    assert canvas.editor.undo_stack.count() == 2
    canvas.editor.undo_stack.undo()
    assert drawn_points(canvas, "c1") == corners


def test_a_waypoint_drags_and_escape_puts_it_back(canvas: Canvas) -> None:
    canvas.editor.push(SetWaypoints("c1", [(160, 304)]))
    before = drawn_points(canvas, "c1")
    click_connector(canvas, "c1")
    start = canvas.vp(handle(canvas, "c1", "waypoint", 0))
    hover(canvas, start)
    press(canvas, start)
    move(canvas, start + QPoint(40, 40))
    move(canvas, start + QPoint(96, 64))
    QTest.keyClick(canvas.view, Qt.Key.Key_Escape)
    release(canvas, start + QPoint(96, 64))
    assert drawn_points(canvas, "c1") == before and canvas.editor.undo_stack.count() == 1
    drag(canvas, start, start + QPoint(96, 64))
    assert [(w.x, w.y) for w in canvas.doc.connector("c1").waypoints] == [(256, 368)]
    assert canvas.editor.undo_stack.count() == 2 and canvas.editor.undo_stack.text(1) == "Move waypoint"


def test_a_double_click_on_a_waypoint_removes_it(canvas: Canvas) -> None:
    canvas.editor.push(SetWaypoints("c1", [(160, 304), (320, 304)]))
    click_connector(canvas, "c1")
    at = canvas.vp(handle(canvas, "c1", "waypoint", 1))
    hover(canvas, at)
    QTest.mouseDClick(canvas.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    assert [(w.x, w.y) for w in canvas.doc.connector("c1").waypoints] == [(160, 304)]
    assert canvas.editor.undo_stack.text(canvas.editor.undo_stack.count() - 1) == "Remove waypoint"


def test_a_block_dragged_keeps_its_elbows_square_and_lands_on_the_export_s_route(canvas: Canvas) -> None:
    start = canvas.vp(canvas.centre_of("ranker"))
    hover(canvas, start)
    press(canvas, start)
    move(canvas, start + QPoint(30, 60))
    move(canvas, start + QPoint(64, 128))
    live = item(canvas, "c1").route().points
    assert all(a[0] == b[0] or a[1] == b[1] for a, b in itertools.pairwise(live))
    release(canvas, start + QPoint(64, 128))
    assert drawn_points(canvas, "c1") == engine_points(canvas, "c1")
    assert drawn_points(canvas, "c2") == engine_points(canvas, "c2")


def test_a_block_moved_into_a_route_s_way_sends_that_route_round_it(canvas: Canvas) -> None:
    """The monitor is no end of c1; moved onto c1's path, c1 goes round it after the drop."""
    path = drawn_points(canvas, "c1")
    middle = QPointF(*elbow.label_point(path))
    start = canvas.vp(canvas.centre_of("monitor"))
    drag(canvas, start, canvas.vp(middle))
    canvas.scene.settle_routes()
    assert drawn_points(canvas, "c1") == engine_points(canvas, "c1") != path


def test_the_context_menu_draws_a_connector_straight_and_resets_a_route(canvas: Canvas) -> None:
    canvas.editor.push(SetWaypoints("c1", [(160, 304)]))
    canvas.scene.select_ids(["c1"])
    menu = menus.context_menu(canvas.scene.tools, QPointF(0, 0), item(canvas, "c1"), canvas.view)
    reset = next(a for a in menu.actions() if a.text() == "Reset route")
    reset.trigger()
    assert canvas.doc.connector("c1").waypoints is None
    menu = menus.context_menu(canvas.scene.tools, QPointF(0, 0), item(canvas, "c1"), canvas.view)
    draw = next(a.menu() for a in menu.actions() if a.text() == "Draw")
    next(a for a in draw.actions() if a.text() == "Straight").trigger()
    assert canvas.doc.connector("c1").style == "straight" and item(canvas, "c1").route() is None
    assert len(item(canvas, "c1").path().toFillPolygon()) >= 2
    canvas.undo_all()
    assert canvas.dumped() == canvas.original and item(canvas, "c1").route() is not None


def test_the_design_default_from_the_canvas_menu_draws_every_unstyled_connector(canvas: Canvas) -> None:
    canvas.editor.push(SetConnectorStyle("c2", "elbow"))
    menu = menus.context_menu(canvas.scene.tools, QPointF(900, 900), None, canvas.view)
    toggle = next(a for a in menu.actions() if a.text() == "Elbow connectors")
    assert toggle.isChecked()
    toggle.trigger()
    canvas.scene.settle_routes()
    assert canvas.doc.diagram.connector_style is None
    assert item(canvas, "c1").route() is None and item(canvas, "c2").route() is not None  # c2 has its own
    canvas.editor.undo_stack.undo()
    canvas.scene.settle_routes()
    assert item(canvas, "c1").route() is not None


def test_zoomed_out_the_overview_draws_the_routes(canvas: Canvas) -> None:
    canvas.view.set_zoom(0.2)
    assert canvas.scene.overview_mode
    shapes, _selected = canvas.scene.overview._from_model()
    lines = [line for flow_lines in shapes.lines.values() for line in flow_lines]
    corners = drawn_points(canvas, "c1")
    for a, b in itertools.pairwise(corners):
        assert any((line.p1(), line.p2()) == (QPointF(*a), QPointF(*b)) for line in lines)
