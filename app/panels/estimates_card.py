"""The inspector's live "Estimates" card (nothing selected): the back-of-envelope figures of the design,
kept up to date as it is edited, and the estimate inputs behind them.

Figures come from components.estimate; each row's tooltip shows its formula and the numbers put in.
Inputs edit the design's `estimates` section through one SetEstimates command each (undoable); an
unset input shows the typical value it is assumed at.
"""

from __future__ import annotations

import sys
from html import escape
from typing import Any

import shiboken6
from pydantic import ValidationError
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFormLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from app.editor import Editor
from app.panels.editors import ChoiceEditor, NumberEditor
from app.panels.fields import FieldSpec, model_specs
from app.panels.form import Form
from components.catalog import display_name
from components.commands import SetEstimates
from components.estimate.units import exact
from components.events import ChangeEvent
from components.io.errors import validation_message
from components.model.estimates import ESTIMATE_DEFAULTS, PRECISIONS, EstimateInputs

REFRESH_MS = 250
# What the estimates never read: where things are drawn, and notes and group frames. An edit of only
# these (a move, a resize, a reshaped connector) leaves every figure as it was; estimating a
# 45,000-block design again costs ~0.2 s of the UI thread.
LAYOUT_FIELDS = frozenset({"x", "y", "width", "height", "waypoints", "style"})
UNREAD = frozenset({"notes", "groups"})


class AssumedNumberEditor(NumberEditor):
    """An optional number whose unset state reads as the value it is assumed at."""

    def __init__(self, spec: FieldSpec, assumed: Any) -> None:
        self.assumed = assumed
        super().__init__(spec)

    def _set_unset_look(self, unset: bool) -> None:
        super()._set_unset_look(unset)
        if unset:
            self.spin.setSpecialValueText("unknown" if self.assumed is None else f"assumed {exact(self.assumed)}")


def _inputs_editor(spec: FieldSpec) -> NumberEditor | ChoiceEditor:
    default = ESTIMATE_DEFAULTS[spec.name]
    if spec.kind == "choice":
        choice = FieldSpec(spec.name, spec.title, spec.description, "choice", choices=(None, *PRECISIONS))
        return ChoiceEditor(choice, labels={None: f"assumed {default}"})
    return AssumedNumberEditor(spec, default)


