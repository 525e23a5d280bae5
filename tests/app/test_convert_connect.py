"""Reverse a connector, change a block's kind, connect by keyboard: from the Edit menu's keys, the
context menus and the pickers, driven with real key and mouse events; each is one undo step."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QMenu

from app.window.main_window import MainWindow
from app.window.pickers import FilterPicker
from components.commands import SetProperty
from components.io import dumps
from tests.app.window_helpers import make_window

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def when_picker(qtbot, act: Callable[[FilterPicker], None]) -> list[FilterPicker]:
    """Run ``act`` on the picker dialog once it is open (it runs modally, so from a timer)."""
    seen: list[FilterPicker] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, FilterPicker) and dialog.isVisible():
            seen.append(dialog)
            try:
                act(dialog)
            finally:  # a failed check inside must not leave a modal dialog blocking the test
                if dialog.isVisible():
                    dialog.reject()
        elif not seen:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)
    return seen


def context_menu_pick(qtbot, window: MainWindow, at: QPointF, path: list[str]) -> list[str]:
    """Right-click at a scene point and choose ``path`` (menu texts, submenus first) with the keyboard."""
    seen: list[str] = []

    def choose() -> None:
        popup = QApplication.activePopupWidget()
        if not isinstance(popup, QMenu):
            QTimer.singleShot(20, choose)
            return
        seen.extend(a.text() for a in popup.actions())
        menu: QMenu = popup
        for step, text in enumerate(path):
            action = next(a for a in menu.actions() if a.text().replace("&", "") == text)
            menu.setActiveAction(action)
            if step < len(path) - 1:
                QTest.keyClick(menu, Qt.Key.Key_Right)  # open the submenu
                menu = action.menu()
            else:
                QTest.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(50, choose)
    point = window.view.mapFromScene(at)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, window.view.viewport().mapToGlobal(point),
                              Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.view.viewport(), event)
    qtbot.waitUntil(lambda: bool(seen))
    return seen


def centre(window: MainWindow, item_id: str) -> QPointF:
    item = window.scene.item_for(item_id)
    return item.midpoint() if hasattr(item, "midpoint") else item.scene_frame().center()


def test_ctrl_r_reverses_the_selected_connector_and_undo_brings_it_back(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    before = dumps(window.editor.doc.diagram)
    window.scene.select_ids(["c_req"])
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_R, CTRL)
    connector = window.editor.doc.connector("c_req")
    assert (connector.source, connector.target, connector.flow) == ("serve", "client", "request")
    assert window.scene.item_for("c_req").ends == ("serve", "client")
    QTest.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert dumps(window.editor.doc.diagram) == before


def test_the_connector_context_menu_reverses_it(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.view.centerOn(centre(window, "c_model"))
    offered = context_menu_pick(qtbot, window, centre(window, "c_model"), ["Reverse Connector"])
    assert "Rever&se Connector" in offered
    qtbot.waitUntil(lambda: window.editor.doc.connector("c_model").source == "serve")
    assert window.editor.undo_stack.count() == 1


def test_reverse_is_offered_only_for_a_connector_with_a_direction(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    reverse = window.window_actions.by_name["reverse"]
    window.scene.select_ids(["serve"])
    assert not reverse.isEnabled()
    window.scene.select_ids(["c_obs", "serve"])
    assert reverse.isEnabled()


def test_change_kind_from_the_block_context_menu_keeps_label_and_connectors(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.view.centerOn(centre(window, "serve"))
    touching = window.editor.doc.connector_ids_of(["serve"])
    context_menu_pick(qtbot, window, centre(window, "serve"), ["Change kind", "6 Deployment and serving", "Ranking"])
    qtbot.waitUntil(lambda: window.editor.doc.block("serve").kind == "ranking")
    block = window.editor.doc.block("serve")
    assert block.label == "Scorer" and block.props.p99_ms == 40
    assert window.editor.doc.connector_ids_of(["serve"]) == touching
    assert window.inspector.form is not None and "props.qps" not in window.inspector.form.bindings  # a ranking page
    assert window.statusBar().currentMessage() == "Now a Ranking"


def test_change_kind_picker_by_keyboard_says_what_was_dropped(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["serve"])
    window.editor.push(SetProperty("serve", "qps", 900))

    def pick(dialog: FilterPicker) -> None:
        QTest.keyClicks(dialog.filter, "cache")
        assert next(dialog.list.item(i).text() for i in range(dialog.list.count())
                if not dialog.list.item(i).isHidden()).startswith("Cache")
        QTest.keyClick(dialog.filter, Qt.Key.Key_Return)

    when_picker(qtbot, pick)
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_K, CTRL | SHIFT)
    block = window.editor.doc.block("serve")
    assert block.kind == "cache" and block.label == "Scorer"
    message = window.statusBar().currentMessage()
    assert "dropped" in message and "QPS (900)" in message and "Mode" not in message  # mode was the default
    window.editor.undo_stack.undo()
    assert window.editor.doc.block("serve").kind == "inference_service"
    assert window.editor.doc.block("serve").props.qps == 900


def test_connect_to_picks_the_target_by_typing_and_the_flow_by_keyboard(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["log"])
    before = len(window.editor.doc.diagram.connectors)

    def pick(dialog: FilterPicker) -> None:
        QTest.keyClicks(dialog.filter, "pag")  # "Pager", an alerting block
        flows = dialog.findChild(QComboBox, "pickerFlow")
        flows.setFocus()
        QTest.keyClick(flows, Qt.Key.Key_Down)  # Automatic -> Request
        QTest.keyClick(flows, Qt.Key.Key_Down)  # -> Data
        dialog.filter.setFocus()
        QTest.keyClick(dialog.filter, Qt.Key.Key_Return)

    when_picker(qtbot, pick)
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_K, CTRL)
    connectors = window.editor.doc.diagram.connectors
    assert len(connectors) == before + 1
    new = connectors[-1]
    assert (new.source, new.target, new.flow) == ("log", "alert", "data")
    assert window.scene.selected_ids() == ["log"]  # ready to connect it again
    assert "Connected" in window.statusBar().currentMessage()


def test_connect_to_with_the_automatic_flow_and_cancel(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["mon"])
    when_picker(qtbot, lambda dialog: QTest.keyClick(dialog.filter, Qt.Key.Key_Escape))
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_K, CTRL)
    assert window.editor.undo_stack.count() == 0
    window.activateWindow()  # offscreen, no window manager hands the focus back after a dialog
    qtbot.waitUntil(window.isActiveWindow)

    def down_and_enter(dialog: FilterPicker) -> None:
        QTest.keyClicks(dialog.filter, "e")  # many rows match; Down moves in the list, the cursor stays
        first = dialog.chosen()
        QTest.keyClick(dialog.filter, Qt.Key.Key_Down)
        assert dialog.chosen() != first and dialog.filter.text() == "e"  # typed text untouched
        QTest.keyClicks(dialog.filter, "gistry")  # "e" + "gistry": only the registry is left
        assert dialog.chosen() == "reg"
        QTest.keyClick(dialog.filter, Qt.Key.Key_Return)

    when_picker(qtbot, down_and_enter)
    QTest.keyClick(window.view, Qt.Key.Key_K, CTRL)
    new = window.editor.doc.diagram.connectors[-1]
    assert (new.source, new.target, new.flow) == ("mon", "reg", "data")  # the kinds' default flow


def test_the_block_context_menu_offers_connect_to(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.view.centerOn(centre(window, "train"))
    when_picker(qtbot, lambda dialog: (QTest.keyClicks(dialog.filter, "Scorer"),
                                       QTest.keyClick(dialog.filter, Qt.Key.Key_Return)))
    offered = context_menu_pick(qtbot, window, centre(window, "train"), ["Connect To…"])
    assert "Connect T&o…" in offered and "Change kind" in offered
    qtbot.waitUntil(lambda: any(c.source == "train" and c.target == "serve" for c in window.editor.doc.diagram.connectors))
