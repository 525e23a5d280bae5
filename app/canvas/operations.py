"""Canvas edits as functions: each builds core commands and pushes ONE undo step via editor.push.

The window's menu actions and the canvas's own keys and context menus reach these (through the
board when the result is to be selected), so every path to an edit behaves the same. Functions take
the Editor, and the Grid when they place something; they never touch the scene: what they made is
returned (the caller selects it) and why nothing was made is raised as ``NotDone``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QMimeData, QPointF, QRectF
from PySide6.QtGui import QGuiApplication

from app.canvas import fragment
from app.canvas.geometry import Grid
from app.canvas.moves import NudgeMove, with_members
from app.editor import Editor
from components import style
from components.catalog import KINDS, spec
from components.commands import AddBlock, AddItems, Macro, MoveItems, Relabel, RemoveItems, SetFlow, UpdateItem
from components.commands.elements import offset_positions
from components.document import Document
from components.model import Block, Group, Note, props_model

PASTE_STEP = 2 * style.GRID_SIZE  # how far a paste without a position lands from the originals
GROUP_PADDING = 24.0
# Align edges and their menu names, in menu order (the window's Arrange menu and the context menu).
EDGE_LABELS = {"left": "Left edges", "hcentre": "Horizontal centres", "right": "Right edges",
               "top": "Top edges", "vcentre": "Vertical centres", "bottom": "Bottom edges"}
AXES = ("horizontal", "vertical")


class NotDone(Exception):
    """Nothing was made, for a reason the user reads in the status bar (one line; "" when the editor
    already said why). ``show`` names elements to select instead (e.g. the connector that exists)."""

    def __init__(self, message: str, show: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.show = list(show)


# ----- creating -----------------------------------------------------------------------------------
def place_block(editor: Editor, grid: Grid, kind: str, at: QPointF, clear: bool = False,
                unseen: Sequence[QRectF] = ()) -> list[str]:
    """Add a block of ``kind`` centred at ``at`` (snapped when snap is on); [its id]. With ``clear``
    (placed from the palette, not dropped at a chosen point) it moves the least it must to cover no
    block or note: the middle of the view is usually taken; it also keeps out of ``unseen`` (scene
    areas the user cannot see: under an overlay, outside the view) while a spot in sight is free."""
    if kind not in KINDS:
        raise NotDone(f"Unknown block kind {kind!r}")
    width, height = style.block_size(kind, None, None)
    corner = grid.snap_point(QPointF(at.x() - width / 2, at.y() - height / 2))
    if clear:
        corner = _clear_spot(editor, grid, corner, width, height, unseen)
    block = Block(id=editor.doc.new_id(kind), kind=kind, label=spec(kind).name, x=corner.x(), y=corner.y(),  # type: ignore[arg-type]  # kind: checked against KINDS above
                  props=props_model(kind)())
    return [block.id] if editor.push(AddBlock(block)) else []


def _clear_spot(editor: Editor, grid: Grid, corner: QPointF, width: float, height: float,
                unseen: Sequence[QRectF] = ()) -> QPointF:
    """``corner`` moved the least, in grid steps, so a ``width`` x ``height`` box keeps clear of every
    block and note, and of ``unseen`` when it can; ``corner`` itself when nothing near is free."""
    from components.layout.geometry import nearest_free  # not at start-up: the layout package is heavy

    fixed = []
    for collection in ("blocks", "notes"):
        for element in getattr(editor.doc.diagram, collection):
            left, top, right, bottom = fragment.element_rect(collection, element)
            fixed.append((left, top, right - left, bottom - top))
    box = (corner.x(), corner.y(), width, height)
    hidden = [(r.x(), r.y(), r.width(), r.height()) for r in unseen]
    shift = nearest_free(box, fixed + hidden, grid.step) if hidden else None
    if shift is None:
        shift = nearest_free(box, fixed, grid.step)
    return corner if shift is None else QPointF(corner.x() + shift[0], corner.y() + shift[1])


def add_note(editor: Editor, grid: Grid, at: QPointF, text: str = "") -> list[str]:
    """Add a sticky note with its top-left corner at ``at`` (snapped); [its id]."""
    corner = grid.snap_point(at)
    note = Note(id=editor.doc.new_id("note"), text=text, x=corner.x(), y=corner.y())
    return [note.id] if editor.push(AddItems([("notes", note)], "Add note")) else []


def _blocks_among(doc: Document, ids: Iterable[str]) -> list[str]:
    return [i for i in ids if (found := doc.find(i)) is not None and found[0] == "blocks"]


def group(editor: Editor, grid: Grid, ids: Iterable[str], label: str = "Group") -> list[str]:
    """Frame the blocks among ``ids`` in a new group (members move with the frame); [its id]."""
    doc = editor.doc
    members = _blocks_among(doc, ids)
    if not members:
        raise NotDone("Select blocks to group")
    rects = [fragment.element_rect("blocks", doc.block(i)) for i in members]
    left = min(r[0] for r in rects) - GROUP_PADDING
    top = min(r[1] for r in rects) - GROUP_PADDING - 2 * style.GROUP_FONT_PX
    right = max(r[2] for r in rects) + GROUP_PADDING
    bottom = max(r[3] for r in rects) + GROUP_PADDING
    if grid.snap:
        step = grid.step
        left, top = math.floor(left / step) * step, math.floor(top / step) * step
        right, bottom = math.ceil(right / step) * step, math.ceil(bottom / step) * step
    frame = Group(id=doc.new_id("group"), label=label, x=left, y=top, width=right - left, height=bottom - top,
                  members=members)
    return [frame.id] if editor.push(AddItems([("groups", frame)], "Group")) else []


# ----- clipboard -----------------------------------------------------------------------------------
def copy(editor: Editor, ids: Iterable[str]) -> None:
    """Put the selection on the clipboard (fragment mime type plus the same JSON as plain text)."""
    data = fragment.fragment_of(editor.doc, ids)
    if fragment.is_empty(data):
        return
    text = fragment.dumps(data)
    mime = QMimeData()
    mime.setData(fragment.MIME_FRAGMENT, text.encode("utf-8"))
    mime.setText(text)
    QGuiApplication.clipboard().setMimeData(mime)


def cut(editor: Editor, ids: Iterable[str]) -> None:
    ids = list(ids)
    copy(editor, ids)
    delete(editor, ids, "Cut")


def clipboard_fragment() -> dict[str, Any] | None:
    """The fragment on the clipboard, or None when it holds none (or something else)."""
    mime = QGuiApplication.clipboard().mimeData()
    if mime is None:
        return None
    if mime.hasFormat(fragment.MIME_FRAGMENT):
        text = bytes(mime.data(fragment.MIME_FRAGMENT).data()).decode("utf-8", "replace")
    elif mime.hasText() and mime.text().lstrip().startswith("{"):
        text = mime.text()
    else:
        return None
    try:
        return fragment.loads(text)
    except fragment.FragmentError:
        return None


def can_paste() -> bool:
    return clipboard_fragment() is not None


def paste(editor: Editor, grid: Grid, at: QPointF | None = None) -> list[str]:
    """Paste the clipboard: the new ids, connectors among the pasted blocks kept, one undo step.
    ``at`` centres them there; else they land a little below-right of the originals."""
    data = clipboard_fragment()
    if data is None:
        raise NotDone("Nothing to paste")
    return _insert(editor, grid, data, at, "Paste")


def duplicate(editor: Editor, grid: Grid, ids: Iterable[str]) -> list[str]:
    """Copy and paste in one go, without touching the clipboard."""
    data = fragment.fragment_of(editor.doc, ids)
    if fragment.is_empty(data):
        return []
    return _insert(editor, grid, data, None, "Duplicate")


def _insert(editor: Editor, grid: Grid, data: dict[str, Any], at: QPointF | None, text: str) -> list[str]:
    doc = editor.doc
    try:
        elements = fragment.instantiate(doc, data)
        box = fragment.bounds(elements)
        if box is None:
            return []
        if at is not None:
            corner = grid.snap_point(QPointF(at.x() - (box[2] - box[0]) / 2, at.y() - (box[3] - box[1]) / 2))
            dx, dy = corner.x() - box[0], corner.y() - box[1]
        else:
            dx = dy = _free_offset(doc, elements)
        elements = fragment.shifted(elements, dx, dy)
    except fragment.FragmentError as exc:
        raise NotDone(str(exc)) from exc
    if not editor.push(AddItems(elements, f"{text} {len(elements)} item{'s' if len(elements) != 1 else ''}")):
        return []
    return [element.id for _, element in elements]


def _free_offset(doc: Document, elements: fragment.Elements) -> float:
    """The smallest multiple of PASTE_STEP at which the first element lands on no existing one."""
    collection, first = next((c, e) for c, e in elements if c != "connectors")
    occupied = {(e.x, e.y) for e in getattr(doc.diagram, collection)}
    step = 1
    while (first.x + step * PASTE_STEP, first.y + step * PASTE_STEP) in occupied and step < 1000:
        step += 1
    return step * PASTE_STEP


# ----- deleting, renaming ----------------------------------------------------------------------------------
def delete(editor: Editor, ids: Iterable[str], text: str = "") -> bool:
    """Remove the elements (a block takes its connectors along; a group frame leaves its members)."""
    ids = [i for i in ids if editor.doc.has_id(i)]
    if not ids:
        return False
    return editor.push(RemoveItems(ids, text))


def rename(editor: Editor, item_id: str, text: str) -> bool:
    """Change a block/connector/group label or a note's text (nothing pushed when unchanged)."""
    found = editor.doc.find(item_id)
    if found is None:
        return False
    collection, element = found
    current = element.text if collection == "notes" else element.label
    if text == current:
        return False
    return editor.push(Relabel(collection, item_id, text))


