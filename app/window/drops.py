"""Design files dropped on the window, or on the canvas, open as if chosen in File > Open.

The canvas view takes drags itself (palette kinds), so its viewport gets this filter too: a file
dragged over the canvas opens like one dropped on the window, anything else goes on to the view.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QDropEvent

from app.window.documents import is_design_path

DRAGS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


def design_path(event: QDropEvent) -> str:
    """The first local design file among the dragged URLs, or ""."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return ""
    for url in mime.urls():
        if url.isLocalFile() and is_design_path(url.toLocalFile()):
            return url.toLocalFile()
    return ""


class DesignDrops(QObject):
    """An event filter for the window and the canvas viewport: accepts design files and opens them."""

    def __init__(self, open_path: Callable[[str], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open = open_path

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in DRAGS or not isinstance(event, QDropEvent):  # QDragEnter/Move events are QDropEvents
            return super().eventFilter(watched, event)
        path = design_path(event)
        if not path:
            return super().eventFilter(watched, event)
        event.acceptProposedAction()
        if event.type() == QEvent.Type.Drop:
            QTimer.singleShot(0, lambda: self._open(path))  # not inside the drag: dialogs may open
        return True
