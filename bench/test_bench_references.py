"""Same-run references for machine-free ratios (bench/report.py prints them):

- our SVG writer vs Qt's QSvgGenerator painting the same 5,000-block canvas scene;
- our items' repaint at 100 % vs Qt's built-in QGraphicsRectItem + QGraphicsSimpleTextItem (+ a
  QGraphicsLineItem per connector) showing the same blocks and labels from the same viewport.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView

from app.canvas.scene import CanvasScene
from app.canvas.view import CanvasView
from app.editor import Editor
from bench.conftest import VIEWPORT, close, diagram_of
from bench.test_bench_canvas import builtin_items_scene, paint


@pytest.fixture(scope="module")
def canvas_5000(qapp: QApplication) -> Iterator[CanvasScene]:
    scene = CanvasScene(Editor(diagram_of(5_000)))
    view = CanvasView(scene)  # a view, so the scene is laid out and styled as in the app
    view.resize(*VIEWPORT)
    scene.reveal(scene.content_rect())  # a big design makes items for what is shown: make them all here
    yield scene
    close(scene, view)


def _qsvg(scene: QGraphicsScene, rect: QRectF) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(rect.size().toSize())
    generator.setViewBox(rect)
    painter = QPainter(generator)
    scene.render(painter, rect, rect)
    painter.end()
    buffer.close()
    return bytes(data.data())


def test_qsvggenerator_same_scene(benchmark, canvas_5000: CanvasScene) -> None:
    """QSvgGenerator painting the 5,000-block canvas scene at 1:1 (full detail, like our SVG)."""
    rect = canvas_5000.content_rect()
    svg = benchmark.pedantic(_qsvg, args=(canvas_5000, rect), rounds=5, iterations=1)
    benchmark.extra_info.update(bytes=len(svg), blocks=5_000)


def test_reference_qt_builtin_items_at_100_percent(benchmark, qapp: QApplication) -> None:
    """Compare with test_bench_canvas.py::test_full_repaint_at_100_percent (same viewport, same centre)."""
    scene = builtin_items_scene(diagram_of(5_000), with_text=True, pen_width=1.5)
    view = QGraphicsView(scene)
    view.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    view.resize(*VIEWPORT)
    view.show()
    canvas = CanvasScene(Editor(diagram_of(5_000)))
    view.centerOn(canvas.content_rect().center())  # where the canvas benchmark looks
    close(canvas)
    paint(view)
    benchmark(paint, view)
    benchmark.extra_info.update(visible_items=len(view.items(view.viewport().rect())))
    view.close()
