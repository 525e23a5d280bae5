"""Zoomed out, an edit costs the records it touches (app/canvas/overview_records.py), not a pass over the
design: one set of records for the canvas and the minimap, the drawing kept as pixels between edits, a
rename redrawing nothing, and the cached pixels the ones drawn straight."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from app.canvas import overview
from app.canvas.overview_records import OverviewRecords
from components.commands import MoveItems, Relabel, SetProperty
from components.model import Group, Note
from components.synthetic import far_connectors_diagram, synthetic_diagram
from tests.app.canvas_helpers import Canvas, make_canvas
from tests.app.window_helpers import make_window


def _zoomed_out(qtbot, diagram=None) -> Canvas:
    canvas = make_canvas(qtbot, diagram or synthetic_diagram(300, seed=3))
    canvas.view.zoom_to_fit()
    assert canvas.scene.overview_mode
    canvas.view.viewport().grab()  # the first picture
    return canvas


def _records_like_new(canvas: Canvas) -> None:
    """The records kept in step hold what records made afresh from the model hold."""
    kept = canvas.scene.overview.records
    fresh = OverviewRecords(canvas.doc, canvas.scene.routes.last)
    fresh.ensure()
    assert {k: dict(v) for k, v in kept.blocks.items()} == {k: dict(v) for k, v in fresh.blocks.items()}
    assert kept.kind_of == fresh.kind_of and kept.flow_of == fresh.flow_of
    assert kept.notes == fresh.notes and kept.groups == fresh.groups
    assert {k: dict(v) for k, v in kept.lines.items()} == {k: dict(v) for k, v in fresh.lines.items()}


def test_a_move_makes_again_only_the_records_of_the_block_and_its_connectors(qtbot) -> None:
    canvas = _zoomed_out(qtbot)
    records = canvas.scene.overview.records
    block = canvas.doc.diagram.blocks[5]
    connectors = canvas.doc.connector_ids_of([block.id])
    assert connectors
    before = {i: records.lines[records.flow_of[i]][i] for i in records.flow_of}
    made = records.made
    canvas.editor.push(MoveItems({block.id: (block.x + 300, block.y - 200)}))
    assert records.made == made + 1  # one block record (its connectors' lines are part of its work)
    changed = {i for i, lines in before.items() if records.lines[records.flow_of[i]][i] is not lines}
    assert changed == connectors
    _records_like_new(canvas)


def test_records_follow_adds_removals_notes_groups_and_undo(qtbot) -> None:
    canvas = _zoomed_out(qtbot)
    doc = canvas.doc
    from components.commands import AddItems, RemoveItems

    canvas.editor.push(AddItems([("notes", Note(id="n1", text="hi", x=10, y=20)),
                                  ("groups", Group(id="g1", label="G", x=0, y=0))]))
    victim = doc.diagram.blocks[7].id
    canvas.editor.push(RemoveItems([victim]))
    canvas.editor.push(MoveItems({"n1": (400.0, 400.0), "g1": (-100.0, -50.0)}))
    _records_like_new(canvas)
    canvas.undo_all()
    _records_like_new(canvas)


def test_a_rename_draws_nothing_again_and_a_move_gathers_the_shapes_once_for_canvas_and_minimap(qtbot,
                                                                                                tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path, synthetic_diagram(300, seed=3))
    window.settle()
    window.validator.close()  # new findings would draw again too: not what is counted here
    window.view.zoom_to_fit()
    minimap = window.navigation.minimap
    assert window.scene.overview_mode and minimap.isVisible()
    window.view.viewport().grab()
    qtbot.waitUntil(lambda: not minimap._timer.isActive())
    minimap.grab()
    overview = window.scene.overview
    shaped, drawn = overview.shaped, overview.drawn + overview.patched
    block = window.editor.doc.diagram.blocks[3]
    window.editor.push(Relabel("blocks", block.id, "Another name"))
    window.view.viewport().grab()
    # zoomed out, labels are drawn only when the boxes hold them (overview_labels.py): then only around the block
    assert (overview.shaped, overview.drawn + overview.patched) == (shaped, drawn + overview.labelling)
    assert not minimap._timer.isActive()  # the minimap draws no labels
    drawn = overview.drawn + overview.patched
    window.editor.push(MoveItems({block.id: (block.x + 500, block.y)}))
    window.view.viewport().grab()
    qtbot.waitUntil(lambda: not minimap._timer.isActive())
    minimap.grab()
    assert (overview.shaped, overview.drawn + overview.patched) == (shaped + 1, drawn + 1)
    window.view.viewport().grab()  # a repaint with nothing changed copies the pixels
    assert overview.drawn + overview.patched == drawn + 1


def _painted(canvas: Canvas) -> QImage:
    """The viewport as the window paints it."""
    QApplication.processEvents()
    return canvas.view.viewport().grab().toImage()


def _kept_and_straight(canvas: Canvas, monkeypatch: pytest.MonkeyPatch) -> tuple[QImage, QImage]:
    """The viewport painted with the overview's kept pixels, then with its shapes drawn straight."""
    kept = _painted(canvas)
    with monkeypatch.context() as patch:
        patch.setattr(overview, "_cache_key", lambda _painter, _view: None)
        canvas.scene.overview.update()
        straight = _painted(canvas)
    return kept, straight


