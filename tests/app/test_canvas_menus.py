"""Context menus: what they offer on a block, a connector, empty canvas, and that their actions edit
through one undo step each."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu, QStyleOptionMenuItem

from app.canvas import operations
from app.canvas.tools import menus
from components.commands import Connect
from components.model import CONNECTOR_STYLE_LABELS, Connector, connector_style_label
from tests.app.canvas_helpers import Canvas, canvas  # noqa: F401


def actions(menu: QMenu) -> dict[str, QAction]:
    """Every action of a menu and its submenus, by text."""
    found: dict[str, QAction] = {}
    for action in menu.actions():
        if action.menu() is not None:
            found.update(actions(action.menu()))
        elif action.text():
            found[action.text()] = action
    return found


def menu_at(c: Canvas, scene_pos: QPointF) -> QMenu:
    item = c.scene.canvas_item_at(scene_pos)
    if item is not None and not item.isSelected():
        c.scene.select_ids([item.item_id])
    return menus.context_menu(c.scene.tools, scene_pos, item, c.view)


def test_connector_menu_changes_flow_in_one_step(canvas) -> None:  # noqa: F811
    found = actions(menu_at(canvas, canvas.scene.item_for("c1").midpoint()))
    flows = [text for text in found if text.split()[0].lower() in ("request", "data", "model", "feedback", "observe")]
    assert len(flows) == 5
    assert found[next(t for t in flows if t.startswith("Request"))].isChecked()
    found[next(t for t in flows if t.startswith("Feedback"))].trigger()
    assert canvas.doc.connector("c1").flow == "feedback"
    assert canvas.editor.undo_stack.count() == 1
    assert "Edit label" in found and "Delete" in found


def test_block_menu_pins_duplicates_and_deletes(canvas) -> None:  # noqa: F811
    found = actions(menu_at(canvas, canvas.centre_of("ranker")))
    assert {"Rename", "Duplicate", "Copy", "Delete", "Group selection"} <= set(found)
    pin = next(a for t, a in found.items() if t.startswith("Pin"))
    pin.trigger()
    assert canvas.doc.block("ranker").pinned
    assert "Unpin" in actions(menu_at(canvas, canvas.centre_of("ranker")))
    found["Duplicate"].trigger()
    assert len(canvas.doc.diagram.blocks) == 4
    actions(menu_at(canvas, QPointF(330, 10)))["Delete"].trigger()  # a corner the duplicate leaves free
    assert canvas.doc.find("ranker") is None
    canvas.undo_all()
    assert canvas.dumped() == canvas.original


def test_multi_selection_menu_aligns(canvas) -> None:  # noqa: F811
    canvas.scene.select_ids(["client", "ranker", "monitor"])
    found = actions(menus.context_menu(canvas.scene.tools, canvas.centre_of("client"),
                                       canvas.scene.item_for("client"), canvas.view))
    found["Top edges"].trigger()
    assert {canvas.doc.block(b).y for b in ("client", "ranker", "monitor")} == {0.0}
    assert found["Horizontally"].isEnabled()


def test_empty_canvas_menu_adds_a_note_and_pastes_there(canvas) -> None:  # noqa: F811
    at = QPointF(800, 480)
    found = actions(menu_at(canvas, at))
    assert not found["Paste here"].isEnabled() or operations.can_paste()
    found["Add note here"].trigger()
    note = canvas.doc.diagram.notes[0]
    assert (note.x, note.y) == (800.0, 480.0)
    operations.copy(canvas.editor, ["monitor"])
    found = actions(menu_at(canvas, QPointF(1200, 1200)))
    assert found["Paste here"].isEnabled()
    found["Paste here"].trigger()
    pasted = canvas.doc.diagram.blocks[-1]
    assert abs(pasted.x + 84 - 1200) <= 8 and abs(pasted.y + 36 - 1200) <= 8
    assert {"Zoom to fit", "Select all", "Snap to grid"} <= set(found)


def test_right_click_selects_and_opens_a_menu(canvas, qtbot) -> None:  # noqa: F811
    shown: list[str] = []

    def close_popup() -> None:
        popup = QApplication.activePopupWidget()
        if popup is not None:
            shown.extend(a.text() for a in popup.actions())
            popup.close()

    QTimer.singleShot(100, close_popup)
    at = canvas.vp(canvas.centre_of("monitor"))
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, canvas.view.viewport().mapToGlobal(at),
                              Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(canvas.view.viewport(), event)
    qtbot.waitUntil(lambda: bool(shown))
    assert canvas.scene.selected_ids() == ["monitor"]
    assert "Rename" in shown
    assert canvas.dumped() == canvas.original



def _submenu(menu: QMenu, title: str) -> QMenu:
    return next(a.menu() for a in menu.actions() if a.text() == title)


def test_the_draw_and_flow_submenus_are_one_of_several_choices_with_radio_marks(canvas) -> None:  # noqa: F811
    """Draw and Flow pick one of several: an exclusive group each, drawn with radio marks, the current
    choice marked; a mixed selection marks none."""
    for title, marked in (("Flow", "Request"), ("Draw", connector_style_label(None))):
        sub = _submenu(menu_at(canvas, canvas.scene.item_for("c1").midpoint()), title)
        entries = sub.actions()
        groups = {action.actionGroup() for action in entries}
        assert len(groups) == 1 and None not in groups and groups.pop().isExclusive()
        assert [a.text() for a in entries if a.isChecked()] == [next(a.text() for a in entries
                                                                     if a.text().startswith(marked))]
        for action in entries:
            option = QStyleOptionMenuItem()
            sub.initStyleOption(option, action)
            assert option.checkType == QStyleOptionMenuItem.CheckType.Exclusive, action.text()
        last = entries[-1]
        last.trigger()
        reopened = _submenu(menu_at(canvas, canvas.scene.item_for("c1").midpoint()), title)
        assert [a.text() for a in reopened.actions() if a.isChecked()] == [last.text()]
    canvas.editor.push(Connect(Connector(id="c2", source="ranker", target="monitor", flow="observe", style="elbow")))
    canvas.scene.select_ids(["c1", "c2"])
    mixed = _submenu(menus.context_menu(canvas.scene.tools, QPointF(0, 0), canvas.scene.item_for("c1"), canvas.view),
                     "Draw")
    assert not any(a.isChecked() for a in mixed.actions())


def test_the_draw_submenu_words_are_the_connector_style_vocabulary(canvas) -> None:  # noqa: F811
    draw = _submenu(menu_at(canvas, canvas.scene.item_for("c1").midpoint()), "Draw")
    assert [a.text() for a in draw.actions()] == [*CONNECTOR_STYLE_LABELS.values(), connector_style_label(None)]
