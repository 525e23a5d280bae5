"""Arrange > Auto-layout: run components.layout and push its result as ONE undoable command.

The status-bar message names the engine that ran (Graphviz dot, or the built-in one and why).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.editor import Editor

LAYOUT_TIMEOUT_S = 10.0


def available() -> bool:
    """Whether the layout engine is part of this build."""
    try:
        from components.layout import auto_layout, layout_command  # noqa: F401
    except ImportError:
        return False
    return True


def run(editor: Editor, ids: Sequence[str] | None) -> str:
    """Lay out the whole design (``ids`` None) or only these blocks; returns the status-bar message."""
    if not available():
        return "Auto-layout is not available in this build"
    from components.layout import LayoutError, auto_layout, layout_command

    if ids is not None:
        ids = [i for i in ids if (found := editor.doc.find(i)) is not None and found[0] == "blocks"]
        if len(ids) < 2:
            return "Select two or more blocks to lay them out"
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result = auto_layout(editor.doc.diagram, ids, timeout=LAYOUT_TIMEOUT_S)
    except LayoutError as exc:
        return f"Auto-layout failed: {exc}"
    finally:
        QApplication.restoreOverrideCursor()
    if not result.positions and not result.groups:
        return result.summary()
    editor.push(layout_command(editor.doc, result))
    return result.summary()
