"""Trial 23, F11: closing the window (Ctrl+Q), File > New or Open during a practice session asked nothing about
the session (only the generic "Save the changes?", or not even that) and kept no attempt. Now the session asks
first: End and Keep (the attempt scored and kept, the default), Keep Practising, or Discard; nothing is asked
when nothing was done yet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from app.practice import running
from components.practice import FakeClock, list_attempts
from tests.app.practice_helpers import activate, advance, place_by_search, practice_window, start_from_menu, when_modal


def answer_session_question(qtbot: Any, button: str, asked: list[str]) -> None:
    """Once a message box shows, note its title and texts, and click the button named ``button``."""

    def answer(box: QMessageBox) -> None:
        asked.append(f"{box.windowTitle()}: {box.text()} {box.informativeText()}")
        found = box.findChild(QPushButton, button)
        if found is None:  # another question (the generic "Save the changes?"): cancelled
            box.reject()
        else:
            qtbot.mouseClick(found, Qt.MouseButton.LeftButton)

    when_modal(lambda widget: isinstance(widget, QMessageBox), answer)


def keys(window: Any, key: Qt.Key) -> None:
    QTest.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)


def a_session_with_a_block(qtbot: Any, tmp_path: Path, monkeypatch: Any) -> Any:
    clock = FakeClock()
    window = practice_window(qtbot, tmp_path, monkeypatch, clock)
    start_from_menu(qtbot, window, "Video search", 30)
    advance(window, clock, 66)
    place_by_search(window, "vector index")
    activate(qtbot, window)
    return window


def test_ctrl_q_asks_about_the_session_and_end_and_keep_keeps_the_attempt(qtbot, tmp_path: Path,
                                                                          monkeypatch) -> None:
    window = a_session_with_a_block(qtbot, tmp_path, monkeypatch)
    asked: list[str] = []
    answer_session_question(qtbot, "keepPractising", asked)
    keys(window, Qt.Key.Key_Q)
    assert asked == ["Practice session running: A practice session is running (28:54 left). End it and keep the "
                     "attempt before closing? It is scored and listed in File > Practice Attempts. Discard drops "
                     "the session and its design."]
    assert window.isVisible() and running(window) is not None  # Keep Practising: nothing happened
    activate(qtbot, window)
    answer_session_question(qtbot, "endAndKeep", asked)
    keys(window, Qt.Key.Key_Q)
    assert len(asked) == 2 and not window.isVisible() and running(window) is None
    [attempt] = list_attempts().attempts
    assert attempt.prompt_id == "video-search" and attempt.elapsed == 66
    # quitting shows no results window, and the design kept with the attempt asks no "Save the changes?"
    assert not [w for w in QApplication.topLevelWidgets() if w.objectName() == "practiceResults" and w.isVisible()]


def test_file_new_asks_and_discard_drops_the_session_without_a_second_question(qtbot, tmp_path: Path,
                                                                               monkeypatch) -> None:
    window = a_session_with_a_block(qtbot, tmp_path, monkeypatch)
    asked: list[str] = []
    answer_session_question(qtbot, "discardSession", asked)
    keys(window, Qt.Key.Key_N)
    assert len(asked) == 1 and asked[0].startswith("Practice session running: A practice session is running")
    assert "before starting a new design?" in asked[0]
    assert running(window) is None and window.editor.doc.diagram.blocks == [] and not window.editor.modified
    assert list_attempts().attempts == ()
    assert window.statusBar().currentMessage() == "New design"


def test_nothing_is_asked_when_nothing_was_done_in_the_session(qtbot, tmp_path: Path, monkeypatch) -> None:
    clock = FakeClock()
    window = practice_window(qtbot, tmp_path, monkeypatch, clock)
    start_from_menu(qtbot, window, "Video search", 30)
    advance(window, clock, 30)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    keys(window, Qt.Key.Key_Q)
    assert shown == [] and not window.isVisible() and list_attempts().attempts == ()
