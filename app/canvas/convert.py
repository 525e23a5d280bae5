"""Edits that turn elements into variants of themselves, and keyboard connecting: each pushes ONE undo
step through editor.push and says in the status bar what happened (the menus and keys call these)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from app.editor import Editor
from components.catalog import default_flow, spec
from components.commands import ChangeKind, Connect, Macro, ReverseConnectors
from components.model import Connector

if TYPE_CHECKING:
    from app.canvas.scene import CanvasScene


def only(editor: Editor, ids: Iterable[str], collection: str) -> list[str]:
    """The ids among ``ids`` of elements of one collection ("blocks", "connectors", ...)."""
    found = [(i, editor.doc.find(i)) for i in ids]
    return [i for i, hit in found if hit is not None and hit[0] == collection]


def reversible(editor: Editor, ids: Iterable[str]) -> list[str]:
    """The selected connectors that have a direction to reverse (not self-loops)."""
    doc = editor.doc
    return [i for i in only(editor, ids, "connectors") if doc.connector(i).source != doc.connector(i).target]


def reverse(editor: Editor, scene: CanvasScene, ids: Iterable[str]) -> bool:
    """Reverse the selected connectors (flow and label stay) as one undo step."""
    chosen = reversible(editor, ids)
    if not chosen:
        scene.statusMessage.emit("Select a connector between two blocks to reverse it")
        return False
    return editor.push(ReverseConnectors(chosen))


def change_kind(editor: Editor, scene: CanvasScene, ids: Iterable[str], kind: str) -> bool:
    """Turn the selected blocks into ``kind`` as one undo step; the status bar names what was dropped."""
    blocks = [i for i in only(editor, ids, "blocks") if editor.doc.block(i).kind != kind]
    if not blocks:
        return False
    commands = [ChangeKind(block_id, kind) for block_id in blocks]
    command = commands[0] if len(commands) == 1 else Macro(f"Change {len(commands)} blocks to {spec(kind).name}",
                                                           commands)
    if not editor.push(command):
        return False
    dropped = [entry for c in commands for entry in c.dropped]
    scene.statusMessage.emit(commands[0].message() if len(commands) == 1 else
                             f"{len(commands)} blocks are now {spec(kind).name}"
                             + (f"; dropped: {', '.join(dict.fromkeys(dropped))}" if dropped else ""))
    return True


def connect(editor: Editor, scene: CanvasScene, source: str, target: str, flow: str | None = None) -> str | None:
    """Add a connector ``source`` -> ``target`` (the flow from the two kinds unless given) and say so in
    the status bar; its id. None when refused: an identical connector exists, and it is selected."""
    doc = editor.doc
    if flow is None:
        flow = default_flow(doc.block(source).kind, doc.block(target).kind)
    connector = Connector.model_validate({"id": doc.new_id("c"), "source": source, "target": target, "flow": flow})
    if not editor.push(Connect(connector)):  # e.g. the same connection exists: show it
        same = [c.id for c in doc.diagram.connectors if (c.source, c.target, c.flow) == (source, target, flow)]
        if same:
            scene.select_ids(same)
        return None
    article = "an" if flow[:1] in ("a", "e", "i", "o", "u") else "a"  # an observe flow
    scene.statusMessage.emit(f"Connected with {article} {flow} flow (change it in the context menu)")
    return connector.id
