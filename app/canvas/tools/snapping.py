"""Smart guides for the move tool: the still boxes in sight, the snap that lines the moving selection
up with them (app/canvas/guides.py), and the guide lines drawn while it does.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsLineItem

from app.canvas import painting
from app.canvas.board import Board
from app.canvas.guides import EPSILON, Box, Guide, Guides
from app.canvas.items import BlockItem, NoteItem
from app.canvas.items.base import Z_TOOL

REACH_PX = 6.0  # how near, in screen pixels, an edge or centre must come to another's to snap to it
OVERHANG = 12.0  # a guide line reaches this far past the boxes it joins


def _box(rect: QRectF) -> Box:
    return (rect.x(), rect.y(), rect.width(), rect.height())


class DragGuides:
    """The guides of one drag on a board."""

    def __init__(self, board: Board, moving: Collection[str]) -> None:
        self._board = board
        seen = QRectF()
        for view in board.views():
            seen = seen.united(view.mapToScene(view.viewport().rect()).boundingRect())
        boxes = []
        for item in board.items(seen):  # what the user can see: a guide to something off screen misleads
            if (isinstance(item, (BlockItem, NoteItem)) and item.item_id not in moving and item.isVisible()
                    and item.opacity() == 1.0):
                boxes.append(_box(item.scene_frame()))
        self._guides = Guides(boxes)
        views = board.views()
        self._reach = REACH_PX / (views[0].transform().m11() if views else 1.0)
        self._lines: list[QGraphicsLineItem] = []
        self._pen = QPen(painting.colour(board.theme.guide), 1, Qt.PenStyle.SolidLine)
        self._pen.setCosmetic(True)

    def place(self, raw: QRectF, on_grid: QRectF) -> QPointF:
        """Where the dragged boxes go (their bounds' top-left corner): on each axis lined up with the
        nearest line in reach of ``raw`` (where the mouse put them), else where the grid put them
        (``on_grid``); the guides of what they line up with there are shown."""
        snap = self._guides.snap(_box(raw), self._reach)
        x = raw.x() + snap.dx if any(g.vertical for g in snap.guides) else on_grid.x()
        y = raw.y() + snap.dy if any(not g.vertical for g in snap.guides) else on_grid.y()
        placed = QRectF(x, y, raw.width(), raw.height())
        self._show(self._guides.snap(_box(placed), EPSILON).guides)  # every line it now sits on
        return placed.topLeft()

    def clear(self) -> None:
        self._show(())

    def _show(self, guides: tuple[Guide, ...]) -> None:
        while len(self._lines) > len(guides):
            line = self._lines.pop()
            if line.scene() is not None:
                self._board.removeItem(line)
        for index, guide in enumerate(guides):
            if index == len(self._lines):
                item = QGraphicsLineItem()
                item.setZValue(Z_TOOL)
                item.setPen(self._pen)
                self._board.addItem(item)
                self._lines.append(item)
            item = self._lines[index]
            if guide.vertical:
                item.setLine(QLineF(guide.at, guide.start - OVERHANG, guide.at, guide.end + OVERHANG))
            else:
                item.setLine(QLineF(guide.start - OVERHANG, guide.at, guide.end + OVERHANG, guide.at))

    def lines(self) -> list[QLineF]:
        """The guide lines shown now, in scene coordinates."""
        return [item.line() for item in self._lines]
