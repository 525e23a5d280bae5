"""Move commands with the canvas's merge policy.

A mouse drag is one undo step and never merges with the next drag; consecutive arrow-key nudges of
the same selection (one "run") merge into one step. Both are plain core MoveItems otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from components import style
from components.commands import Command, MoveItems, UpdateItem
from components.document import Document

Position = tuple[float, float]


class DragMove(MoveItems):
    """The move of one mouse drag: never merged with another command."""

    def merge(self, other: Command) -> bool:
        return False


class NudgeMove(MoveItems):
    """An arrow-key move; merges with the previous nudge of the same items in the same run."""

    def __init__(self, positions: Mapping[str, Position], run: int) -> None:
        super().__init__(positions, "Nudge")
        self.run = run

    def merge(self, other: Command) -> bool:
        if not isinstance(other, NudgeMove) or other.run != self.run or other.new.keys() != self.new.keys():
            return False
        self.absorb(other)
        return True


def with_members(doc: Document, ids: Iterable[str]) -> list[str]:
    """Movable ids (blocks, notes, groups) plus the member blocks of any group among them."""
    result: dict[str, None] = {}
    for item_id in ids:
        found = doc.find(item_id)
        if found is None or found[0] == "connectors":
            continue
        result[item_id] = None
        if found[0] == "groups":
            for member in found[1].members:
                result[member] = None
    return list(result)


def regroup(doc: Document, positions: Mapping[str, Position]) -> list[Command]:
    """Group membership after a drag: a block dropped inside a frame joins it (the smallest frame
    when frames nest); a block dragged out of a frame leaves it. Frames that moved in the same drag
    keep their members. Returns UpdateItem commands to run with the move, in the same undo step."""
    groups = doc.diagram.groups
    if not groups:
        return []
    moved_frames = {g.id for g in groups if g.id in positions}
    riding = {m for g in groups if g.id in moved_frames for m in g.members}
    members = {g.id: list(g.members) for g in groups}
    for block_id, (x, y) in positions.items():
        found = doc.find(block_id)
        if found is None or found[0] != "blocks" or block_id in riding:
            continue
        block = found[1]
        width, height = style.block_size(block.kind, block.width, block.height)
        cx, cy = x + width / 2, y + height / 2
        inside = [g for g in groups if g.id not in moved_frames
                  and g.x <= cx <= g.x + g.width and g.y <= cy <= g.y + g.height]
        target = min(inside, key=lambda g: g.width * g.height) if inside else None
        for frame in groups:
            if frame.id in moved_frames:
                continue
            current = members[frame.id]
            if frame is target and block_id not in current:
                current.append(block_id)
            elif block_id in current and frame not in inside:
                current.remove(block_id)
    return [UpdateItem("groups", g.id, {"members": members[g.id]}, "Move")
            for g in groups if members[g.id] != list(g.members)]