class EstimatesCard(QWidget):
    """The figures, one row each, refreshed a moment after the design changes."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("estimatesCard")
        self.setAccessibleName("Estimates")
        self.editor = editor
        self.rows = QFormLayout()
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a narrow dock never clips a row
        self.rows.setHorizontalSpacing(10)
        self.rows.setVerticalSpacing(3)
        self.note = QLabel()
        self.note.setObjectName("estimatesNote")
        self.note.setWordWrap(True)
        self.note.setEnabled(False)  # muted, like the inspector's hints
        self.note.hide()  # until the first refresh gives it text (an empty label has no name to read out)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self.rows)
        layout.addWidget(self.note)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.refreshes = 0
        self._shown = ""  # every text the card shows (names of blocks among them)
        self._labels: dict[str, str] = {}  # each block's label when the card was last made
        editor.doc.events.subscribe(self._changed)
        if "networkx" in sys.modules:
            self.refresh()
        else:  # the first page at start-up: the graph library loads after the first paint, not before
            self.timer.start()

    def _changed(self, event: ChangeEvent) -> None:
        if not shiboken6.isValid(self):  # the page was replaced while the document lives on
            self.editor.doc.events.unsubscribe(self._changed)
            return
        if event.collection in UNREAD or (event.action == "changed" and event.fields
                                          and LAYOUT_FIELDS.issuperset(event.fields)):
            return
        if (event.action == "changed" and event.collection == "blocks" and event.fields == ("label",)
                and not self.timer.isActive() and not self._names(event.item_id)):
            return  # a block the figures do not name: they read labels only to name blocks
        self.timer.start()

    def _names(self, block_id: str) -> bool:
        """Whether the card shows this block's label or name (components.catalog.display_name) as it was
        when the card was made (an empty label is found in any text): only then can a rename change it."""
        block = self.editor.doc.block(block_id)
        label = self._labels.get(block_id)
        self._labels[block_id] = block.label
        return label is None or " ".join(label.split()) in self._shown or display_name(label, block.kind) in self._shown

    def settle(self) -> None:
        """Refresh now if a refresh is pending (before a screenshot, in tests)."""
        if self.timer.isActive():
            self.refresh()

    def refresh(self) -> None:
        from components.estimate import estimate

        self.timer.stop()
        self.refreshes += 1
        self._labels = {block.id: block.label for block in self.editor.doc.diagram.blocks}
        shown: list[str] = []
        while self.rows.rowCount():
            self.rows.removeRow(0)
        try:
            result = estimate(self.editor.doc.diagram)
        except Exception as exc:  # an estimate bug must never take the inspector down
            self.note.setText(f"Estimates unavailable: {exc}")
            self._shown = self.note.text()
            self.note.show()
            return
        for figure in result.figures:
            name = QLabel(figure.title)
            name.setWordWrap(True)
            value = QLabel(f"<b>{escape(figure.result)}</b>")
            value.setTextFormat(Qt.TextFormat.RichText)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            how = ("stated on the requirements card" if len(figure.terms) == 1
                   else f"= {figure.formula}\n= {figure.worked}")
            tip = f"{figure.title}: {figure.result}\n{how}" + (f"\n{figure.note}" if figure.note else "")
            for label in (name, value):
                label.setToolTip(tip)
            value.setObjectName(f"estimate_{figure.key}")
            self.rows.addRow(name, value)
            shown.append(tip)
        notes = [f"{missing}." for missing in result.missing]  # each a sentence: the label wraps them together
        if not result.figures and not notes:
            notes.append("Fill the requirements card (DAU or peak QPS, corpus size) to see the numbers.")
        if result.assumed:
            notes.append("Assumed: " + ", ".join(f"{term.name} {term.text}" for term in result.assumed) + ".")
        self.note.setText("\n".join(notes))
        self.note.setVisible(bool(notes))
        self._shown = "\n".join([*shown, *notes])


def add_estimates(form: Form, editor: Editor, open_: bool) -> tuple[QToolButton, EstimatesCard]:
    """Add the Estimates section to the design page: the live card, then the inputs behind a toggle
    (opened when ``open_``); returns the toggle (the page remembers its state) and the card."""
    form.add_section("Estimates")
    card = EstimatesCard(editor)
    form.add_widget(card)
    toggle = form.add_folding("estimateInputs", "Estimate inputs", open_, lambda body: _fill_inputs(form, editor, body))
    return toggle, card


def _fill_inputs(form: Form, editor: Editor, body: QWidget) -> None:
    rows = QFormLayout(body)
    rows.setContentsMargins(0, 0, 0, 0)
    rows.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    rows.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    for spec in model_specs(EstimateInputs):
        field = _inputs_editor(spec)
        form.attach(f"estimates.{spec.name}", field,
                    lambda name=spec.name: getattr(editor.doc.diagram.estimates or EstimateInputs(), name),
                    lambda value, name=spec.name, title=spec.title: _push(editor, name, title, value))
        caption = QLabel(spec.title)
        caption.setWordWrap(True)
        caption.setToolTip(spec.description)
        field.widget.setToolTip(spec.description)
        field.widget.setObjectName(f"field_estimates.{spec.name}")
        rows.addRow(caption, field.widget)


def _push(editor: Editor, name: str, title: str, value: Any) -> bool:
    """One undoable edit of one input; an impossible value is refused with the model's reason."""
    current = editor.doc.diagram.estimates or EstimateInputs()
    data = current.model_dump()
    data[name] = value
    try:
        inputs = EstimateInputs.model_validate(data, strict=True)
    except ValidationError as exc:
        editor.editFailed.emit(f"{title}: {validation_message(exc, {name: value}).split(': ', 1)[-1]}")
        return False
    return editor.push(SetEstimates(inputs))
