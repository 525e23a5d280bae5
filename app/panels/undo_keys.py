"""Undo and redo keys in an inspector field: the field's own typing first, then the document.

A text field keeps its own undo history, which knows nothing of the document: left alone, Ctrl+Z after
a committed edit took the field back to the old text while the model kept the new one (and leaving the
field committed the old text again as a second edit, losing Redo). So a field's own history holds only
the typing not yet committed (it is forgotten at every commit and whenever the field shows the model's
value): while there is such typing, Ctrl+Z and Ctrl+Shift+Z / Ctrl+Y undo and redo it in the field, the
model untouched; with none, the keys are left to the window's Edit > Undo and Redo, and the inspector
shows the model's value after. Either way, the field never shows an old value as if it were the model's.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

# The document's undo and redo keys: Edit > Undo / Redo bind these (app/window/actions.py).
UNDO_KEYS = ("Ctrl+Z",)
REDO_KEYS = ("Ctrl+Shift+Z", "Ctrl+Y")


def undo_direction(event: QKeyEvent) -> int:
    """-1 for an undo key, 1 for a redo key, 0 for any other key."""
    pressed = QKeySequence(event.keyCombination())
    if event.matches(QKeySequence.StandardKey.Undo) or any(pressed == QKeySequence(k) for k in UNDO_KEYS):
        return -1
    if event.matches(QKeySequence.StandardKey.Redo) or any(pressed == QKeySequence(k) for k in REDO_KEYS):
        return 1
    return 0


class TypingUndo(QObject):
    """Routes the undo and redo keys pressed in one text widget (see the module's docstring).

    ``text`` is the QLineEdit or QPlainTextEdit that holds the history; ``watched`` are the widgets that
    receive the keys (a spin box and its line edit: the spin box hands keys to its line edit itself)."""

    def __init__(self, text: QLineEdit | QPlainTextEdit, *watched: QWidget,
                 stepped: Callable[[], bool] = lambda: False, revert: Callable[[], None] = lambda: None) -> None:
        super().__init__(text)
        self.text = text
        # a change that is no typing (a spin box stepped with the arrows or the wheel): ``stepped`` says
        # whether the widget shows another value than the model's, ``revert`` shows the model's again
        self.stepped, self.revert = stepped, revert
        for widget in (text, *watched):
            widget.installEventFilter(self)

    def can(self, direction: int) -> bool:
        """Whether the widget has typing to undo (-1) or redo (1)."""
        if isinstance(self.text, QLineEdit):
            return self.text.isUndoAvailable() if direction < 0 else self.text.isRedoAvailable()
        document = self.text.document()
        return document.isUndoAvailable() if direction < 0 else document.isRedoAvailable()

    def typing(self) -> bool:
        """Whether the widget holds typing that is not committed (anything to undo or redo)."""
        return self.can(-1) or self.can(1)

    def forget(self) -> None:
        """Drop the widget's history: what it shows now is the model's value (or was just committed)."""
        if isinstance(self.text, QLineEdit):
            if self.typing():  # setText is the only way to clear a line edit's history
                cursor = self.text.cursorPosition()
                self.text.setText(self.text.text())
                self.text.setCursorPosition(cursor)
        else:
            self.text.document().clearUndoRedoStacks()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        direction = undo_direction(event)
        if not direction:
            return False
        # no redo yet: the typing is still ours; a stepped value is undone in the field too
        own = self.can(direction) or (direction > 0 and self.can(-1)) or (direction < 0 and self.stepped())
        if event.type() == QEvent.Type.ShortcutOverride:
            if own:
                event.accept()  # the field's: no window shortcut
            else:
                self.forget()
                event.ignore()  # the window's Edit > Undo / Redo takes the key
            return True
        if own and self.can(direction):
            if direction < 0:
                self.text.undo()
            else:
                self.text.redo()
        elif own and direction < 0:
            self.revert()
        return True  # the field never runs its own undo past what was typed (nothing to undo: nothing)
