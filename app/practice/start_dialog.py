"""File > Practice: pick a prompt (or let chance pick one, as in a real interview) and a length."""

from __future__ import annotations

import random
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from components.practice import DEFAULT_LENGTH, LENGTHS, LoadedPrompt, PromptCatalog

ANY = "*any*"  # the list item that picks a prompt at random


class StartDialog(QDialog):
    def __init__(self, catalog: PromptCatalog, parent: QWidget | None = None, length: int = DEFAULT_LENGTH,
                 prompt_id: str | None = None) -> None:
        """``prompt_id`` and ``length``: what is selected when the dialog opens (the last session's choice)."""
        super().__init__(parent)
        self.setObjectName("practiceStart")
        self.setWindowTitle("Practice a mock interview")
        self.catalog = catalog
        intro = QLabel("A timed mock interview: the interviewer's opening line, clarifying questions you pick, phases "
                       "with suggested minutes and nudges, then the review, the comparison with a reference design "
                       "(hidden until the end) and the time per phase.")
        intro.setWordWrap(True)
        self.prompts = QListWidget()
        self.prompts.setObjectName("practicePrompts")
        surprise = QListWidgetItem("Any prompt (picked at random: you see it when the clock starts)")
        surprise.setData(Qt.ItemDataRole.UserRole, ANY)
        self.prompts.addItem(surprise)
        for loaded in catalog.prompts:
            item = QListWidgetItem(loaded.title + ("" if loaded.builtin else "  (yours)"))
            item.setData(Qt.ItemDataRole.UserRole, loaded.id)
            item.setToolTip(loaded.prompt.opening)
            self.prompts.addItem(item)
        self.prompts.setCurrentRow(next((row for row in range(self.prompts.count())
                                         if self.prompts.item(row).data(Qt.ItemDataRole.UserRole) == prompt_id), 0))
        self.prompts.itemDoubleClicked.connect(lambda _item: self.accept())
        self.lengths = QButtonGroup(self)
        row = QHBoxLayout()
        row.addWidget(QLabel("Length:"))
        for minutes in LENGTHS:
            button = QRadioButton(f"{minutes} min")
            button.setObjectName(f"length{minutes}")
            button.setChecked(minutes == (length if length in LENGTHS else DEFAULT_LENGTH))
            self.lengths.addButton(button, minutes)
            row.addWidget(button)
        row.addStretch(1)
        folder = escape(str(catalog.user_folder))
        note = (f"Your own prompts: <code>*.json</code> files in <code>{folder}</code> (the format: "
                "docs/practice.md; <code>mlsd practice check FILE</code> checks one).")
        if catalog.problems:
            note += "<br><b>Not loaded:</b> " + "<br>".join(escape(problem) for problem in catalog.problems[:3])
            if len(catalog.problems) > 3:
                note += f"<br>and {len(catalog.problems) - 3} more"
        self.note = QLabel(note)
        self.note.setObjectName("practiceNote")
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox()
        start = buttons.addButton("Start", QDialogButtonBox.ButtonRole.AcceptRole)
        start.setObjectName("practiceStartButton")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        start.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.prompts, 1)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(620, 520)
        self.prompts.setFocus()  # arrows pick a prompt, Enter starts

    def entry(self) -> str:
        """The list entry chosen: a prompt's id, or ``ANY`` (kept as chosen, not as what chance then picks)."""
        item = self.prompts.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ANY

    def choice(self, chance: random.Random | None = None) -> tuple[LoadedPrompt, int] | None:
        """The prompt and length chosen (a random prompt for "any"), or None when there is no prompt."""
        item = self.prompts.currentItem()
        if item is None or not self.catalog.prompts:
            return None
        prompt_id = item.data(Qt.ItemDataRole.UserRole)
        loaded = ((chance or random.Random()).choice(self.catalog.prompts) if prompt_id == ANY
                  else self.catalog.find(prompt_id))
        length = self.lengths.checkedId()
        return loaded, length if length in LENGTHS else DEFAULT_LENGTH
