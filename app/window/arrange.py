"""Arrange > Auto-layout: run components.layout and push its result as ONE undoable command.

Long layouts run on a worker thread with a progress dialog and Cancel (app.background.layout_design,
shared with the canvas context menu).

The status-bar message names the engine that ran (Graphviz dot, or the built-in one and why).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QApplication, QWidget

from app import background
from app.canvas.operations import layout_available
from app.editor import Editor


def run(editor: Editor, ids: Sequence[str] | None, parent: QWidget | None = None) -> str:
    """Lay out the whole design (``ids`` None) or only these blocks; returns the status-bar message.

    Big designs lay out off the UI thread with a progress dialog and Cancel (app.background)."""
    if not layout_available():
        return "Auto-layout is not available in this build"
    if ids is not None:
        ids = [i for i in ids if (found := editor.doc.find(i)) is not None and found[0] == "blocks"]
        if len(ids) < 2:
            return "Select two or more blocks to lay them out"
    if parent is None:
        parent = QApplication.activeWindow()
    return background.layout_design(editor, ids, parent)[1]
