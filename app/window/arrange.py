"""Arrange > Auto-layout: run components.layout and push its result as ONE undoable command."""

from __future__ import annotations

from collections.abc import Sequence

from app.editor import Editor


def available() -> bool:
    """Whether the layout engine is part of this build."""
    try:
        from components.layout import layout_command  # noqa: F401
    except ImportError:
        return False
    return True


def run(editor: Editor, ids: Sequence[str] | None) -> str:
    """Lay out the whole design (``ids`` None) or only these blocks; the status-bar message."""
    if not available():
        return "Auto-layout is not available in this build"
    from components.layout import layout_command

    command = layout_command(editor.doc.diagram, list(ids) if ids is not None else None)
    if command is None or not editor.push(command):
        return "Auto-layout: nothing to move"
    return "Auto-layout done"
