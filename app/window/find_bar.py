"""Find on the canvas: a bar over the top-right corner of the view (Ctrl+F) that selects and centres
each element whose label, kind or findings match, one after another (Enter, F3; Shift: back).

What matches is components/find.py's business; the bar keeps the query and the position in the list
of matches, and looks again after every edit (a match may go, a new one appear). Elements on hidden
layers are skipped, and the count says how many were.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QHBoxLayout, QLabel, QLineEdit, QStyle, QToolButton

from app.canvas.scene import CanvasScene
from components.events import ChangeEvent
from components.find import find_matches

WIDTH = 380


class FindBar(QFrame):
    """The find bar of one canvas view; hidden until ``open()``."""

    def __init__(self, scene: CanvasScene, view: QAbstractScrollArea, findings: Callable[[], Sequence[Any]]) -> None:
        super().__init__(view)
        self.setObjectName("findBar")
        self.setAccessibleName("Find on canvas")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self._scene = scene
        self._view = view
        self._findings = findings
        self.matches: list[str] = []
        self.index = -1  # of the selected match in ``matches``; -1 before the first
        self.hidden_count = 0
        self.field = QLineEdit()
        self.field.setObjectName("findField")
        self.field.setAccessibleName("Find")
        self.field.setPlaceholderText("Find label, kind or finding")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setObjectName("findCount")
        self.count.setMinimumWidth(64)
        self.previous_button = self._button("findPrevious", "Previous match (Shift+Enter)", self.previous)
        self.previous_button.setArrowType(Qt.ArrowType.UpArrow)  # drawn in the palette's text colour
        self.next_button = self._button("findNext", "Next match (Enter)", self.next)
        self.next_button.setArrowType(Qt.ArrowType.DownArrow)
        self.close_button = self._button("findClose", "Close the find bar (Escape)", self.close_bar)
        self.close_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 4, 4)
        row.setSpacing(4)
        row.addWidget(self.field, 1)
        row.addWidget(self.count)
        for button in (self.previous_button, self.next_button, self.close_button):
            row.addWidget(button)
        self.setFixedWidth(WIDTH)
        self.field.textChanged.connect(self._query_changed)
        self.field.installEventFilter(self)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.timeout.connect(self._look_again)
        scene.doc.events.subscribe(self._doc_changed)
        self._show_count()
        self.hide()

    def _button(self, name: str, tip: str, slot: Callable[[], object]) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.setAutoRaise(True)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # ----- opening and closing -----------------------------------------------------------------
    def open(self) -> None:
        """Show the bar with the field focused and its text selected (Ctrl+F again: a new search)."""
        self.place()
        self.show()
        self.raise_()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)

    def place(self) -> None:
        """The top-right corner of the view's viewport (the window calls this when the view resizes)."""
        area = self._view.viewport().geometry()
        self.adjustSize()
        self.move(area.right() - self.width() - 8, area.top() + 8)

    # ----- searching ---------------------------------------------------------------------------
    def _search(self) -> None:
        found = [m.id for m in find_matches(self._scene.doc.diagram, self._findings(), self.field.text())]
        hidden = self._scene.layers.hidden
        self.matches = [i for i in found if i not in hidden]
        self.hidden_count = len(found) - len(self.matches)

    def _query_changed(self) -> None:
        """Typing searches at once and goes to the first match (as a browser's find does)."""
        self._search()
        self.index = -1
        if self.matches:
            self.next()
        else:
            self._show_count()

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        """Select and centre the next (or previous) match, round the end of the list."""
        if not self.field.text().strip():
            self.open()
            return
        self._search()
        if not self.matches:
            self._show_count()
            return
        if self.index < 0:
            self.index = 0 if direction > 0 else len(self.matches) - 1
        else:
            self.index = (self.index + direction) % len(self.matches)
        self._scene.select_ids([self.matches[self.index]], centre=True)
        self._show_count()

    def _show_count(self) -> None:
        if not self.field.text().strip():
            text = ""
        elif not self.matches:
            text = "No matches"
        else:
            text = f"{self.index + 1} of {len(self.matches)}" if self.index >= 0 else f"{len(self.matches)} found"
        if self.hidden_count:
            text += f" ({self.hidden_count} on hidden layers)"
        self.count.setText(text)
        self.count.setAccessibleName(text or "No search")
        self.previous_button.setEnabled(bool(self.matches))
        self.next_button.setEnabled(bool(self.matches))
        self.adjustSize()
        self.place()

    def _doc_changed(self, _event: ChangeEvent) -> None:
        if not shiboken6.isValid(self):
            self._scene.doc.events.unsubscribe(self._doc_changed)
            return
        if self.isVisible() and self.field.text().strip():
            self._refresh_timer.start(0)  # after the edit: one look for a paste of many elements

    def _look_again(self) -> None:
        """After an edit: the same query again, keeping the place at the selected match if it is still one."""
        current = self.matches[self.index] if 0 <= self.index < len(self.matches) else None
        self._search()
        self.index = self.matches.index(current) if current in self.matches else -1
        self._show_count()

    # ----- keys in the field -------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._step(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def detach(self) -> None:
        self._scene.doc.events.unsubscribe(self._doc_changed)
