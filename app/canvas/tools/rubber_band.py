"""The rubber band of the view: a left drag on empty canvas selects what the band touches.

Qt draws and applies the band (the view's RubberBandDrag mode, started when the scene leaves the
press unused); this tool only makes Shift add to the selection as Ctrl does (Qt only knows Ctrl).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent


class RubberBandTool:
    """Turns a Shift+press on empty canvas into the Ctrl+press Qt's band understands."""

    def __init__(self, empty_at: Callable[[QPointF], bool]) -> None:
        self._empty_at = empty_at  # whether a viewport point shows no element

    def press(self, event: QMouseEvent) -> QMouseEvent:
        """The press to hand on to the view's default handling."""
        if (event.button() != Qt.MouseButton.LeftButton or not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                or not self._empty_at(event.position())):
            return event
        return QMouseEvent(event.type(), event.position(), event.globalPosition(), event.button(), event.buttons(),
                           event.modifiers() | Qt.KeyboardModifier.ControlModifier)
