"""After an edit the minimap draws again only the part of its picture the change touches (issue 13: the
whole picture of the 45,000-block design took ~0.2 s, most of it its 55,000 connectors' lines); the
picture kept that way has the pixels of a picture drawn whole."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from app.window.main_window import MainWindow
from app.window.minimap import Minimap
from components.commands import MoveItems
from components.synthetic import synthetic_diagram
from components.validate.findings import Finding
from tests.app.window_helpers import make_window


def _window(qtbot, tmp_path: Path) -> tuple[MainWindow, Minimap]:
    window = make_window(qtbot, tmp_path, synthetic_diagram(600, seed=2))
    window.settle()
    window.validator.close()  # findings of their own would draw again too: not what is counted here
    window.view.zoom_to_fit()
    minimap = window.navigation.minimap
    assert window.scene.overview_mode and minimap.isVisible()
    _settled(qtbot, minimap)
    return window, minimap


def _settled(qtbot, minimap: Minimap) -> None:
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not minimap._timer.isActive())
    minimap.grab()


def _kept_and_whole(minimap: Minimap) -> tuple[QImage, QImage]:
    """The picture as kept, then the picture drawn whole."""
    assert minimap._picture is not None
    kept = minimap._picture.toImage()
    minimap._changed = None
    whole = minimap._redraw().toImage()
    return kept, whole


def test_a_move_draws_again_only_the_part_of_the_picture_it_touches(qtbot, tmp_path: Path) -> None:
    window, minimap = _window(qtbot, tmp_path)
    blocks = window.editor.doc.diagram.blocks
    for step, block in enumerate(blocks[200:203]):
        drawn, patched = minimap.drawn, minimap.patched
        window.editor.push(MoveItems({block.id: (block.x + 40 * (step + 1), block.y + 30)}))
        _settled(qtbot, minimap)
        assert (minimap.drawn, minimap.patched) == (drawn, patched + 1)  # drawn whole before
        kept, whole = _kept_and_whole(minimap)
        assert kept == whole


def test_badges_and_the_selection_draw_again_only_around_their_blocks(qtbot, tmp_path: Path) -> None:
    window, minimap = _window(qtbot, tmp_path)
    blocks = window.editor.doc.diagram.blocks
    block_id = blocks[150].id
    for findings in ([Finding("r", "error", "m", (block_id,), (), 3, "")], []):
        drawn, patched = minimap.drawn, minimap.patched
        window.scene.set_findings(findings)
        _settled(qtbot, minimap)
        assert (minimap.drawn, minimap.patched) == (drawn, patched + 1)
        kept, whole = _kept_and_whole(minimap)
        assert kept == whole
    for chosen in (blocks[9].id, blocks[300].id):
        drawn, patched = minimap.drawn, minimap.patched
        window.scene.select_ids([chosen])
        _settled(qtbot, minimap)
        assert (minimap.drawn, minimap.patched) == (drawn, patched + 1)
        kept, whole = _kept_and_whole(minimap)
        assert kept == whole


def test_a_change_of_the_design_s_extent_layers_or_theme_draws_it_whole(qtbot, tmp_path: Path) -> None:
    window, minimap = _window(qtbot, tmp_path)
    block = window.editor.doc.diagram.blocks[100]
    drawn = minimap.drawn
    window.editor.push(MoveItems({block.id: (block.x - 50_000, block.y)}))  # far out: the picture's area grows
    _settled(qtbot, minimap)
    assert minimap.drawn == drawn + 1
    window.scene.layers.set_state("online", "dimmed")
    _settled(qtbot, minimap)
    assert minimap.drawn == drawn + 2
    kept, whole = _kept_and_whole(minimap)
    assert kept == whole


def test_a_badge_on_a_small_design_is_patched_whole(qtbot, tmp_path: Path) -> None:
    """A small design's minimap is drawn at a large scale, where a badge reaches well past its block: the
    patch was widened by a fixed 3 px and left 74 stale pixels of a badge that came and went."""
    window = make_window(qtbot, tmp_path, synthetic_diagram(1, seed=2))
    window.settle()
    window.validator.close()
    window.view.zoom_to_fit()
    minimap = window.navigation.minimap
    _settled(qtbot, minimap)
    assert minimap._transform().m11() > 0.5
    block_id = window.editor.doc.diagram.blocks[0].id
    for findings in ([Finding("r", "error", "m", (block_id,), (), 3, "")], []):
        patched = minimap.patched
        window.scene.set_findings(findings)
        _settled(qtbot, minimap)
        assert minimap.patched == patched + 1
        kept, whole = _kept_and_whole(minimap)
        assert kept == whole


def test_a_drag_zoomed_out_and_a_zoom_across_the_threshold_patch_the_minimap(qtbot, tmp_path: Path) -> None:
    """Found by review: both told the minimap "everything changed", and it drew the whole picture again
    (~0.2 s at 45,000 blocks) for a drag, the common edit at that size, and for a zoom."""
    window, minimap = _window(qtbot, tmp_path)
    scene = window.scene
    block = window.editor.doc.diagram.blocks[200]
    drawn, patched = minimap.drawn, minimap.patched
    scene.overview.begin_live({block.id})  # as the move tool does zoomed out: at the press
    _settled(qtbot, minimap)
    window.editor.push(MoveItems({block.id: (block.x + 40, block.y + 30)}))  # the drop
    scene.overview.end_live()
    _settled(qtbot, minimap)
    assert minimap.drawn == drawn and minimap.patched > patched
    kept, whole = _kept_and_whole(minimap)
    assert kept == whole
    drawn = minimap.drawn
    scene.set_overview(False)
    scene.set_overview(True)
    block = window.editor.doc.diagram.blocks[201]
    window.editor.push(MoveItems({block.id: (block.x + 40, block.y + 30)}))
    _settled(qtbot, minimap)
    assert minimap.drawn == drawn
    kept, whole = _kept_and_whole(minimap)
    assert kept == whole
