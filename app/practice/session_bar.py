"""The session in the status bar: the phase the schedule has reached, the time left in it and overall,
and the session's buttons (Pause/Resume, Interviewer, Submit). The buttons keep their places: the bar is
the status bar's last widget, the buttons end it, and Pause is as wide as Resume.

It only shows what the session says when asked (``show``): the controller's timer calls it, so the
clock never waits on anything and the bar never changes the session itself. In a narrow window it is
compact (short phase names, no "left", less spacing), so the status bar keeps room for its messages.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from components import style
from components.practice import Session
from components.practice.report import clock_text

LAST_MINUTES = 5  # the clock turns to the warning colour for the last minutes
COMPACT_BELOW = 1300  # window widths (px) under which the bar is compact: at 1024 the messages got ~150 px


class SessionBar(QWidget):
    pauseClicked = Signal()
    interviewerClicked = Signal()
    submitClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practiceBar")
        self.theme_name = "light"
        self.compact = False
        self._session: Session | None = None
        self.phase_label = QLabel()
        self.phase_label.setObjectName("practicePhase")
        self.clock_label = QLabel()
        self.clock_label.setObjectName("practiceClock")
        self.clock_label.setToolTip("Time left in the session")
        self.pause_button = QToolButton()
        self.pause_button.setObjectName("practicePause")
        self.pause_button.setText("Resume")  # as wide as its longer text: Interviewer and Submit never move
        self.pause_button.setMinimumWidth(self.pause_button.sizeHint().width())
        self.pause_button.setText("Pause")
        self.interviewer_button = QToolButton()
        self.interviewer_button.setObjectName("practiceInterviewer")
        self.interviewer_button.setText("Interviewer")
        self.interviewer_button.setToolTip("Open the interviewer's view: every answer, the rubric applied live, the "
                                           "reference design (for a second person or a second screen)")
        self.submit_button = QPushButton("Submit")
        self.submit_button.setObjectName("practiceSubmit")
        self.submit_button.setToolTip("End the session now and see the review")
        self.row = layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(8)
        for widget in (self.phase_label, self.clock_label, self.pause_button, self.interviewer_button,
                       self.submit_button):
            layout.addWidget(widget)
        self.pause_button.clicked.connect(self.pauseClicked)
        self.interviewer_button.clicked.connect(self.interviewerClicked)
        self.submit_button.clicked.connect(self.submitClicked)

    def follow_width_of(self, window: QWidget) -> None:
        """Be compact while ``window`` is narrower than COMPACT_BELOW."""
        window.installEventFilter(self)
        self.set_compact(window.width() < COMPACT_BELOW)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget) and watched is self.window():
            self.set_compact(watched.width() < COMPACT_BELOW)
        return False

    def set_compact(self, compact: bool) -> None:
        if compact == self.compact:
            return
        self.compact = compact
        self.row.setSpacing(4 if compact else 8)
        if self._session is not None:
            self.show_session(self._session)

    def show_session(self, session: Session) -> None:
        self._session = session
        planned = session.current()
        index = session.plan.index(planned)
        elapsed = session.elapsed()
        in_phase = clock_text(max(0.0, planned.end - elapsed))
        name = planned.phase.short_name if self.compact else planned.name
        self.phase_label.setText(f"{name} ({in_phase})")
        place = f"Phase {index + 1} of {len(session.plan)}" if len(session.plan) > 1 else "Retry"
        self.phase_label.setToolTip(f"{place}, {planned.name}: {planned.phase.advice}.\nSuggested: {planned.minutes} min, from "
                                    f"{clock_text(planned.start)} to {clock_text(planned.end)}; {in_phase} left.")
        remaining = session.remaining()
        paused = session.state == "paused"
        text = clock_text(remaining) + ("" if self.compact else " left") + (" · paused" if paused else "")
        self.clock_label.setText(f"<b>{text}</b>")
        warn = remaining <= LAST_MINUTES * 60 and not paused
        colour = style.theme(self.theme_name).severity["warning"] if warn else ""
        self.clock_label.setStyleSheet(f"color: {colour};" if colour else "")
        self.pause_button.setText("Resume" if paused else "Pause")
        self.pause_button.setToolTip("Start the clock again" if paused else "Stop the clock (the design stays editable)")
