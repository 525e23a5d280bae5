"""The board's edits whose result is selected: place, paste, duplicate, group, connect, reverse, change
kind, auto-layout. Each runs an edit of operations.py or convert.py (which never touch the scene), then
selects what it made or changed and says in the status bar what the edit says, or why nothing was done.
A part of the Board (board.py), kept apart so each file holds one job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, SignalInstance
from PySide6.QtWidgets import QGraphicsView

from app.canvas import convert, operations
from app.canvas.geometry import Grid
from app.editor import Editor
from components.model import ConnectorStyle


class SelectingEdits:
    """Mixed into the Board, which has what is declared below."""

    if TYPE_CHECKING:
        editor: Editor
        statusMessage: SignalInstance

        @property
        def grid(self) -> Grid: ...
        def select_ids(self, ids: Iterable[str], centre: bool = False) -> None: ...
        def selected_ids(self) -> list[str]: ...
        def item_ids(self) -> set[str]: ...
        def views(self) -> list[QGraphicsView]: ...

    def _select_made(self, make: Callable[[], list[str]]) -> list[str]:
        """Run an edit that makes elements and select what it made; say why when it made nothing."""
        return self._report(lambda: convert.Made(make()))

    def _report(self, make: Callable[[], convert.Made], select: bool = True) -> list[str]:
        """Run an edit, select what it changed (with ``select``) and say what it says; when it changed
        nothing, say why and select what it points to instead."""
        try:
            made = make()
        except operations.NotDone as exc:
            if str(exc):
                self.statusMessage.emit(str(exc))
            if exc.show:
                self.select_ids(exc.show)
            return []
        if made.ids and select:
            self.select_ids(made.ids)
        if made.message:
            self.statusMessage.emit(made.message)
        return made.ids

    def connect_blocks(self, source: str, target: str, flow: str | None = None) -> str | None:
        """Connect two blocks (the flow from their kinds unless given); the new id, or None when refused
        (an identical connector is selected then). The selection stays: the next Connect To starts
        from the same block."""
        made = self._report(lambda: convert.connect(self.editor, source, target, flow), select=False)
        return made[0] if made else None

    def reverse(self, ids: Iterable[str]) -> bool:
        return bool(self._report(lambda: convert.reverse(self.editor, ids)))

    def change_kind(self, ids: Iterable[str], kind: str) -> bool:
        return bool(self._report(lambda: convert.change_kind(self.editor, ids, kind)))

    def set_connector_style(self, ids: Iterable[str], style: ConnectorStyle | None) -> bool:
        return bool(self._report(lambda: convert.set_style(self.editor, ids, style)))

    def clear_waypoints(self, ids: Iterable[str]) -> bool:
        return bool(self._report(lambda: convert.clear_waypoints(self.editor, ids)))

    def set_default_style(self, style: ConnectorStyle) -> bool:
        try:
            made = convert.set_default_style(self.editor, style)
        except operations.NotDone:
            return False
        self.statusMessage.emit(made.message)
        return True

    def place_block(self, kind: str, scene_pos: QPointF, clear: bool = False,
                    unseen: Sequence[QRectF] = ()) -> str | None:
        """Add a block of ``kind`` centred at ``scene_pos`` (snapped; with ``clear``, moved off whatever
        is there, and out of ``unseen`` while it can); selects it; its id or None."""
        made = self._select_made(
            lambda: operations.place_block(self.editor, self.grid, kind, scene_pos, clear, unseen))
        return made[0] if made else None

    def add_note(self, pos: QPointF, text: str = "") -> str | None:
        made = self._select_made(lambda: operations.add_note(self.editor, self.grid, pos, text))
        return made[0] if made else None

    def group_selection(self, label: str = "Group") -> str | None:
        ids = self.selected_ids()
        made = self._select_made(lambda: operations.group(self.editor, self.grid, ids, label))
        return made[0] if made else None

    def paste(self, at: QPointF | None = None) -> list[str]:
        return self._select_made(lambda: operations.paste(self.editor, self.grid, at))

    def duplicate(self, ids: Iterable[str]) -> list[str]:
        return self._select_made(lambda: operations.duplicate(self.editor, self.grid, ids))

    def select_all(self) -> None:
        self.select_ids(self.item_ids())

    def auto_layout(self, ids: Iterable[str] | None = None) -> bool:
        """Lay out the design (or only the blocks among ``ids``) as one undo step; the status bar
        says which engine ran (app.background.layout_design: big designs off the UI thread)."""
        from app.background import layout_design

        views = self.views()
        applied, message = layout_design(self.editor, None if ids is None else list(ids),
                                         views[0].window() if views else None)
        self.statusMessage.emit(message)
        return applied
