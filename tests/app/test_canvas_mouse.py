"""Real mouse events on the canvas viewport: drop, drag-move, connect, rubber band, clicks, labels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.canvas.items import ConnectorItem
from app.canvas.tools.connect import ConnectTool
from app.canvas.tools.label_edit import LabelEditTool
from components.catalog import default_flow
from tests.app.canvas_helpers import LEFT, Canvas, canvas, drag, drop_kind, hover, key, move, press, release  # noqa: F401

SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_drop_from_palette_places_a_snapped_block(canvas) -> None:  # noqa: F811
    drop_kind(canvas, "feature_store", canvas.vp((613, 405)))
    added = [b for b in canvas.doc.diagram.blocks if b.kind == "feature_store"]
    assert len(added) == 1
    new = added[0]
    assert new.label == "Feature store"
    assert new.x % 16 == 0 and new.y % 16 == 0
    assert abs(new.x + 84 - 613) <= 9 and abs(new.y + 36 - 405) <= 9  # centred on the drop point
    assert canvas.scene.selected_ids() == [new.id]
    assert canvas.scene.item_for(new.id) is not None
    assert canvas.editor.undo_stack.count() == 1
    canvas.undo_all()
    assert canvas.dumped() == canvas.original
    assert canvas.scene.item_for(new.id) is None


def test_drop_of_unknown_kind_or_other_data_is_refused(canvas) -> None:  # noqa: F811
    drop_kind(canvas, "no_such_kind", canvas.vp((100, 300)))
    assert canvas.dumped() == canvas.original
    mime = QMimeData()
    mime.setText("hello")
    enter = QDragEnterEvent(canvas.vp((100, 300)), Qt.DropAction.CopyAction, mime, LEFT, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(canvas.view.viewport(), enter)
    assert not enter.isAccepted()


def test_place_block_via_scene_centres_and_snaps(canvas) -> None:  # noqa: F811
    new_id = canvas.scene.place_block("cache", QPointF(1000, 1000))
    assert new_id is not None and new_id.startswith("cache")
    cache = canvas.doc.block(new_id)
    assert (cache.x, cache.y) == (912.0, 960.0)  # 1000-84=916 -> 912, 1000-36=964 -> 960
    canvas.scene.snap_enabled = False
    other = canvas.doc.block(canvas.scene.place_block("cache", QPointF(1000, 1000)))
    assert (other.x, other.y) == (916.0, 964.0)


def test_drag_moves_the_block_snapped_in_one_undo_step(canvas) -> None:  # noqa: F811
    start = canvas.vp(canvas.centre_of("client"))
    before_line = canvas.scene.item_for("c1").line()
    # (well clear of the other blocks' edges and centres: nothing for a smart guide to snap to)
    drag(canvas, start, start + QPoint(101, 149), steps=8)
    client = canvas.doc.block("client")
    assert (client.x, client.y) == (96.0, 144.0)
    assert canvas.scene.item_for("client").pos() == QPointF(96, 144)
    assert canvas.editor.undo_stack.count() == 1
    assert canvas.scene.item_for("c1").line() != before_line  # the connector followed
    canvas.undo_all()
    assert canvas.dumped() == canvas.original
    assert canvas.scene.item_for("client").pos() == QPointF(0, 0)
    assert canvas.scene.item_for("c1").line() == before_line
    canvas.redo_all()
    assert (canvas.doc.block("client").x, canvas.doc.block("client").y) == (96.0, 144.0)


def test_two_drags_are_two_undo_steps(canvas) -> None:  # noqa: F811
    start = canvas.vp(canvas.centre_of("monitor"))
    drag(canvas, start, start + QPoint(64, 0))
    start = canvas.vp(canvas.centre_of("monitor"))
    drag(canvas, start, start + QPoint(0, 64))
    assert canvas.editor.undo_stack.count() == 2
    canvas.editor.undo_stack.undo()
    assert (canvas.doc.block("monitor").x, canvas.doc.block("monitor").y) == (384.0, 224.0)


def test_dragging_a_selection_moves_all_of_it(canvas) -> None:  # noqa: F811
    canvas.scene.select_ids(["client", "monitor"])
    start = canvas.vp(canvas.centre_of("client"))
    drag(canvas, start, start + QPoint(32, 48))
    assert (canvas.doc.block("client").x, canvas.doc.block("client").y) == (32.0, 48.0)
    assert (canvas.doc.block("monitor").x, canvas.doc.block("monitor").y) == (352.0, 272.0)
    assert (canvas.doc.block("ranker").x, canvas.doc.block("ranker").y) == (320.0, 0.0)
    assert canvas.editor.undo_stack.count() == 1


def test_a_click_without_moving_pushes_nothing(canvas) -> None:  # noqa: F811
    at = canvas.vp(canvas.centre_of("ranker"))
    press(canvas, at)
    release(canvas, at)
    assert canvas.scene.selected_ids() == ["ranker"]
    assert canvas.editor.undo_stack.count() == 0


def test_connect_by_dragging_from_an_edge_handle(canvas) -> None:  # noqa: F811
    frame = canvas.scene.item_for("ranker").scene_frame()
    handle = canvas.vp(QPointF(frame.center().x(), frame.bottom()))  # bottom midpoint
    said: list[str] = []
    canvas.scene.statusMessage.connect(said.append)
    drag(canvas, handle, canvas.vp(canvas.centre_of("monitor")))
    assert said == ["Connected with an observe flow (change it in the context menu)"]  # not "a observe"
    new = [c for c in canvas.doc.diagram.connectors if c.id != "c1"]
    assert len(new) == 1
    assert (new[0].source, new[0].target) == ("ranker", "monitor")
    assert new[0].flow == default_flow("ranking", "monitoring") == "observe"
    assert isinstance(canvas.scene.item_for(new[0].id), ConnectorItem)
    assert not canvas.scene.item_for("ranker").hovered  # handles gone once the mouse left it
    assert (canvas.doc.block("ranker").x, canvas.doc.block("ranker").y) == (320.0, 0.0)  # not moved
    assert canvas.editor.undo_stack.count() == 1
    canvas.undo_all()
    assert canvas.dumped() == canvas.original
    assert canvas.scene.item_ids() == {"client", "ranker", "monitor", "c1"}


@pytest.mark.parametrize("side", ["top", "right", "bottom", "left"])
@pytest.mark.parametrize("inset", [-5.0, 0.0, 5.0])  # outer half, the edge, inner half of the handle
def test_connect_starts_anywhere_on_a_handle(canvas, side: str, inset: float) -> None:  # noqa: F811
    """Issue 12: the inner half of a handle (where it overlaps the card) started a rubber band."""
    frame = canvas.scene.item_for("monitor").scene_frame()
    centre = frame.center()
    point = {"top": QPointF(centre.x(), frame.top() + inset), "bottom": QPointF(centre.x(), frame.bottom() - inset),
             "left": QPointF(frame.left() + inset, centre.y()), "right": QPointF(frame.right() - inset, centre.y())}[side]
    drag(canvas, canvas.vp(point), canvas.vp(canvas.centre_of("client")))
    new = [c for c in canvas.doc.diagram.connectors if c.id != "c1"]
    assert [(c.source, c.target) for c in new] == [("monitor", "client")]
    assert canvas.scene.selected_ids() == []  # no rubber band ran
    assert (canvas.doc.block("monitor").x, canvas.doc.block("monitor").y) == (320.0, 224.0)


def test_drawing_the_same_connection_twice_is_refused_and_shows_the_first(canvas) -> None:  # noqa: F811
    said: list[str] = []
    canvas.editor.editFailed.connect(said.append)
    frame = canvas.scene.item_for("client").scene_frame()
    handle = canvas.vp(QPointF(frame.right(), frame.center().y()))
    drag(canvas, handle, canvas.vp(canvas.centre_of("ranker")))  # client -> ranker: c1 is that request already
    assert [c.id for c in canvas.doc.diagram.connectors] == ["c1"]
    assert said == ["Client → Ranker is already connected (request flow)"]
    assert canvas.scene.selected_ids() == ["c1"]
    assert canvas.editor.undo_stack.count() == 0


def test_connection_released_on_empty_canvas_or_own_block_is_cancelled(canvas) -> None:  # noqa: F811
    frame = canvas.scene.item_for("ranker").scene_frame()
    handle = canvas.vp(QPointF(frame.right(), frame.center().y()))
    drag(canvas, handle, canvas.vp((800, 500)))
    drag(canvas, handle, canvas.vp(frame.center()))
    assert canvas.dumped() == canvas.original
    assert canvas.editor.undo_stack.count() == 0
    assert not isinstance(canvas.scene.tool, ConnectTool)
    extra = [i for i in canvas.scene.items() if not hasattr(i, "item_id") and i is not canvas.scene.overview]
    assert extra == []  # the preview arrow is gone


def test_rubber_band_selects_what_it_touches(canvas) -> None:  # noqa: F811
    drag(canvas, canvas.vp((-40, -40)), canvas.vp((520, 120)))
    selected = set(canvas.scene.selected_ids())
    assert {"client", "ranker"} <= selected
    assert "monitor" not in selected
    assert canvas.editor.undo_stack.count() == 0


def test_shift_rubber_band_adds_to_the_selection(canvas) -> None:  # noqa: F811
    canvas.scene.select_ids(["client"])
    drag(canvas, canvas.vp((280, 200)), canvas.vp((520, 320)), mods=SHIFT)
    assert set(canvas.scene.selected_ids()) == {"client", "monitor"}
    drag(canvas, canvas.vp((280, 200)), canvas.vp((520, 320)))
    assert canvas.scene.selected_ids() == ["monitor"]


def test_shift_and_ctrl_click_toggle_selection(canvas) -> None:  # noqa: F811
    client, monitor = canvas.vp(canvas.centre_of("client")), canvas.vp(canvas.centre_of("monitor"))
    QTest.mouseClick(canvas.view.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, client)
    QTest.mouseClick(canvas.view.viewport(), LEFT, SHIFT, monitor)
    assert set(canvas.scene.selected_ids()) == {"client", "monitor"}
    QTest.mouseClick(canvas.view.viewport(), LEFT, Qt.KeyboardModifier.ControlModifier, client)
    assert canvas.scene.selected_ids() == ["monitor"]
    QTest.mouseClick(canvas.view.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, canvas.vp((900, 600)))
    assert canvas.scene.selected_ids() == []


def test_click_on_connector_selects_it(canvas) -> None:  # noqa: F811
    middle = canvas.scene.item_for("c1").midpoint()
    QTest.mouseClick(canvas.view.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, canvas.vp(middle + QPointF(0, 4)))
    assert canvas.scene.selected_ids() == ["c1"]


def test_double_click_edits_the_label_in_place(canvas, qtbot) -> None:  # noqa: F811
    QTest.mouseDClick(canvas.view.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, canvas.vp(canvas.centre_of("ranker")))
    assert isinstance(canvas.scene.tool, LabelEditTool)
    QTest.keyClicks(canvas.view, "Two-tower ranker")
    key(canvas, Qt.Key.Key_Return)
    assert not isinstance(canvas.scene.tool, LabelEditTool)
    assert canvas.doc.block("ranker").label == "Two-tower ranker"
    assert canvas.editor.undo_stack.count() == 1
    canvas.undo_all()
    assert canvas.dumped() == canvas.original


def test_group_frame_drag_moves_its_members(canvas) -> None:  # noqa: F811
    canvas.scene.select_ids(["client", "ranker"])
    group_id = canvas.scene.group_selection("Serving")
    assert group_id is not None
    frame = canvas.doc.get("groups", group_id)
    assert frame.members == ["client", "ranker"]
    assert frame.x % 16 == 0 and frame.y % 16 == 0 and frame.y < 0  # snapped, around its members
    top = frame.y
    steps_before = canvas.editor.undo_stack.count()
    header = canvas.vp((frame.x + 60, frame.y + 10))
    canvas.scene.clearSelection()
    drag(canvas, header, header + QPoint(0, 96))
    assert canvas.doc.get("groups", group_id).y == top + 96
    assert canvas.doc.block("client").y == 96.0 and canvas.doc.block("ranker").y == 96.0
    assert canvas.doc.block("monitor").y == 224.0
    assert canvas.editor.undo_stack.count() == steps_before + 1
    canvas.undo_all()
    assert canvas.dumped() == canvas.original


def test_hover_shows_handles_only_on_the_hovered_block(canvas) -> None:  # noqa: F811
    hover(canvas, canvas.vp(canvas.centre_of("ranker")))
    assert canvas.scene.item_for("ranker").hovered
    assert not canvas.scene.item_for("client").hovered
    move(canvas, canvas.vp((900, 600)), Qt.MouseButton.NoButton)
    assert not canvas.scene.item_for("ranker").hovered


def test_dropping_a_block_into_a_frame_makes_it_a_member_and_out_again(canvas) -> None:  # noqa: F811
    canvas.scene.select_ids(["client", "ranker"])
    group_id = canvas.scene.group_selection("Serving")
    frame = canvas.doc.get("groups", group_id)
    steps = canvas.editor.undo_stack.count()
    start = canvas.vp(canvas.centre_of("monitor"))
    inside = canvas.vp(QPointF(frame.x + frame.width - 120, frame.y + frame.height - 40))
    drag(canvas, start, inside)
    assert canvas.doc.get("groups", group_id).members == ["client", "ranker", "monitor"]
    assert canvas.editor.undo_stack.count() == steps + 1  # move and membership: one step
    drag(canvas, canvas.vp(canvas.centre_of("client")), canvas.vp((200, 500)))
    assert canvas.doc.get("groups", group_id).members == ["ranker", "monitor"]
    canvas.editor.undo_stack.undo()
    canvas.editor.undo_stack.undo()
    assert canvas.doc.get("groups", group_id).members == ["client", "ranker"]
    assert (canvas.doc.block("monitor").x, canvas.doc.block("monitor").y) == (320.0, 224.0)
    canvas.undo_all()
    assert canvas.dumped() == canvas.original


def test_a_refused_move_puts_the_items_back(canvas, monkeypatch) -> None:  # noqa: F811
    monkeypatch.setattr(canvas.editor, "push", lambda command: False)
    start = canvas.vp(canvas.centre_of("ranker"))
    drag(canvas, start, start + QPoint(80, 80))
    assert canvas.scene.item_for("ranker").pos() == QPointF(320, 0)
    assert canvas.scene.item_for("c1").line().p2().x() == 320.0  # the connector went back too
    assert canvas.dumped() == canvas.original
