"""Live validation in the window: findings follow edits (debounced), clicking one selects its blocks,
the checklist shows the seven steps, the status bar counts findings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.window.validation import DEBOUNCE_MS, LiveValidator
from components.commands import MoveItems, RemoveItems
from tests.app.window_helpers import click_item, make_window


def _rules(window) -> set[str]:
    return {finding.rule for finding in window.findings.findings}


def test_removing_monitoring_raises_a_finding_and_clicking_it_selects_the_block(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    qtbot.waitUntil(lambda: window.validator.runs >= 1)
    assert "missing-monitoring" not in _rules(window)
    assert window.scene.severity_of("serve") != "error"

    window.scene.select_ids(["mon"])
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Delete)  # the user deletes the monitor
    assert not window.editor.doc.has_id("mon")
    qtbot.waitUntil(lambda: "missing-monitoring" in _rules(window))
    finding = next(f for f in window.findings.findings if f.rule == "missing-monitoring")
    assert "serve" in finding.blocks
    assert window.scene.severity_of("serve") == "error"  # the canvas badges the block
    assert "error" in window.findings_label.text()

    window.scene.clearSelection()
    window.view.centerOn(QPointF(5000, 5000))  # look elsewhere first
    click_item(window.findings.tree, window.findings.item_of("missing-monitoring"))
    assert "serve" in window.scene.selected_ids()
    centre = window.scene.item_for("serve").sceneBoundingRect().center()
    assert window.view.viewport().rect().contains(window.view.mapFromScene(centre))

    window.editor.undo_stack.undo()  # the monitor comes back, and the finding goes
    qtbot.waitUntil(lambda: "missing-monitoring" not in _rules(window))


def test_a_burst_of_edits_is_validated_once(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    qtbot.waitUntil(lambda: window.validator.runs >= 1 and not window.validator.pending)
    runs = window.validator.runs
    for step in range(1, 6):
        window.editor.push(MoveItems({"alert": (720 + 16 * step, 320)}, text=f"Move {step}"))
    assert window.validator.pending and window.validator.runs == runs  # nothing ran during the burst
    qtbot.waitUntil(lambda: not window.validator.pending)
    assert window.validator.runs == runs + 1


def test_one_edit_is_validated_on_the_next_turn_of_the_event_loop(qtbot, tmp_path: Path) -> None:
    """Live validation re-checks only what an edit reaches, so it does not wait for the user to stop:
    the findings are there in the frame that shows the edit. A new document waits for the debounce."""
    window = make_window(qtbot, tmp_path)
    qtbot.waitUntil(lambda: window.validator.runs >= 1 and not window.validator.pending)
    window.editor.push(RemoveItems(["c_alert"]))
    assert window.validator.pending and window.validator.timer.interval() == 0
    QApplication.processEvents()
    assert not window.validator.pending
    assert "no-alerting" in _rules(window)
    window.editor.replace(window.editor.doc.diagram.model_copy(deep=True), None)
    assert window.validator.timer.interval() == DEBOUNCE_MS


def test_the_first_validation_comes_right_after_the_first_paint(qtbot, tmp_path: Path) -> None:
    """Nothing of the validator runs before the window is on screen; once the canvas has painted, the
    first run is due on the next turn of the event loop, not after the debounce."""
    window = make_window(qtbot, tmp_path)  # shown and painted
    QApplication.processEvents()
    assert window.validator.runs >= 1 or (window.validator.pending and window.validator.timer.interval() == 0)


def test_checklist_shows_the_seven_steps_and_what_covers_them(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    qtbot.waitUntil(lambda: window.validator.runs >= 1)
    tree = window.checklist.tree
    assert tree.topLevelItemCount() == 7
    texts = [tree.topLevelItem(i).text(0) for i in range(7)]
    assert texts[0].startswith("1.") and texts[6].startswith("7.")
    evaluation = tree.topLevelItem(4)
    assert evaluation.text(1) == "missing"  # the test design has no evaluation block
    monitoring = tree.topLevelItem(6)
    assert "Monitor" in monitoring.text(1)
    assert window.checklist.summary.text() == "6 of 7 steps covered"

    ids = window.scene.place_block("offline_evaluation", QPointF(600, 600))
    assert ids
    qtbot.waitUntil(lambda: window.checklist.summary.text() == "7 of 7 steps covered")
    click_item(tree, tree.topLevelItem(6))  # a covered step selects what covers it: the monitor (logs watch nothing)
    assert set(window.scene.selected_ids()) == {"mon"}


def test_validator_reports_when_the_validator_fails(qtbot, tmp_path: Path, monkeypatch) -> None:
    window = make_window(qtbot, tmp_path)
    from components.validate import live

    def broken(*_args, **_kwargs):
        raise RuntimeError("rule exploded")

    notes: list[str] = []
    validator = LiveValidator(window.editor, delay_ms=0)
    validator.unavailable.connect(notes.append)
    validator.run_now()  # the live state is built
    monkeypatch.setattr(live.LiveValidation, "update", broken)
    window.editor.push(MoveItems({"alert": (700, 300)}))
    validator.run_now()
    assert notes == ["Validation failed: rule exploded"]
    monkeypatch.setattr(live.LiveValidation, "__init__", broken)
    validator.run_now()  # built again from the document: fails again, still only a message
    assert notes[-1] == "Validation failed: rule exploded" and validator.findings == []
    validator.close()


def test_a_finding_about_a_missing_step_leads_to_where_it_is_fixed(qtbot, tmp_path: Path) -> None:
    from components.model import Diagram

    window = make_window(qtbot, tmp_path, Diagram())
    qtbot.waitUntil(lambda: window.validator.runs >= 1)
    rows = {item.text(0)[:6]: item for item in (window.findings.tree.topLevelItem(i)
                                                for i in range(window.findings.tree.topLevelItemCount()))}
    click_item(window.findings.tree, rows["Step 2"])  # framing: the requirements card's ML objective
    assert window.inspector.form.field("requirements.ml_objective").widget.hasFocus()
    click_item(window.findings.tree, rows["Step 7"])  # monitoring: the palette shows its blocks
    assert window.palette_panel.tree.currentItem().parent().text(0).startswith("7.")


def test_a_big_design_waits_for_the_canvas_before_its_first_validation(qtbot, tmp_path: Path) -> None:
    """Opening 45,000 blocks, the panels took longer than the debounce to show, so the first full
    validation ran (seconds) before the canvas had ever been painted; a big design now waits for that
    paint, a small one as before."""
    from PySide6.QtCore import QSettings

    from app.editor import Editor
    from app.window.main_window import MainWindow
    from app.window.validation import FIRST_PAINT_WAIT_MS
    from components.synthetic import synthetic_diagram

    for blocks, wait in ((50, DEBOUNCE_MS), (2_400, FIRST_PAINT_WAIT_MS)):
        window = MainWindow(Editor(synthetic_diagram(blocks, seed=3)),
                            settings=QSettings(str(tmp_path / f"s{blocks}.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window, before_close_func=lambda w: w.editor.undo_stack.setClean())
        assert window.validator.pending and window.validator.timer.interval() == wait  # not shown yet
        assert window.validator.runs == 0


def test_a_requirements_finding_puts_the_cursor_in_the_field_it_is_about(qtbot, tmp_path: Path) -> None:
    """Trial 23: every step-1 finding put the cursor in Business objective, whatever it was about."""
    from tests.app.window_helpers import monitored_design

    design = monitored_design()
    design.requirements = design.requirements.model_copy(update={"dau": 1, "qps_peak": 1e9})
    window = make_window(qtbot, tmp_path, design)
    qtbot.waitUntil(lambda: window.findings.item_of("implausible-scale") is not None)
    click_item(window.findings.tree, window.findings.item_of("implausible-scale"))
    assert window.inspector.form.field("requirements.qps_peak").spin.hasFocus()  # the cursor in the box itself
    metrics = window.findings.item_of("no-success-metrics")  # the offline one comes first (by its message)
    click_item(window.findings.tree, metrics)
    assert window.findings.finding_of(metrics).fields == ("offline_metrics",)
    assert window.inspector.form.field("requirements.offline_metrics").widget.hasFocus()
