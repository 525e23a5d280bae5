"""Apply a layout as one undoable edit: every block move and group refit in a single macro."""

from __future__ import annotations

from components.commands import Command, Macro, MoveItems, SetWaypoints, UpdateItem
from components.document import Document
from components.layout.api import LayoutResult

TITLE = "Auto-layout"


def layout_command(doc: Document, result: LayoutResult) -> Command:
    """A "Auto-layout" macro: MoveItems for the blocks, UpdateItem per refitted group frame.

    Entries for elements no longer in the document (it changed since the layout was computed) are
    skipped, so the command can always be applied; undo restores every position and frame. Waypoints of
    connectors whose ends the layout moves apart are cleared: they bent a route that is gone.
    """
    moves = {item_id: xy for item_id, xy in result.positions.items()
             if (found := doc.find(item_id)) is not None and found[0] == "blocks"}
    commands: list[Command] = [MoveItems(moves, TITLE)] if moves else []
    commands += [SetWaypoints(connector_id, [], TITLE) for connector_id in _bent_apart(doc, moves)]
    for group_id, (x, y, width, height) in result.groups.items():
        found = doc.find(group_id)
        if found is not None and found[0] == "groups":
            commands.append(UpdateItem("groups", group_id, {"x": x, "y": y, "width": width, "height": height},
                                       TITLE))
    return Macro(TITLE, commands)


def _bent_apart(doc: Document, moves: dict[str, tuple[float, float]]) -> list[str]:
    """Connectors with waypoints whose two ends do not move by one offset (MoveItems carries the rest)."""
    offsets = {block_id: (x - doc.block(block_id).x, y - doc.block(block_id).y) for block_id, (x, y) in moves.items()}
    found = []
    for connector_id in sorted(doc.connector_ids_of(list(moves))):
        connector = doc.connector(connector_id)
        if connector.waypoints and offsets.get(connector.source, (0.0, 0.0)) != offsets.get(connector.target, (0.0, 0.0)):
            found.append(connector_id)
    return found
