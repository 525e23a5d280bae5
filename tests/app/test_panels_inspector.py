"""The inspector: editors generated from the kind's typed properties; one command per finished edit;
impossible values refused by the widgets or by the model, with the field reverting and a message."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit

from app.panels.document_form import DocumentForm
from app.panels.editors import BoolEditor, ChoiceEditor, ListEditor, MultiChoiceEditor, NumberEditor
from app.panels.element_forms import BlockForm, ConnectorForm
from app.panels.fields import field_spec
from components.model import CONNECTOR_STYLE_LABELS, Requirements, connector_style_label
from components.model.props import CandidateGenerationProps, LoggingProps, MonitoringProps, OnlineExperimentProps
from tests.app.window_helpers import make_window, type_into


def test_field_specs_follow_the_pydantic_types_and_bounds() -> None:
    traffic = field_spec("traffic_percent", OnlineExperimentProps.model_fields["traffic_percent"])
    assert (traffic.kind, traffic.minimum, traffic.maximum, traffic.optional) == ("number", 0, 100, False)
    p99 = field_spec("p99_ms", OnlineExperimentProps.model_fields["p99_ms"])
    assert (p99.kind, p99.minimum, p99.optional, p99.integer) == ("number", 0, True, False)
    out = field_spec("candidates_out", CandidateGenerationProps.model_fields["candidates_out"])
    assert (out.minimum, out.integer, out.optional) == (1, True, True)
    slo = field_spec("latency_slo_ms", Requirements.model_fields["latency_slo_ms"])
    assert slo.exclusive_minimum and slo.minimum == 0
    assert field_spec("task_type", Requirements.model_fields["task_type"]).kind == "choice"
    assert field_spec("uses_model", CandidateGenerationProps.model_fields["uses_model"]).kind == "bool"
    assert field_spec("offline_metrics", Requirements.model_fields["offline_metrics"]).kind == "list"
    target = field_spec("target", MonitoringProps.model_fields["target"])
    assert (target.kind, target.min_items) == ("multichoice", 1)
    assert target.choices == ("system", "data_drift", "prediction_drift", "model_quality")
    logs = field_spec("logs", LoggingProps.model_fields["logs"])
    assert (logs.kind, logs.min_items, len(logs.choices)) == ("multichoice", 0, 5)


def test_what_a_monitor_watches_is_ticked_choice_by_choice_one_command_per_click(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["mon"])
    editor = window.inspector.form.field("props.target")
    assert isinstance(editor, MultiChoiceEditor)
    assert [check.text() for check in editor.checks.values()] == ["system", "data drift", "prediction drift",
                                                                  "model quality"]
    assert [c for c, check in editor.checks.items() if check.isChecked()] == ["system"]  # the default
    count = window.editor.undo_stack.count()
    QTest.mouseClick(editor.checks["model_quality"], Qt.MouseButton.LeftButton)
    QTest.mouseClick(editor.checks["data_drift"], Qt.MouseButton.LeftButton)
    assert window.editor.doc.block("mon").props.target == ["system", "data_drift", "model_quality"]
    assert window.editor.undo_stack.count() == count + 2
    window.editor.undo_stack.undo()
    assert window.editor.doc.block("mon").props.target == ["system", "model_quality"]
    assert not editor.checks["data_drift"].isChecked() and editor.checks["model_quality"].isChecked()


def test_the_last_watched_target_cannot_be_unticked_but_a_log_may_log_nothing(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["mon"])
    editor = window.inspector.form.field("props.target")
    count = window.editor.undo_stack.count()
    QTest.mouseClick(editor.checks["system"], Qt.MouseButton.LeftButton)
    assert editor.checks["system"].isChecked()  # undone on the spot: a monitor watches something
    assert window.editor.doc.block("mon").props.target == ["system"]
    assert window.editor.undo_stack.count() == count
    window.scene.select_ids(["log"])
    logs = window.inspector.form.field("props.logs")
    assert isinstance(logs, MultiChoiceEditor)
    QTest.mouseClick(logs.checks["predictions"], Qt.MouseButton.LeftButton)
    assert window.editor.doc.block("log").props.logs == []


def test_a_refused_untick_of_the_last_watched_target_says_why(qtbot, tmp_path: Path) -> None:
    """Trial 23 F19: the last ticked box refused its untick without a word, like a dead checkbox."""
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["mon"])
    editor = window.inspector.form.field("props.target")
    assert isinstance(editor, MultiChoiceEditor)
    assert "tick another first" in editor.checks["system"].toolTip()  # said before the click
    assert editor.checks["data_drift"].toolTip() == ""  # an unticked box may be ticked freely
    QTest.mouseClick(editor.checks["system"], Qt.MouseButton.LeftButton)
    assert editor.checks["system"].isChecked()
    message = window.statusBar().currentMessage()
    assert "Watches: at least one must stay ticked" in message and "tick another first" in message
    assert "tick another first" in editor.last_tip  # and at the box, where the user looks
    QTest.mouseClick(editor.checks["data_drift"], Qt.MouseButton.LeftButton)
    assert window.editor.doc.block("mon").props.target == ["system", "data_drift"]
    assert editor.checks["system"].toolTip() == editor.checks["data_drift"].toolTip() == ""  # either may go now
    QTest.mouseClick(editor.checks["system"], Qt.MouseButton.LeftButton)
    assert window.editor.doc.block("mon").props.target == ["data_drift"]
    assert "tick another first" in editor.checks["data_drift"].toolTip()


def test_a_block_page_has_an_editor_per_property_of_its_kind(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["serve"])
    form = window.inspector.form
    assert isinstance(form, BlockForm)
    assert set(form.bindings) == {"label", "props.p99_ms", "props.mode", "props.features_in_request", "props.qps", "notes",
                                  "tradeoffs"}
    assert isinstance(form.field("props.mode"), ChoiceEditor)
    assert isinstance(form.field("props.qps"), NumberEditor)
    assert form.field("props.p99_ms").value() == 40


def test_typing_a_label_and_enter_pushes_one_command_and_undo_shows_the_old_value(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["serve"])
    field = window.inspector.form.field("label").widget
    count = window.editor.undo_stack.count()
    type_into(field, "Ranker", enter=False)
    assert window.editor.doc.block("serve").label == "Scorer"  # nothing yet, on every keystroke
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert window.editor.doc.block("serve").label == "Ranker"
    assert window.editor.undo_stack.count() == count + 1
    assert window.editor.undo_stack.undoText() == "Rename"
    window.editor.undo_stack.undo()
    assert window.inspector.form.field("label").widget.text() == "Scorer"


def test_p99_cannot_go_below_zero_and_a_valid_number_is_committed(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["serve"])
    editor = window.inspector.form.field("props.p99_ms")
    assert isinstance(editor, NumberEditor)
    assert editor.spin.minimum() == 0
    count = window.editor.undo_stack.count()
    type_into(editor.spin, "-25")  # the box itself refuses a negative number and keeps the old one
    assert window.editor.doc.block("serve").props.p99_ms == 40
    assert editor.spin.value() == 40 and window.editor.undo_stack.count() == count
    type_into(editor.spin, "12.5")
    assert window.editor.doc.block("serve").props.p99_ms == 12.5
    QTest.mouseClick(editor.check, Qt.MouseButton.LeftButton)  # untick: "not set"
    assert window.editor.doc.block("serve").props.p99_ms is None
    assert editor.spin.text() == "not set"


def test_an_impossible_value_is_refused_with_a_message_and_the_field_reverts(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["serve"])
    field = window.inspector.form.field("label").widget
    before = window.editor.doc.block("serve").model_dump()
    count = window.editor.undo_stack.count()
    field.setFocus()
    field.setText("x" * 600)  # labels are limited to 500 characters
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert window.editor.doc.block("serve").model_dump() == before
    assert window.editor.undo_stack.count() == count
    assert field.text() == "Scorer"
    assert "Not changed" in window.statusBar().currentMessage()
    assert "500" in window.statusBar().currentMessage()


def test_requirements_card_and_rule_settings_when_nothing_is_selected(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.clearSelection()
    form = window.inspector.form
    assert isinstance(form, DocumentForm)
    type_into(form.field("requirements.business_objective").widget, "More watch time")
    assert window.editor.doc.diagram.requirements.business_objective == "More watch time"
    metrics = form.field("requirements.offline_metrics")
    assert isinstance(metrics, ListEditor)
    type_into(metrics.widget, "nDCG,  mAP , ")
    assert window.editor.doc.diagram.requirements.offline_metrics == ["nDCG", "mAP"]
    dau = form.field("requirements.dau")
    QTest.mouseClick(dau.check, Qt.MouseButton.LeftButton)
    type_into(dau.spin, "1000000")
    assert window.editor.doc.diagram.requirements.dau == 1_000_000
    assert isinstance(window.editor.doc.diagram.requirements.dau, int)
    slo = form.field("requirements.latency_slo_ms")
    assert slo.spin.minimum() > 0  # the SLO must be positive

    form.rules_toggle.click()
    rule = form.field("rules.enabled.orphan-block")
    assert isinstance(rule, BoolEditor) and isinstance(rule.widget, QCheckBox)
    QTest.mouseClick(rule.widget, Qt.MouseButton.LeftButton)
    assert window.editor.doc.diagram.rules.disabled == ["orphan-block"]
    severity = form.field("rules.severity.no-alerting").widget
    assert isinstance(severity, QComboBox) and severity.currentText().startswith("default")
    severity.setCurrentIndex(severity.findData("error"))
    severity.activated.emit(severity.currentIndex())  # what a pick in the popup emits
    assert window.editor.doc.diagram.rules.severity == {"no-alerting": "error"}
    window.editor.undo_stack.undo()
    assert window.inspector.form.field("rules.severity.no-alerting").widget.currentData() == ""


def test_a_connector_page_changes_the_flow_and_label(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["c_log"])
    form = window.inspector.form
    assert isinstance(form, ConnectorForm)
    combo = form.field("flow").widget
    combo.setCurrentIndex(combo.findData("data"))
    combo.activated.emit(combo.currentIndex())
    assert window.editor.doc.connector("c_log").flow == "data"
    label = form.field("label").widget
    assert isinstance(label, QLineEdit)
    type_into(label, "impressions")
    assert window.editor.doc.connector("c_log").label == "impressions"


def test_inspector_follows_edits_made_elsewhere(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["serve"])
    from components.commands import SetProperty

    window.editor.push(SetProperty("serve", "mode", "batch"))
    assert window.inspector.form.field("props.mode").widget.currentData() == "batch"
    window.scene.select_ids(["serve", "mon"])
    assert "2 items selected" in window.inspector.form.findChild(type(window.findings_label), "inspectorTitle").text()


def _menu_path_exists(window, path: list[str]) -> bool:
    actions = window.menuBar().actions()
    for name in path:
        found = next((a for a in actions if a.text().replace("&", "").rstrip(".…") == name), None)
        if found is None:
            return False
        actions = found.menu().actions() if found.menu() is not None else []
    return True


def test_the_page_of_several_items_names_menus_that_exist(qtbot, tmp_path: Path) -> None:
    """Seen on Xvfb: with blocks selected the inspector said 'Edit ▸ Align and Distribute'; align and
    distribute are in the Arrange menu."""
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["serve", "mon"])
    text = " ".join(label.text() for label in window.inspector.form.findChildren(QLabel))
    paths = [[part.strip() for part in re.split(r"\s*▸\s*", match)]
             for match in re.findall(r"[A-Z][a-z]+(?: ▸ [A-Z][a-z]+)+", text)]
    assert paths, text
    missing = [path for path in paths if not _menu_path_exists(window, path)]
    assert missing == [], text


def test_the_design_and_connector_pages_name_the_connector_styles_in_the_one_vocabulary(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.clearSelection()
    design = window.inspector.form.field("connector_style").widget
    assert [design.itemText(i) for i in range(design.count())] == list(CONNECTOR_STYLE_LABELS.values())
    window.scene.select_ids(["c_log"])
    drawn = window.inspector.form.field("style").widget
    assert [drawn.itemText(i) for i in range(drawn.count())] == [connector_style_label(None),
                                                                   *CONNECTOR_STYLE_LABELS.values()]
