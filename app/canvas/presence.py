"""Other participants of a live session on the canvas: a coloured outline around what each one has
selected (with their name) and their pointer (an arrow and a name tag at constant screen size).

One overlay item in the scene, above the design and below the tools; it takes no input, is not part
of the design (exports draw the model, not the scene) and survives the board's rebuilds (the board
only removes the items it made).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from app.canvas.board import Board
from app.canvas.items.base import Z_TOOL
from components.collab.presence import Peer

Z_PRESENCE = Z_TOOL - 1
_TAG_FONT = QFont()
_TAG_FONT.setPointSizeF(8.5)
_MARGIN = 4.0


def _tag_size(text: str) -> tuple[float, float]:
    metrics = QFontMetricsF(_TAG_FONT)
    return metrics.horizontalAdvance(text) + 8, metrics.height() + 2


class _Inert(QGraphicsItem):
    """A drawing that never takes the mouse, the focus or the selection."""

    def __init__(self, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable, False)


def _draw_tag(painter: QPainter, corner: QPointF, text: str, colour: QColor) -> None:
    width, height = _tag_size(text)
    rect = QRectF(corner, QPointF(corner.x() + width, corner.y() + height))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(colour))
    painter.drawRoundedRect(rect, 3, 3)
    painter.setPen(QPen(QColor("white")))
    painter.setFont(_TAG_FONT)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


class PointerMark(_Inert):
    """A peer's pointer: an arrow and their name, in screen pixels at its scene position."""

    def __init__(self, peer: Peer, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.peer = peer
        width, height = _tag_size(peer.name)
        self._bounds = QRectF(-1, -1, max(18.0, 12 + width) + 2, 18 + height + 2)
        assert peer.pointer is not None
        self.setPos(QPointF(*peer.pointer))

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        colour = QColor(self.peer.colour)
        arrow = QPolygonF([QPointF(0, 0), QPointF(0, 15), QPointF(4, 11.5), QPointF(7, 17.5), QPointF(9.5, 16.5),
                           QPointF(6.6, 10.6), QPointF(11.5, 10.6)])
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("white"), 1.2))
        painter.setBrush(QBrush(colour))
        painter.drawPolygon(arrow)
        _draw_tag(painter, QPointF(12, 16), self.peer.name, colour)


class NameTag(_Inert):
    """A peer's name above the top-left corner of what they selected, in screen pixels."""

    def __init__(self, peer: Peer, corner: QPointF, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.peer = peer
        width, height = _tag_size(peer.name)
        self._bounds = QRectF(0, -height - 2, width, height)
        self.setPos(corner)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        _draw_tag(painter, self._bounds.topLeft(), self.peer.name, QColor(self.peer.colour))


class SelectionMark(_Inert):
    """A peer's outline around one selected element (scene units; the pen stays 2 px wide)."""

    def __init__(self, peer: Peer, rect: QRectF, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.peer = peer
        self.rect = rect.adjusted(-_MARGIN, -_MARGIN, _MARGIN, _MARGIN)

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        pen = QPen(QColor(self.peer.colour), 2)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath()
        path.addRoundedRect(self.rect, 6, 6)
        painter.drawPath(path)


class PresenceLayer(_Inert):
    """The overlay: ``show(peers)`` redraws it; ``refresh()`` follows elements that moved."""

    def __init__(self, board: Board) -> None:
        super().__init__()
        self.board = board
        self.peers: list[Peer] = []
        self.setZValue(Z_PRESENCE)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
        board.addItem(self)

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        """Nothing of its own: the marks are its children."""

    def show_peers(self, peers: Iterable[Peer]) -> None:
        self.peers = list(peers)
        self.refresh()

    def refresh(self) -> None:
        scene: QGraphicsScene | None = self.scene()
        for child in self.childItems():
            if scene is not None:
                scene.removeItem(child)  # and from this parent: the marks go with their last reference
        for peer in self.peers:
            named = True
            for item_id in peer.selection:
                item: Any = self.board.item_for(item_id)
                if item is None:
                    continue
                mark = SelectionMark(peer, item.sceneBoundingRect(), self)
                if named:
                    NameTag(peer, mark.rect.topLeft(), self)
                named = False
            if peer.pointer is not None:
                PointerMark(peer, self)

    def marks(self) -> list[QGraphicsItem]:
        """The drawn marks (for tests): pointers and outlines."""
        return list(self.childItems())
