"""The unfolded legend on a small canvas (trial 23 F17, 1024x700): it covered nearly the whole canvas.
Its contents now take at most a share of the canvas's height and scroll past it; on a big canvas
nothing changes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.window.navigation import LEGEND_SHARE
from tests.app.window_helpers import make_window


def test_an_unfolded_legend_on_a_small_canvas_scrolls_within_its_share(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    legend = window.navigation.legend
    legend.show()
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: legend.folded)
    QTest.mouseClick(legend.fold_button, Qt.MouseButton.LeftButton)  # the user unfolds it
    QApplication.processEvents()
    assert not legend.folded
    canvas = window.view.viewport().height()
    assert legend.contents.height() <= round(canvas * LEGEND_SHARE)
    assert legend.height() < canvas * 0.55  # was nearly all of it
    bar = legend.contents.verticalScrollBar()
    assert bar.maximum() > 0  # the rest scrolls into sight
    assert legend.contents.viewport().height() + bar.maximum() >= legend.body.sizeHint().height()
    button = legend.layer_buttons["monitoring"]  # on the last row: reached by scrolling, still works
    legend.contents.ensureWidgetVisible(button)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(8, button.height() // 2))
    assert window.scene.layers.state("monitoring") == "dimmed"


def test_on_a_big_canvas_the_legend_shows_everything_without_scrolling(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    legend = window.navigation.legend
    legend.show()
    window.resize(1800, 1100)
    qtbot.waitUntil(lambda: not legend.folded)
    QApplication.processEvents()
    assert legend.contents.verticalScrollBar().maximum() == 0
    assert legend.contents.height() == legend.body.sizeHint().height()
