"""Apply a layout as one undoable edit: every block move and group refit in a single macro."""

from __future__ import annotations

from components.commands import Command, Macro, MoveItems, UpdateItem
from components.document import Document
from components.layout.api import LayoutResult

TITLE = "Auto-layout"


def layout_command(doc: Document, result: LayoutResult) -> Command:
    """A "Auto-layout" macro: MoveItems for the blocks, UpdateItem per refitted group frame.

    Entries for elements no longer in the document (it changed since the layout was computed) are
    skipped, so the command can always be applied; undo restores every position and frame.
    """
    moves = {item_id: xy for item_id, xy in result.positions.items()
             if (found := doc.find(item_id)) is not None and found[0] == "blocks"}
    commands: list[Command] = [MoveItems(moves, TITLE)] if moves else []
    for group_id, (x, y, width, height) in result.groups.items():
        found = doc.find(group_id)
        if found is not None and found[0] == "groups":
            commands.append(UpdateItem("groups", group_id, {"x": x, "y": y, "width": width, "height": height},
                                       TITLE))
    return Macro(TITLE, commands)
