"""Practice mode in the app, on a fake clock: a whole short session from File > Practice to the attempt in
the history, a second one for the trend, the interviewer's view, retrying the weakest step, and a clock
that never holds up the window."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMessageBox

from app.practice import running, start_practice
from app.practice.start_dialog import StartDialog
from components.commands import SetMeta
from components.practice import FakeClock, list_attempts, prompt_catalog
from components.synthetic import synthetic_diagram
from components.templates import load_template
from tests.app.practice_helpers import (
    activate,
    advance,
    click,
    click_in_message_box,
    connect_by_drag,
    controller,
    draw,
    place,
    place_by_search,
    practice_window,
    start_from_menu,
    when_modal,
)


def test_a_whole_short_session_then_a_second_for_the_trend(qtbot, tmp_path: Path, monkeypatch) -> None:
    """As a person does it, with the mouse and the keyboard: File > Practice (Ctrl+Shift+P), the dialog, two
    questions, two blocks from the palette (Add Block, type, Enter) and a connector dragged between them, a nudge dismissed, Submit
    and its box, the results, their Attempts button; then a second session for the trend."""
    clock = FakeClock()
    window = practice_window(qtbot, tmp_path, monkeypatch, clock)
    # pick a prompt and a length in File > Practice
    start_from_menu(qtbot, window, "Video recommendation", 30)
    session = controller(window).session
    assert session.prompt.id == "video-recommendation" and session.length == 30
    assert window.statusBar().currentMessage() == "Practice started: 30 minutes"
    assert window.editor.doc.diagram.title == "Video recommendation" and window.editor.doc.diagram.blocks == []
    bar = window.statusBar().findChild(QLabel, "practiceClock")
    assert bar.text() == "<b>30:00 left</b>"
    dock = window.findChild(QDockWidget, "practiceDock")  # beside the inspector, not in a tab of it
    assert dock.isVisible() and window.inspector_dock.isVisible() and window.tabifiedDockWidgets(dock) == []
    assert not window.window_actions.by_name["review"].isEnabled()  # the reference stays hidden
    assert not window.window_actions.by_name["compare"].isEnabled()
    assert not window.window_actions.by_name["new_template"].isEnabled()  # its pictures are the references
    assert "Template" not in window.view.empty_hint and "Interview panel" in window.view.empty_hint
    # ask two clarifying questions: the answers go on the requirements card
    advance(window, clock, 60)
    click(qtbot, window, "ask_scale")
    advance(window, clock, 30)
    click(qtbot, window, "ask_latency")
    card = window.editor.doc.diagram.requirements
    assert (card.dau, card.qps_peak, card.corpus_size, card.latency_slo_ms) == (100_000_000, 23_000, 10**10, 200)
    assert window.findChild(QLabel, "answer_scale").isVisible()
    assert "Within 200 ms" in window.findChild(QLabel, "answer_latency").text()
    assert [asked.id for asked in session.asked] == ["scale", "latency"]
    assert window.statusBar().currentMessage() == "Latency: answered on the card"  # short: the clock shares the bar
    qtbot.waitUntil(lambda: bar.text() == "<b>28:30 left</b>", timeout=3000)
    # draw: data first, then training (4 minutes later)
    advance(window, clock, 90)
    source = place_by_search(window, "data source")
    advance(window, clock, 90)
    assert not window.findChild(QLabel, "nudgeText").isVisible()
    # 5:00 passes: the requirements card has no objective, metrics or ML task: one quiet nudge
    advance(window, clock, 30)
    banner = window.findChild(QLabel, "nudgeText")
    assert banner.isVisible() and banner.text() == "5 minutes in, no business objective, metrics or ML task yet"
    assert QApplication.focusWidget() is not banner.parentWidget()  # the nudge takes no focus
    click(qtbot, window, "nudgeDismiss")
    assert not banner.isVisible()
    advance(window, clock, 120)
    training = place_by_search(window, "training")
    connect_by_drag(window, source, training)
    blocks = window.editor.doc.diagram.blocks
    assert [block.kind for block in blocks] == ["data_source", "training_pipeline"]
    assert [(c.source, c.target, c.flow) for c in window.editor.doc.diagram.connectors] == [(source, training, "data")]
    advance(window, clock, 390)  # 13:30: past data (9:00) and model (13:00), both on the canvas: no nudge
    assert [nudge.text for nudge in session.nudges] == ["5 minutes in, no business objective, metrics or ML task yet"]
    assert not banner.isVisible()
    # submit, yes in the box: the review and the comparison
    asked: list[str] = []
    click_in_message_box(qtbot, QMessageBox.StandardButton.Yes, asked)
    click(qtbot, window, "practiceSubmit")
    assert asked == ["Submit the design?: End the session now (16:30 left) and see the review?"]
    assert running(window) is None and session.ended_by == "submit"
    results = window.findChild(object, "practiceResults")
    assert results.isVisible() and results.windowTitle().startswith("Practice results: Video recommendation (")
    page = results.browser.toPlainText()
    for part in ("Score by step", "Follow-up questions", "Comparison with the template “Video recommendation”",
                 "Missing roles", "Time per phase", "2 of 5 asked.", "Submitted after 13:30 of 30:00",
                 "5:00: 5 minutes in, no business objective, metrics or ML task yet"):
        assert part in page, part
    qtbot.waitUntil(lambda: window.statusBar().findChild(QLabel, "practiceClock") is None)  # the bar is gone
    assert window.window_actions.by_name["review"].isEnabled() and not window.editor.modified
    # the attempt is in the history, one click away from the results
    [attempt] = list_attempts().attempts
    assert attempt.prompt_id == "video-recommendation" and attempt.total == results.scored.review.total
    spent = {row.phase: row.spent for row in attempt.phases}
    assert spent == {"requirements": 90, "data": 90, "model": 240, "evaluation": 0, "serving": 0, "monitoring": 0,
                     "wrap_up": 0, "": 390}  # of gaps over two minutes, the rest is time without edits
    qtbot.mouseClick(results.attempts_button, Qt.MouseButton.LeftButton)
    attempts = window.findChild(object, "attemptsWindow")
    assert attempts.isVisible() and attempts.tree.topLevelItemCount() == 1
    assert attempts.summary.text() == f"One session so far: {attempt.total}/21. The trend shows from the second."
    # a second session, better (the reference drawn as edits): the trend shows it
    start_from_menu(qtbot, window, "Video recommendation", 30)
    draw(window, load_template("video-recommendation"))
    advance(window, clock, 20 * 60)
    click_in_message_box(qtbot, QMessageBox.StandardButton.Yes, asked)
    click(qtbot, window, "practiceSubmit")
    assert running(window) is None and len(asked) == 2
    window.window_actions.by_name["practice_attempts"].trigger()  # File > Practice Attempts
    assert attempts.tree.topLevelItemCount() == 2
    total = list_attempts().attempts[-1].total
    assert total > attempt.total
    assert attempts.summary.text().startswith(f"2 sessions: {attempt.total} → {total} of 21 "
                                              f"(+{total - attempt.total} since the first).")
    assert not attempts.chart.pixmap().isNull()


def test_time_up_ends_the_session_and_scores_it(qtbot, tmp_path: Path, monkeypatch) -> None:
    clock = FakeClock()
    window = practice_window(qtbot, tmp_path, monkeypatch, clock)
    start_practice(window, window, "street-view-blurring", 30)
    advance(window, clock, 31 * 60)
    assert running(window) is None
    [attempt] = list_attempts().attempts
    assert attempt.ended_by == "time_up" and attempt.elapsed == 30 * 60
    assert len(attempt.nudges) == 6  # an empty design: every phase but the wrap-up was nudged
    assert "Time up after 30:00 of 30:00" in window.findChild(object, "practiceResults").browser.toPlainText()


def test_pause_stops_the_clock_and_resume_goes_on(qtbot, tmp_path: Path, monkeypatch) -> None:
    clock = FakeClock()
    window = practice_window(qtbot, tmp_path, monkeypatch, clock)
    start_practice(window, window, "video-search", 45)
    advance(window, clock, 100)
    click(qtbot, window, "practicePause")
    bar = window.statusBar().findChild(QLabel, "practiceClock")
    assert bar.text() == "<b>43:20 left · paused</b>"
    advance(window, clock, 600)
    assert bar.text() == "<b>43:20 left · paused</b>"
    click(qtbot, window, "practicePause")
    advance(window, clock, 20)
    assert bar.text() == "<b>43:00 left</b>" and controller(window).session.pauses == 1


def test_the_interviewer_view_shows_answers_rubric_and_the_hidden_reference(qtbot, tmp_path: Path,
                                                                          monkeypatch) -> None:
    clock = FakeClock()
    window = practice_window(qtbot, tmp_path, monkeypatch, clock)
    start_practice(window, window, "ad-click-prediction", 45)
    click(qtbot, window, "practiceInterviewer")
    view = window.findChild(object, "interviewerWindow")
    assert view.isVisible() and view.windowTitle() == "Interviewer: Ad click prediction"
    text = view.browser.toPlainText()
    assert "Answers" in text and "Score now: 0/21" in text and "Reference design: Ad click prediction" in text
    assert "The rubric, applied now" in text
    assert "calibrated, not only well ordered" in text  # an answer not asked yet: the interviewer sees it
    assert view.browser.document().resource(2, "mlsd-practice:reference") is not None
    click(qtbot, window, "ask_latency")
    assert "asked at 0:00" in view.browser.toPlainText()
    window.editor.push(SetMeta("requirements", window.editor.doc.diagram.requirements.model_copy(
        update={"business_objective": "Ad revenue"})))
    window.settle()  # the live validator reports: the rubric follows
    assert "✓" in view.browser.toPlainText().split("1.1 A business objective")[1][:200]


def test_retry_this_step_reopens_the_design_with_its_checklist(qtbot, tmp_path: Path, monkeypatch) -> None:
    clock = FakeClock()
    window = practice_window(qtbot, tmp_path, monkeypatch, clock)
    start_practice(window, window, "video-recommendation", 45)
    keep = draw(window, load_template("video-recommendation"), lambda block: block.kind != "monitoring")
    advance(window, clock, 60)
    attempt = controller(window).finish()
    assert attempt is not None and attempt.steps[6] == min(attempt.steps)
    results = window.findChild(object, "practiceResults")
    assert results.retry_button.text() == "Retry Step 7: Monitoring"
    results.retry_button.click()
    retry = controller(window)
    assert retry.session.retry.step == 7 and retry.session.duration == 5 * 60  # monitoring's minutes at 45
    assert window.editor.doc.diagram.blocks == keep  # the attempt's design, reopened
    checklist = window.findChild(object, "stepChecklist")
    assert checklist.isVisible() and f"0/3 now, {attempt.steps[6]} in the attempt retried" in checklist.head.text()
    place(window, "monitoring", 900, 600)
    window.settle()
    assert "Retry: step 7, Monitoring" in checklist.head.text()
    advance(window, clock, 60)
    done = retry.finish()
    assert done is not None and done.retry.before == attempt.steps[6] and done.retry.attempt == attempt.id
    assert [a.is_retry for a in list_attempts().attempts] == [False, True]


def test_the_clock_checks_the_design_only_at_phase_boundaries(qtbot, tmp_path: Path, monkeypatch) -> None:
    """A tick is a few comparisons: the design is looked at only when a boundary passes (and then without
    building the graph), so the clock cannot hold up the window however big the design."""
    clock = FakeClock()
    window = practice_window(qtbot, tmp_path, monkeypatch, clock)
    running_session = start_practice(window, window, "video-search", 30)
    checks: list[str] = []
    monkeypatch.setattr("app.practice.controller.nudge_text", lambda planned, _diagram: checks.append(planned.key))
    for _ in range(200):
        clock.advance(1)
        running_session.tick()
    assert checks == []
    clock.advance(100)  # 5:00, the first boundary
    running_session.tick()
    running_session.tick()
    assert checks == ["requirements"]


def test_scoring_a_big_design_keeps_the_event_loop_running(qtbot, tmp_path: Path, monkeypatch) -> None:
    clock = FakeClock()
    window = practice_window(qtbot, tmp_path, monkeypatch, clock)
    start_practice(window, window, "video-search", 30)
    draw(window, synthetic_diagram(400, seed=3))
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(list_attempts().attempts == ()))
    attempt = controller(window).finish()
    assert fired == [True]  # the event loop ran while the design was being scored, before the attempt was saved
    assert attempt is not None and list_attempts().attempts[0].id == attempt.id


def test_opening_another_design_abandons_the_session(qtbot, tmp_path: Path, monkeypatch) -> None:
    clock = FakeClock()
    window = practice_window(qtbot, tmp_path, monkeypatch, clock)
    start_practice(window, window, "video-search", 30)
    window.editor.replace(load_template("video-search"), None)
    assert running(window) is None and list_attempts().attempts == ()
    assert all(window.window_actions.by_name[name].isEnabled() for name in ("review", "compare", "new_template"))
    assert "File > New from Template" in window.view.empty_hint
    assert window.statusBar().currentMessage() == "Practice session ended without a score: another design was opened"


def test_an_unknown_prompt_is_refused_with_a_message(qtbot, tmp_path: Path, monkeypatch) -> None:
    window = practice_window(qtbot, tmp_path, monkeypatch, FakeClock())
    warnings: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning", lambda _p, _t, text, *_a: warnings.append(text))
    assert start_practice(window, window, "nope", 30) is None
    assert warnings[0].startswith("unknown prompt 'nope' (known: visual-search")


def test_the_start_dialog_offers_a_random_prompt_and_names_bad_user_files(qtbot, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MLSD_DATA_DIR", str(tmp_path))
    (tmp_path / "prompts").mkdir()
    (tmp_path / "prompts" / "broken.json").write_text("{", encoding="utf-8")
    catalog = prompt_catalog()
    dialog = StartDialog(catalog)
    qtbot.addWidget(dialog)
    assert dialog.prompts.currentItem().text().startswith("Any prompt")
    picked = {dialog.choice(random.Random(seed))[0].id for seed in range(30)}
    assert len(picked) > 3 and picked <= set(catalog.ids())
    assert dialog.choice()[1] == 45
    assert "Not loaded:" in dialog.note.text() and "broken.json: not valid JSON" in dialog.note.text()
    dialog.prompts.setCurrentRow(5)
    dialog.lengths.button(60).setChecked(True)
    assert (dialog.choice()[0].title, dialog.choice()[1]) == ("Video recommendation", 60)


@pytest.fixture(autouse=True)
def _close_practice_windows(qtbot):
    yield
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() in ("practiceResults", "attemptsWindow", "interviewerWindow"):
            widget.close()



def test_in_a_narrow_window_the_clock_is_compact_and_leaves_the_messages_room(qtbot, tmp_path: Path,
                                                                              monkeypatch) -> None:
    """Seen under Xvfb at 1024x700: the bar took all but ~150 px of the status bar, every message was cut."""
    window = practice_window(qtbot, tmp_path, monkeypatch, FakeClock())
    session_bar = start_practice(window, window, "ad-click-prediction", 30).bar
    full = session_bar.sizeHint().width()
    assert (session_bar.phase_label.text(), session_bar.clock_label.text()) == ("Requirements and framing (5:00)",
                                                                               "<b>30:00 left</b>")
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: session_bar.compact)
    assert (session_bar.phase_label.text(), session_bar.clock_label.text()) == ("Requirements (5:00)", "<b>30:00</b>")
    assert "Phase 1 of 7, Requirements and framing: Ask your" in session_bar.phase_label.toolTip()
    assert session_bar.sizeHint().width() < full - 80
    window.resize(1400, 900)
    qtbot.waitUntil(lambda: not session_bar.compact)
    assert session_bar.phase_label.text() == "Requirements and framing (5:00)"


def test_a_session_and_a_live_session_do_not_share_the_window(qtbot, tmp_path: Path, monkeypatch) -> None:
    """Starting practice leaves a live session (the blank design must not replace the room's); joining a live
    session ends the practice session without a score."""
    from components.collab.link import new_link
    from tests.core.collab_server import Server

    server = Server(tmp_path / "rooms.db").start()
    window = practice_window(qtbot, tmp_path, monkeypatch, FakeClock())
    try:
        window.live.share(new_link("127.0.0.1", server.port), "Ann")
        qtbot.waitUntil(lambda: "connected" in window.live_label.text(), timeout=20_000)
        start_practice(window, window, "video-search", 30)
        assert not window.live.active and controller(window).session.prompt.id == "video-search"
        assert window.editor.doc.diagram.title == "Video search"
        window.live.join(new_link("127.0.0.1", server.port), "Ann")
        assert running(window) is None and list_attempts().attempts == ()
        assert window.statusBar().currentMessage() == ("Practice session ended without a score: another design was "
                                                       "opened")
    finally:
        window.live.leave()
        server.stop()


def test_the_start_dialog_offers_the_prompt_and_length_chosen_last(qtbot, tmp_path: Path, monkeypatch) -> None:
    """Practising one case study again is the common case: File > Practice opens on the last choice, kept in
    the settings; "Any prompt" is remembered as such, not as the prompt chance picked."""
    window = practice_window(qtbot, tmp_path, monkeypatch, FakeClock())
    start_from_menu(qtbot, window, "Video recommendation", 60)
    seen: list[tuple[str, int]] = []

    def look_then_cancel(dialog) -> None:
        seen.append((dialog.prompts.currentItem().text(), dialog.lengths.checkedId()))
        dialog.reject()

    def open_and_cancel() -> None:
        activate(qtbot, window)
        when_modal(lambda widget: widget.objectName() == "practiceStart", look_then_cancel)
        QTest.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)

    open_and_cancel()
    assert seen == [("Video recommendation", 60)]
    assert controller(window).session.prompt.id == "video-recommendation"  # cancelling kept the session
    window.settings.setValue("practice/lastPrompt", "*any*")
    window.settings.setValue("practice/lastLength", "not a number")  # a hand-edited settings file
    open_and_cancel()
    assert seen[1][0].startswith("Any prompt") and seen[1][1] == 45
