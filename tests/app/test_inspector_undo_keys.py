"""Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y pressed in an inspector field: once an edit is committed they undo and redo
the document (Edit > Undo), and the field shows the model's value after; typing not yet committed is undone
by the field itself first. The field and the model never disagree after the key (trial 23, F5)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit

from app.panels.editors import NumberEditor
from components.model import Note
from tests.app.window_helpers import make_window, monitored_design, type_into

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _undo(window: Any) -> None:
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)


def _redo(window: Any, ctrl_y: bool = False) -> None:
    if ctrl_y:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Y, CTRL)
    else:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL | SHIFT)


def _leave(window: Any) -> None:
    """Click away from the field (focus out commits whatever the field holds)."""
    window.view.setFocus(Qt.FocusReason.MouseFocusReason)


def test_ctrl_z_after_enter_in_a_label_undoes_the_rename_and_focus_out_adds_nothing(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["serve"])
    stack = window.editor.undo_stack
    field = window.inspector.form.field("label").widget
    type_into(field, "Retriever")
    assert window.editor.doc.block("serve").label == "Retriever"
    index = stack.index()
    assert field.hasFocus()
    _undo(window)
    assert window.editor.doc.block("serve").label == "Scorer"
    assert window.inspector.form.field("label").widget.text() == "Scorer"
    assert stack.index() == index - 1
    _redo(window)
    assert window.editor.doc.block("serve").label == "Retriever"
    assert window.inspector.form.field("label").widget.text() == "Retriever"
    _undo(window)
    _redo(window, ctrl_y=True)
    assert window.editor.doc.block("serve").label == "Retriever"
    _undo(window)
    _leave(window)
    assert window.editor.doc.block("serve").label == "Scorer"
    assert stack.index() == index - 1 and stack.canRedo()  # nothing committed again: Redo is still there


def test_ctrl_z_while_typing_undoes_the_typing_first_then_the_document(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["serve"])
    stack = window.editor.undo_stack
    field = window.inspector.form.field("label").widget
    type_into(field, "Retriever")
    index = stack.index()
    QTest.keyClick(field, Qt.Key.Key_End)
    QTest.keyClicks(field, " v2")  # not committed
    _undo(window)
    assert field.text() == "Retriever" and stack.index() == index  # the typing went, the model untouched
    _undo(window)  # nothing typed left: the document's last edit
    assert window.editor.doc.block("serve").label == "Scorer" and field.text() == "Scorer"
    _leave(window)
    assert stack.index() == index - 1


def test_ctrl_z_after_enter_in_a_number_field_undoes_the_document(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["serve"])
    stack = window.editor.undo_stack
    editor = window.inspector.form.field("props.p99_ms")
    assert isinstance(editor, NumberEditor)
    type_into(editor.spin, "25")
    assert window.editor.doc.block("serve").props.p99_ms == 25
    index = stack.index()
    _undo(window)
    assert window.editor.doc.block("serve").props.p99_ms == 40
    assert window.inspector.form.field("props.p99_ms").spin.value() == 40
    _redo(window)
    assert window.editor.doc.block("serve").props.p99_ms == 25
    assert window.inspector.form.field("props.p99_ms").spin.text() == "25"
    _undo(window)
    _leave(window)
    assert stack.index() == index - 1 and window.editor.doc.block("serve").props.p99_ms == 40


def test_ctrl_z_in_a_combo_box_undoes_the_choice(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["serve"])
    combo = window.inspector.form.field("props.mode").widget
    assert isinstance(combo, QComboBox)
    before = window.editor.doc.block("serve").props.mode
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down)  # a choice by keyboard is committed at once
    after = window.editor.doc.block("serve").props.mode
    assert after != before
    _undo(window)
    assert window.editor.doc.block("serve").props.mode == before
    assert window.inspector.form.field("props.mode").widget.currentData() == before
    _redo(window)
    assert window.inspector.form.field("props.mode").widget.currentData() == after


def test_ctrl_z_after_ctrl_enter_in_a_note_undoes_the_text(qtbot, tmp_path: Path) -> None:
    diagram = monitored_design()
    diagram.notes.append(Note(id="n1", x=0, y=400, text="first"))
    window = make_window(qtbot, tmp_path, diagram)
    window.scene.select_ids(["n1"])
    text = window.inspector.form.field("text").widget
    assert isinstance(text, QPlainTextEdit)
    text.setFocus()
    text.selectAll()
    QTest.keyClicks(text, "second")
    QTest.keyClick(text, Qt.Key.Key_Return, CTRL)
    assert window.editor.doc.get("notes", "n1").text == "second"
    QTest.keyClicks(text, "!")  # typing, not committed: the text area's own undo takes it back
    _undo(window)
    assert text.toPlainText() == "second" and window.editor.doc.get("notes", "n1").text == "second"
    _undo(window)
    assert window.editor.doc.get("notes", "n1").text == "first"
    assert window.inspector.form.field("text").widget.toPlainText() == "first"
    _redo(window)
    assert window.inspector.form.field("text").widget.toPlainText() == "second"


def test_the_requirements_card_fields_undo_the_document(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.clearSelection()
    form = window.inspector.form
    requirements = window.editor.doc.diagram.requirements
    objective = form.field("requirements.business_objective").widget
    assert isinstance(objective, QLineEdit)
    type_into(objective, "Watch time")
    _undo(window)
    assert window.editor.doc.diagram.requirements.business_objective == requirements.business_objective
    assert window.inspector.form.field("requirements.business_objective").widget.text() == "Engagement"

    slo = window.inspector.form.field("requirements.latency_slo_ms")
    type_into(slo.spin, "150")
    assert window.editor.doc.diagram.requirements.latency_slo_ms == 150
    _undo(window)
    assert window.editor.doc.diagram.requirements.latency_slo_ms == 200
    assert window.inspector.form.field("requirements.latency_slo_ms").spin.text() == "200"

    notes = window.inspector.form.field("requirements.notes").widget
    notes.setFocus()
    QTest.keyClicks(notes, "Cold start matters")
    QTest.keyClick(notes, Qt.Key.Key_Return, CTRL)
    assert window.editor.doc.diagram.requirements.notes == "Cold start matters"
    _undo(window)
    assert window.editor.doc.diagram.requirements.notes == ""
    assert window.inspector.form.field("requirements.notes").widget.toPlainText() == ""

    task = window.inspector.form.field("requirements.task_type").widget
    task.setFocus()
    QTest.keyClick(task, Qt.Key.Key_Down)
    assert window.editor.doc.diagram.requirements.task_type != "ranking"
    _undo(window)
    assert window.editor.doc.diagram.requirements.task_type == "ranking"
    assert window.inspector.form.field("requirements.task_type").widget.currentData() == "ranking"


def test_ctrl_z_in_the_description_after_focus_out_commit_and_back(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.clearSelection()
    description = window.inspector.form.field("description").widget
    description.setFocus()
    QTest.keyClicks(description, "Ranks videos")
    _leave(window)
    assert window.editor.doc.diagram.description == "Ranks videos"
    description = window.inspector.form.field("description").widget
    description.setFocus()
    _undo(window)  # back in the field, nothing typed: the document's undo
    assert window.editor.doc.diagram.description == ""
    assert window.inspector.form.field("description").widget.toPlainText() == ""


def test_redo_while_typing_redoes_the_typing_and_never_the_document(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["serve"])
    stack = window.editor.undo_stack
    field = window.inspector.form.field("label").widget
    type_into(field, "Retriever")
    _undo(window)  # the rename undone: the document can redo it
    assert stack.canRedo() and field.text() == "Scorer"
    QTest.keyClick(field, Qt.Key.Key_End)
    QTest.keyClicks(field, "s")
    index = stack.index()
    _redo(window)  # typing is going on: the document's Redo would throw it away
    assert field.text() == "Scorers" and stack.index() == index
    _undo(window)
    assert field.text() == "Scorer" and stack.index() == index
    _redo(window, ctrl_y=True)
    assert field.text() == "Scorers" and stack.index() == index
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert window.editor.doc.block("serve").label == "Scorers"