def test_the_kept_pixels_are_the_pixels_drawn_straight_after_edits(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    design = far_connectors_diagram(400, 500, seed=5)
    design = design.model_copy(update={"notes": [Note(id="n", text="x", x=200, y=300, width=900, height=500)],
                                       "groups": [Group(id="g", label="G", x=-100, y=-100, width=3000, height=900),
                                                  Group(id="h", label="H", x=500, y=200, width=2000, height=1500)]})
    canvas = _zoomed_out(qtbot, design)
    canvas.scene.layers.set_state("online", "dimmed")
    canvas.scene.layers.set_state("monitoring", "hidden")
    for step, block in enumerate(canvas.doc.diagram.blocks[:4]):
        canvas.editor.push(MoveItems({block.id: (block.x + 700 * step, block.y + 90)}))
        canvas.editor.push(SetProperty(block.id, "p99_ms", 5)) if block.kind == "inference_service" else None
        kept, straight = _kept_and_straight(canvas, monkeypatch)
        assert kept == straight
        drawn = canvas.scene.overview.drawn + canvas.scene.overview.patched
        assert _painted(canvas) == kept  # copied, not drawn again
        assert canvas.scene.overview.drawn + canvas.scene.overview.patched == drawn
    patched = canvas.scene.overview.patched
    canvas.scene.select_ids([canvas.doc.diagram.blocks[9].id])  # the selection's outline drawn in the kept image
    kept, straight = _kept_and_straight(canvas, monkeypatch)
    assert kept == straight
    canvas.scene.select_ids([canvas.doc.diagram.blocks[30].id])  # ... and taken out of it
    kept, straight = _kept_and_straight(canvas, monkeypatch)
    assert kept == straight and canvas.scene.overview.patched > patched
    canvas.view.centerOn(QPointF(900, 700))
    kept, straight = _kept_and_straight(canvas, monkeypatch)
    assert kept == straight


def test_a_move_with_short_connectors_draws_again_only_the_part_it_touches(qtbot, monkeypatch) -> None:
    canvas = _zoomed_out(qtbot, synthetic_diagram(600, seed=2))
    overview = canvas.scene.overview
    drawn, patched = overview.drawn, overview.patched
    block = canvas.doc.diagram.blocks[200]
    canvas.editor.push(MoveItems({block.id: (block.x + 40, block.y + 30)}))
    kept, straight = _kept_and_straight(canvas, monkeypatch)
    assert kept == straight
    assert (overview.drawn, overview.patched) == (drawn, patched + 1)


def test_a_badge_that_comes_or_goes_draws_again_only_around_its_block(qtbot, monkeypatch) -> None:
    from components.validate.findings import Finding

    canvas = _zoomed_out(qtbot, synthetic_diagram(600, seed=2))
    overview = canvas.scene.overview
    block_id = canvas.doc.diagram.blocks[150].id
    for findings in ([Finding("r", "error", "m", (block_id,), (), 3, "")], []):
        drawn, patched = overview.drawn, overview.patched
        canvas.scene.set_findings(findings)
        kept, straight = _kept_and_straight(canvas, monkeypatch)
        assert kept == straight
        assert (overview.drawn, overview.patched) == (drawn, patched + 1)
