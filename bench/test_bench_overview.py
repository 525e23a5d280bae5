"""Zoomed out, one edit of a big design (issue 13: the 45,000-block window took 2-3 s an edit): what the
canvas and the minimap do after a move, against the same two pictures made afresh from the model, which
is what every edit cost before the overview kept records (app/canvas/overview_records.py). Same run,
same design: the ratio holds on any machine. With long connectors across the design ("far") the pixels
of the lines are most of either figure, so the two come close; with short ones ("grid") the records are."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from app.canvas.scene import CanvasScene
from app.canvas.view import CanvasView
from app.editor import Editor
from app.window.minimap import Minimap
from bench.conftest import VIEWPORT, close
from components.commands import MoveItems
from components.synthetic import far_connectors_diagram, synthetic_diagram

BLOCKS, CONNECTORS = 10_000, 12_000
DESIGNS = {"grid": lambda: synthetic_diagram(BLOCKS, seed=7),  # short connectors: the drawing is cheap
           "far": lambda: far_connectors_diagram(BLOCKS, CONNECTORS, seed=1)}  # long ones: drawing them dominates


@pytest.fixture(params=sorted(DESIGNS))
def zoomed_out(qtbot, request: pytest.FixtureRequest) -> Iterator[tuple[Editor, CanvasScene, CanvasView, Minimap]]:
    editor = Editor(DESIGNS[request.param]())
    scene = CanvasScene(editor)
    view = CanvasView(scene)
    view.resize(*VIEWPORT)
    minimap = Minimap(scene, view, view)
    view.show()
    qtbot.waitExposed(view)
    view.zoom_to_fit()
    QApplication.processEvents()
    assert scene.overview_mode and minimap.isVisible()
    yield editor, scene, view, minimap
    close(scene, view)


def _both_pictures(view: CanvasView, minimap: Minimap) -> None:
    view.viewport().repaint()
    minimap._redraw()


def test_zoomed_out_one_move(benchmark: Any, zoomed_out) -> None:
    """Move one block (and so its long connectors), then the canvas's and the minimap's pictures."""
    editor, scene, view, minimap = zoomed_out
    block_id = editor.doc.diagram.blocks[BLOCKS // 2].id
    step = [0]

    def one_move() -> None:
        step[0] += 1
        editor.push(MoveItems.by(editor.doc, [block_id], 40 if step[0] % 2 else -40, 0, text=f"Move {step[0]}"))
        _both_pictures(view, minimap)

    benchmark.pedantic(one_move, rounds=20, warmup_rounds=2)
    benchmark.extra_info.update(blocks=len(editor.doc.diagram.blocks), connectors=len(editor.doc.diagram.connectors),
                                records_made=scene.overview.records.made)


def test_zoomed_out_everything_afresh_reference(benchmark: Any, zoomed_out) -> None:
    """The same two pictures with every record made again from the model (the cost of an edit before)."""
    _editor, scene, view, minimap = zoomed_out

    def afresh() -> None:
        scene.overview.records.forget()
        _both_pictures(view, minimap)

    benchmark.pedantic(afresh, rounds=20, warmup_rounds=2)
