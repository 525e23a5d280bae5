"""The canvas view: grid background, zoom (ctrl+wheel, keys, fit), panning, drops from the palette.

The top of app/canvas: it shows a CanvasScene. Its own mouse input goes to its two view tools first
(tools/pan.py: middle button or space+drag; tools/rubber_band.py: left drag on empty canvas), the
rest to the scene, which hands it to the current scene tool. The canvas's own keys (arrows, Delete,
F2, Escape) take priority over window shortcuts.
"""

from __future__ import annotations

import shiboken6
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
    QResizeEvent,
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
from components.events import ChangeEvent

MIME_KIND = "application/x-mlsd-kind"
MIN_ZOOM = 0.05
MAX_ZOOM = 8.0
ZOOM_STEP = 1.25
FIT_MARGIN = 40.0
FREE_MARGIN = 8.0  # pixels around a design fitted into the part of the canvas no overlay covers
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
        self.overlays: list[QWidget] = []  # widgets laid over the canvas (the window's): fitting avoids them
        self._was_empty = False
        scene.themeChanged.connect(lambda _name: self.viewport().update())
        # the hint comes and goes with the design's first and last element: follow the model, not the
        # scene's ``changed`` (connected, Qt gathers every repainted rect of every edit for it: ~7 ms an
        # edit at 10,000 blocks)
        scene.doc.events.subscribe(self._follow_model)
        scene.zoomToFitRequested.connect(self.zoom_to_fit)
        # a big design has items only for what is shown (app/canvas/shown.py): what comes into view,
        # and what a rubber band reaches (Qt selects from the items, once this signal has been sent)
        self.rubberBandChanged.connect(lambda _rect, start, end: scene.reveal(QRectF(start, end).normalized()))

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
        self.reveal()
        self.zoomChanged.emit(self.zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def zoom_to_fit(self) -> None:
        """Show all content (at most 100 %), centred, with no block or note under an overlay laid over the
        canvas (the legend, the minimap: ``overlays``); 100 % at the origin when the canvas is empty."""
        content = self.canvas.content_rect()
        if content.isNull():
            self.set_zoom(1.0)
            self.centerOn(QPointF(0, 0))
            return
        area = content.adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN)
        viewport = QRectF(self.viewport().rect())
        zoom, where = self._fit_clear_of_overlays(area, viewport)
        zoom = max(MIN_ZOOM, zoom)
        self.setTransform(QTransform.fromScale(zoom, zoom))
        self.canvas.set_overview(self.zoom < LOD_DETAIL)
        offset = (where.center() - viewport.center()) / zoom  # where the design goes, in scene units
        self.centerOn(area.center() - offset)
        self.reveal()
        self.zoomChanged.emit(self.zoom)

    def _fit_clear_of_overlays(self, area: QRectF, viewport: QRectF) -> tuple[float, QRectF]:
        """(zoom, the part of the viewport to centre ``area`` in). The largest zoom at which, centred in
        the whole viewport, no box of the design lies under an overlay (overlays usually sit over empty
        corners); else the design fitted into the largest part no overlay covers (free_area)."""
        def fit(room: QRectF) -> float:
            return min(room.width() / area.width(), room.height() / area.height(), 1.0)

        def fit_boxes(room: QRectF) -> float:
            """The zoom that fits the design itself in ``room`` with FREE_MARGIN pixels around it (a free
            part already keeps a gap from the overlays; the scene margin cost large designs their labels)."""
            inner = area.adjusted(FIT_MARGIN, FIT_MARGIN, -FIT_MARGIN, -FIT_MARGIN)
            pad = 2 * FREE_MARGIN
            return max(min((room.width() - pad) / inner.width(), (room.height() - pad) / inner.height(), 1.0), 0.0)

        covered = [QRectF(rect) for rect in self.covered()]
        whole = fit(viewport)
        if not covered:
            return whole, viewport
        free = free_area(viewport, covered, area.width() / area.height())

        def clear(zoom: float) -> bool:
            """No block or note under an overlay: each overlay's rectangle taken into the scene at ``zoom``
            (a box meets it there exactly when its picture meets the overlay), asked of the canvas."""
            for rect in covered:
                corner = area.center() + (rect.topLeft() - viewport.center()) / zoom
                if self.canvas.any_box_in(QRectF(corner, rect.size() / zoom)):
                    return False
            return True

        if clear(whole):
            return whole, viewport
        in_free = min(max(fit(free), fit_boxes(free)), whole)
        low, high = in_free, whole
        if not clear(low):
            return low, free
        for _ in range(12):  # the largest zoom still clear, to within 1/4096 of the range
            middle = (low + high) / 2
            low, high = (middle, high) if clear(middle) else (low, middle)
        return (low, viewport) if low > in_free else (in_free, free)

    # ----- what is shown ---------------------------------------------------------------------------
    def reveal(self) -> None:
        """Let a big design make the items of what this view now shows (app/canvas/shown.py)."""
        if self.zoom >= LOD_DETAIL:  # zoomed out, the overview draws everything (asked before it is set)
            self.canvas.reveal(self.mapToScene(self.viewport().rect()).boundingRect())

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.reveal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.reveal()

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
        self._was_empty = not self.canvas.has_elements()
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

    def _follow_model(self, event: ChangeEvent) -> None:
        """Repaint when the design becomes empty or stops being so (the scene, subscribed first, has
        already followed the event)."""
        if not shiboken6.isValid(self):
            self.canvas.doc.events.unsubscribe(self._follow_model)
            return
        if event.action in ("added", "removed", "reset") and self._was_empty != (not self.canvas.has_elements()):
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
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            # Tab steps through the blocks (the scene's tools); Ctrl+Tab leaves the canvas, as in a text area
            backwards = event.key() == Qt.Key.Key_Backtab or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.focusNextPrevChild(not backwards)
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

    def centre_clear(self, area: QRectF) -> None:
        """Centre ``area`` in the part of the viewport no overlay covers: the middle of a small canvas can
        be under the unfolded legend, and an element centred there stayed out of sight. Where the middle
        shows it clear, the middle it is."""
        self.centerOn(area.center())
        if self.shows_clear(area):
            return
        port = QRectF(self.viewport().rect())
        covered = [QRectF(rect) for rect in self.covered()]
        free = free_area(port, covered, max(area.width(), 1.0) / max(area.height(), 1.0))
        shift = free.center() - port.center()  # viewport pixels
        scale = self.transform().m11() or 1.0
        self.centerOn(area.center() - QPointF(shift.x() / scale, shift.y() / scale))

    def unseen_scene_rects(self) -> list[QRectF]:
        """The scene areas the user cannot see now: under each shown overlay, and all around the viewport
        (four bands), for placing a block where it is seen."""
        shown = self.mapToScene(self.viewport().rect()).boundingRect()
        far = 1e6
        left, top, right, bottom = shown.left(), shown.top(), shown.right(), shown.bottom()
        around = [QRectF(left - far, top - far, 2 * far, far), QRectF(left - far, bottom, 2 * far, far),
                  QRectF(left - far, top, far, shown.height()), QRectF(right, top, far, shown.height())]
        return around + [self.mapToScene(rect).boundingRect() for rect in self.covered()]

    def shows_clear(self, scene_rect: QRectF) -> bool:
        """Whether ``scene_rect`` is wholly in the viewport and under no shown overlay."""
        seen = self.mapFromScene(scene_rect).boundingRect()
        if not self.viewport().rect().contains(seen):
            return False
        return not any(rect.intersects(seen) for rect in self.covered())

    def covered(self) -> list[QRect]:
        """The shown overlays' rectangles, in viewport pixels."""
        offset = self.viewport().pos()
        return [w.geometry().translated(-offset) for w in self.overlays if w.isVisible()]


def free_area(viewport: QRectF, covered: list[QRectF], aspect: float) -> QRectF:
    """The largest part of ``viewport`` clear of ``covered`` (overlays in its corners and edges) for
    content of width/height ``aspect``: of the rectangles cut along the overlays' sides, the one that
    shows such content biggest (the whole viewport when nothing covers it)."""
    covered = [c.intersected(viewport) for c in covered if c.intersects(viewport)]
    if not covered:
        return QRectF(viewport)
    lefts = {viewport.left(), *(c.right() for c in covered)}
    rights = {viewport.right(), *(c.left() for c in covered)}
    tops = {viewport.top(), *(c.bottom() for c in covered)}
    bottoms = {viewport.bottom(), *(c.top() for c in covered)}
    best, best_scale = QRectF(viewport), -1.0
    for left in lefts:
        for right in rights:
            for top in tops:
                for bottom in bottoms:
                    if right - left < 1 or bottom - top < 1:
                        continue
                    candidate = QRectF(left, top, right - left, bottom - top)
                    if any(candidate.intersects(c) for c in covered):
                        continue
                    scale = min(candidate.width() / aspect, candidate.height())  # the content's height there
                    if scale > best_scale:
                        best, best_scale = candidate, scale
    return best
