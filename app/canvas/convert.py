"""Edits that turn elements into variants of themselves, and connecting by keyboard: each pushes ONE undo
step through editor.push (the menus, the keys and the connect tool call these). They never touch the
scene: what to say is handed to ``say`` (the status bar), what to select to ``select``."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from app.editor import Editor
from components.catalog import default_flow, spec
from components.commands import ChangeKind, Command, Connect, Macro, ReverseConnectors
from components.model import Connector

Say = Callable[[str], object]
Select = Callable[[list[str]], object]


def only(editor: Editor, ids: Iterable[str], collection: str) -> list[str]:
    """The ids among ``ids`` of elements of one collection ("blocks", "connectors", ...)."""
    found = [(i, editor.doc.find(i)) for i in ids]
    return [i for i, hit in found if hit is not None and hit[0] == collection]


def reversible(editor: Editor, ids: Iterable[str]) -> list[str]:
    """The selected connectors that have a direction to reverse (not self-loops)."""
    doc = editor.doc
    return [i for i in only(editor, ids, "connectors") if doc.connector(i).source != doc.connector(i).target]


def reverse(editor: Editor, ids: Iterable[str], say: Say) -> bool:
    """Reverse the selected connectors (flow and label stay) as one undo step."""
    chosen = reversible(editor, ids)
    if not chosen:
        say("Select a connector between two blocks to reverse it")
        return False
    return editor.push(ReverseConnectors(chosen))


def change_kind(editor: Editor, ids: Iterable[str], kind: str, say: Say) -> bool:
    """Turn the selected blocks into ``kind`` as one undo step; ``say`` names what was dropped."""
    blocks = [i for i in only(editor, ids, "blocks") if editor.doc.block(i).kind != kind]
    if not blocks:
        return False
    changes = [ChangeKind(block_id, kind) for block_id in blocks]
    command: Command = changes[0] if len(changes) == 1 else Macro(
        f"Change {len(changes)} blocks to {spec(kind).name}", changes)
    if not editor.push(command):
        return False
    if len(changes) == 1:
        say(changes[0].message())
    else:
        dropped = dict.fromkeys(entry for change in changes for entry in change.dropped)
        say(f"{len(changes)} blocks are now {spec(kind).name}" + (f"; dropped: {', '.join(dropped)}" if dropped else ""))
    return True


def connect(editor: Editor, source: str, target: str, say: Say, select: Select, flow: str | None = None) -> str | None:
    """Add a connector ``source`` -> ``target`` (the flow from the two kinds unless given) and say so; its
    id. None when refused: an identical connector exists, and it is selected."""
    doc = editor.doc
    if flow is None:
        flow = default_flow(doc.block(source).kind, doc.block(target).kind)
    connector = Connector.model_validate({"id": doc.new_id("c"), "source": source, "target": target, "flow": flow})
    if not editor.push(Connect(connector)):  # e.g. the same connection exists: show it
        same = [c.id for c in doc.diagram.connectors if (c.source, c.target, c.flow) == (source, target, flow)]
        if same:
            select(same)
        return None
    article = "an" if flow[:1] in ("a", "e", "i", "o", "u") else "a"  # an observe flow
    say(f"Connected with {article} {flow} flow (change it in the context menu)")
    return connector.id
