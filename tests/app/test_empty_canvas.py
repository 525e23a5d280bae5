"""An empty canvas says how to start (issue 12: it gave no hint); the hint goes with the first block."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRect
from PySide6.QtWidgets import QApplication

from components.model import Diagram
from tests.app.rendered_text import ink_rows
from tests.app.window_helpers import make_window


def _middle_ink(window) -> int:
    QApplication.processEvents()
    viewport = window.view.viewport()
    image = viewport.grab().toImage()
    band = QRect(0, viewport.height() // 2 - 60, viewport.width(), 120)
    return len(ink_rows(image, band))


def test_the_empty_canvas_says_how_to_add_a_block_until_there_is_one(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path, Diagram())
    hint = window.view.empty_hint
    assert "Add Block (Ctrl+Shift+A)" in hint and "New from Template (Ctrl+Shift+N)" in hint
    assert _middle_ink(window) > 20  # a few lines of text in the middle of the view
    window.scene.place_block("cache", QPointF(5000, 5000))  # far from the part on screen
    qtbot.waitUntil(lambda: _middle_ink(window) == 0, timeout=3000)
    window.editor.undo_stack.undo()
    qtbot.waitUntil(lambda: _middle_ink(window) > 20, timeout=3000)


def test_a_design_shows_no_hint(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path, Diagram())
    window.view.centerOn(QPointF(-3000, -3000))
    empty = _middle_ink(window)
    other = make_window(qtbot, tmp_path)  # the small test design
    other.view.centerOn(QPointF(-3000, -3000))  # nothing of the design in view, and yet no hint
    assert empty > 20 and _middle_ink(other) == 0


def test_the_view_follows_the_model_not_every_repaint_of_the_scene(qtbot, tmp_path: Path) -> None:
    """Connected to the scene's ``changed``, a view makes Qt gather every repainted rect of every edit
    (issue 17: ~7 ms an edit at 10,000 blocks) for a hint that changes only when the design empties."""
    from PySide6.QtCore import SIGNAL

    window = make_window(qtbot, tmp_path, Diagram())
    assert window.scene.receivers(SIGNAL("changed(QList<QRectF>)")) == 0
    window.scene.place_block("cache", QPointF(5000, 5000))
    qtbot.waitUntil(lambda: _middle_ink(window) == 0, timeout=3000)  # the hint still goes with the first block
    assert window.scene.receivers(SIGNAL("changed(QList<QRectF>)")) == 0
