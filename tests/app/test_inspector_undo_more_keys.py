"""More key sequences (found by review) for the inspector's undo routing (uncommitted changes that are not
typing: a spin box stepped with the arrow keys; focus moving to a combo box)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.app.window_helpers import make_window, type_into

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_ctrl_z_after_stepping_a_number_with_the_arrow_keys(qtbot, tmp_path: Path) -> None:
    """Up arrow in p99 (40 -> 41, not committed), then Ctrl+Z: the field must not silently drop the
    stepped value while the document undoes an unrelated earlier edit."""
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["serve"])
    stack = window.editor.undo_stack
    type_into(window.inspector.form.field("label").widget, "Retriever")  # an earlier, unrelated edit
    index = stack.index()
    editor = window.inspector.form.field("props.p99_ms")
    editor.spin.setFocus()
    QTest.keyClick(editor.spin, Qt.Key.Key_Up)
    assert editor.spin.value() == 41 and window.editor.doc.block("serve").props.p99_ms == 40
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)
    # the stepped value is the field's own uncommitted change: undone in the field, the rename kept
    assert window.editor.doc.block("serve").label == "Retriever" and stack.index() == index
    assert window.inspector.form.field("props.p99_ms").spin.value() == 40


def test_typing_then_a_click_on_a_combo_then_ctrl_z(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["serve"])
    label = window.inspector.form.field("label").widget
    type_into(label, "Retriever", enter=False)
    combo = window.inspector.form.field("props.mode").widget
    combo.setFocus(Qt.FocusReason.MouseFocusReason)  # focus out commits the label
    assert window.editor.doc.block("serve").label == "Retriever"
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)
    assert window.editor.doc.block("serve").label == "Scorer"
    assert window.inspector.form.field("label").widget.text() == "Scorer"
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL | SHIFT)
    assert window.editor.doc.block("serve").label == "Retriever"
    assert window.inspector.form.field("label").widget.text() == "Retriever"


def test_refused_negative_then_ctrl_z(qtbot, tmp_path: Path) -> None:
    """-50 typed in p99 (refused, not committed), Ctrl+Z: the typing goes, the document untouched."""
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["serve"])
    stack = window.editor.undo_stack
    index = stack.index()
    editor = window.inspector.form.field("props.p99_ms")
    type_into(editor.spin, "-50", enter=False)
    assert editor.spin.text() == "-50"
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)
    assert stack.index() == index
    window.view.setFocus(Qt.FocusReason.MouseFocusReason)
    assert window.editor.doc.block("serve").props.p99_ms == 40 and stack.index() == index
