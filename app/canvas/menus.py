"""Context menus of the canvas: on a block, a connector, a note, a group, or the empty canvas."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from app.canvas import convert, operations
from app.canvas.items import BlockItem, CanvasItem, ConnectorItem, GroupItem, NoteItem
from components import style
from components.catalog import kinds_of_stage, stage
from components.model.types import FLOWS

if TYPE_CHECKING:
    from app.canvas.scene import CanvasScene

ALIGN_LABELS = {"left": "Left edges", "hcentre": "Horizontal centres", "right": "Right edges",
                "top": "Top edges", "vcentre": "Vertical centres", "bottom": "Bottom edges"}


def _add(menu: QMenu, text: str, slot: Callable[[], object], enabled: bool = True, shortcut: str = "") -> QAction:
    action = menu.addAction(text)
    action.triggered.connect(lambda _checked=False: slot())
    action.setEnabled(enabled)
    if shortcut:
        action.setShortcut(shortcut)
        action.setShortcutVisibleInContextMenu(True)
    return action


def context_menu(scene: CanvasScene, pos: QPointF, item: CanvasItem | None, parent: QWidget | None) -> QMenu:
    """The menu for a right-click at ``pos`` on ``item`` (None: the empty canvas)."""
    menu = QMenu(parent)
    if isinstance(item, ConnectorItem):
        _connector_menu(menu, scene, item)
    elif isinstance(item, (BlockItem, NoteItem, GroupItem)):
        _element_menu(menu, scene, item)
    else:
        _canvas_menu(menu, scene, pos)
    return menu


def _connector_menu(menu: QMenu, scene: CanvasScene, item: CanvasItem) -> None:
    editor = scene.editor
    current = scene.doc.connector(item.item_id).flow
    flows = menu.addMenu("Flow")
    for flow in FLOWS:
        action = _add(flows, f"{flow.capitalize()}  ({style.FLOW_STYLES[flow].description})",
                      lambda f=flow: operations.set_flow(editor, item.item_id, f))
        action.setCheckable(True)
        action.setChecked(flow == current)
    _add(menu, "Edit label", lambda: scene.edit_label(item.item_id), shortcut="F2")
    _lent(menu, scene, "reverse")
    menu.addSeparator()
    _add(menu, "Delete", lambda: operations.delete(editor, scene.selected_ids()), shortcut="Del")


def _element_menu(menu: QMenu, scene: CanvasScene, item: CanvasItem) -> None:
    editor, doc = scene.editor, scene.doc
    ids = scene.selected_ids()
    blocks = [i for i in ids if isinstance(scene.item_for(i), BlockItem)]
    _add(menu, "Edit text" if isinstance(item, NoteItem) else "Rename", lambda: scene.edit_label(item.item_id),
         shortcut="F2")
    _add(menu, "Duplicate", lambda: operations.duplicate(editor, scene, ids), shortcut="Ctrl+D")
    _add(menu, "Copy", lambda: operations.copy(editor, ids), shortcut="Ctrl+C")
    _add(menu, "Delete" if not isinstance(item, GroupItem) else "Delete frame (keep blocks)",
         lambda: operations.delete(editor, ids), shortcut="Del")
    if blocks:
        _lent(menu, scene, "connect_to")
        _kind_menu(menu.addMenu("Change kind"), scene, blocks)
        menu.addSeparator()
        all_pinned = all(doc.block(b).pinned for b in blocks)
        _add(menu, "Unpin" if all_pinned else "Pin (keep in place on auto-layout)",
             lambda: operations.set_pinned(editor, blocks, not all_pinned))
        _add(menu, "Group selection", lambda: scene.group_selection("Group"))
        groups = doc.diagram.groups
        if groups:
            into = menu.addMenu("Add to group")
            for frame in groups:
                _add(into, frame.label or frame.id, lambda g=frame.id: operations.add_to_group(editor, g, blocks))
        if any(doc.groups_with(b) for b in blocks):
            _add(menu, "Remove from group", lambda: operations.remove_from_groups(editor, blocks))
    if blocks and operations.layout_available():
        _add(menu, "Auto-layout selection", lambda: operations.auto_layout(editor, scene, blocks), len(blocks) >= 2)
    if isinstance(item, GroupItem):
        members = list(doc.get("groups", item.item_id).members)
        _add(menu, "Select members", lambda: scene.select_ids(members), enabled=bool(members))
    movable = [i for i in ids if not isinstance(scene.item_for(i), ConnectorItem)]
    if len(movable) >= 2:
        menu.addSeparator()
        align = menu.addMenu("Align")
        for edge, label in ALIGN_LABELS.items():
            _add(align, label, lambda e=edge: operations.align(editor, movable, e))
        spread = menu.addMenu("Distribute")
        _add(spread, "Horizontally", lambda: operations.distribute(editor, movable, "horizontal"), len(movable) >= 3)
        _add(spread, "Vertically", lambda: operations.distribute(editor, movable, "vertical"), len(movable) >= 3)


def _lent(menu: QMenu, scene: CanvasScene, name: str) -> None:
    """A window action offered here too (same text, key and code), when the window lent it."""
    action = scene.shared_actions.get(name)
    if action is not None:
        menu.addAction(action)


def _kind_menu(menu: QMenu, scene: CanvasScene, blocks: list[str]) -> None:
    """Change kind: one submenu per stage; label, notes and connectors stay (app/canvas/convert.py)."""
    kinds = {scene.doc.block(b).kind for b in blocks}
    for number in (*range(3, 8), None):
        entries = kinds_of_stage(number)
        sub = menu.addMenu(f"{number} {stage(number).name}" if number else "No stage")
        for entry in entries:
            action = _add(sub, entry.name, lambda k=entry.kind: convert.change_kind(scene.editor, blocks, k,
                                                                                    scene.statusMessage.emit),
                          enabled=kinds != {entry.kind})
            if kinds == {entry.kind}:  # the kind it is now: ticked (and nothing to change to)
                action.setCheckable(True)
                action.setChecked(True)


def _canvas_menu(menu: QMenu, scene: CanvasScene, pos: QPointF) -> None:
    editor = scene.editor
    _add(menu, "Paste here", lambda: operations.paste(editor, scene, pos), operations.can_paste(), "Ctrl+V")
    _add(menu, "Add note here", lambda: scene.add_note(pos))
    menu.addSeparator()
    _add(menu, "Select all", lambda: operations.select_all(scene), bool(scene.item_ids()), "Ctrl+A")
    views = scene.views()
    if views:
        _add(menu, "Zoom to fit", lambda: views[0].zoom_to_fit())  # type: ignore[attr-defined]
    _add(menu, "Auto-layout", lambda: operations.auto_layout(editor, scene), operations.layout_available()
         and bool(scene.doc.diagram.blocks))
    snap = _add(menu, "Snap to grid", lambda: setattr(scene, "snap_enabled", not scene.snap_enabled))
    snap.setCheckable(True)
    snap.setChecked(scene.snap_enabled)
