"""Every key runs one command, whatever the platform adds to Qt's standard bindings (issue 12: on X11
Ctrl+D was both Duplicate and Delete, so pressing it did nothing)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest

from app.window.main_window import MainWindow
from tests.app.window_helpers import make_window

CTRL = Qt.KeyboardModifier.ControlModifier
Keys = QKeySequence.StandardKey
# QKeySequence.keyBindings under the xcb platform (Qt's X11 keyboard scheme), as Qt 6.11 answers.
X11_BINDINGS = {
    Keys.Delete: ["Del", "Ctrl+D"], Keys.Find: ["Ctrl+F"], Keys.New: ["Ctrl+N"], Keys.Close: ["Ctrl+W"],
    Keys.Quit: ["Ctrl+Q"], Keys.SelectAll: ["Ctrl+A"], Keys.Save: ["Ctrl+S"], Keys.Open: ["Ctrl+O"],
    Keys.Copy: ["Ctrl+C", "Ctrl+Ins", "F16"], Keys.Paste: ["Ctrl+V", "Ctrl+Shift+Ins", "Shift+Ins", "F18"],
    Keys.Cut: ["Ctrl+X", "Shift+Del", "F20"],
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
