"""Canvas benchmarks (DESIGN.md section 7): open through first paint, full repaint zoomed out, a
frame while dragging one block with everything visible, and Qt's built-in items as a same-run
reference for the zoomed-out repaint. Run: .venv/bin/python -m pytest bench/test_bench_canvas.py
--benchmark-enable."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)

from app.canvas.scene import CanvasScene
from app.canvas.tools.move import MoveTool
from app.canvas.view import CanvasView
from app.editor import Editor
from bench.conftest import VIEWPORT, close, diagram_of
from components import style
from components.model import Diagram

_IMAGE: list[QImage] = []


def paint(view: QGraphicsView) -> None:
    """Paint the whole viewport as a repaint would (into an image: offscreen widgets may skip it)."""
    if not _IMAGE:
        _IMAGE.append(QImage(*VIEWPORT, QImage.Format.Format_ARGB32_Premultiplied))
    painter = QPainter(_IMAGE[0])
    painter.setRenderHints(view.renderHints())
    view.render(painter)
    painter.end()


def _open(diagram: Diagram) -> tuple[Editor, CanvasScene, CanvasView]:
    editor = Editor(diagram)
    scene = CanvasScene(editor)
    view = CanvasView(scene)
    view.resize(*VIEWPORT)
    view.show()
    view.zoom_to_fit()
    paint(view)
    return editor, scene, view


@pytest.fixture
def fitted(qtbot) -> Iterator[tuple[Editor, CanvasScene, CanvasView]]:
    editor, scene, view = _open(diagram_of(5_000))
    qtbot.waitExposed(view)
    QApplication.processEvents()
    yield editor, scene, view
    close(scene, view)


@pytest.mark.parametrize("n", [1_000, 5_000])
def test_open_through_first_paint(benchmark, qapp: QApplication, n: int) -> None:
    opened: list[tuple[CanvasScene, CanvasView]] = []

    def run(diagram: Diagram) -> None:
        _editor, scene, view = _open(diagram)
        opened.append((scene, view))

    benchmark.pedantic(run, setup=lambda: ((diagram_of(n),), {}), rounds=5, iterations=1)
    for scene, view in opened:
        close(scene, view)


def test_open_elbow_through_first_paint(benchmark, qapp: QApplication) -> None:
    """1,000 blocks with every connector drawn elbow: each routed round the blocks near it as the board
    is built. No target: compare with test_open_through_first_paint[1000] in the same run."""
    opened: list[tuple[CanvasScene, CanvasView]] = []

    def run(diagram: Diagram) -> None:
        _editor, scene, view = _open(diagram)
        opened.append((scene, view))

    benchmark.pedantic(run, setup=lambda: ((diagram_of(1_000).model_copy(update={"connector_style": "elbow"}),), {}),
                       rounds=3, iterations=1)
    for scene, view in opened:
        scene.detach()
        view.close()


def test_full_repaint_zoomed_out(benchmark, fitted) -> None:
    _editor, scene, view = fitted
    assert scene.overview_mode
    benchmark(paint, view)


def test_full_repaint_at_100_percent(benchmark, fitted) -> None:
    _editor, scene, view = fitted
    view.reset_zoom()
    view.centerOn(scene.content_rect().center())
    benchmark(paint, view)


@pytest.mark.parametrize("zoom", ["fit", "100%"])
def test_drag_frame_one_block(benchmark, fitted, zoom: str) -> None:
    editor, scene, view = fitted
    block_id = editor.doc.diagram.blocks[len(editor.doc.diagram.blocks) // 2].id
    item = scene.item_for(block_id)
    if zoom == "100%":
        view.reset_zoom()
        view.centerOn(item)
    scene.select_ids([block_id])
    move = MoveTool(scene.tools, block_id, item.scene_frame().center())  # a drag as the mouse would start it
    scene.tools.use(move)
    move._start()
    step = [0]

    def frame() -> None:
        step[0] += 1
        origin = QPointF(editor.doc.block(block_id).x, editor.doc.block(block_id).y)
        item.setPos(origin + QPointF(16 * (step[0] % 20), 0))
        scene.refresh_connectors([block_id])
        if scene.overview_mode:
            scene.overview.update(item.sceneBoundingRect().adjusted(-400, -200, 400, 200))
        QApplication.processEvents()  # Qt repaints the dirty region, as in a real drag

    benchmark(frame)
    move.cancel()


def builtin_items_scene(diagram: Diagram, with_text: bool = False, pen_width: float = 0) -> QGraphicsScene:
    """The design drawn with Qt's own items, no Python paint: a QGraphicsRectItem per block (plus a
    QGraphicsSimpleTextItem label ``with_text``) and a QGraphicsLineItem per connector, centre to centre."""
    scene = QGraphicsScene()
    pens = {flow: QPen(QColor(style.flow_colour(flow)), pen_width) for flow in style.FLOW_STYLES}
    font = QFont(style.FONT_FAMILY)
    font.setPixelSize(style.LABEL_FONT_PX)
    centres = {}
    for block in diagram.blocks:
        width, height = style.block_size(block.kind, block.width, block.height)
        rect = QGraphicsRectItem(block.x, block.y, width, height)
        rect.setBrush(QColor(style.kind_colour(block.kind)))
        scene.addItem(rect)
        if with_text:
            text = QGraphicsSimpleTextItem(block.label)
            text.setFont(font)
            text.setPos(block.x + 12, block.y + height / 2 - 8)
            scene.addItem(text)
        centres[block.id] = rect.rect().center()
    for connector in diagram.connectors:
        a, b = centres[connector.source], centres[connector.target]
        line = QGraphicsLineItem(a.x(), a.y(), b.x(), b.y())
        line.setPen(pens[connector.flow])
        scene.addItem(line)
    return scene


def test_reference_qt_builtin_items_zoomed_out(benchmark, qapp: QApplication) -> None:
    """5,000 QGraphicsRectItems and as many lines, no Python paint at all: what Qt alone costs."""
    scene = builtin_items_scene(diagram_of(5_000))
    view = QGraphicsView(scene)
    view.resize(*VIEWPORT)
    view.show()
    view.fitInView(scene.itemsBoundingRect())
    paint(view)
    benchmark(paint, view)
    view.close()
