"""The window actions of finding, connecting and converting (Edit menu) and of the legend, minimap,
outline, layers and full screen (View menu). WindowActions calls these while it builds its menus, so
each is a QAction with its keys in the shortcuts dialog like every other; the canvas's context menus
offer the connector and block ones too (``scene.shared_actions``). They act on what WindowActions was
given: the editor, the scene, and the window's Navigation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from app.canvas import convert
from app.canvas.scene import CanvasScene
from components.layers import LAYERS, PART_LAYERS, VISIBILITIES, LayerView

if TYPE_CHECKING:
    from app.window.actions import WindowActions

Keys = QKeySequence.StandardKey
EDIT_ACTIONS = ("find", "find_next", "find_previous", None, "connect_to", "reverse", "change_kind")
VIEW_ACTIONS = ("legend", "minimap", "outline", "full_screen")
VERBS = {"shown": "&Show", "dimmed": "&Dim", "hidden": "&Hide"}


def make_edit_actions(a: WindowActions) -> None:
    nav, scene = a.navigation, a.scene
    a.make("find", "&Find…", nav.find_bar.open, keys=["Ctrl+F", Keys.Find],
           tip="Find blocks, connectors, notes and frames by label, kind or finding")
    a.make("find_next", "Find Ne&xt", nav.find_bar.next, keys=["F3", Keys.FindNext], tip="Go to the next match")
    a.make("find_previous", "Find Pr&evious", nav.find_bar.previous, keys=["Shift+F3", Keys.FindPrevious],
           tip="Go to the previous match")
    a.make("connect_to", "Connect T&o…", lambda: connect_to(a), keys=["Ctrl+K"],
           tip="Connect the selected block to another one, chosen by name")
    a.make("reverse", "Rever&se Connector", lambda: scene.reverse(scene.selected_ids()), keys=["Ctrl+R"],
           tip="Swap the ends of the selected connectors (flow and label stay)")
    a.make("change_kind", "Change &Kind…", lambda: change_kind(a), keys=["Ctrl+Shift+K"],
           tip="Turn the selected blocks into another kind, keeping label, notes and connectors")
    for name in ("connect_to", "reverse"):
        scene.shared_actions[name] = a.by_name[name]


def make_view_actions(a: WindowActions) -> None:
    nav, view = a.navigation, a.view
    a.make("legend", "Le&gend", lambda on: nav.set_overlay_shown(nav.legend, "view/legend", on), checkable=True,
           tip="Show the legend of connector flows and the layer buttons over the canvas")
    a.make("minimap", "&Minimap", lambda on: nav.set_overlay_shown(nav.minimap, "view/minimap", on),
           checkable=True, tip="Show the whole design in the canvas's corner; click it to move there")
    a.make("outline", "Outli&ne", nav.focus_outline, keys=["Ctrl+Shift+O"],
           tip="Show the outline of the design and put the keyboard in it")
    a.make("full_screen", "Full Scr&een", nav.presentation.set_active, keys=["F11", Keys.FullScreen], checkable=True,
           tip="Present the canvas on the whole screen, panels put away (F11 again to come back)")
    for name, shown in (("legend", nav.legend.isVisibleTo(view)), ("minimap", nav.minimap.isVisibleTo(view))):
        _set_quietly(a.by_name[name], shown)
    nav.legend.closed.connect(lambda: a.by_name["legend"].setChecked(False))
    nav.presentation.toggled.connect(lambda on: _set_quietly(a.by_name["full_screen"], on))


def add_layers_menu(menu: QMenu, scene: CanvasScene) -> QMenu:
    """View > Layers: for each stage and part, show, dim or hide its blocks; and show them all."""
    layers = scene.layers
    sub = menu.addMenu("&Layers")
    sub.setObjectName("layersMenu")
    sub.setToolTipsVisible(True)
    actions: dict[tuple[str, str], QAction] = {}
    for layer in LAYERS:
        if layer is PART_LAYERS[0]:
            sub.addSeparator()
        entry = sub.addMenu(layer.name)
        entry.setToolTip(layer.description)
        group = QActionGroup(entry)
        for state in VISIBILITIES:
            action = entry.addAction(VERBS[state])
            action.setCheckable(True)
            action.setObjectName(f"layer_{layer.id}_{state}")
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, i=layer.id, s=state: layers.set_state(i, s))
            actions[(layer.id, state)] = action
    sub.addSeparator()
    show_all = sub.addAction("Show &All Layers")
    show_all.setObjectName("layersShowAll")
    show_all.triggered.connect(lambda: layers.set_view(LayerView()))

    def follow() -> None:
        for (layer_id, state), action in actions.items():
            action.setChecked(layers.state(layer_id) == state)
        show_all.setEnabled(not layers.view.is_plain)

    layers.changed.connect(follow)
    follow()
    return sub


def update_enabled(a: WindowActions) -> None:
    """What the selection allows: connect one block, reverse connectors, change the kind of blocks."""
    ids, doc = a.scene.selected_ids(), a.editor.doc
    blocks = convert.only(a.editor, ids, "blocks")
    a.by_name["connect_to"].setEnabled(len(blocks) == 1 and len(ids) == 1 and len(doc.diagram.blocks) > 1)
    a.by_name["reverse"].setEnabled(bool(convert.reversible(a.editor, ids)))
    a.by_name["change_kind"].setEnabled(bool(blocks))


def connect_to(a: WindowActions) -> None:
    """Edit > Connect To…: pick the target of a new connector from the selected block by typing its name."""
    scene = a.scene
    ids = scene.selected_ids()
    if len(ids) != 1 or not convert.only(a.editor, ids, "blocks"):
        scene.statusMessage.emit("Select one block to connect from")
        return
    from app.window import pickers  # only when asked: start-up does not pay for the dialog

    chosen = pickers.choose_target(a.window, a.editor.doc, ids[0], scene.theme_name)
    if chosen is not None:
        scene.connect_blocks(ids[0], chosen[0], chosen[1])


def change_kind(a: WindowActions) -> None:
    """Edit > Change Kind…: pick the new kind of the selected blocks by typing its name."""
    scene = a.scene
    blocks = convert.only(a.editor, scene.selected_ids(), "blocks")
    if not blocks:
        scene.statusMessage.emit("Select the blocks whose kind to change")
        return
    from app.window import pickers

    kind = pickers.choose_kind(a.window, a.editor.doc, blocks[0], scene.theme_name)
    if kind is not None:
        scene.change_kind(blocks, kind)


def _set_quietly(action: QAction, on: bool) -> None:
    action.blockSignals(True)
    action.setChecked(on)
    action.blockSignals(False)
