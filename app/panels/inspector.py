"""The inspector dock: a page for what is selected, kept in step with the model.

The window tells it the selection (``show_ids``) and the validator's findings (``set_findings``: a
selected block or connector lists its own, so "why is this block red?" is answered where it is
edited); it listens to the document's change events so undo, redo and edits made on the canvas show
up in the fields at once. It never edits the model itself: its pages push core commands through the
Editor.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget

from app.editor import Editor
from app.finding_text import findings_list_html
from app.panels.accessible import name_parts
from app.panels.document_form import DocumentForm
from app.panels.element_forms import BlockForm, ConnectorForm, GroupForm, MultiForm, NoteForm
from app.panels.form import Form
from components.events import ChangeEvent

_FORMS = {"blocks": BlockForm, "connectors": ConnectorForm, "notes": NoteForm, "groups": GroupForm}
_PAGE_NAMES: dict[type, str] = {DocumentForm: "Design settings", BlockForm: "Block settings",
                                ConnectorForm: "Connector settings", NoteForm: "Note settings",
                                GroupForm: "Frame settings", MultiForm: "Selected elements"}


class Inspector(QWidget):
    """Shows and edits the selected element, or the whole design when nothing is selected."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.theme_name = "light"
        self.ids: list[str] = []
        self.form: Form | None = None
        self.findings: list[Any] = []
        self.findings_box: QLabel | None = None  # on a block's or connector's page
        self._rules_open = False
        self._estimates_open = False
        self.scroll_area = QScrollArea()  # not `scroll`: that is QWidget.scroll()
        self.scroll_area.setAccessibleName("Inspector page")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)
        editor.doc.events.subscribe(self._on_event)
        editor.documentReplaced.connect(lambda: self.show_ids([], force=True))
        self.show_ids([], force=True)

    def show_ids(self, ids: list[str], force: bool = False) -> None:
        """Show the page for these selected ids (block, connector, note, group, many, or none)."""
        ids = [item_id for item_id in ids if self.editor.doc.has_id(item_id)]
        if ids == self.ids and self.form is not None and not force:
            return
        if isinstance(self.form, DocumentForm):
            self._rules_open = self.form.rules_toggle.isChecked()
            self._estimates_open = self.form.estimates_toggle.isChecked()
        self.ids = ids
        if not ids:
            form: Form = DocumentForm(self.editor, self.theme_name, self._rules_open, self._estimates_open)
        elif len(ids) == 1 and (found := self.editor.doc.find(ids[0])) is not None:
            form = _FORMS[found[0]](self.editor, ids[0], self.theme_name)
        else:
            form = MultiForm(self.editor, ids)
        self.findings_box = None
        if isinstance(form, BlockForm | ConnectorForm):
            self.findings_box = QLabel()
            self.findings_box.setObjectName("inspectorFindings")
            self.findings_box.setWordWrap(True)
            self.findings_box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.findings_box.setFrameShape(QFrame.Shape.StyledPanel)
            self.findings_box.setMargin(6)
            self.findings_box.setBackgroundRole(QPalette.ColorRole.AlternateBase)  # set apart from the fields
            self.findings_box.setAutoFillBackground(True)
            form.insert_widget(1, self.findings_box)  # under the header: the first thing read
            self._fill_findings()
        form.refused.connect(self.editor.editFailed)  # in the status bar, like every refused edit
        old = self.form
        self.form = form
        form.setAccessibleName(_PAGE_NAMES.get(type(form), "Settings"))
        self.scroll_area.setWidget(form)  # deletes the old page
        name_parts(form)  # Qt's own parts of the new fields (spin box texts, scroll areas)
        del old

    def set_findings(self, findings: Sequence[Any]) -> None:
        """The validator's latest findings; the selected element's own are listed on its page."""
        self.findings = list(findings)
        self._fill_findings()

    def own_findings(self) -> list[Any]:
        """The findings about the one selected block or connector."""
        if len(self.ids) != 1:
            return []
        return [f for f in self.findings if self.ids[0] in (*f.blocks, *f.connectors)]

    def _fill_findings(self) -> None:
        box = self.findings_box
        if box is None or not shiboken6.isValid(box):
            return
        own = self.own_findings()
        box.setVisible(bool(own))
        if own:
            box.setText(f"<b>Findings ({len(own)})</b>{findings_list_html(own, self.theme_name)}")

    def set_theme(self, theme_name: str) -> None:
        if theme_name == self.theme_name and self.form is not None:
            return  # already drawn in this theme (the window sets it once at start-up: ~12 ms saved)
        self.theme_name = theme_name
        self.show_ids(self.ids, force=True)

    def settle(self) -> None:
        """Bring the page's deferred parts up to date now (the estimates card)."""
        if self.form is not None:
            self.form.settle()

    def focus_field(self, key: str) -> bool:
        """Put the cursor in one field of the current page (e.g. ``requirements.ml_objective``)."""
        if self.form is None or key not in self.form.bindings:
            return False
        widget = self.form.field(key).widget
        self.scroll_area.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def focus_label(self) -> bool:
        """Put the cursor in the label (or note text) field, all selected; False when there is none."""
        if self.form is None:
            return False
        for key in ("label", "text", "title"):
            if key in self.form.bindings:
                widget = self.form.field(key).widget
                widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
                if isinstance(widget, QLineEdit | QPlainTextEdit):
                    widget.selectAll()
                return True
        return False

    def _on_event(self, event: ChangeEvent) -> None:
        if not shiboken6.isValid(self):  # the window closed while the document lives on
            self.editor.doc.events.unsubscribe(self._on_event)
            return
        if self.form is None:
            return
        if event.action == "reset":  # a new diagram (opened, recovered, or a live session's whole design): a new page
            self.show_ids([i for i in self.ids if self.editor.doc.has_id(i)], force=True)
            return
        if event.action == "removed" and event.item_id in self.ids:
            self.show_ids([i for i in self.ids if i != event.item_id and self.editor.doc.has_id(i)])
            return
        if event.action == "meta":
            if not self.ids:
                self.form.refresh()
            elif "connector_style" in event.fields and isinstance(self.form, ConnectorForm):
                self.show_ids(self.ids, force=True)  # its "as the design (...)" choice names the default
            return
        if event.item_id in self.ids and "kind" in event.fields:
            self.show_ids(self.ids, force=True)  # another kind: other properties, another page
            return
        if len(self.ids) == 1 and (event.item_id in self.ids or (
                event.collection == "blocks" and isinstance(self.form, ConnectorForm))):
            self.form.refresh()
