"""Helpers for the practice-mode tests: a window with its data folder in the test's folder, a fake clock
the app's session runs on, and the session's widgets found by name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from app.practice import running
from components.commands import AddItems, SetMeta
from components.model import Diagram
from components.practice import FakeClock
from tests.app.canvas_helpers import Canvas, drag
from tests.app.window_helpers import click_item, make_window


def practice_window(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock) -> Any:
    """A main window whose practice sessions run on ``clock`` and save in ``tmp_path/data``."""
    monkeypatch.setenv("MLSD_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr("components.practice.SystemClock", lambda: clock)
    return make_window(qtbot, tmp_path, Diagram())


def controller(window: Any) -> Any:
    found = running(window)
    assert found is not None, "no practice session is running"
    return found


def choose_in_start_dialog(qtbot: Any, title: str, minutes: int) -> None:
    """Answer File > Practice's dialog (it runs modal) once it shows, with the mouse: the prompt, the length,
    Start."""

    def answer(dialog: QWidget) -> None:
        prompts = dialog.prompts
        row = next(index for index in range(prompts.count()) if prompts.item(index).text() == title)
        click_item(prompts, prompts.item(row))
        qtbot.mouseClick(dialog.findChild(QWidget, f"length{minutes}"), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.findChild(QPushButton, "practiceStartButton"), Qt.MouseButton.LeftButton)

    when_modal(lambda widget: widget.objectName() == "practiceStart", answer)


def start_from_menu(qtbot: Any, window: Any, title: str, minutes: int) -> None:
    """File > Practice by its shortcut in the active main window, answered in the dialog; then the window
    active again, as a window manager makes it when the dialog closes (the offscreen platform has none)."""
    activate(qtbot, window)
    choose_in_start_dialog(qtbot, title, minutes)
    QTest.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert running(window) is not None, "File > Practice started no session"
    activate(qtbot, window)


def activate(qtbot: Any, window: QWidget) -> None:
    """Make ``window`` the active one: its shortcuts (Add Block, Practice) fire only there."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def click_in_message_box(qtbot: Any, button: QMessageBox.StandardButton, asked: list[str]) -> None:
    """Once a message box shows (modal), note its text in ``asked`` and click ``button`` with the mouse."""

    def answer(box: QWidget) -> None:
        asked.append(f"{box.windowTitle()}: {box.text()}")
        qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)

    when_modal(lambda widget: isinstance(widget, QMessageBox), answer)


def when_modal(wanted: Callable[[QWidget], bool], act: Callable[[Any], None], tries: int = 100) -> None:
    """Run ``act`` on the modal window that ``wanted`` accepts as soon as it shows (looked for every 50 ms, at
    most ``tries`` times: a box that never shows fails the test by its assertion, not by hanging)."""

    def look(left: int) -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.isVisible() and wanted(modal):
            act(modal)
        elif left > 0:
            QTimer.singleShot(50, lambda: look(left - 1))

    QTimer.singleShot(50, lambda: look(tries))


def place_by_search(window: Any, typed: str) -> str:
    """Edit > Add Block's keys, type in the palette's search, Enter: the block placed; its id."""
    window.view.setFocus()
    QTest.keySequence(window.view, window.window_actions.by_name["add_block"].shortcut())
    assert window.palette_panel.search.hasFocus(), "Add Block's keys did not reach the window (is it the active one?)"
    QTest.keyClicks(window.palette_panel.search, typed)
    QTest.keyClick(window.palette_panel.search, Qt.Key.Key_Return)
    return window.editor.doc.diagram.blocks[-1].id


def connect_by_drag(window: Any, source: str, target: str) -> None:
    """Drag from the right-edge handle of ``source`` to the middle of ``target``, as a person connects."""
    canvas = Canvas(window.editor, window.scene, window.view, "")
    frame = window.scene.item_for(source).scene_frame()
    drag(canvas, canvas.vp(QPointF(frame.right(), frame.center().y())), canvas.vp(canvas.centre_of(target)))


def click(qtbot: Any, root: QWidget, name: str) -> None:
    widget = root.findChild(QWidget, name)
    assert widget is not None and widget.isVisible() and widget.isEnabled(), name
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def advance(window: Any, clock: FakeClock, seconds: float) -> None:
    """Let ``seconds`` pass on the session's clock and the app's timer see it."""
    clock.advance(seconds)
    QTest.qWait(600)  # the controller's timer ticks twice a second


def place(window: Any, kind: str, x: float, y: float) -> str:
    """Place a block as the palette does; its id."""
    block_id = window.scene.place_block(kind, QPointF(x, y), clear=True)
    assert block_id is not None
    return block_id


def draw(window: Any, design: Diagram, keep: Callable[[Any], bool] = lambda _block: True) -> list[Any]:
    """Add ``design``'s requirements and its blocks that ``keep`` keeps (with the connectors between them) as
    edits; the blocks added."""
    blocks = [block for block in design.blocks if keep(block)]
    ids = {block.id for block in blocks}
    connectors = [c for c in design.connectors if c.source in ids and c.target in ids]
    assert window.editor.push(SetMeta("requirements", design.requirements))
    assert window.editor.push(AddItems([*(("blocks", b) for b in blocks), *(("connectors", c) for c in connectors)]))
    return blocks


def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def question(_parent: Any, title: str, text: str, *_args: Any) -> QMessageBox.StandardButton:
        asked.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked
