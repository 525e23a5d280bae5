"""A practice session running in the main window: the clock in the status bar, the clarifying questions
(or, for a retry, the step's checklist) in a dock, nudges over the canvas, and the end.

A QTimer asks the session what time it is twice a second; the session's own work per tick is a few
comparisons, and a nudge's check reads the requirements card and the step coverage (no graph), so
the clock never holds up the window. Scoring at the end runs off the UI thread for a big design.
The session's state is kept with the design's recovery copy, so a crash loses at most a few seconds
of it (app/autosave.py; app/recovery.py brings it back, paused).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox, QUndoView

from app.background import Cancelled, in_background, run_with_progress, snapshot
from app.practice import EXTRA
from app.practice.nudge_banner import NudgeBanner
from app.practice.pause_cover import PauseCover
from app.practice.questions_panel import QuestionsPanel
from app.practice.session_bar import SessionBar
from app.practice.step_checklist import StepChecklist
from components.commands import SetMeta
from components.events import ChangeEvent
from components.practice import LoadedPrompt, Scored, Session, SessionError, nudge_text, save_attempt, score
from components.practice.activity import phase_of_edit
from components.practice.prompt import TOPIC_NAMES
from components.practice.records import Attempt
from components.practice.report import clock_text

if TYPE_CHECKING:
    from app.practice.host import PracticeHost
    from app.practice.interviewer_window import InterviewerWindow

TICK_MS = 500
KEEP_MS = 15_000  # the session's clock is written with the recovery copy at least this often
# the live review, the comparison, the template gallery's pictures and the past attempts' results (each
# compared with its prompt's reference) would give the answers away
HIDDEN_ACTIONS = ("review", "compare", "new_template", "practice_attempts")
HIDDEN_NOTE = "The comparison is off during a practice session: Review > Compare with Template after it."
HELD = "the practice session is paused: Resume to go on"  # why an edit is refused while paused


class PracticeController(QObject):
    def __init__(self, window: QMainWindow, host: PracticeHost, loaded: LoadedPrompt, session: Session) -> None:
        super().__init__(window)
        self.setObjectName("practiceController")
        self.window, self.host, self.loaded, self.session = window, host, loaded, session
        self.attempt: Attempt | None = None
        self.scored: Scored | None = None
        self.interviewer: InterviewerWindow | None = None
        self._over = False
        self._leaving = False  # the window got a close event: the question about the session comes next
        self._empty_hint = host.view.empty_hint
        self.bar = SessionBar()
        self.bar.theme_name = host.theme_name
        # last, at the right end: the counts' and zoom's texts change width left of it, never moving its buttons
        window.statusBar().addPermanentWidget(self.bar)
        self.bar.follow_width_of(window)
        self.questions: QuestionsPanel | None = None
        self.checklist: StepChecklist | None = None
        if session.retry is None:
            self.questions = QuestionsPanel(session.prompt)
            for asked in session.asked:
                self.questions.show_answer(asked.id)
            self.questions.askRequested.connect(self.ask)
            content: Any = self.questions
        else:
            self.checklist = StepChecklist(session.retry.step, session.retry.before)
            content = self.checklist
        self.dock = QDockWidget("Interview" if session.retry is None else "Retry", window)
        self.dock.setObjectName("practiceDock")
        self.dock.setWidget(content)
        # under the inspector, not in a tab of it: the answers fill the requirements card, which stays in view
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock, Qt.Orientation.Vertical)
        inspector = host.inspector_dock
        if inspector.isVisible() and not inspector.isFloating():
            height = inspector.height()
            window.resizeDocks([inspector, self.dock], [height // 2, height // 2], Qt.Orientation.Vertical)
        self.dock.show()
        self.dock.raise_()
        self.banner = NudgeBanner(host.view, host.theme_name)
        self.cover = PauseCover(host.view)
        self.cover.resumeClicked.connect(self.toggle_pause)
        self.bar.pauseClicked.connect(self.toggle_pause)
        self.bar.submitClicked.connect(self.confirm_submit)
        self.bar.interviewerClicked.connect(self.open_interviewer)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.keeper = QTimer(self)
        self.keeper.setInterval(KEEP_MS)
        self.keeper.timeout.connect(self.keep)
        host.editor.doc.events.subscribe(self._edited)
        host.editor.documentReplaced.connect(self._replaced)
        host.validator.updated.connect(self._validated)
        host.autosaver.keep_with_copy(EXTRA, self.state_bytes)
        host.documents.guards.append(self.before_replacing)
        window.installEventFilter(self)
        self._hide_answers(True)
        self.timer.start()
        self.keeper.start()
        self.tick()
        self.keep()
        if self.checklist is not None:
            self.checklist.refresh(host.editor.doc.diagram)

    @property
    def active(self) -> bool:
        """The session has not ended (nor been abandoned)."""
        return not self._over

    # ----- the clock -------------------------------------------------------------------------------
    def tick(self) -> None:
        """Bring the bar up to date, give the nudges of the boundaries passed, end the session at time up."""
        if self._over:
            return
        result = self.session.tick(lambda planned: nudge_text(planned, self.host.editor.doc.diagram))
        if result.nudges:
            self.banner.show_nudge(result.nudges[-1].text)
            self.keep()
        self.bar.show_session(self.session)
        self._follow_pause()
        if result.time_up:
            self.host.show_message("Time is up: the design is scored as it stands")
            self.finish()

    def keep(self) -> None:
        """Write the recovery copy with the session's state now."""
        if not self._over:
            self.host.autosaver.write_now()

    def state_bytes(self) -> bytes:
        return json.dumps(self.session.state_data()).encode("utf-8")

    def toggle_pause(self) -> None:
        if self.session.state == "running":
            self.session.pause()
            self.host.show_message("Paused: the clock and the design wait for you")
        else:
            self.session.resume()
        self.tick()
        self.keep()

    def _follow_pause(self) -> None:
        """While paused the design is read-only (the clock would not count the work): the editor refuses
        every edit with a message, undo and redo are off, the canvas is covered and the inspector greyed."""
        paused = self.session.state == "paused" and not self._over
        editor = self.host.editor
        if paused == (editor.held is not None):
            return
        editor.held = HELD if paused else None
        actions = self.host.window_actions.by_name
        for name, can in (("undo", editor.undo_stack.canUndo()), ("redo", editor.undo_stack.canRedo())):
            if name in actions:
                actions[name].setEnabled(can and not paused)
        for history in self.window.findChildren(QUndoView):
            history.setEnabled(not paused)
        self.host.inspector_dock.widget().setEnabled(not paused)
        if paused:
            self.cover.cover()
        else:
            self.cover.hide()
            self.host.view.setFocus()

    # ----- what the candidate does -----------------------------------------------------------------
    def ask(self, question_id: str) -> None:
        """Ask the interviewer: the answer shows under the question and fills the requirements card (one
        undoable edit)."""
        if self.session.state == "paused":
            self.host.show_message("Not asked: the practice session is paused: Resume to go on")
            return
        try:
            question = self.session.ask(question_id)
        except SessionError as exc:
            self.host.show_message(str(exc))
            return
        editor = self.host.editor
        filled = question.fill(editor.doc.diagram.requirements)
        if filled != editor.doc.diagram.requirements:
            editor.push(SetMeta("requirements", filled, f"Ask the interviewer: {TOPIC_NAMES[question.topic]}"))
        if self.questions is not None:
            self.questions.show_answer(question_id)
        self.host.show_message(f"{TOPIC_NAMES[question.topic]}: answered on the card")
        self.keep()
        if self.interviewer is not None:
            self.interviewer.refresh()

    def _edited(self, event: ChangeEvent) -> None:
        phase = phase_of_edit(event, self.host.editor.doc)
        if phase is not None:
            self.session.record(phase)

    def _validated(self, findings: list[Any], _steps: list[Any]) -> None:
        if self.checklist is not None and not self._over:
            self.checklist.refresh(self.host.editor.doc.diagram, findings)

    def open_interviewer(self) -> InterviewerWindow:
        from app.practice.interviewer_window import InterviewerWindow

        if self.interviewer is None or not shiboken6.isValid(self.interviewer):
            self.interviewer = InterviewerWindow(self.window, self.host, self.loaded, self.session)
        self.interviewer.show()
        self.interviewer.raise_()
        return self.interviewer

    # ----- the end ---------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self._leaving = True  # seen before the window's closeEvent asks ``before_replacing``
        return False

    def before_replacing(self, doing: str) -> bool | None:
        """The design is about to go (documents' guard): ask whether to end the session and keep the attempt.
        None goes on to the unsaved-changes question (nothing left unsaved once the attempt is kept), True
        replaces the design without it (discarded), False stays. Nothing is asked when nothing was done yet
        (no edit, no question asked): there is no attempt to keep, and a 0 would only weigh on the trend."""
        from app.practice.end_question import ask_to_end

        leaving, self._leaving = self._leaving, False
        if self._over or not (self.host.editor.modified or self.session.asked or self.session.activity.segments):
            return None
        answer = ask_to_end(self.window, clock_text(self.session.remaining()), doing)
        if self._over:  # time ran out while the question was open: the attempt is kept already
            return None if answer != "stay" else False
        if answer == "stay":
            return False
        if answer == "discard":
            self.abandon("Practice session discarded")
            return True
        self.finish(show=not leaving)
        return None

    def confirm_submit(self) -> None:
        left = clock_text(self.session.remaining())
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(self.window, "Submit the design?",
                                      f"End the session now ({left} left) and see the review?",
                                      buttons.Yes | buttons.Cancel, buttons.Yes)
        if answer == buttons.Yes:
            self.finish()

    def finish(self, show: bool = True) -> Attempt | None:
        """End the session: score the design, save the attempt, show the results (unless the window closes)."""
        if self._over:
            return self.attempt
        self.session.submit()
        self._stop()
        design = snapshot(self.host.editor.doc.diagram)
        validator = self.host.validator
        findings = None if validator.pending else list(validator.findings)
        try:
            if in_background(design):
                scored = run_with_progress(lambda _token: score(design, self.loaded, findings), self.window,
                                           "Scoring the design…")
            else:
                scored = score(design, self.loaded, findings)
        except Cancelled:
            self._teardown("Scoring cancelled: the attempt was not saved")
            return None
        except Exception as exc:  # a scoring bug must never take the design down with it
            self._teardown(f"The design could not be scored: {exc}")
            return None
        self.scored = scored
        try:
            self.attempt = save_attempt(self.session, scored, design)
        except OSError as exc:
            QMessageBox.warning(self.window, "Attempt not saved",
                                f"The attempt could not be saved: {exc.strerror or exc}. The results are shown; "
                                "save the design with File > Save As to keep it.")
            from components.practice.attempts import new_attempt

            self.attempt = new_attempt(self.session, scored, "unsaved")
        else:
            self.host.editor.undo_stack.setClean()  # the design is kept with the attempt
        self._teardown(f"Scored {scored.review.total}/{scored.review.maximum}; the attempt is in File > Practice "
                       "Attempts")
        if not show:
            return self.attempt
        from app.practice.results_window import show_results

        show_results(self.window, self.host, self.attempt, scored, design, self.loaded)
        return self.attempt

    def abandon(self, message: str) -> None:
        if not self._over:
            self._stop()
            self._teardown(message)

    def _replaced(self) -> None:
        self.abandon("Practice session ended without a score: another design was opened")

    def _stop(self) -> None:
        self._over = True
        self.timer.stop()
        self.keeper.stop()
        self._follow_pause()

    def _teardown(self, message: str) -> None:
        host = self.host
        host.editor.doc.events.unsubscribe(self._edited)
        host.editor.documentReplaced.disconnect(self._replaced)
        host.validator.updated.disconnect(self._validated)
        host.autosaver.keep_with_copy(EXTRA, None)
        host.documents.guards.remove(self.before_replacing)
        self.window.removeEventFilter(self)
        self._hide_answers(False)
        self.window.statusBar().removeWidget(self.bar)
        for widget in (self.bar, self.dock, self.banner, self.cover, self.interviewer):
            if widget is not None and shiboken6.isValid(widget):
                widget.hide()
                widget.deleteLater()
        self.interviewer = None
        host.show_message(message, 10_000)
        self.deleteLater()

    def _hide_answers(self, hide: bool) -> None:
        """While the clock runs, the review, the comparison, the templates and the attempts are off: they would
        show the reference and the gaps the session is about finding (and the empty canvas stops suggesting
        them). Those already open close, the comparison forgetting its template."""
        if hide:
            self._close_answers()
        actions = self.host.window_actions.by_name
        for name in HIDDEN_ACTIONS:
            action = actions.get(name)
            if action is not None:
                action.setEnabled(not hide)
        view = self.host.view
        add_block = actions.get("add_block")
        keys = add_block.shortcut().toString(QKeySequence.SequenceFormat.NativeText) if add_block else ""
        hint = f"Drag a block from the Blocks palette onto the canvas, or {keys} and type its name."
        if self.questions is not None:
            hint += "\n\nThe prompt and the clarifying questions are in the Interview panel."
        view.empty_hint = hint if hide else self._empty_hint
        view.viewport().update()

    def _close_answers(self) -> None:
        from app.practice.attempts_window import AttemptsWindow
        from app.practice.results_window import ResultsWindow
        from app.review import hide_reference

        hide_reference(self.window, HIDDEN_NOTE)
        for window in (*self.window.findChildren(ResultsWindow), *self.window.findChildren(AttemptsWindow)):
            window.close()
