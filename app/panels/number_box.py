"""The inspector's number box: a spin box that reads like a form field and says why it refuses input.

Qt's spin box takes a minus sign even when the minimum is 0, refuses the digits after it, then reads "-0"
as 0: typing "-50" showed "-0" and stored 0, a value nobody typed. Here, where no negative number is
allowed, the minus shows with what follows it as typed (so the box never shows a number other than the
one typed), a tip under the box says at once that it cannot be taken, and when the user is done (Enter,
Tab, a click away) the number is not taken: the box goes back to the model's value, and ``refused`` says
so (the inspector puts it in the status bar, like any refused edit; on Enter the tip says it too). The
same for any number out of range left in the box (0 where more than 0 is asked).
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFontMetrics, QKeyEvent, QValidator, QWheelEvent
from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit, QSizePolicy, QToolTip


class NumberSpinBox(QDoubleSpinBox):
    """No trailing zeros, C locale, wheel only when focused; out-of-range numbers refused with a tip."""

    refused = Signal(str)  # a number typed but not taken, and why

    def __init__(self, integer: bool) -> None:
        super().__init__()
        self.setLocale(QLocale.c())
        self.setDecimals(0 if integer else 3)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccelerated(True)
        self.setMinimumWidth(70)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.bounds = ""  # what the field allows, in words ("0 or more"), for the refusal tips
        self.last_tip = ""  # the last tip shown (tests read it: a tool tip is gone by the next event)

    def line_edit(self) -> QLineEdit:
        """The line edit inside (Qt keeps ``lineEdit`` protected)."""
        return self.lineEdit()

    def textFromValue(self, value: float) -> str:
        text = f"{value:.{self.decimals()}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text

    def _no_negative(self) -> bool:
        return self.minimum() >= 0

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        """Qt's answer, except that a negative number where none is allowed is shown as typed but never
        taken (Qt read "-0" as 0, and refused the "5" of "-50")."""
        if self._no_negative() and text.lstrip().startswith("-"):
            rest = text.replace("-", "", 1)
            if "-" in rest or super().validate(rest, max(0, pos - 1))[0] == QValidator.State.Invalid:
                return QValidator.State.Invalid, text, pos
            return QValidator.State.Intermediate, text, pos
        return super().validate(text, pos)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.text() == "-" and self._no_negative():
            self.tell(f"{self._name()} is {self.bounds}: a negative number is not taken")
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (why := self._out_of_range()):
            self.tell(why)  # the focus stays: the tip can say it where the user looks
            self.refused.emit(why)
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if why := self._out_of_range():
            self.refused.emit(why)  # a tip would close with the focus change
        super().focusOutEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # let the inspector scroll instead of changing a value by accident

    def _out_of_range(self) -> str:
        """Why the box will not take the number it holds (Qt then puts the previous value back), or ""."""
        if not self.isEnabled() or self.lineEdit().text() == self.specialValueText():
            return ""
        typed = self.cleanText()
        try:
            number = float(typed)
        except ValueError:
            return ""
        if self.minimum() <= number <= self.maximum() and not (typed.startswith("-") and self._no_negative()):
            return ""
        return f"{self._name()} is {self.bounds}: {typed} is not taken, it stays {self.textFromValue(self.value())}"

    def _name(self) -> str:
        name = self.accessibleName() or "this number"
        return name[:1].upper() + name[1:]  # it starts the sentence

    def tell(self, text: str) -> None:
        """A tip under the box, ending at its right edge (the inspector is at the window's right): why
        what was typed is not taken."""
        self.last_tip = text
        width = QFontMetrics(QToolTip.font()).horizontalAdvance(text) + 12  # + the tip's frame and margins
        QToolTip.showText(self.mapToGlobal(QPoint(min(0, self.width() - width), self.height())), text, self)
