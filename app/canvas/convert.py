"""Edits that turn elements into variants of themselves (reverse, change kind, draw straight or elbow,
bend), and connecting two blocks: each pushes ONE undo step through editor.push, like operations.py. They never touch the scene: what they changed is returned
with what to tell the user (the board selects the one and says the other), and why nothing changed is
raised as ``NotDone``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from app.canvas.operations import NotDone
from app.editor import Editor
from components.catalog import default_flow, spec
from components.commands import (
    ChangeKind,
    Command,
    Connect,
    Macro,
    ReverseConnectors,
    SetConnectorDefault,
    SetConnectorStyle,
    SetWaypoints,
)
from components.commands.routes import STYLE_NAMES
from components.model import Connector, ConnectorStyle


class Made(NamedTuple):
    """The ids an edit changed or made (to select) and a line for the status bar ("" for none)."""

    ids: list[str]
    message: str = ""


def only(editor: Editor, ids: Iterable[str], collection: str) -> list[str]:
    """The ids among ``ids`` of elements of one collection ("blocks", "connectors", ...)."""
    found = [(i, editor.doc.find(i)) for i in ids]
    return [i for i, hit in found if hit is not None and hit[0] == collection]


def reversible(editor: Editor, ids: Iterable[str]) -> list[str]:
    """The selected connectors that have a direction to reverse (not self-loops)."""
    doc = editor.doc
    return [i for i in only(editor, ids, "connectors") if doc.connector(i).source != doc.connector(i).target]


def reverse(editor: Editor, ids: Iterable[str]) -> Made:
    """Reverse the selected connectors (flow and label stay) as one undo step; the reversed ones."""
    chosen = reversible(editor, ids)
    if not chosen:
        raise NotDone("Select a connector between two blocks to reverse it")
    if not editor.push(ReverseConnectors(chosen)):
        raise NotDone("")  # the editor said why (a reversed connector would repeat another)
    return Made(chosen)


def change_kind(editor: Editor, ids: Iterable[str], kind: str) -> Made:
    """Turn the selected blocks into ``kind`` as one undo step; the message names what was dropped."""
    blocks = [i for i in only(editor, ids, "blocks") if editor.doc.block(i).kind != kind]
    if not blocks:
        raise NotDone(f"Select blocks that are not a {spec(kind).name} to change their kind")
    changes = [ChangeKind(block_id, kind) for block_id in blocks]
    command: Command = changes[0] if len(changes) == 1 else Macro(
        f"Change {len(changes)} blocks to {spec(kind).name}", changes)
    if not editor.push(command):
        raise NotDone("")
    if len(changes) == 1:
        return Made(blocks, changes[0].message())
    dropped = dict.fromkeys(entry for change in changes for entry in change.dropped)
    return Made(blocks, f"{len(changes)} blocks are now {spec(kind).name}"
                + (f"; dropped: {', '.join(dropped)}" if dropped else ""))


def connect(editor: Editor, source: str, target: str, flow: str | None = None) -> Made:
    """Add a connector ``source`` -> ``target`` (the flow from the two kinds unless given). Refused when
    an identical connector exists: NotDone shows that one."""
    doc = editor.doc
    if source == target:
        raise NotDone("A block cannot be connected to itself")
    if flow is None:
        flow = default_flow(doc.block(source).kind, doc.block(target).kind)
    connector = Connector.model_validate({"id": doc.new_id("c"), "source": source, "target": target, "flow": flow})
    if not editor.push(Connect(connector)):  # the editor said why; the same connection exists: show it
        same = [c.id for c in doc.diagram.connectors if (c.source, c.target, c.flow) == (source, target, flow)]
        raise NotDone("", show=same)
    article = "an" if flow[:1] in ("a", "e", "i", "o", "u") else "a"  # an observe flow
    return Made([connector.id], f"Connected with {article} {flow} flow (change it in the context menu)")


def _one_step(editor: Editor, commands: list[Command], text: str) -> bool:
    if not commands:
        return False
    return editor.push(commands[0] if len(commands) == 1 else Macro(text, commands))


def set_style(editor: Editor, ids: Iterable[str], style: ConnectorStyle | None) -> Made:
    """Draw the selected connectors straight, elbow, or (None) as the design's default says."""
    doc = editor.doc
    chosen = [i for i in only(editor, ids, "connectors") if doc.connector(i).style != style]
    if not chosen:
        raise NotDone("Select connectors to change how they are drawn")
    if not _one_step(editor, [SetConnectorStyle(i, style) for i in chosen], f"Draw {len(chosen)} connectors"):
        raise NotDone("")
    return Made(chosen, f"Drawn {STYLE_NAMES[style]}")


def clear_waypoints(editor: Editor, ids: Iterable[str]) -> Made:
    """Let the selected connectors find their own way again (their waypoints removed)."""
    doc = editor.doc
    chosen = [i for i in only(editor, ids, "connectors") if doc.connector(i).waypoints]
    if not chosen:
        raise NotDone("No waypoints to remove")
    if not _one_step(editor, [SetWaypoints(i, [], "Reset route") for i in chosen], "Reset routes"):
        raise NotDone("")
    return Made(chosen, "Route reset: the connector finds its own way round the blocks")


def set_default_style(editor: Editor, style: ConnectorStyle) -> Made:
    """The design's default: how connectors without a style of their own are drawn."""
    if (editor.doc.diagram.connector_style or "straight") == style:
        raise NotDone("")
    if not editor.push(SetConnectorDefault(style)):
        raise NotDone("")
    return Made([], f"Connectors without a style of their own are drawn {STYLE_NAMES[style]}")