def set_flow(editor: Editor, connector_id: str, flow: str) -> bool:
    if editor.doc.connector(connector_id).flow == flow:
        return False
    return editor.push(SetFlow(connector_id, flow))


def set_pinned(editor: Editor, ids: Iterable[str], pinned: bool) -> bool:
    """Pin (auto-layout keeps them in place) or unpin blocks, as one undo step."""
    doc = editor.doc
    changes = [UpdateItem("blocks", i, {"pinned": pinned}) for i in _blocks_among(doc, ids)
               if doc.block(i).pinned != pinned]
    if not changes:
        return False
    return editor.push(Macro("Pin" if pinned else "Unpin", changes))


def add_to_group(editor: Editor, group_id: str, block_ids: Iterable[str]) -> bool:
    frame = editor.doc.get("groups", group_id)
    members = list(frame.members) + [b for b in block_ids if b not in frame.members and editor.doc.has_id(b)]
    if members == frame.members:
        return False
    return editor.push(UpdateItem("groups", group_id, {"members": members}, "Add to group"))


def remove_from_groups(editor: Editor, block_ids: Iterable[str]) -> bool:
    chosen = set(block_ids)
    changes = [UpdateItem("groups", g.id, {"members": [m for m in g.members if m not in chosen]})
               for g in editor.doc.diagram.groups if chosen & set(g.members)]
    if not changes:
        return False
    return editor.push(Macro("Remove from group", changes))


