"""Keyboard on the canvas: arrow nudges (merged per run), Delete, F2 label editing, Escape."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from app.canvas.tools.label_edit import LabelEditTool
from tests.app.canvas_helpers import LEFT, Canvas, canvas, key  # noqa: F401

SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def position(c: Canvas, block_id: str) -> tuple[float, float]:
    block = c.doc.block(block_id)
    return (block.x, block.y)


def test_arrows_move_by_a_grid_step_and_a_run_is_one_undo_step(canvas) -> None:  # noqa: F811
    canvas.scene.select_ids(["ranker"])
    for _ in range(3):
        key(canvas, Qt.Key.Key_Right)
    key(canvas, Qt.Key.Key_Down)
    key(canvas, Qt.Key.Key_Left, ALT)  # Alt: one unit
    assert position(canvas, "ranker") == (320 + 48 - 1, 16)
    assert canvas.scene.item_for("ranker").pos() == QPointF(367, 16)
    key(canvas, Qt.Key.Key_Right, SHIFT)  # Shift: a big step, as Help says
    assert position(canvas, "ranker") == (367 + 5 * 16, 16)
    assert canvas.editor.undo_stack.count() == 1
    canvas.editor.undo_stack.undo()
    assert canvas.dumped() == canvas.original


def test_a_new_selection_starts_a_new_nudge_run(canvas) -> None:  # noqa: F811
    canvas.scene.select_ids(["ranker"])
    key(canvas, Qt.Key.Key_Up)
    QTest.mouseClick(canvas.view.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, canvas.vp(canvas.centre_of("ranker")))
    key(canvas, Qt.Key.Key_Up)
    assert position(canvas, "ranker") == (320, -32)
    assert canvas.editor.undo_stack.count() == 2


def test_nudging_a_group_moves_its_members(canvas) -> None:  # noqa: F811
    canvas.scene.select_ids(["client", "ranker"])
    group_id = canvas.scene.group_selection("Serving")
    key(canvas, Qt.Key.Key_Down)
    assert position(canvas, "client") == (0, 16) and position(canvas, "ranker") == (320, 16)
    assert position(canvas, "monitor") == (320, 224)
    assert canvas.scene.selected_ids() == [group_id]


def test_delete_key_removes_the_selection_with_its_connectors(canvas) -> None:  # noqa: F811
    canvas.scene.select_ids(["ranker"])
    key(canvas, Qt.Key.Key_Delete)
    assert [b.id for b in canvas.doc.diagram.blocks] == ["client", "monitor"]
    assert canvas.doc.diagram.connectors == []
    assert canvas.scene.item_ids() == {"client", "monitor"}
    assert canvas.editor.undo_stack.count() == 1
    canvas.editor.undo_stack.undo()
    assert canvas.dumped() == canvas.original
    assert canvas.scene.item_ids() == {"client", "ranker", "monitor", "c1"}
    canvas.scene.select_ids(["c1"])
    key(canvas, Qt.Key.Key_Backspace)
    assert canvas.doc.diagram.connectors == [] and len(canvas.doc.diagram.blocks) == 3


def test_f2_edits_enter_commits_escape_cancels(canvas) -> None:  # noqa: F811
    canvas.scene.select_ids(["monitor"])
    key(canvas, Qt.Key.Key_F2)
    assert isinstance(canvas.scene.tool, LabelEditTool)
    QTest.keyClicks(canvas.view, "Drift monitor")
    key(canvas, Qt.Key.Key_Return)
    assert canvas.doc.block("monitor").label == "Drift monitor"
    key(canvas, Qt.Key.Key_F2)
    QTest.keyClicks(canvas.view, "thrown away")
    key(canvas, Qt.Key.Key_Escape)
    assert not isinstance(canvas.scene.tool, LabelEditTool)
    assert canvas.doc.block("monitor").label == "Drift monitor"
    assert canvas.editor.undo_stack.count() == 1
    # keys typed while editing never reach the canvas: Delete edits text, arrows move the cursor
    key(canvas, Qt.Key.Key_F2)
    key(canvas, Qt.Key.Key_Right)
    key(canvas, Qt.Key.Key_Backspace)
    key(canvas, Qt.Key.Key_Enter)
    assert canvas.doc.block("monitor").label == "Drift monito"
    assert position(canvas, "monitor") == (320, 224)
    canvas.undo_all()
    assert canvas.dumped() == canvas.original


def test_f2_on_a_connector_sets_its_label(canvas) -> None:  # noqa: F811
    canvas.scene.select_ids(["c1"])
    key(canvas, Qt.Key.Key_F2)
    QTest.keyClicks(canvas.view, "top-k ids")
    key(canvas, Qt.Key.Key_Return)
    assert canvas.doc.connector("c1").label == "top-k ids"
    assert not canvas.scene.item_for("c1").label_rect().isNull()


def test_escape_clears_the_selection(canvas) -> None:  # noqa: F811
    canvas.scene.select_ids(["client", "ranker"])
    key(canvas, Qt.Key.Key_Escape)
    assert canvas.scene.selected_ids() == []
    assert canvas.editor.undo_stack.count() == 0


def test_arrows_without_selection_do_nothing_to_the_model(canvas) -> None:  # noqa: F811
    key(canvas, Qt.Key.Key_Left)
    key(canvas, Qt.Key.Key_Delete)
    assert canvas.dumped() == canvas.original


def test_help_describes_the_nudge_keys_as_they_behave() -> None:
    """Issue 12: Help said Shift moves in bigger steps while Shift moved 1 px."""
    from app.window.shortcuts_dialog import CANVAS_GESTURES

    described = dict(CANVAS_GESTURES)["Move the selection"]
    assert described == "Arrow keys: one grid step (Shift: 5 steps, Alt: 1 px)"
