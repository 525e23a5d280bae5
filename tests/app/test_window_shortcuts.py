"""Every key runs one command, whatever the platform adds to Qt's standard bindings (issue 12: on X11
Ctrl+D was both Duplicate and Delete, so pressing it did nothing); every menu letter picks one item;
the menus hold what their names promise."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu

from app.window.main_window import MainWindow
from tests.app.window_helpers import make_window

CTRL = Qt.KeyboardModifier.ControlModifier
Keys = QKeySequence.StandardKey
# QKeySequence.keyBindings under the xcb platform (Qt's X11 keyboard scheme), as Qt 6.11 answers.
X11_BINDINGS = {
    Keys.Delete: ["Del", "Ctrl+D"], Keys.Find: ["Ctrl+F"], Keys.New: ["Ctrl+N"], Keys.Close: ["Ctrl+W"],
    Keys.Quit: ["Ctrl+Q"], Keys.SelectAll: ["Ctrl+A"], Keys.Save: ["Ctrl+S"], Keys.Open: ["Ctrl+O"],
    Keys.Copy: ["Ctrl+C", "Ctrl+Ins", "F16"], Keys.Paste: ["Ctrl+V", "Ctrl+Shift+Ins", "Shift+Ins", "F18"],
    Keys.Cut: ["Ctrl+X", "Shift+Del", "F20"], Keys.FindNext: ["F3", "Ctrl+G"],
    Keys.FindPrevious: ["Shift+F3", "Ctrl+Shift+G"], Keys.FullScreen: ["Ctrl+Shift+F", "F11"],
}


@pytest.fixture(params=["this platform", "x11"])
def scheme(request, monkeypatch: pytest.MonkeyPatch) -> str:
    """The tests run offscreen, whose keyboard scheme is not X11's: replay X11's bindings."""
    if request.param == "x11":
        real = QKeySequence.keyBindings

        def x11(key: Keys) -> list[QKeySequence]:
            keys = X11_BINDINGS.get(key)
            return [QKeySequence(k) for k in keys] if keys is not None else real(key)

        monkeypatch.setattr(QKeySequence, "keyBindings", staticmethod(x11))
    return request.param


def _owners(window: MainWindow) -> dict[str, list[str]]:
    """Key sequence -> the actions it would run while the canvas has the focus."""
    owners: dict[str, list[str]] = defaultdict(list)
    for action in window.findChildren(QAction):
        widgets = action.associatedObjects()
        if not any(w is window or w is window.view for w in widgets):
            continue
        for sequence in action.shortcuts():
            owners[sequence.toString()].append(action.objectName() or action.text())
    return owners


def test_no_key_runs_two_commands(qtbot, tmp_path: Path, scheme: str) -> None:
    window = make_window(qtbot, tmp_path)
    clashes = {key: names for key, names in _owners(window).items() if len(set(names)) > 1}
    assert clashes == {}


def test_ctrl_d_duplicates_and_del_deletes(qtbot, tmp_path: Path, scheme: str) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["alert"])
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_D, CTRL)
    assert len(window.editor.doc.diagram.blocks) == 9
    QTest.keyClick(window.view, Qt.Key.Key_Delete)
    assert len(window.editor.doc.diagram.blocks) == 8


def _menus(window: MainWindow) -> list[QMenu]:
    found: list[QMenu] = []

    def walk(menu: QMenu) -> None:
        found.append(menu)
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())

    for action in window.menuBar().actions():
        walk(action.menu())
    return found


def _mnemonic(text: str) -> str:
    match = re.search(r"&([^&])", text)
    return match.group(1).lower() if match else ""


def test_no_menu_gives_one_letter_to_two_items(qtbot, tmp_path: Path) -> None:
    """Issue 12: F was the accelerator of two View items (Alt+V, F then picked neither)."""
    window = make_window(qtbot, tmp_path)
    bars = [_mnemonic(a.text()) for a in window.menuBar().actions()]
    assert len(bars) == len(set(bars))
    for menu in _menus(window):
        letters = [_mnemonic(a.text()) for a in menu.actions() if not a.isSeparator() and _mnemonic(a.text())]
        assert len(letters) == len(set(letters)), (menu.title(), [a.text() for a in menu.actions()])


def test_arrange_holds_layout_align_distribute_and_group(qtbot, tmp_path: Path) -> None:
    """Issue 12: align and distribute sat under Edit while Arrange held only Auto-layout."""
    window = make_window(qtbot, tmp_path)
    arrange = window.window_actions.arrange_menu
    texts = [a.text().replace("&", "") for a in arrange.actions() if not a.isSeparator()]
    assert texts == ["Auto-layout", "Auto-layout Selection", "Align", "Distribute", "Group", "Elbow Connectors"]
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert not {"Align", "Distribute", "Group"} & {a.text().replace("&", "") for a in edit.actions()}
    window.scene.select_ids(["serve", "mon", "alert"])
    window.window_actions.align_menu.actions()[0].trigger()  # left edges
    assert len({window.editor.doc.block(i).x for i in ("serve", "mon", "alert")}) == 1


def test_add_block_opens_the_palette_search_even_when_the_palette_was_closed(qtbot, tmp_path: Path) -> None:
    """Issue 12: View > Find Block only focused the search of the palette (nothing when it was closed)."""
    window = make_window(qtbot, tmp_path)
    window.palette_dock.close()
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert window.palette_dock.isVisible() and window.palette_panel.search.hasFocus()
    QTest.keyClicks(window.palette_panel.search, "alerting")
    QTest.keyClick(window.palette_panel.search, Qt.Key.Key_Return)
    assert [b.kind for b in window.editor.doc.diagram.blocks].count("alerting") == 2
    assert window.window_actions.by_name["add_block"].text() == "Add &Block…"


def test_help_leaves_out_the_keys_no_keyboard_has(qtbot, tmp_path: Path, scheme: str) -> None:
    """X11 binds F16, F18 and F20 (Sun keyboards) to Copy, Paste and Cut: Help lists Ctrl+C, not F16."""
    window = make_window(qtbot, tmp_path)
    window.window_actions.by_name["shortcuts"].trigger()
    listed = {name: keys for _menu, name, keys in window.shortcuts_dialog.rows}
    assert not any(re.search(r"\bF(1[3-9]|2\d|3[0-5])\b", keys) for keys in listed.values()), listed
    assert listed["Copy"].startswith("Ctrl+C") and listed["Paste"].startswith("Ctrl+V")
    window.shortcuts_dialog.close()