# ----- moving -------------------------------------------------------------------------------------------
def nudge(editor: Editor, ids: Iterable[str], dx: float, dy: float, run: int | None = None) -> bool:
    """Move the selection by (dx, dy); a group takes its members. Nudges with the same ``run`` merge
    into one undo step (the select tool passes a run number that changes on any other input)."""
    positions = offset_positions(editor.doc, with_members(editor.doc, ids), dx, dy)
    if not positions:
        return False
    command = NudgeMove(positions, run) if run is not None else MoveItems(positions, "Nudge")
    return editor.push(command)


def _rects(editor: Editor, ids: Iterable[str], how: str, known: Iterable[str],
           at_least: int) -> dict[str, tuple[float, float, float, float]]:
    """(left, top, right, bottom) of the blocks, notes and groups among ``ids`` to arrange ``how`` (one
    of ``known``: ValueError otherwise); empty when fewer than ``at_least`` (nothing to arrange)."""
    if how not in known:
        raise ValueError(f"unknown edge or axis {how!r}")
    result = {}
    for item_id in ids:
        found = editor.doc.find(item_id)
        if found is not None and found[0] != "connectors":
            result[item_id] = fragment.element_rect(found[0], found[1])
    return result if len(result) >= at_least else {}


def _move_to(editor: Editor, targets: dict[str, tuple[float, float]], text: str) -> bool:
    """Move elements to new top-left corners; group members follow their group's offset."""
    doc = editor.doc
    positions: dict[str, tuple[float, float]] = {}
    for item_id, (x, y) in targets.items():
        found = doc.find(item_id)
        if found is None:
            continue
        element = found[1]
        if (element.x, element.y) == (x, y):
            continue
        positions[item_id] = (x, y)
        if hasattr(element, "members"):
            for member in element.members:
                if member not in targets and member not in positions:
                    block = doc.block(member)
                    positions[member] = (block.x + x - element.x, block.y + y - element.y)
    if not positions:
        return False
    return editor.push(MoveItems(positions, text))


