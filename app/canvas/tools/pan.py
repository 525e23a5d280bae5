"""The pan tool of the view: drag the canvas with the middle button, or with the left while Space is held.

It works on the view's own (viewport) mouse events, before the scene sees them: a pan never
selects, moves or connects anything.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QGraphicsView


class PanTool:
    """Scrolls one view by the mouse's movement while a pan drag lasts."""

    def __init__(self, view: QGraphicsView) -> None:
        self.view = view
        self.space_down = False
        self.panning = False
        self._from = QPoint()

    def mouse_press(self, event: QMouseEvent) -> bool:
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and self.space_down):
            self.panning = True
            self._from = event.position().toPoint()
            self.view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return True
        return False

    def mouse_move(self, event: QMouseEvent) -> bool:
        if not self.panning:
            return False
        now = event.position().toPoint()
        delta = now - self._from
        self._from = now
        bars = self.view.horizontalScrollBar(), self.view.verticalScrollBar()
        bars[0].setValue(bars[0].value() - delta.x())
        bars[1].setValue(bars[1].value() - delta.y())
        event.accept()
        return True

    def mouse_release(self, event: QMouseEvent) -> bool:
        if self.panning and event.button() in (Qt.MouseButton.MiddleButton, Qt.MouseButton.LeftButton):
            self.panning = False
            self._show_cursor()
            event.accept()
            return True
        return False

    def key_press(self, event: QKeyEvent) -> bool:
        """Space arms a left-button pan (held down, it repeats: only the first press counts)."""
        if event.key() != Qt.Key.Key_Space:
            return False
        if not event.isAutoRepeat():
            self.space_down = True
            self._show_cursor()
        event.accept()
        return True

    def key_release(self, event: QKeyEvent) -> bool:
        if event.key() != Qt.Key.Key_Space or event.isAutoRepeat():
            return False
        self.release_space()
        event.accept()
        return True

    def release_space(self) -> None:
        """Space is up (or the view lost the keyboard, so its release will never come)."""
        self.space_down = False
        self._show_cursor()

    def _show_cursor(self) -> None:
        if self.space_down:
            self.view.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            self.view.viewport().unsetCursor()
