"""Trial 23, F7: the session's buttons stay where they are while the status bar's other texts change (the
findings count grew from "7 warnings" to "1 error · 7 warnings" and Submit moved ~45 px left under the
pointer), at a wide and a narrow window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from app.practice import start_practice
from components.practice import FakeClock
from tests.app.practice_helpers import click, place, practice_window


def places(window: Any, bar: Any) -> dict[str, int]:
    """Where each button's left edge is in the window, once the status bar has laid out again."""
    QApplication.processEvents()
    window.statusBar().layout().activate()
    return {button.objectName(): button.mapTo(window, QPoint(0, 0)).x()
            for button in (bar.pause_button, bar.interviewer_button, bar.submit_button)}


@pytest.mark.parametrize("size", [(1600, 1000), (1024, 700)])
def test_the_session_buttons_stay_put_while_the_counts_and_the_clock_change(qtbot, tmp_path: Path, monkeypatch,
                                                                             size: tuple[int, int]) -> None:
    window = practice_window(qtbot, tmp_path, monkeypatch, FakeClock())
    window.resize(*size)
    bar = start_practice(window, window, "video-search", 30).bar
    qtbot.waitUntil(lambda: bar.compact == (size[0] < 1300))
    window.settle()
    before = places(window, bar)
    findings = window.findings_label.text()
    place(window, "vector_index", 0, 0)  # built by nothing: an error joins the warnings
    place(window, "data_source", 300, 0)
    window.settle()
    assert window.findings_label.text() != findings and "error" in window.findings_label.text()
    assert places(window, bar) == before
    window.show_message("Paused: the clock waits for you")
    click(qtbot, window, "practicePause")  # "Pause" becomes "Resume"
    assert bar.pause_button.text() == "Resume"
    assert places(window, bar) == before
    window.zoom_label.setText("1000 %")
    assert places(window, bar) == before
