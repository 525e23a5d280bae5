"""One small editor per field type; each reports a finished edit once through ``committed``.

Editors never touch the model: the inspector turns ``committed(value)`` into ONE core command and,
when the editor refuses it, calls ``set_value`` with the model's value so the field reverts.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.panels.fields import NUMBER_LIMIT, FieldSpec, choice_text
from app.panels.number_box import NumberSpinBox
from app.panels.undo_keys import TypingUndo


class FieldEditor(QObject):
    """Common face of the editors: a widget, ``set_value`` from the model, ``committed`` to it."""

    committed = Signal(object)
    refused = Signal(str)  # what the user typed and the field did not take, and why (for the status bar)

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__()
        self.spec = spec
        self.widget: QWidget = QWidget()
        self._shown: Any = None
        self.typing: TypingUndo | None = None  # text editors: routes Ctrl+Z between the typing and the document

    def set_value(self, value: Any) -> None:
        self._shown = value
        self._display(value)
        self._forget_typing()

    def _forget_typing(self) -> None:
        """The field shows the model's value: its own undo history must not reach past it."""
        if self.typing is not None and shiboken6.isValid(self.typing.text):  # a commit may rebuild the page
            self.typing.forget()

    def _display(self, value: Any) -> None:
        raise NotImplementedError

    def _commit(self, value: Any) -> None:
        """Report a value the user finished entering, unless it is what the model already holds."""
        if value == self._shown:
            self._display(value)  # normalise what is shown (e.g. "a ,b" -> "a, b")
        else:
            self._shown = value
            self.committed.emit(value)
        self._forget_typing()


class _LineEdit(QLineEdit):
    """A line edit that reverts on Escape (like a spreadsheet cell)."""

    reverted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.reverted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class TextEditor(FieldEditor):
    """A one-line text, committed on Enter or when focus leaves."""

    def __init__(self, spec: FieldSpec, placeholder: str = "") -> None:
        super().__init__(spec)
        self.line = _LineEdit()
        self.line.setPlaceholderText(placeholder)
        self.line.editingFinished.connect(lambda: self._commit(self._parse(self.line.text())))
        self.line.reverted.connect(lambda: self.set_value(self._shown))
        self.typing = TypingUndo(self.line)
        self.widget = self.line

    def _parse(self, text: str) -> Any:
        return text

    def _display(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self.line.text() != text:
            self.line.setText(text)
            self.line.setCursorPosition(0)


class ListEditor(TextEditor):
    """A list of strings as comma-separated text."""

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec, placeholder="comma-separated")

    def _parse(self, text: str) -> list[str]:
        return [part.strip() for part in text.split(",") if part.strip()]

    def _display(self, value: Any) -> None:
        super()._display(", ".join(value or []))


class _PlainText(QPlainTextEdit):
    """Multi-line text that reports when the user is done: focus out or Ctrl+Enter."""

    finished = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.finished.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.finished.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class LongTextEditor(FieldEditor):
    """Notes and trade-offs: several lines, committed on focus out or Ctrl+Enter."""

    def __init__(self, spec: FieldSpec, placeholder: str = "") -> None:
        super().__init__(spec)
        self.text = _PlainText()
        self.text.setPlaceholderText(placeholder)
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 12)
        self.text.finished.connect(lambda: self._commit(self.text.toPlainText()))
        self.typing = TypingUndo(self.text)
        self.widget = self.text

    def _display(self, value: Any) -> None:
        text = value or ""
        if self.text.toPlainText() != text:
            self.text.setPlainText(text)


class ChoiceEditor(FieldEditor):
    """A Literal field as a combo box; a choice is committed at once."""

    def __init__(self, spec: FieldSpec, labels: dict[Any, str] | None = None) -> None:
        super().__init__(spec)
        self.combo = QComboBox()
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(8)
        for choice in spec.choices:
            self.combo.addItem((labels or {}).get(choice, choice_text(choice)), choice)
        self.combo.activated.connect(lambda index: self._commit(self.combo.itemData(index)))
        self.widget = self.combo

    def _display(self, value: Any) -> None:
        index = self.combo.findData(value)
        self.combo.setCurrentIndex(index)


class MultiChoiceEditor(FieldEditor):
    """A list of Literal choices as one tick box per choice; every click commits the whole list, in the
    vocabulary's order. A click that would leave fewer than ``min_items`` ticked is undone on the spot, and
    says why (a tip at the box and ``refused``); the boxes that may not be unticked say so in their tooltip."""

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.widget = QWidget()
        self.widget.setToolTip(spec.description)
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.checks: dict[Any, QCheckBox] = {}
        self.last_tip = ""
        for choice in spec.choices:
            check = QCheckBox(choice_text(choice))
            check.clicked.connect(lambda _checked=False, c=choice: self._clicked(c))
            layout.addWidget(check, 0, Qt.AlignmentFlag.AlignLeft)  # as wide as its text: a click beside it misses
            self.checks[choice] = check

    def _at_least(self) -> str:
        """The rule a refused untick breaks, in words."""
        least = self.spec.min_items
        return f"{self.spec.title}: at least {'one' if least == 1 else least} must stay ticked"

    def _clicked(self, choice: Any) -> None:
        chosen = [c for c, check in self.checks.items() if check.isChecked()]
        if len(chosen) < self.spec.min_items:
            self._display(self._shown)
            why = f"{self._at_least()}; tick another first to untick {choice_text(choice)}"
            self.last_tip = why
            check = self.checks[choice]
            QToolTip.showText(check.mapToGlobal(QPoint(0, check.height())), why, check)
            self.refused.emit(why)
            return
        self._commit(chosen)

    def _display(self, value: Any) -> None:
        chosen = set(value or ())
        locked = 0 < len(chosen) <= self.spec.min_items  # unticking any of these would be refused
        for choice, check in self.checks.items():
            check.setChecked(choice in chosen)
            keep = locked and choice in chosen
            check.setToolTip(f"{self._at_least()}: tick another first to untick this one" if keep else "")


