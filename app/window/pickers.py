"""Keyboard pickers: choose one entry of a list by typing part of its name (Connect to…, Change kind…).

One small dialog: a filter field over a list. Typing filters the list (and keeps a row current),
Up/Down move in the list without leaving the field, Enter takes the current row, Escape cancels.
Screen readers hear the field's name, the list's name and each row's text.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.panels.icons import kind_icon
from components.catalog import KINDS, STAGES, default_flow, spec
from components.document import Document
from components.model import FLOWS
from components.style import FLOW_STYLES

AUTOMATIC = ""  # the flow choice that lets the kinds at both ends decide


@dataclass(frozen=True)
class Row:
    text: str
    value: str
    icon: QIcon | None = None


class FilterPicker(QDialog):
    """Pick one of ``rows`` by typing; ``chosen()`` is its value after ``exec()`` returns Accepted."""

    def __init__(self, parent: QWidget | None, title: str, prompt: str, rows: list[Row],
                 extra: tuple[str, QWidget] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title.rstrip("…"))
        self.setObjectName("filterPicker")
        self.filter = QLineEdit()
        self.filter.setObjectName("pickerFilter")
        self.filter.setPlaceholderText("Type to filter")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("pickerList")
        self.list.setAccessibleName(title.rstrip("…").strip())
        for row in rows:
            item = QListWidgetItem(row.text)
            if row.icon is not None:
                item.setIcon(row.icon)
            item.setData(Qt.ItemDataRole.UserRole, row.value)
            self.list.addItem(item)
        self.empty = QLabel("Nothing matches")
        self.empty.setObjectName("pickerEmpty")
        self.empty.setEnabled(False)
        self.empty.hide()
        prompt_label = QLabel(prompt)
        prompt_label.setBuddy(self.filter)
        form = QFormLayout()
        form.addRow(prompt_label, self.filter)
        if extra is not None:
            caption = QLabel(extra[0])
            caption.setBuddy(extra[1])
            form.addRow(caption, extra[1])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.resize(420, 460)
        self.filter.textChanged.connect(self._filter)
        self.filter.installEventFilter(self)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.list.currentItemChanged.connect(lambda *_: self._update_ok())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._filter("")
        self.filter.setFocus()

    def _visible_rows(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count()) if not self.list.item(i).isHidden()]

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        for index in range(self.list.count()):
            item = self.list.item(index)
            item.setHidden(not all(word in item.text().casefold() for word in words))
        shown = self._visible_rows()
        current = self.list.currentItem()
        if shown and (current is None or current.isHidden()):
            self.list.setCurrentItem(shown[0])
        self.empty.setVisible(not shown)
        self._update_ok()

    def _update_ok(self) -> None:
        current = self.list.currentItem()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(current is not None and not current.isHidden())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up, Down, Page Up and Page Down in the filter field move the list's current row."""
        if (watched is self.filter and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)):
            self.list.keyPressEvent(event)  # the list moves, the cursor stays in the field
            return True
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        if self.chosen() is not None:
            super().accept()

    def chosen(self) -> str | None:
        current = self.list.currentItem()
        if current is None or current.isHidden():
            return None
        return str(current.data(Qt.ItemDataRole.UserRole))


def kind_rows(theme_name: str, leave_out: str = "") -> list[Row]:
    """Every kind but ``leave_out``, named with its stage, in catalog order."""
    names = {entry.number: entry.name for entry in STAGES}
    return [Row(f"{entry.name}  ·  {f'{entry.stage} {names[entry.stage]}' if entry.stage else 'no stage'}",
                kind, kind_icon(kind, theme_name)) for kind, entry in KINDS.items() if kind != leave_out]


def choose_kind(parent: QWidget | None, doc: Document, block_id: str, theme_name: str = "light") -> str | None:
    """Change kind…: the new kind for a block, or None when cancelled."""
    block = doc.block(block_id)
    picker = FilterPicker(parent, "Change kind…", f"Turn “{block.label or spec(block.kind).name}” into:",
                          kind_rows(theme_name, block.kind))
    return picker.chosen() if picker.exec() == QDialog.DialogCode.Accepted else None


def block_rows(doc: Document, leave_out: str, theme_name: str) -> list[Row]:
    """Every block but ``leave_out``, as "label (kind)", in document order."""
    rows = []
    for block in doc.diagram.blocks:
        if block.id != leave_out:
            name = spec(block.kind).name
            text = f"{block.label}  ({name})" if block.label.strip() and block.label != name else name
            rows.append(Row(text, block.id, kind_icon(block.kind, theme_name)))
    return rows


def choose_target(parent: QWidget | None, doc: Document, source_id: str,
                  theme_name: str = "light") -> tuple[str, str] | None:
    """Connect to…: (target block id, flow) for a connector from ``source_id``; None when cancelled. The
    flow is AUTOMATIC unless the user picked one (the kinds at both ends decide, as when dragging)."""
    source = doc.block(source_id)
    flows = QComboBox()
    flows.setObjectName("pickerFlow")
    flows.addItem("Automatic (from the two kinds)", AUTOMATIC)
    for flow in FLOWS:
        flows.addItem(f"{flow.capitalize()}  ({FLOW_STYLES[flow].description})", flow)
    picker = FilterPicker(parent, "Connect to…", f"From “{source.label or spec(source.kind).name}” to:",
                          block_rows(doc, source_id, theme_name), extra=("Flow:", flows))
    if picker.exec() != QDialog.DialogCode.Accepted or picker.chosen() is None:
        return None
    target = str(picker.chosen())
    flow = flows.currentData() or default_flow(source.kind, doc.block(target).kind)
    return target, flow
