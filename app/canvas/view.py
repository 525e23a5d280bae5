"""The canvas view: grid background, zoom (ctrl+wheel, keys, fit), panning, drops from the palette.

The top of app/canvas: it shows a CanvasScene. Its own mouse input goes to its two view tools first
(tools/pan.py: middle button or space+drag; tools/rubber_band.py: left drag on empty canvas), the
rest to the scene, which hands it to the current scene tool. The canvas's own keys (arrows, Delete,
F2, Escape) take priority over window shortcuts.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsView, QWidget

from app.canvas import painting
from app.canvas.grid import draw_grid
from app.canvas.items.base import LOD_DETAIL
from app.canvas.scene import CanvasScene
from app.canvas.tools.pan import PanTool
from app.canvas.tools.rubber_band import RubberBandTool
from components import style

MIME_KIND = "application/x-mlsd-kind"
MIN_ZOOM = 0.05
MAX_ZOOM = 8.0
ZOOM_STEP = 1.25
FIT_MARGIN = 40.0
EMPTY_HINT_WIDTH = 420


class CanvasView(QGraphicsView):
    """A view on a CanvasScene; several views may share one scene."""

    zoomChanged = Signal(float)

    def __init__(self, scene: CanvasScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.canvas = scene
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.pan = PanTool(self)
        self.rubber_band = RubberBandTool(lambda at: scene.canvas_item_at(self.mapToScene(at.toPoint())) is None)
        self.empty_hint = ""  # what an empty canvas says (the window sets it: it knows the keys)
        self._was_empty = False
        scene.themeChanged.connect(lambda _name: self.viewport().update())
        scene.changed.connect(self._repaint_when_emptiness_changes)
        scene.zoomToFitRequested.connect(self.zoom_to_fit)

    # ----- zoom ---------------------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, zoom: float, anchor: QPoint | None = None) -> None:
        """Zoom to ``zoom`` keeping the scene point under ``anchor`` (viewport pixels; centre if None)."""
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        if anchor is None:
            anchor = self.viewport().rect().center()
        fixed = self.mapToScene(anchor)
        self.setTransform(QTransform.fromScale(zoom, zoom))
        self.canvas.set_overview(zoom < LOD_DETAIL)
        moved = self.mapFromScene(fixed) - anchor
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + moved.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + moved.y())
        self.zoomChanged.emit(self.zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def zoom_to_fit(self) -> None:
        """Show all content (at most 100 %), centred; 100 % at the origin when the canvas is empty."""
        content = self.canvas.content_rect()
        if content.isNull():
            self.set_zoom(1.0)
            self.centerOn(QPointF(0, 0))
            return
        area = content.adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN)
        viewport = self.viewport().rect()
        zoom = min(viewport.width() / area.width(), viewport.height() / area.height(), 1.0)
        self.setTransform(QTransform.fromScale(max(MIN_ZOOM, zoom), max(MIN_ZOOM, zoom)))
        self.canvas.set_overview(self.zoom < LOD_DETAIL)
        self.centerOn(area.center())
        self.zoomChanged.emit(self.zoom)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.set_zoom(self.zoom * (ZOOM_STEP ** steps), event.position().toPoint())
            event.accept()
            return
        super().wheelEvent(event)

    # ----- background ------------------------------------------------------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        draw_grid(painter, QRectF(rect), self.canvas.grid_size, self.zoom, self.canvas.theme)

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        """On an empty canvas, the hint in the middle of the view (not part of the drawing)."""
        self._was_empty = not self.canvas.item_ids()
        if not (self._was_empty and self.empty_hint):
            return
        painter.save()
        painter.resetTransform()  # viewport pixels: the hint keeps its size at any zoom
        area = self.viewport().rect()
        width = min(EMPTY_HINT_WIDTH, area.width() - 40)
        box = QRectF(area.center().x() - width / 2, area.top(), width, area.height())
        painter.setFont(painting.font(style.LABEL_FONT_PX))
        painter.setPen(painting.colour(self.canvas.theme.muted_text))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_hint)
        painter.restore()

    def _repaint_when_emptiness_changes(self, _rects: object) -> None:
        if self._was_empty != (not self.canvas.item_ids()):
            self.viewport().update()

    # ----- mouse: the view's tools, then the scene's ------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self.pan.mouse_press(event):
            super().mousePressEvent(self.rubber_band.press(event))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not self.pan.mouse_move(event):
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if not self.pan.mouse_release(event):
            super().mouseReleaseEvent(event)

    # ----- keyboard ------------------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and self.canvas.takes_key(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.canvas.tool.takes_text:  # a label editor is open: every key is text
            super().keyPressEvent(event)
            return
        if self.pan.key_press(event):
            return
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
                self.zoom_in()
                return
            if event.key() == Qt.Key.Key_Minus:
                self.zoom_out()
                return
            if event.key() == Qt.Key.Key_0:
                self.reset_zoom()
                return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if not self.pan.key_release(event):
            super().keyReleaseEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.pan.release_space()
        super().focusOutEvent(event)

    # ----- drops from the palette ----------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(MIME_KIND):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(MIME_KIND):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        pass

    def dropEvent(self, event: QDropEvent) -> None:
        if not event.mimeData().hasFormat(MIME_KIND):
            event.ignore()
            return
        kind = bytes(event.mimeData().data(MIME_KIND).data()).decode("utf-8", "replace").strip()
        if self.canvas.place_block(kind, self.mapToScene(event.position().toPoint())) is not None:
            event.acceptProposedAction()
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            event.ignore()

    def centre_scene_pos(self) -> QPointF:
        """The scene point at the middle of the viewport (where 'place at centre' puts a block)."""
        return self.mapToScene(self.viewport().rect().center())
