"""Context menus of the canvas: on a block, a connector, a note, a group, or the empty canvas."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from app.canvas import operations
from app.canvas.items import BlockItem, CanvasItem, ConnectorItem, GroupItem, NoteItem
from components import style
from components.catalog import kinds_of_stage, stage
from components.model import CONNECTOR_STYLES, ConnectorStyle, connector_style_label
from components.model.types import FLOWS

if TYPE_CHECKING:
    from app.canvas.board import Board
    from app.canvas.tools.box import Toolbox


def _add(menu: QMenu, text: str, slot: Callable[..., object], enabled: bool = True, shortcut: str = "") -> QAction:
    """A menu entry running ``slot()`` (Callable[..., ...]: loops bind their variable as a lambda default)."""
    action = menu.addAction(text)
    action.triggered.connect(lambda _checked=False: slot())
    action.setEnabled(enabled)
    if shortcut:
        action.setShortcut(shortcut)
        action.setShortcutVisibleInContextMenu(True)
    return action


def _one_of(menu: QMenu, entries: list[tuple[QAction, bool]]) -> QActionGroup:
    """Make ``entries`` (action, whether it is the current choice) one exclusive group, shown with radio
    marks: one of several choices, not independent switches (none marked when a selection mixes them)."""
    group = QActionGroup(menu)
    for action, current in entries:
        action.setCheckable(True)
        group.addAction(action)
        action.setChecked(current)
    return group


def context_menu(box: Toolbox, pos: QPointF, item: CanvasItem | None, parent: QWidget | None) -> QMenu:
    """The menu for a right-click at ``pos`` on ``item`` (None: the empty canvas)."""
    menu = QMenu(parent)
    if isinstance(item, ConnectorItem):
        _connector_menu(menu, box, item)
    elif isinstance(item, (BlockItem, NoteItem, GroupItem)):
        _element_menu(menu, box, item)
    else:
        _canvas_menu(menu, box, pos)
    return menu


def _connector_menu(menu: QMenu, box: Toolbox, item: CanvasItem) -> None:
    board = box.board
    editor = board.editor
    current = board.doc.connector(item.item_id).flow
    flows = menu.addMenu("Flow")
    _one_of(flows, [(_add(flows, f"{flow.capitalize()}  ({style.FLOW_STYLES[flow].description})",
                          lambda f=flow: operations.set_flow(editor, item.item_id, f)), flow == current)
                    for flow in FLOWS])
    _add(menu, "Edit label", lambda: box.edit_label(item.item_id), shortcut="F2")
    _lent(menu, board, "reverse")
    _style_menu(menu, board)
    menu.addSeparator()
    _add(menu, "Delete", lambda: operations.delete(editor, board.selected_ids()), shortcut="Del")


def _element_menu(menu: QMenu, box: Toolbox, item: CanvasItem) -> None:
    board = box.board
    editor, doc = board.editor, board.doc
    ids = board.selected_ids()
    blocks = [i for i in ids if isinstance(board.item_for(i), BlockItem)]
    _add(menu, "Edit text" if isinstance(item, NoteItem) else "Rename", lambda: box.edit_label(item.item_id),
         shortcut="F2")
    _add(menu, "Duplicate", lambda: board.duplicate(ids), shortcut="Ctrl+D")
    _add(menu, "Copy", lambda: operations.copy(editor, ids), shortcut="Ctrl+C")
    _add(menu, "Delete" if not isinstance(item, GroupItem) else "Delete frame (keep blocks)",
         lambda: operations.delete(editor, ids), shortcut="Del")
    if blocks:
        _lent(menu, board, "connect_to")
        _kind_menu(menu.addMenu("Change kind"), board, blocks)
        menu.addSeparator()
        all_pinned = all(doc.block(b).pinned for b in blocks)
        _add(menu, "Unpin" if all_pinned else "Pin (keep in place on auto-layout)",
             lambda: operations.set_pinned(editor, blocks, not all_pinned))
        _add(menu, "Group selection", lambda: board.group_selection("Group"))
        groups = doc.diagram.groups
        if groups:
            into = menu.addMenu("Add to group")
            for frame in groups:
                _add(into, frame.label or frame.id, lambda g=frame.id: operations.add_to_group(editor, g, blocks))
        if any(doc.groups_with(b) for b in blocks):
            _add(menu, "Remove from group", lambda: operations.remove_from_groups(editor, blocks))
    if blocks:
        _add(menu, "Auto-layout selection", lambda: board.auto_layout(blocks), len(blocks) >= 2)
    if isinstance(item, GroupItem):
        members = list(doc.get("groups", item.item_id).members)
        _add(menu, "Select members", lambda: board.select_ids(members), enabled=bool(members))
    movable = [i for i in ids if not isinstance(board.item_for(i), ConnectorItem)]
    if len(movable) >= 2:
        menu.addSeparator()
        align = menu.addMenu("Align")
        for edge, label in operations.EDGE_LABELS.items():
            _add(align, label, lambda e=edge: operations.align(editor, movable, e))
        spread = menu.addMenu("Distribute")
        _add(spread, "Horizontally", lambda: operations.distribute(editor, movable, "horizontal"), len(movable) >= 3)
        _add(spread, "Vertically", lambda: operations.distribute(editor, movable, "vertical"), len(movable) >= 3)


def _style_menu(menu: QMenu, board: Board) -> None:
    """How the selected connectors are drawn (straight, elbow, as the design says) and, for bent ones,
    a way back to the route the router finds."""
    ids = [i for i in board.selected_ids() if isinstance(board.item_for(i), ConnectorItem)]
    styles = {board.doc.connector(i).style for i in ids}
    default = board.doc.diagram.connector_style
    sub = menu.addMenu("Draw")
    choices: tuple[ConnectorStyle | None, ...] = (*CONNECTOR_STYLES, None)
    _one_of(sub, [(_add(sub, connector_style_label(choice, default),
                        lambda s=choice: board.set_connector_style(ids, s)), styles == {choice})
                  for choice in choices])
    _add(menu, "Reset route", lambda: board.clear_waypoints(ids),
         enabled=any(board.doc.connector(i).waypoints for i in ids))


def _lent(menu: QMenu, board: Board, name: str) -> None:
    """A window action offered here too (same text, key and code), when the window lent it."""
    action = board.shared_actions.get(name)
    if action is not None:
        menu.addAction(action)


def _kind_menu(menu: QMenu, board: Board, blocks: list[str]) -> None:
    """Change kind: one submenu per stage; label, notes and connectors stay (app/canvas/convert.py)."""
    kinds = {board.doc.block(b).kind for b in blocks}
    for number in (*range(3, 8), None):
        entries = kinds_of_stage(number)
        sub = menu.addMenu(f"{number} {stage(number).name}" if number else "No stage")
        for entry in entries:
            action = _add(sub, entry.name, lambda k=entry.kind: board.change_kind(blocks, k),
                          enabled=kinds != {entry.kind})
            if kinds == {entry.kind}:  # the kind it is now: ticked (and nothing to change to)
                action.setCheckable(True)
                action.setChecked(True)


def _canvas_menu(menu: QMenu, box: Toolbox, pos: QPointF) -> None:
    board = box.board
    _add(menu, "Paste here", lambda: board.paste(pos), operations.can_paste(), "Ctrl+V")
    _add(menu, "Add note here", lambda: board.add_note(pos))
    menu.addSeparator()
    _add(menu, "Select all", board.select_all, bool(board.item_ids()), "Ctrl+A")
    _add(menu, "Zoom to fit", board.zoomToFitRequested.emit)
    _add(menu, "Auto-layout", board.auto_layout, bool(board.doc.diagram.blocks))
    elbows = _add(menu, "Elbow connectors", lambda: board.set_default_style(
        "straight" if board.doc.diagram.connector_style == "elbow" else "elbow"))
    elbows.setCheckable(True)
    elbows.setChecked(board.doc.diagram.connector_style == "elbow")
    snap = _add(menu, "Snap to grid", lambda: setattr(board, "snap_enabled", not board.snap_enabled))
    snap.setCheckable(True)
    snap.setChecked(board.snap_enabled)
