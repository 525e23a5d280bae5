"""Trial 23, F3: a comparison (or a review, or past results) open before a practice session must not show the
hidden reference design during it, by any route, and comparing works again once the session has ended."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDockWidget, QLabel, QMessageBox, QWidget

from app.practice import running, start_practice
from app.review import compare_with_template, open_review
from components.practice import FakeClock, prompt_catalog
from tests.app.practice_helpers import (
    activate,
    advance,
    click,
    click_in_message_box,
    place,
    practice_window,
    start_from_menu,
)


def reference_labels(prompt_id: str) -> list[str]:
    reference = prompt_catalog().find(prompt_id).reference_design()
    assert reference is not None
    return [" ".join(block.label.split()) for block in reference.blocks]


def shown_text(window: Any) -> str:
    """Every text a visible widget of the window (or of its windows) shows: labels, pages, titles."""
    parts = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        parts.append(widget.windowTitle())
        if isinstance(widget, QLabel):
            parts.append(widget.text())
        elif hasattr(widget, "toPlainText"):
            parts.append(widget.toPlainText())
    return "\n".join(parts)


def leaked(window: Any, labels: list[str]) -> list[str]:
    text = shown_text(window)
    return [label for label in labels if label in text]


def test_a_comparison_open_before_the_session_is_closed_and_forgotten(qtbot, tmp_path: Path, monkeypatch) -> None:
    """The tester's steps: Review > Compare with Template (Video search), then File > Practice, Video search.
    The dock listed the reference's 30 roles by name and kept updating as the candidate drew."""
    clock = FakeClock()
    window = practice_window(qtbot, tmp_path, monkeypatch, clock)
    labels = reference_labels("video-search")
    panel = compare_with_template(window, window, "video-search")
    assert panel is not None
    window.settle()
    dock = window.findChild(QDockWidget, "compareDock")
    assert dock.isVisible() and dock.windowTitle() == "Comparison: Video search"
    assert dock.toggleViewAction().isEnabled()
    assert leaked(window, labels)  # the page names the template's blocks (what must go)
    review = open_review(window, window)
    assert review.isVisible()
    start_from_menu(qtbot, window, "Video search", 30)
    window.settle()
    assert not dock.isVisible() and not review.isVisible()
    assert panel.reference is None and dock.windowTitle() == "Comparison"
    assert leaked(window, labels) == []
    # drawing goes on: the validator's reports find no reference to compare with
    place(window, "data_source", 0, 0)
    window.settle()
    assert panel.result is None and leaked(window, labels) == []
    # every route back: the docks' context menu (each toggle), Review Design's keys, the disabled menu items
    assert not dock.toggleViewAction().isEnabled()  # greyed in that menu
    for action in window.createPopupMenu().actions():
        if action.isCheckable() and not action.isChecked():
            action.trigger()
    activate(qtbot, window)
    QTest.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    window.settle()
    assert leaked(window, labels) == [] and not review.isVisible()
    actions = window.window_actions.by_name
    assert not any(actions[name].isEnabled() for name in ("review", "compare", "new_template", "practice_attempts"))
    assert "off during a practice session" in panel.page.toPlainText()
    # after Submit the user may compare again
    click_in_message_box(qtbot, QMessageBox.StandardButton.Yes, [])
    click(qtbot, window, "practiceSubmit")
    assert running(window) is None
    assert all(actions[name].isEnabled() for name in ("review", "compare", "new_template", "practice_attempts"))
    assert compare_with_template(window, window, "video-search") is panel and panel.result is not None
    assert dock.isVisible() and dock.windowTitle() == "Comparison: Video search"
    assert dock.toggleViewAction().isEnabled()


def test_the_results_and_attempts_of_earlier_sessions_close_when_a_session_starts(qtbot, tmp_path: Path,
                                                                                  monkeypatch) -> None:
    """The results window compares the attempt with the prompt's reference: left open, or opened again from
    File > Practice Attempts, it would show the answer to the next session on the same prompt."""
    clock = FakeClock()
    window = practice_window(qtbot, tmp_path, monkeypatch, clock)
    labels = reference_labels("video-search")
    controller = start_practice(window, window, "video-search", 30)
    assert controller is not None
    advance(window, clock, 30)
    controller.finish()
    results = window.findChild(QWidget, "practiceResults")
    assert results.isVisible() and leaked(window, labels)
    window.window_actions.by_name["practice_attempts"].trigger()
    attempts = window.findChild(QWidget, "attemptsWindow")
    assert attempts.isVisible()
    start_practice(window, window, "video-search", 30)
    assert not results.isVisible() and not attempts.isVisible()
    assert leaked(window, labels) == []
    window.window_actions.by_name["practice_attempts"].trigger()  # disabled: nothing opens
    assert not attempts.isVisible()