def align(editor: Editor, ids: Iterable[str], edge: str) -> bool:
    """Line up blocks, notes and groups on a common edge or centre line (one undo step)."""
    rects = _rects(editor, ids, edge, EDGE_LABELS, 2)
    if not rects:
        return False
    lefts, tops = [r[0] for r in rects.values()], [r[1] for r in rects.values()]
    rights, bottoms = [r[2] for r in rects.values()], [r[3] for r in rects.values()]
    targets: dict[str, tuple[float, float]] = {}
    for item_id, (left, top, right, bottom) in rects.items():
        width, height = right - left, bottom - top
        x, y = left, top
        if edge == "left":
            x = min(lefts)
        elif edge == "right":
            x = max(rights) - width
        elif edge == "hcentre":
            x = (min(lefts) + max(rights)) / 2 - width / 2
        elif edge == "top":
            y = min(tops)
        elif edge == "bottom":
            y = max(bottoms) - height
        else:
            y = (min(tops) + max(bottoms)) / 2 - height / 2
        targets[item_id] = (x, y)
    return _move_to(editor, targets, f"Align {edge}")


def distribute(editor: Editor, ids: Iterable[str], axis: str) -> bool:
    """Space three or more elements evenly (equal gaps) between the outermost two."""
    rects = _rects(editor, ids, axis, AXES, 3)
    if not rects:
        return False
    lo, hi = (0, 2) if axis == "horizontal" else (1, 3)
    order = sorted(rects, key=lambda i: (rects[i][lo] + rects[i][hi]) / 2)
    span = rects[order[-1]][hi] - rects[order[0]][lo]
    sizes = sum(rects[i][hi] - rects[i][lo] for i in order)
    gap = (span - sizes) / (len(order) - 1)
    targets: dict[str, tuple[float, float]] = {}
    cursor = rects[order[0]][lo]
    for item_id in order:
        left, top = rects[item_id][0], rects[item_id][1]
        targets[item_id] = (cursor, top) if axis == "horizontal" else (left, cursor)
        cursor += rects[item_id][hi] - rects[item_id][lo] + gap
    return _move_to(editor, targets, f"Distribute {axis}")
