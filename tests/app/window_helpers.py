"""Helpers for main-window tests: a small complete design, a shown window with throw-away settings,
and message boxes that answer by themselves (and remember what they were asked)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QTreeWidget, QTreeWidgetItem

from app.editor import Editor
from app.window.main_window import MainWindow
from components.model import Connector, Diagram, Requirements
from tests.app.canvas_helpers import block
from tests.conftest import EXAMPLES


def monitored_design() -> Diagram:
    """A small serving design whose one model-serving block is watched by a monitor."""
    return Diagram(
        title="Window test",
        requirements=Requirements(business_objective="Engagement", ml_objective="P(click)", task_type="ranking",
                                  latency_slo_ms=200),
        blocks=[
            block("client", "client", 0, 160, "App"),
            block("serve", "inference_service", 240, 160, "Scorer", p99_ms=40),
            block("mon", "monitoring", 480, 320, "Monitor"),
            block("alert", "alerting", 720, 320, "Pager"),
            block("reg", "model_registry", 480, 0, "Registry"),
            block("train", "training_pipeline", 240, 0, "Trainer"),
            block("data", "data_store", 0, 0, "Warehouse"),
            block("log", "logging", 480, 160, "Logs"),
        ],
        connectors=[
            Connector(id="c_req", source="client", target="serve", flow="request"),
            Connector(id="c_obs", source="serve", target="mon", flow="observe"),
            Connector(id="c_alert", source="mon", target="alert", flow="observe"),
            Connector(id="c_model", source="reg", target="serve", flow="model"),
            Connector(id="c_train", source="train", target="reg", flow="model"),
            Connector(id="c_data", source="data", target="train", flow="data"),
            Connector(id="c_log", source="serve", target="log", flow="feedback"),
            Connector(id="c_back", source="log", target="data", flow="data"),
        ],
    )


def template_path(tmp_path: Path) -> Path:
    """A case-study template when the examples exist, else the test design written to a file."""
    examples = sorted(EXAMPLES.glob("*.mlsd.json"))
    if examples:
        preferred = [p for p in examples if p.name.startswith("video-recommendation")]
        return (preferred or examples)[0]
    from components.io import save

    path = tmp_path / "template.mlsd.json"
    save(monitored_design(), path)
    return path


def _unattended_close(window: MainWindow) -> None:
    """Closing at teardown asks nobody: a practice session still running ends, the design counts as saved."""
    from app.practice import running

    session = running(window)
    if session is not None:
        session.abandon("the test is over")
    window.editor.undo_stack.setClean()


def make_window(qtbot: Any, tmp_path: Path, diagram: Diagram | None = None) -> MainWindow:
    """A shown main window on ``diagram`` with settings in a throw-away ini file."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Editor(diagram if diagram is not None else monitored_design()), settings=settings,
                        theme_name="light")
    # closing at teardown must not stop at a "save changes?" box nobody will answer
    qtbot.addWidget(window, before_close_func=_unattended_close)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # window shortcuts only fire in the active window
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    return window


@dataclass
class Answers:
    """Stands in for QMessageBox's static functions: answers ``question`` with ``reply``."""

    reply: QMessageBox.StandardButton = QMessageBox.StandardButton.Cancel
    questions: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def question(self, _parent: Any, _title: str, text: str, *_args: Any) -> QMessageBox.StandardButton:
        self.questions.append(text)
        return self.reply

    def critical(self, _parent: Any, _title: str, text: str, *_args: Any) -> QMessageBox.StandardButton:
        self.errors.append(text)
        return QMessageBox.StandardButton.Ok


def install_answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    """Replace QMessageBox.question/critical for one test; returns the recorder."""
    recorder = Answers()
    monkeypatch.setattr(QMessageBox, "question", recorder.question)
    monkeypatch.setattr(QMessageBox, "critical", recorder.critical)
    return recorder


def type_into(widget: Any, text: str, enter: bool = True) -> None:
    """Replace a line edit's or spin box's text by typing, as a person would; Return commits it when ``enter``."""
    widget.setFocus()
    widget.selectAll()
    QTest.keyClicks(widget, text)
    if enter:
        QTest.keyClick(widget, Qt.Key.Key_Return)


def click_item(tree: QTreeWidget, item: QTreeWidgetItem, double: bool = False) -> None:
    """Click (or double-click) a tree row with the mouse, as a person would."""
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    point = QPoint(rect.left() + min(40, rect.width() // 2), rect.center().y())
    if double:  # a real double-click starts with a click (item views check the pressed row)
        QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        QTest.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    else:
        QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