class BoolEditor(FieldEditor):
    """A switch; a click is committed at once."""

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.check = QCheckBox(spec.title)
        self.check.clicked.connect(lambda checked: self._commit(bool(checked)))
        self.widget = self.check

    def _display(self, value: Any) -> None:
        self.check.setChecked(bool(value))


class NumberEditor(FieldEditor):
    """A number within the field's bounds; optional numbers get a tick box for "not set"."""

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.spin = NumberSpinBox(spec.integer)
        self.spin.setAccessibleName(spec.title)
        step = 10.0 ** -self.spin.decimals()
        minimum = spec.minimum + step if spec.exclusive_minimum else spec.minimum
        self.spin.setRange(minimum, spec.maximum)
        self.spin.bounds = self._bounds()
        self.spin.refused.connect(self.refused)
        self.spin.editingFinished.connect(self._finished)
        self.typing = TypingUndo(self.spin.line_edit(), self.spin, stepped=self._differs,
                                 revert=lambda: self._display(self._shown))
        self.check: QCheckBox | None = None
        if spec.optional:
            self.check = QCheckBox()
            self.check.setToolTip(f"Set {spec.title.lower()} (unticked: not set)")
            self.check.setAccessibleName(f"Set {spec.title.lower()}")
            self.check.clicked.connect(self._ticked)
            box = QWidget()
            layout = QHBoxLayout(box)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(4)
            layout.addWidget(self.check)
            layout.addWidget(self.spin, 1)
            self.widget = box
        else:
            self.widget = self.spin

    def _bounds(self) -> str:
        """What the field allows, in words: "0 or more", "more than 0", "between 0 and 100"."""
        spec, text = self.spec, self.spin.textFromValue
        low = spec.minimum > -NUMBER_LIMIT
        high = spec.maximum < NUMBER_LIMIT
        if low and high:
            return f"between {text(spec.minimum)} and {text(spec.maximum)}"
        if low:
            return f"more than {text(spec.minimum)}" if spec.exclusive_minimum else f"{text(spec.minimum)} or more"
        return f"{text(spec.maximum)} or less" if high else "any number"

    def _number(self) -> float | int:
        value = self.spin.value()
        return round(value) if self.spec.integer else float(value)

    def _finished(self) -> None:
        if self.check is not None and not self.check.isChecked():
            return
        if not self._differs():
            self._forget_typing()
            return  # untouched: the box only rounds what the model holds
        self._commit(self._number())

    def _differs(self) -> bool:
        """Whether the box shows a value the model does not hold (typed or stepped, not committed yet)."""
        if self.check is not None and not self.check.isChecked():
            return False
        shown = self._shown
        return shown is None or round(float(shown), self.spin.decimals()) != self._number()

    def _ticked(self, checked: bool) -> None:
        if checked:  # the value is committed when the user leaves the box (Enter or focus out)
            self._set_unset_look(False)
            self.spin.setFocus(Qt.FocusReason.OtherFocusReason)
            self.spin.selectAll()
        else:
            self._set_unset_look(True)
            self._commit(None)

    def _set_unset_look(self, unset: bool) -> None:
        self.spin.setSpecialValueText("not set" if unset else "")
        self.spin.setEnabled(not unset)
        if self.check is not None:  # the row takes focus where typing goes: the box, or the tick while unset
            self.widget.setFocusProxy(self.check if unset else self.spin)
        if unset:
            self.spin.setValue(self.spin.minimum())

    def _display(self, value: Any) -> None:
        if self.check is not None:
            self.check.setChecked(value is not None)
            self._set_unset_look(value is None)
        if value is not None:
            self.spin.setValue(float(value))

    def value(self) -> float | int | None:
        """What the box currently shows (None when not set)."""
        if self.check is not None and not self.check.isChecked():
            return None
        return self._number()


def editor_for(spec: FieldSpec) -> FieldEditor:
    """The editor matching a field spec."""
    if spec.kind == "choice":
        return ChoiceEditor(spec)
    if spec.kind == "multichoice":
        return MultiChoiceEditor(spec)
    if spec.kind == "bool":
        return BoolEditor(spec)
    if spec.kind == "number":
        return NumberEditor(spec)
    if spec.kind == "list":
        return ListEditor(spec)
    return TextEditor(spec)
