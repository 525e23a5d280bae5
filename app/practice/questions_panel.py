"""The clarifying-questions card: the interviewer's opening line, and the questions the candidate may ask.

Each question has an Ask button; asking shows the interviewer's answer under it and fills the values it
reveals on the requirements card (the controller pushes that edit, so it can be undone like any other).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from components.practice import Prompt
from components.practice.prompt import TOPIC_NAMES
from components.practice.report import revealed_text


class QuestionsPanel(QWidget):
    askRequested = Signal(str)  # question id

    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionsPanel")
        self.prompt = prompt
        self.answers: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        opening = QLabel(f"<i>“{_escape(prompt.opening)}”</i>")
        opening.setObjectName("practiceOpening")
        opening.setWordWrap(True)
        intro = QLabel("Pick the questions you would ask. Each answer fills what it reveals on the requirements card.")
        intro.setWordWrap(True)
        intro.setEnabled(False)
        content = QWidget()
        rows = QVBoxLayout(content)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(10)
        for question in prompt.questions:
            rows.addWidget(self._row(question.id, TOPIC_NAMES[question.topic], question.ask))
        rows.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(opening)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)

    def _row(self, question_id: str, topic: str, ask: str) -> QWidget:
        row = QFrame()
        row.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(row)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        text = QLabel(f"<b>{_escape(topic)}</b>: {_escape(ask)}")
        text.setWordWrap(True)
        button = QPushButton("Ask")
        button.setObjectName(f"ask_{question_id}")
        button.setToolTip("Ask the interviewer this question")
        button.clicked.connect(lambda _checked=False, qid=question_id: self.askRequested.emit(qid))
        answer = QLabel()
        answer.setObjectName(f"answer_{question_id}")
        answer.setWordWrap(True)
        answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        answer.hide()
        layout.addWidget(text)
        layout.addWidget(answer)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        self.answers[question_id] = answer
        self.buttons[question_id] = button
        return row

    def show_answer(self, question_id: str) -> None:
        """The interviewer's answer under its question, and what it filled on the requirements card."""
        question = self.prompt.question(question_id)
        filled = revealed_text(self.prompt, question_id)
        text = f"<b>Interviewer:</b> {_escape(question.answer)}"
        if filled:
            muted = self.palette().placeholderText().color().name()
            text += f"<br><span style='color: {muted}'>On the card: {_escape(filled)}</span>"
        self.answers[question_id].setText(text)
        self.answers[question_id].show()
        self.buttons[question_id].hide()

    def set_enabled(self, on: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(on)


def _escape(text: str) -> str:
    return escape(text, quote=False)
