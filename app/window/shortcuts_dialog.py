"""Help > Keyboard shortcuts: a searchable table built from the window's real QActions.

Built from the actions themselves (not a hand-written list) so it can never disagree with what the
keys do; canvas gestures that are not actions (wheel, drags) are listed after them.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.canvas.tools.keys import NUDGE_HELP

# Mouse and keyboard gestures of the canvas that are not QActions.
CANVAS_GESTURES: tuple[tuple[str, str], ...] = (
    ("Zoom around the pointer", "Ctrl+Wheel"),
    ("Pan", "Middle drag, Space+drag, or the scroll bars"),
    ("Move the selection", NUDGE_HELP),
    ("Add to / remove from the selection", "Shift+Click or Ctrl+Click"),
    ("Select an area", "Drag on empty canvas"),
    ("Connect two blocks", "Drag from a block's edge handle to another block"),
    ("Edit a label in place", "Double-click, or F2"),
    ("Finish / cancel label editing", "Enter / Escape (Shift+Enter: new line)"),
    ("Next / previous match in the find bar", "Enter / Shift+Enter (Escape closes it)"),
    ("Pick in Connect To / Change Kind", "Type to filter, Up/Down, Enter"),
    ("Show, dim or hide a layer", "Click its button in the legend (right-click: more)"),
    ("Move the view from the minimap", "Click or drag in it; arrow keys when it has the focus"),
    ("Line up with the blocks around while dragging", "Smart guides snap; hold Ctrl or Alt to move freely"),
    ("Go to the next / previous block", "Tab / Shift+Tab (Ctrl+Tab leaves the canvas)"),
    ("Bend an elbow connector", "Select it, drag a dot on a segment or a square waypoint"),
    ("Remove a waypoint", "Double-click its square"),
)


# Dedicated keys of some keyboards (Sun, multimedia) that platforms add to the standard bindings, and
# the F13-F35 keys X11 binds to Copy, Paste and Cut (F16, F18, F20): they work, but listing "Copy" or
# "F16" next to Ctrl+C only confuses.
_DEDICATED_KEYS = frozenset([*(getattr(Qt.Key, name) for name in (
    "Key_Copy", "Key_Cut", "Key_Paste", "Key_Open", "Key_Close", "Key_Save", "Key_New", "Key_Find", "Key_Undo",
    "Key_Redo", "Key_Help")), *(getattr(Qt.Key, f"Key_F{n}") for n in range(13, 36))])


def shortcut_text(action: QAction) -> str:
    """The shortcuts of an action as the platform writes them ("Ctrl+Shift+Z, Ctrl+Y")."""
    return ", ".join(seq.toString(QKeySequence.SequenceFormat.NativeText) for seq in action.shortcuts()
                     if not seq.isEmpty() and seq[0].key() not in _DEDICATED_KEYS)  # type: ignore[index]  # QKeySequence has operator[]; the stubs miss it


def rows_for(actions: Iterable[tuple[str, QAction]]) -> list[tuple[str, str, str]]:
    """(menu, action text, shortcut) for each action that has a shortcut."""
    rows = []
    for menu, action in actions:
        keys = shortcut_text(action)
        if keys:
            name = action.text().replace("&", "").rstrip("…. ")
            if action.objectName() in ("action_undo", "action_redo"):
                name = name.split()[0]  # "Undo Move" -> "Undo": the command, not the last edit
            rows.append((menu, name, keys))
    return rows


class ShortcutsDialog(QDialog):
    """A table of every action with a shortcut, with a filter field."""

    def __init__(self, actions: Iterable[tuple[str, QAction]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(620, 640)
        self.rows = rows_for(actions) + [("Canvas", name, keys) for name, keys in CANVAS_GESTURES]
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter shortcuts")
        self.filter.setClearButtonEnabled(True)
        self.table = QTableWidget(len(self.rows), 3)
        self.table.setObjectName("shortcutsTable")
        self.table.setHorizontalHeaderLabels(["Command", "Shortcut", "Menu"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        for row, (menu, name, keys) in enumerate(self.rows):
            for column, text in enumerate((name, keys, menu)):
                cell = QTableWidgetItem(text)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, cell)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._filter)

    def _filter(self, text: str) -> None:
        words = text.lower().split()
        for row, values in enumerate(self.rows):
            haystack = " ".join(values).lower()
            self.table.setRowHidden(row, not all(word in haystack for word in words))

    def commands(self) -> list[str]:
        """The command names listed (for tests and accessibility checks)."""
        return [name for _menu, name, _keys in self.rows]
