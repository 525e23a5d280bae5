"""Layers on the canvas: the legend's buttons and View > Layers show, dim or hide a stage's or a part's
blocks and their connectors, as view state only (the document, its undo history and exports stay)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu

from app.window.main_window import MainWindow
from components.commands import ChangeKind
from components.io import dumps
from components.layers import DIM_OPACITY
from tests.app.window_helpers import make_window


def shown(window: MainWindow, item_id: str) -> bool:
    return window.scene.item_for(item_id).isVisible()


def opacity(window: MainWindow, item_id: str) -> float:
    return window.scene.item_for(item_id).opacity()


def click_layer(window: MainWindow, layer_id: str, button: Qt.MouseButton = Qt.MouseButton.LeftButton) -> None:
    widget = window.navigation.legend.layer_buttons[layer_id]
    QTest.mouseClick(widget, button, Qt.KeyboardModifier.NoModifier, QPoint(8, widget.height() // 2))


def test_a_click_dims_another_hides_a_third_shows_and_nothing_is_a_command(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    before = dumps(window.editor.doc.diagram)
    click_layer(window, "stage-7")  # monitoring, alerting, logging
    assert opacity(window, "mon") == DIM_OPACITY and shown(window, "mon")
    assert opacity(window, "c_obs") == DIM_OPACITY  # serve -> mon: dimmed with its end
    assert opacity(window, "serve") == 1.0
    click_layer(window, "stage-7")
    assert not shown(window, "mon") and not shown(window, "alert") and not shown(window, "c_obs")
    assert shown(window, "serve") and shown(window, "c_req")
    assert "hidden" in window.statusBar().currentMessage()
    button = window.navigation.legend.layer_buttons["stage-7"]
    assert button.font().strikeOut() and button.accessibleName() == "7 Monitoring: hidden"
    click_layer(window, "stage-7")
    assert shown(window, "mon") and opacity(window, "mon") == 1.0
    assert dumps(window.editor.doc.diagram) == before and window.editor.undo_stack.count() == 0


def test_hidden_blocks_cannot_be_selected_and_new_ones_follow_their_layer(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["mon", "serve"])
    window.scene.layers.set_state("monitoring", "hidden")  # the monitoring part: monitoring, alerting, logging
    assert window.scene.selected_ids() == ["serve"]
    window.scene.select_all()
    assert not {"mon", "alert", "log", "c_obs", "c_log"} & set(window.scene.selected_ids())
    new = window.scene.place_block("alerting", window.view.centre_scene_pos())
    assert new is not None and not shown(window, new)
    window.editor.push(ChangeKind("serve", "monitoring"))  # into a hidden layer: hidden, connectors too
    assert not shown(window, "serve") and not shown(window, "c_req")
    window.editor.undo_stack.undo()
    assert shown(window, "serve") and shown(window, "c_req")


def test_view_menu_layers_and_show_all(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    menu = window.findChild(QMenu, "layersMenu")
    hide_online = next(a for a in _all_actions(menu) if a.objectName() == "layer_online_hidden")
    hide_online.trigger()
    assert not shown(window, "client") and not shown(window, "serve") and shown(window, "train")
    assert window.navigation.legend.layer_buttons["online"].accessibleName() == "Online part: hidden"
    dim_data = next(a for a in _all_actions(menu) if a.objectName() == "layer_stage-3_dimmed")
    dim_data.trigger()
    assert opacity(window, "data") == DIM_OPACITY
    show_all = next(a for a in _all_actions(menu) if a.objectName() == "layersShowAll")
    assert show_all.isEnabled()
    show_all.trigger()
    assert shown(window, "client") and opacity(window, "data") == 1.0 and not show_all.isEnabled()


def test_zoomed_out_overview_leaves_hidden_blocks_out(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.layers.set_state("stage-7", "hidden")
    window.view.set_zoom(0.1)
    assert window.scene.overview_mode
    shapes, _selected = window.scene.overview._from_model()
    drawn = {(r.x(), r.y()) for rects in shapes.blocks.values() for r in rects}
    model = window.editor.doc
    assert (model.block("mon").x, model.block("mon").y) not in drawn
    assert (model.block("serve").x, model.block("serve").y) in drawn


def test_right_click_on_a_layer_button_shows_only_that_stage(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    button = window.navigation.legend.layer_buttons["stage-6"]
    menu = button.menu_for()
    next(a for a in menu.actions() if a.text() == "Show only this").trigger()
    assert window.scene.layers.state("stage-6") == "shown" and window.scene.layers.state("stage-3") == "hidden"
    assert shown(window, "serve") and not shown(window, "data")


def test_opening_another_design_shows_every_layer_again(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.layers.set_state("offline", "hidden")
    window.editor.replace(window.editor.doc.diagram.model_copy(deep=True), None)
    assert window.scene.layers.view.is_plain and shown(window, "train")


def _all_actions(menu: QMenu) -> Iterator[QAction]:
    for action in menu.actions():
        yield action
        if action.menu() is not None:
            yield from _all_actions(action.menu())
