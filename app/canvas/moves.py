"""Move commands with the canvas's merge policy.

A mouse drag is one undo step and never merges with the next drag; consecutive arrow-key nudges of
the same selection (one "run") merge into one step. Both are plain core MoveItems otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from components.commands import Command, MoveItems
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
        self.new = dict(other.new)
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


def offset_positions(doc: Document, ids: Iterable[str], dx: float, dy: float) -> dict[str, Position]:
    """New positions of these movable elements moved by (dx, dy)."""
    positions: dict[str, Position] = {}
    for item_id in ids:
        found = doc.find(item_id)
        if found is not None and found[0] != "connectors":
            positions[item_id] = (found[1].x + dx, found[1].y + dy)
    return positions
