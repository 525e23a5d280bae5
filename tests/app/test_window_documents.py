"""Documents in the main window: open a template, edit, save, reopen; the modified marker; prompts
before losing work; load and save errors that leave everything as it was; recent files; drops."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from app.canvas import operations
from components.io import dumps, load
from components.model import Diagram
from tests.app.window_helpers import (
    Answers,
    install_answers,
    make_window,
    monitored_design,
    template_path,
    type_into,
)

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    return install_answers(monkeypatch)


def _type_label(window, text: str) -> None:
    field = window.inspector.form.field("label").widget
    assert isinstance(field, QLineEdit)
    type_into(field, text)


def test_open_template_edit_save_reopen_gives_the_same_document(qtbot, tmp_path: Path, answers: Answers) -> None:
    source = template_path(tmp_path)
    window = make_window(qtbot, tmp_path, Diagram())
    assert window.documents.open(str(source))
    assert dumps(window.editor.doc.diagram) == dumps(load(source))
    assert not window.editor.undo_stack.canUndo()  # opening clears the history

    first = window.editor.doc.diagram.blocks[0].id
    window.scene.select_ids([first])
    _type_label(window, "Renamed in the inspector")  # an edit through the inspector, by keyboard
    assert window.editor.doc.block(first).label == "Renamed in the inspector"
    operations.nudge(window.editor, [first], 32, 16)  # and one through a canvas operation
    assert window.isWindowModified()

    target = tmp_path / "edited.mlsd.json"
    window.documents.ask_save_path = lambda: str(target)  # the Save As dialog
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_S, CTRL | Qt.KeyboardModifier.ShiftModifier)  # Save As…
    assert target.exists()
    assert not window.isWindowModified()
    saved = dumps(window.editor.doc.diagram)

    other = make_window(qtbot, tmp_path)
    assert other.documents.open(str(target))
    assert dumps(other.editor.doc.diagram) == saved
    block = other.editor.doc.block(first)
    assert block.label == "Renamed in the inspector"
    original = load(source).blocks[0]
    assert (block.x, block.y) == (original.x + 32, original.y + 16)
    assert answers.errors == []


def test_modified_marker_appears_after_an_edit_and_goes_after_save(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    assert "[*]" in window.windowTitle()
    assert not window.isWindowModified()
    window.scene.select_ids(["serve"])
    _type_label(window, "Scorer v2")
    assert window.isWindowModified()
    window.documents.ask_save_path = lambda: str(tmp_path / "design")  # no suffix typed by the user
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_S, CTRL)  # Save on a new file asks for a name
    assert (tmp_path / "design.mlsd.json").exists()
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("design.mlsd.json")
    window.editor.undo_stack.undo()  # back before the save point is a change again
    assert window.isWindowModified()


def test_close_with_changes_asks_and_cancel_keeps_the_window(qtbot, tmp_path: Path, answers: Answers) -> None:
    window = make_window(qtbot, tmp_path)
    operations.delete(window.editor, ["alert"])
    answers.reply = answers.reply.Cancel
    assert not window.close()
    assert window.isVisible() and len(answers.questions) == 1
    assert "Untitled" in answers.questions[0]
    answers.reply = answers.reply.Discard
    assert window.close()
    assert len(answers.questions) == 2


def test_new_and_open_ask_before_discarding(qtbot, tmp_path: Path, answers: Answers) -> None:
    window = make_window(qtbot, tmp_path)
    operations.delete(window.editor, ["alert"])
    before = dumps(window.editor.doc.diagram)
    answers.reply = answers.reply.Cancel
    assert not window.documents.new()
    other = tmp_path / "other.mlsd.json"
    from components.io import save

    save(monitored_design(), other)
    assert not window.documents.open(str(other))
    assert dumps(window.editor.doc.diagram) == before and window.isWindowModified()
    answers.reply = answers.reply.Discard
    assert window.documents.new()
    assert window.editor.doc.diagram.blocks == [] and not window.isWindowModified()


def test_save_from_the_prompt_then_close(qtbot, tmp_path: Path, answers: Answers) -> None:
    window = make_window(qtbot, tmp_path)
    operations.delete(window.editor, ["alert"])
    target = tmp_path / "kept.mlsd.json"
    window.documents.ask_save_path = lambda: str(target)
    answers.reply = answers.reply.Save
    assert window.close()
    assert "alert" not in {b.id for b in load(target).blocks}


def test_a_malformed_file_shows_an_error_and_leaves_the_document_untouched(qtbot, tmp_path: Path,
                                                                          answers: Answers) -> None:
    window = make_window(qtbot, tmp_path)
    operations.delete(window.editor, ["alert"])
    before, undo_count = dumps(window.editor.doc.diagram), window.editor.undo_stack.count()
    bad = tmp_path / "broken.mlsd.json"
    bad.write_text('{"schema_version": 1, "blocks": [{"id": "x", "kind": "warp_drive"}]}', encoding="utf-8")
    assert not window.documents.open(str(bad))
    assert len(answers.errors) == 1 and "broken.mlsd.json" in answers.errors[0]
    assert answers.questions == []  # nothing was about to be discarded
    assert dumps(window.editor.doc.diagram) == before
    assert window.editor.undo_stack.count() == undo_count and window.isWindowModified()
    assert window.editor.path is None


def test_a_failed_save_says_so_and_keeps_the_document_modified(qtbot, tmp_path: Path, answers: Answers) -> None:
    window = make_window(qtbot, tmp_path)
    operations.delete(window.editor, ["alert"])
    window.documents.ask_save_path = lambda: str(tmp_path / "missing-folder" / "x.mlsd.json")
    assert not window.documents.save()
    assert len(answers.errors) == 1 and "could not save" in answers.errors[0]
    assert window.isWindowModified() and window.editor.path is None


def test_recent_files_reopen_from_the_menu(qtbot, tmp_path: Path, answers: Answers) -> None:
    source = template_path(tmp_path)
    window = make_window(qtbot, tmp_path)
    window.documents.new()
    assert window.documents.open(str(source))
    window.window_actions.fill_recent()
    entries = [a for a in window.window_actions.recent_menu.actions() if a.data()]
    assert [Path(a.data()) for a in entries] == [source.resolve()]
    window.documents.new()
    entries[0].trigger()
    assert window.editor.path == source.resolve()


def test_a_design_file_dropped_on_the_window_opens(qtbot, tmp_path: Path) -> None:
    source = template_path(tmp_path)
    window = make_window(qtbot, tmp_path, Diagram())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(source))])
    event = QDropEvent(QPointF(QPoint(300, 300)), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.drops.eventFilter(window.view.viewport(), event)  # dropped on the canvas
    qtbot.waitUntil(lambda: window.editor.path == source.resolve())
    assert dumps(window.editor.doc.diagram) == dumps(load(source))
