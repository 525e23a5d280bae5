"""Going to an element on a hidden layer (trial 23 F17): a finding, a checklist step or an outline row
whose block is hidden showed empty grid and selected nothing. The layers holding it are shown again (a
view change the legend and the status bar show; never a command), then it is selected and centred."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app.window.main_window import MainWindow
from components.io import dumps
from tests.app.canvas_helpers import block
from tests.app.window_helpers import click_item, make_window, monitored_design


def _with_lone_cache(qtbot, tmp_path: Path) -> MainWindow:
    design = monitored_design()
    lone = block("cache", "cache", 2400, 1600, "Cache")  # far from the rest: centring it moves the view
    window = make_window(qtbot, tmp_path, design.model_copy(update={"blocks": [*design.blocks, lone]}))
    window.validator.run_now()
    qtbot.waitUntil(lambda: window.validator.runs >= 1)
    return window


def _click_layer(window: MainWindow, layer_id: str) -> None:
    button = window.navigation.legend.layer_buttons[layer_id]
    QTest.mouseClick(button, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(8, button.height() // 2))


def _in_sight(window: MainWindow, block_id: str) -> bool:
    """In the viewport and under no overlay (legend, minimap, find bar)."""
    return window.view.shows_clear(window.scene.item_for(block_id).sceneBoundingRect())


def test_a_finding_on_a_hidden_layer_shows_the_layer_again_selects_and_centres(qtbot, tmp_path: Path) -> None:
    window = _with_lone_cache(qtbot, tmp_path)
    before = dumps(window.editor.doc.diagram)
    _click_layer(window, "stage-6")
    _click_layer(window, "stage-6")  # dimmed, then hidden
    assert window.scene.layers.state("stage-6") == "hidden"
    assert not window.scene.item_for("cache").isVisible()
    row = window.findings.item_of("orphan-block")
    assert row is not None
    click_item(window.findings.tree, row)
    assert window.scene.layers.state("stage-6") == "shown"
    assert window.scene.item_for("cache").isVisible()
    assert window.scene.selected_ids() == ["cache"]
    assert _in_sight(window, "cache")
    assert window.statusBar().currentMessage() == "Showed layer 6 Serving again for this finding"
    assert window.navigation.legend.layer_buttons["stage-6"].accessibleName().endswith(": shown")
    assert dumps(window.editor.doc.diagram) == before and window.editor.undo_stack.count() == 0


def test_both_hidden_layers_of_a_block_are_shown_and_named(qtbot, tmp_path: Path) -> None:
    window = _with_lone_cache(qtbot, tmp_path)
    window.scene.layers.set_state("stage-6", "hidden")
    window.scene.layers.set_state("online", "hidden")
    window.scene.layers.set_state("stage-3", "hidden")  # holds nothing the finding is about: stays hidden
    click_item(window.findings.tree, window.findings.item_of("orphan-block"))
    assert window.scene.selected_ids() == ["cache"]
    assert window.statusBar().currentMessage() == "Showed layers 6 Serving and Online again for this finding"
    assert window.scene.layers.state("stage-3") == "hidden"


def test_a_finding_on_a_dimmed_layer_is_selected_where_it_is(qtbot, tmp_path: Path) -> None:
    window = _with_lone_cache(qtbot, tmp_path)
    window.scene.layers.set_state("stage-6", "dimmed")
    click_item(window.findings.tree, window.findings.item_of("orphan-block"))
    assert window.scene.selected_ids() == ["cache"] and _in_sight(window, "cache")
    assert window.scene.layers.state("stage-6") == "dimmed"  # a faint block can be selected: the view stays


def test_a_checklist_step_on_a_hidden_layer_shows_it_again(qtbot, tmp_path: Path) -> None:
    window = _with_lone_cache(qtbot, tmp_path)
    window.scene.layers.set_state("monitoring", "hidden")
    window.checklist_dock.show()
    window.checklist_dock.raise_()
    tree = window.checklist.tree
    row = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
               if tree.topLevelItem(i).text(0).startswith("7."))
    click_item(tree, row)
    assert window.scene.layers.state("monitoring") == "shown"
    assert "mon" in window.scene.selected_ids()
    assert window.statusBar().currentMessage() == "Showed layer Monitoring again for this step"


def test_an_outline_row_on_a_hidden_layer_shows_it_again(qtbot, tmp_path: Path) -> None:
    window = _with_lone_cache(qtbot, tmp_path)
    window.scene.layers.set_state("stage-7", "hidden")
    window.navigation.focus_outline()
    outline = window.navigation.outline
    row = outline._block_row("mon")
    assert row is not None
    click_item(outline.tree, row)
    assert window.scene.layers.state("stage-7") == "shown"
    assert window.scene.selected_ids() == ["mon"]
    assert window.statusBar().currentMessage() == "Showed layer 7 Monitoring again for this outline row"


def test_on_a_small_canvas_the_finding_is_centred_clear_of_the_unfolded_legend(qtbot, tmp_path: Path) -> None:
    """Seen at 1024x700: the middle of the canvas lay under the unfolded legend, so the block the finding
    centred stayed out of sight."""
    window = _with_lone_cache(qtbot, tmp_path)
    legend = window.navigation.legend
    legend.show()
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: legend.folded)
    QTest.mouseClick(legend.fold_button, Qt.MouseButton.LeftButton)
    window.view.set_zoom(1.0)
    window.scene.layers.set_state("stage-6", "hidden")
    click_item(window.findings.tree, window.findings.item_of("orphan-block"))
    assert window.scene.selected_ids() == ["cache"]
    assert _in_sight(window, "cache")
