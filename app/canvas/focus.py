"""Keyboard focus on the canvas: Tab and Shift+Tab step through the blocks in reading order (top to
bottom, then left to right, as Find lists them), select the one they land on, bring it into view and
ring it (the block item draws the ring while it is the focus). Any other change of the selection ends
the ring: the next Tab goes on from what is selected then.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from PySide6.QtWidgets import QGraphicsItem, QGraphicsView

from components.document import Document

REVEAL_MARGIN = 40  # pixels kept between a block brought into view and the view's edge


class FocusHost(Protocol):
    """What keyboard focus needs of the board."""

    @property
    def doc(self) -> Document: ...

    def item_for(self, item_id: str) -> QGraphicsItem | None: ...
    def select_ids(self, ids: Iterable[str], centre: bool = False) -> None: ...
    def selected_ids(self) -> list[str]: ...
    def views(self) -> list[QGraphicsView]: ...


class KeyboardFocus:
    """Which block has the keyboard focus ring ("" for none)."""

    def __init__(self, host: FocusHost) -> None:
        self._host = host
        self.current = ""

    def order(self) -> list[str]:
        """The blocks Tab visits: those shown (not on a hidden layer), in reading order."""
        shown = []
        for block in self._host.doc.diagram.blocks:
            item = self._host.item_for(block.id)
            if item is not None and item.isVisible():
                shown.append(((block.y, block.x), block.id))
        shown.sort()
        return [block_id for _, block_id in shown]

    def step(self, forward: bool) -> str:
        """Move the ring to the next (or previous) block, wrapping round; its id ("" when none)."""
        order = self.order()
        if not order:
            return ""
        here = self.current or next((i for i in self._host.selected_ids() if i in order), "")
        if here in order:
            index = (order.index(here) + (1 if forward else -1)) % len(order)
        else:
            index = 0 if forward else len(order) - 1
        chosen = order[index]
        self._host.select_ids([chosen])
        self._set(chosen)  # after selecting: the selection change would end the ring otherwise
        item = self._host.item_for(chosen)
        if item is not None:
            for view in self._host.views():
                view.ensureVisible(item.sceneBoundingRect(), REVEAL_MARGIN, REVEAL_MARGIN)
        return chosen

    def selection_changed(self) -> None:
        if self.current and self._host.selected_ids() != [self.current]:
            self._set("")

    def forget(self, item_id: str) -> None:
        if item_id == self.current:
            self.current = ""

    def _set(self, block_id: str) -> None:
        previous, self.current = self.current, block_id
        for changed in {previous, block_id} - {""}:
            item = self._host.item_for(changed)
            if item is not None:
                item.update()
