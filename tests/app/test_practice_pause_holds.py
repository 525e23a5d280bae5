"""Trial 23, F16 (a) and (b). While a practice session is paused the clock stops, so the design must wait too:
before, Edit > Add Block (and every other edit) still worked while paused and the results counted the block with
0:00 spent. Now the canvas is covered ("Paused ... Resume to continue"), every edit from menus, keys, the
canvas, a drop or the inspector is refused with a message, undo and redo are off; Resume gives it all back.
(b) Retry Weakest Step from a results window closes that window: the retry's clock runs on a visible canvas."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from app.canvas.view import MIME_KIND
from app.practice import running
from components.practice import FakeClock
from components.templates import load_template
from tests.app.practice_helpers import (
    activate,
    advance,
    click,
    controller,
    draw,
    place_by_search,
    practice_window,
    start_from_menu,
)


def widget_under(window: Any, block_id: str) -> tuple[QWidget, QPoint]:
    """The widget a person's pointer is over at the middle of a block, and the point in it."""
    view = window.view
    in_view = view.viewport().mapTo(view, view.mapFromScene(window.scene.item_for(block_id).sceneBoundingRect().center()))
    widget = view.childAt(in_view)
    return widget, widget.mapFrom(view, in_view)


def drop_on(widget: QWidget, at: QPoint, kind: str) -> None:
    """A palette entry dragged onto whatever is under the pointer (QApplication passes it up to whoever takes
    drops), then dropped."""
    mime = QMimeData()
    mime.setData(MIME_KIND, kind.encode("utf-8"))
    enter = QDragEnterEvent(at, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    drop = QDropEvent(QPointF(at), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)


def test_while_paused_the_design_is_read_only_and_resume_gives_it_back(qtbot, tmp_path: Path, monkeypatch) -> None:
    clock = FakeClock()
    window = practice_window(qtbot, tmp_path, monkeypatch, clock)
    start_from_menu(qtbot, window, "Video search", 45)
    advance(window, clock, 20)
    block_id = place_by_search(window, "vector index")
    window.scene.clearSelection()
    activate(qtbot, window)
    click(qtbot, window, "practicePause")
    design = window.editor.doc.diagram.model_copy(deep=True)
    steps = window.editor.undo_stack.index()

    place_by_search(window, "Monitoring")  # Edit > Add Block's keys, typed, Enter
    assert window.editor.doc.diagram == design
    assert window.statusBar().currentMessage() == "Not changed: the practice session is paused: Resume to go on"
    activate(qtbot, window)
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.undo_stack.index() == steps and not window.window_actions.by_name["undo"].isEnabled()
    widget, at = widget_under(window, block_id)
    assert widget.objectName() in ("practicePauseCover", "practicePauseText")
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    assert window.scene.selectedItems() == []  # the click never reached the canvas
    drop_on(widget, at, "monitoring")
    assert window.editor.doc.diagram == design and not window.inspector_dock.widget().isEnabled()
    assert not window.findChild(QWidget, "historyView").isEnabled()  # Edit > History's steps cannot be clicked

    click(qtbot, window, "practiceCoverResume")
    assert not window.findChild(QWidget, "practicePauseCover").isVisible()
    assert window.inspector_dock.widget().isEnabled() and window.window_actions.by_name["undo"].isEnabled()
    advance(window, clock, 20)
    activate(qtbot, window)
    place_by_search(window, "Monitoring")
    assert [block.kind for block in window.editor.doc.diagram.blocks] == ["vector_index", "monitoring"]
    assert controller(window).session.pauses == 1


def test_retry_weakest_step_closes_the_results_it_was_started_from(qtbot, tmp_path: Path, monkeypatch) -> None:
    clock = FakeClock()
    window = practice_window(qtbot, tmp_path, monkeypatch, clock)
    start_from_menu(qtbot, window, "Video search", 30)
    draw(window, load_template("video-search"), lambda block: block.kind != "monitoring")
    advance(window, clock, 60)
    controller(window).finish()
    results = window.findChild(QWidget, "practiceResults")
    assert results.isVisible()
    qtbot.mouseClick(results.retry_button, Qt.MouseButton.LeftButton)
    assert running(window) is not None and running(window).session.retry is not None
    assert not [w for w in QApplication.topLevelWidgets() if w.objectName() == "practiceResults" and w.isVisible()]
