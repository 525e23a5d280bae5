"""Helpers for canvas tests: a small document, a shown view, and real mouse events on its viewport.

QTest.mouseMove carries no buttons in Qt 6, so drags send QMouseEvent(MouseMove, ..., buttons)
straight to the viewport.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.canvas.scene import CanvasScene
from app.canvas.view import MIME_KIND, CanvasView
from app.editor import Editor
from components.document import Document
from components.io import dumps
from components.model import Block, Connector, Diagram, props_model

LEFT = Qt.MouseButton.LeftButton
NO_MODS = Qt.KeyboardModifier.NoModifier


def block(block_id: str, kind: str, x: float, y: float, label: str = "", **props: Any) -> Block:
    """A block with its kind's props model (defaults plus ``props``); the label defaults to the id."""
    return Block(id=block_id, kind=kind, label=label or block_id, x=x, y=y, props=props_model(kind)(**props))


def small_diagram() -> Diagram:
    """Three blocks on the grid and one connector: client -> ranker; a lone monitor."""
    return Diagram(
        title="Canvas test",
        blocks=[block("client", "client", 0, 0, "Client"), block("ranker", "ranking", 320, 0, "Ranker"),
                block("monitor", "monitoring", 320, 224, "Monitor")],
        connectors=[Connector(id="c1", source="client", target="ranker", flow="request")],
    )


@dataclass
class Canvas:
    editor: Editor
    scene: CanvasScene
    view: CanvasView
    original: str

    @property
    def doc(self) -> Document:
        return self.editor.doc

    def vp(self, scene_pos: QPointF | tuple[float, float]) -> QPoint:
        """A scene point in viewport pixels."""
        point = QPointF(*scene_pos) if isinstance(scene_pos, tuple) else scene_pos
        return self.view.mapFromScene(point)

    def centre_of(self, item_id: str) -> QPointF:
        return self.scene.item_for(item_id).scene_frame().center()  # type: ignore[union-attr]  # a box item the test made

    def undo_all(self) -> None:
        stack = self.editor.undo_stack
        while stack.canUndo():
            stack.undo()

    def redo_all(self) -> None:
        stack = self.editor.undo_stack
        while stack.canRedo():
            stack.redo()

    def dumped(self) -> str:
        return dumps(self.editor.doc.diagram)


def make_canvas(qtbot: QtBot, diagram: Diagram | None = None) -> Canvas:
    editor = Editor(diagram if diagram is not None else small_diagram())
    scene = CanvasScene(editor)
    view = CanvasView(scene)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    view.reset_zoom()
    view.centerOn(QPointF(300, 150))
    view.setFocus()
    return Canvas(editor, scene, view, dumps(editor.doc.diagram))


@pytest.fixture
def canvas(qtbot: QtBot) -> Iterator[Canvas]:
    result = make_canvas(qtbot)
    yield result
    result.scene.detach()


def press(canvas: Canvas, at: QPoint, button: Qt.MouseButton = LEFT, mods: Qt.KeyboardModifier = NO_MODS) -> None:
    QTest.mousePress(canvas.view.viewport(), button, mods, at)


def release(canvas: Canvas, at: QPoint, button: Qt.MouseButton = LEFT, mods: Qt.KeyboardModifier = NO_MODS) -> None:
    QTest.mouseRelease(canvas.view.viewport(), button, mods, at)


def move(canvas: Canvas, at: QPoint, buttons: Qt.MouseButton = LEFT, mods: Qt.KeyboardModifier = NO_MODS) -> None:
    """A mouse move with buttons held (QTest.mouseMove cannot hold buttons in Qt 6)."""
    viewport = canvas.view.viewport()
    event = QMouseEvent(QEvent.Type.MouseMove, QPointF(at), QPointF(viewport.mapToGlobal(at)),
                        Qt.MouseButton.NoButton, buttons, mods)
    QApplication.sendEvent(viewport, event)


def hover(canvas: Canvas, at: QPoint) -> None:
    move(canvas, at, Qt.MouseButton.NoButton)


def drag(canvas: Canvas, start: QPoint, end: QPoint, button: Qt.MouseButton = LEFT,
         mods: Qt.KeyboardModifier = NO_MODS, steps: int = 6) -> None:
    """Press at ``start``, move in steps to ``end`` with the button held, release there."""
    hover(canvas, start)
    press(canvas, start, button, mods)
    for index in range(1, steps + 1):
        t = index / steps
        point = QPoint(round(start.x() + (end.x() - start.x()) * t), round(start.y() + (end.y() - start.y()) * t))
        move(canvas, point, button, mods)
    release(canvas, end, button, mods)


def key(canvas: Canvas, key_code: Qt.Key, mods: Qt.KeyboardModifier = NO_MODS) -> None:
    QTest.keyClick(canvas.view, key_code, mods)


def drop_kind(c: Canvas, kind: str, at: QPoint) -> None:
    """Drag a palette entry (the kind mime type) onto the viewport and drop it at ``at``."""
    mime = QMimeData()
    mime.setData(MIME_KIND, kind.encode("utf-8"))
    viewport = c.view.viewport()
    enter = QDragEnterEvent(at, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(at), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, drop)
