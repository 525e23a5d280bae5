"""Number fields of the inspector and the requirements card refuse what they cannot hold, and say so:
a minus where no negative number is allowed (typing "-50" showed "-0" and stored 0, trial 23 F2), and a
number out of range left in the box (it goes back to the model's value, with a tip saying why)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QValidator
from PySide6.QtTest import QTest

from app.panels.editors import NumberEditor
from app.panels.fields import model_specs
from app.panels.form import Form
from components.model import Diagram
from components.model.props import PROPS_BY_KIND
from tests.app.canvas_helpers import block
from tests.app.window_helpers import make_window, monitored_design, type_into

BLOCK_KINDS = list(PROPS_BY_KIND)


def test_typing_minus_50_in_p99_shows_it_as_typed_says_why_and_stores_nothing(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["serve"])
    editor = window.inspector.form.field("props.p99_ms")
    assert isinstance(editor, NumberEditor)
    editor.spin.setFocus()
    editor.spin.selectAll()
    shown = []
    for key in "-50":
        QTest.keyClicks(editor.spin, key)
        shown.append(editor.spin.text())
    assert shown == ["-", "-5", "-50"]  # as typed: never "-0"
    assert editor.spin.last_tip == "P99 latency (ms) is 0 or more: a negative number is not taken"
    count = window.editor.undo_stack.count()
    QTest.keyClick(editor.spin, Qt.Key.Key_Tab)
    assert window.editor.doc.block("serve").props.p99_ms == 40  # not taken: never 0 nor -0
    assert window.editor.undo_stack.count() == count and editor.spin.text() == "40"
    said = "P99 latency (ms) is 0 or more: -50 is not taken, it stays 40"
    assert window.statusBar().currentMessage() == f"Not changed: {said}"


def test_a_negative_number_is_never_acceptable_and_other_text_still_refused(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.clearSelection()
    slo = window.inspector.form.field("requirements.latency_slo_ms")
    assert slo.spin.validate("-0", 2)[0] == QValidator.State.Intermediate  # shown, never taken
    assert slo.spin.validate("-50", 3)[0] == QValidator.State.Intermediate
    assert slo.spin.validate("-5x", 3)[0] == QValidator.State.Invalid
    assert slo.spin.validate("--5", 3)[0] == QValidator.State.Invalid
    assert slo.spin.validate("50", 2)[0] == QValidator.State.Acceptable


def test_a_number_below_the_minimum_is_not_taken_and_the_tip_says_why(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.clearSelection()
    count = window.editor.undo_stack.count()
    slo = window.inspector.form.field("requirements.latency_slo_ms")
    type_into(slo.spin, "0")
    assert window.editor.doc.diagram.requirements.latency_slo_ms == 200
    assert window.editor.undo_stack.count() == count and slo.spin.text() == "200"
    said = "Latency SLO (ms) is more than 0: 0 is not taken, it stays 200"
    assert slo.spin.last_tip == said  # Enter: the focus stays, the tip under the box says it
    assert window.statusBar().currentMessage() == f"Not changed: {said}"


def _check_numbers(form: Form) -> int:
    """No number field of the page that cannot be negative takes a minus; returns how many were seen."""
    editors = [editor for editor, _getter in form.bindings.values() if isinstance(editor, NumberEditor)]
    for editor in editors:
        if editor.spin.minimum() >= 0:
            for typed in ("-1", "-0", "-"):  # never taken (Acceptable), whatever the field's bounds
                assert editor.spin.validate(typed, len(typed))[0] != QValidator.State.Acceptable, editor.spec.name
            assert editor.spin.bounds in ("0 or more", "more than 0", "1 or more", "between 0 and 100",
                                          "between 0 and 1"), editor.spin.bounds
    return len(editors)


def test_no_number_field_that_cannot_be_negative_takes_a_minus(qtbot, tmp_path: Path) -> None:
    diagram = Diagram(title="Every kind", requirements=monitored_design().requirements,
                      blocks=[block(f"b{i}", kind, 300 * (i % 8), 200 * (i // 8)) for i, kind in enumerate(BLOCK_KINDS)])
    window = make_window(qtbot, tmp_path, diagram)
    window.scene.clearSelection()
    form = window.inspector.form
    form.estimates_toggle.setChecked(True)
    form.rules_toggle.setChecked(True)
    keys = {key for key, (editor, _g) in form.bindings.items() if isinstance(editor, NumberEditor)}
    assert {"requirements.dau", "requirements.latency_slo_ms", "rules.params.corpus_threshold"} <= keys
    assert any(key.startswith("estimates.") for key in keys)
    assert _check_numbers(form) == len(keys)
    seen = 0
    for index in range(len(BLOCK_KINDS)):
        window.scene.select_ids([f"b{index}"])
        seen += _check_numbers(window.inspector.form)
    props = sum(1 for model in PROPS_BY_KIND.values() for spec in model_specs(model) if spec.kind == "number")
    assert props and seen == props  # every number field of every kind was looked at
