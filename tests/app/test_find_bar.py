"""Find on the canvas (Ctrl+F): typing selects and centres the first match, Enter/F3 the next, Shift the
previous, round the end; Escape closes; matches follow edits; hidden layers are skipped and counted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.window.main_window import MainWindow
from components.commands import Relabel
from tests.app.window_helpers import make_window

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def open_find(window: MainWindow, text: str = "") -> None:
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_F, CTRL)
    if text:
        QTest.keyClicks(window.navigation.find_bar.field, text)


def in_view_centre(window: MainWindow, item_id: str) -> bool:
    centre = window.view.viewport().rect().center()
    shown = window.view.mapFromScene(window.scene.item_for(item_id).sceneBoundingRect().center())
    return abs(shown.x() - centre.x()) <= 2 and abs(shown.y() - centre.y()) <= 2


def test_typing_selects_and_centres_the_first_match_and_enter_cycles(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    bar = window.navigation.find_bar
    window.view.set_zoom(2.0)  # so centring has room to move the view
    open_find(window)
    assert bar.isVisible() and bar.field.hasFocus()
    QTest.keyClicks(bar.field, "re")  # Registry, Scorer, Trainer, Warehouse... in reading order
    first = window.scene.selected_ids()
    assert first == [bar.matches[0]] and in_view_centre(window, first[0])
    assert bar.count.text() == f"1 of {len(bar.matches)}"
    seen = [first[0]]
    for _ in range(len(bar.matches) - 1):
        QTest.keyClick(bar.field, Qt.Key.Key_Return)
        seen.extend(window.scene.selected_ids())
        assert in_view_centre(window, seen[-1])
    assert seen == bar.matches
    QTest.keyClick(bar.field, Qt.Key.Key_Return)  # round the end
    assert window.scene.selected_ids() == [bar.matches[0]]
    QTest.keyClick(bar.field, Qt.Key.Key_Return, SHIFT)  # and back
    assert window.scene.selected_ids() == [bar.matches[-1]]
    QTest.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and window.view.hasFocus()
    QTest.keyClick(window.view, Qt.Key.Key_F3)  # the next match with the bar closed
    assert window.scene.selected_ids() == [bar.matches[0]]


def test_kind_and_finding_match_and_nothing_is_said_plainly(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.settle()
    open_find(window, "model registry")
    assert window.scene.selected_ids() == ["reg"]
    bar = window.navigation.find_bar
    bar.field.clear()
    rule = window.findings.findings[0].rule
    QTest.keyClicks(bar.field, rule)
    assert set(bar.matches) >= set(window.findings.findings[0].blocks)
    bar.field.clear()
    QTest.keyClicks(bar.field, "zzz")
    assert bar.count.text() == "No matches" and not bar.next_button.isEnabled()


def test_matches_follow_edits_and_hidden_layers_are_skipped(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    bar = window.navigation.find_bar
    open_find(window, "pager")
    assert bar.matches == ["alert"]
    window.editor.push(Relabel("blocks", "mon", "Pager watcher"))
    qtbot.waitUntil(lambda: len(bar.matches) == 2)
    assert bar.count.text().endswith("of 2")
    window.scene.layers.set_state("stage-7", "hidden")
    QTest.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.matches == [] and "2 on hidden layers" in bar.count.text()


def test_add_block_keeps_a_key_of_its_own(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Insert)
    assert window.palette_panel.search.hasFocus() and not window.navigation.find_bar.isVisible()
