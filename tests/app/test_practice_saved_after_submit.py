"""Trial 23, F8: after Submit the title's unsaved mark and the question on closing agree. The attempt keeps the
design (in the attempts folder, reopened from File > Practice Attempts), so it counts as saved: no "*", no
question; when the attempt could not be written, it is not saved: "*", and closing asks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from app.practice import running
from components.practice import FakeClock
from tests.app.practice_helpers import (
    activate,
    advance,
    click,
    click_in_message_box,
    place_by_search,
    practice_window,
    start_from_menu,
)


def submit_a_session(qtbot, window, clock: FakeClock) -> None:
    """The tester's steps: File > Practice, a block from the palette, Submit, Yes, the results closed by Escape."""
    start_from_menu(qtbot, window, "Video search", 30)
    advance(window, clock, 20)
    place_by_search(window, "vector index")
    assert window.isWindowModified()
    click_in_message_box(qtbot, QMessageBox.StandardButton.Yes, [])
    click(qtbot, window, "practiceSubmit")
    assert running(window) is None
    results = window.findChild(object, "practiceResults")
    QTest.keyClick(results, Qt.Key.Key_Escape)
    assert not results.isVisible()
    activate(qtbot, window)


def test_a_kept_attempt_leaves_the_design_saved_and_quitting_does_not_ask(qtbot, tmp_path: Path, monkeypatch) -> None:
    clock = FakeClock()
    window = practice_window(qtbot, tmp_path, monkeypatch, clock)
    submit_a_session(qtbot, window, clock)
    assert len(list((tmp_path / "data" / "attempts").glob("*.mlsd.json"))) == 1
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _parent, title, *_args: asked.append(title))
    assert not window.isWindowModified() and not window.editor.modified
    assert window.close() and asked == []


def test_an_attempt_not_written_leaves_the_design_unsaved_and_quitting_asks(qtbot, tmp_path: Path,
                                                                            monkeypatch) -> None:
    clock = FakeClock()
    window = practice_window(qtbot, tmp_path, monkeypatch, clock)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "attempts").write_text("a file where the folder should be", encoding="utf-8")
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, *_args: warned.append(title))
    submit_a_session(qtbot, window, clock)
    assert warned == ["Attempt not saved"]
    asked: list[str] = []

    def question(_parent, title: str, *_args) -> QMessageBox.StandardButton:
        asked.append(title)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", question)
    assert window.isWindowModified() and window.editor.modified
    assert not window.close() and asked == ["Unsaved changes"]
