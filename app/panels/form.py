"""A form of field editors bound to the model: read with a getter, write with ONE command.

Every inspector page (block, connector, note, group, requirements card, rule settings) is a Form:
it knows how to read each value from the document and how to turn a finished edit into a command.
A refused edit (the command raised EditError, or the value fails the model's validation) leaves the
model unchanged and puts the model's value back into the field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QToolButton, QVBoxLayout, QWidget

from app.panels.editors import FieldEditor

# Called as getter() and pusher(value); Callable[..., ...] because the forms bind loop variables as
# lambda defaults (lambda name=name: ...), which mypy cannot match to a zero-argument callable.
Getter = Callable[..., Any]
Pusher = Callable[..., bool]


class Form(QWidget):
    """A vertical page of titled sections; each section is a QFormLayout of bound editors."""

    refused = Signal(str)  # a field did not take what was typed: why (the inspector shows it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(10, 8, 10, 10)
        self._outer.setSpacing(6)
        self._rows: QFormLayout | None = None
        self.bindings: dict[str, tuple[FieldEditor, Getter]] = {}

    # ----- layout ------------------------------------------------------------------------------
    def add_widget(self, widget: QWidget) -> None:
        self._outer.addWidget(widget)
        self._rows = None

    def insert_widget(self, index: int, widget: QWidget) -> None:
        """Put a widget at a position among the page's rows (0 is the top)."""
        self._outer.insertWidget(index, widget)

    def add_section(self, title: str) -> QFormLayout:
        """Start a titled section; following fields go into it."""
        label = QLabel(title)
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
        if self._outer.count():
            self._outer.addSpacing(6)
        self._outer.addWidget(label)
        line = QFrame()
        line.setAccessibleName(f"{title} section")
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self._outer.addWidget(line)
        return self._new_rows()

    def _new_rows(self) -> QFormLayout:
        rows = QFormLayout()
        rows.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        rows.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rows.setHorizontalSpacing(8)
        rows.setVerticalSpacing(5)
        self._outer.addLayout(rows)
        self._rows = rows
        return rows

    def add_folding(self, name: str, text: str, open_: bool, fill: Callable[[QWidget], None]) -> QToolButton:
        """A toggle over a body filled by ``fill`` on first opening (pages start cheap and collapsed);
        returns the toggle, whose state the inspector keeps across page rebuilds."""
        toggle = QToolButton()
        toggle.setObjectName(f"{name}Toggle")
        toggle.setText(text)
        toggle.setCheckable(True)
        toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toggle.setAutoRaise(True)
        self.add_widget(toggle)
        body = QWidget()
        body.setObjectName(f"{name}Body")
        self.add_widget(body)

        def show(on: bool) -> None:
            if on and body.layout() is None:
                fill(body)
            toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
            body.setVisible(on)

        toggle.toggled.connect(show)
        toggle.setChecked(open_)
        show(open_)
        return toggle

    def finish(self) -> None:
        self._outer.addStretch(1)

    # ----- binding -----------------------------------------------------------------------------
    def bind(self, key: str, editor: FieldEditor, getter: Getter, pusher: Pusher, *,
             label: str | None = None, full_width: bool = False) -> FieldEditor:
        """Show ``editor`` for the value ``getter`` reads; its commits go through ``pusher``."""
        rows = self._rows or self._new_rows()
        text = editor.spec.title if label is None else label
        tip = editor.spec.description
        editor.widget.setToolTip(tip)
        editor.widget.setObjectName(f"field_{key}")
        editor.widget.setAccessibleName(text or editor.spec.title)
        editor.widget.setAccessibleDescription(tip)
        if full_width and text:
            caption = QLabel(text)
            caption.setToolTip(tip)
            rows.addRow(caption)
            rows.addRow(editor.widget)
        elif text and editor.spec.kind != "bool":
            caption = QLabel(text)
            caption.setToolTip(tip)
            caption.setBuddy(editor.widget)
            rows.addRow(caption, editor.widget)
        else:
            rows.addRow(editor.widget)
        return self.attach(key, editor, getter, pusher)

    def attach(self, key: str, editor: FieldEditor, getter: Getter, pusher: Pusher) -> FieldEditor:
        """Bind an editor placed by the caller (for rows that are not label + field)."""
        self.bindings[key] = (editor, getter)
        editor.refused.connect(self.refused)
        editor.set_value(getter())
        editor.committed.connect(lambda value, e=editor, g=getter, p=pusher: self._pushed(e, g, p, value))
        return editor

    def _pushed(self, editor: FieldEditor, getter: Getter, pusher: Pusher, value: Any) -> None:
        if not pusher(value):
            editor.set_value(getter())  # refused: show what the model still holds

    def refresh(self) -> None:
        """Show the model's current values (after undo, redo, or an edit made elsewhere)."""
        for editor, getter in self.bindings.values():
            try:
                editor.set_value(getter())
            except KeyError:  # the element is gone; the inspector is about to switch pages
                return

    def settle(self) -> None:
        """Finish what the page deferred (a page with live parts overrides this)."""

    def field(self, key: str) -> FieldEditor:
        return self.bindings[key][0]
