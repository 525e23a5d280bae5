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
from tests.app.window_helpers import make_window


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
    """Answer File > Practice's dialog (it runs modal) once it shows: the prompt, the length, Start."""

    def answer() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "practiceStart" and w.isVisible())
        prompts = dialog.prompts
        row = next(index for index in range(prompts.count()) if prompts.item(index).text() == title)
        prompts.setCurrentRow(row)
        qtbot.mouseClick(dialog.findChild(QWidget, f"length{minutes}"), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.findChild(QPushButton, "practiceStartButton"), Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, answer)


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
