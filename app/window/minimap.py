"""The minimap (View > Minimap): the whole design in a small box over the canvas's corner, with the
part the view shows outlined; click or drag in it to move the view there.

The design is drawn as the zoomed-out canvas draws it (app/canvas/overview.py: stage-coloured boxes,
flow-coloured lines, badges, the selection, layers hidden or faint, in one pass over the model) into a
cached picture, drawn again a moment after the document, the selection, the layers or the theme
change; the view's outline is drawn live as the view scrolls or zooms. After an edit only the part of the
picture the changed elements (or badges, or the selection) covered and cover is drawn again: the whole
picture of a 45,000-block design took ~0.2 s, most of it 55,000 connectors' lines.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QRegion,
    QShowEvent,
    QTransform,
)
from PySide6.QtWidgets import QFrame, QWidget

from app.canvas.overview import stray_px
from app.canvas.scene import CanvasScene
from app.canvas.view import CanvasView

SIZE = QSize(220, 150)  # the largest; a small canvas gets a smaller minimap (``fit``)
SMALLEST_WIDTH = 120
SHARE = 0.25  # of the canvas's width
MARGIN = 40.0  # scene units around the design
REDRAW_MS = 150
PART_SHARE = 0.5  # of the picture: a bigger changed part is the whole picture drawn again
MAX_PARTS = 200  # changed areas drawn one by one; more than that, the box around them all


class Minimap(QFrame):
    """An overview of ``view``'s scene that moves ``view`` when clicked or dragged."""

    def __init__(self, scene: CanvasScene, view: CanvasView, parent: QWidget) -> None:
        super().__init__(parent)
        self._scene = scene
        self._view = view
        self.setObjectName("minimap")
        self.setAccessibleName("Minimap")
        self.setAccessibleDescription("The whole design; click or drag to move the view. "
                                      "Keyboard: arrow keys move the view, Home shows all of it.")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedSize(SIZE)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._picture: QPixmap | None = None
        self._area = QRectF()  # the scene area the picture shows
        self._changed: list[QRectF] | None = None  # scene areas changed since the picture was made (None: all)
        self._selected: list[QRectF] = []  # the selection's frames in the picture
        self.drawn = 0  # times the whole picture was made (tests count them)
        self.patched = 0  # times a part of it was drawn again
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._redraw)
        scene.overview.area_listeners.append(self._note)
        scene.drawingChanged.connect(self._soon)  # not every edit: a rename changes nothing drawn here
        scene.selectionChanged.connect(self._soon)
        scene.themeChanged.connect(self._all)
        scene.layers.changed.connect(self._all)
        for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
            bar.valueChanged.connect(self.update)

    def fit(self, canvas_width: int) -> None:
        """A quarter of the canvas's width, between SMALLEST_WIDTH and SIZE, in SIZE's proportions."""
        width = max(SMALLEST_WIDTH, min(SIZE.width(), round(canvas_width * SHARE)))
        size = QSize(width, round(width * SIZE.height() / SIZE.width()))
        if size != self.size():
            self.setFixedSize(size)
            self._picture = None

    def detach(self) -> None:
        self._scene.drawingChanged.disconnect(self._soon)
        if self._note in self._scene.overview.area_listeners:
            self._scene.overview.area_listeners.remove(self._note)

    # ----- the picture -----------------------------------------------------------------------
    def _soon(self, *_args: object) -> None:
        if not self._timer.isActive() and self.isVisible():
            self._timer.start(REDRAW_MS)
        elif not self.isVisible():
            self._picture = None  # drawn when shown again

    def _note(self, areas: list[QRectF] | None) -> None:
        """The overview's drawing changed there (None: anywhere)."""
        if areas is None or self._changed is None or len(self._changed) + len(areas) > MAX_PARTS:
            self._changed = None
        else:
            self._changed.extend(areas)

    def _all(self, *_args: object) -> None:
        self._changed = None
        self._soon()

    def _redraw(self) -> QPixmap:
        """Draw the picture again: only the changed part when that is all that changed."""
        content = self._scene.content_rect()
        if content.isNull():
            content = QRectF(-400, -300, 800, 600)
        area = content.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        inner = self.contentsRect()
        ratio = self.devicePixelRatioF()
        size = inner.size()
        picture, changed = self._picture, self._changed
        self._changed = []
        if picture is None or changed is None or area != self._area or picture.deviceIndependentSize().toSize() != size:
            self._area = area
            picture = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
            picture.setDevicePixelRatio(ratio)
            self._paint(picture)
            self.drawn += 1
        else:
            part = self._part(changed, self._transform(), size)
            if part is None:
                self._paint(picture)
                self.drawn += 1
            elif not part.isEmpty():
                self._paint(picture, part)
                self.patched += 1
        self._picture = picture
        self.update()
        return picture

    def _transform(self) -> QTransform:
        """Scene to picture (logical pixels)."""
        inner = self.contentsRect()
        target = self._fit(QRectF(0, 0, inner.width(), inner.height()))
        scale = target.width() / self._area.width()
        return QTransform(scale, 0, 0, scale, target.x() - self._area.x() * scale, target.y() - self._area.y() * scale)

    def _part(self, changed: list[QRectF], transform: QTransform, size: QSize) -> QRegion | None:
        """The pixels the changes (and the selection's frames before and after) touch; None when that is
        most of the picture."""
        selected = self._scene.overview.selected_frames()
        if selected != self._selected:
            changed = [*changed, *self._selected, *selected]
        whole = QRect(0, 0, size.width(), size.height())
        region, covered = QRegion(), 0  # (overlaps counted twice: past the share a little early)
        stray = stray_px(transform)
        for area in changed:
            rect = transform.mapRect(area).adjusted(-stray, -stray, stray, stray).toAlignedRect()
            if not (rect := rect.intersected(whole)).isEmpty():
                region = region.united(rect)
                covered += rect.width() * rect.height()
        return None if covered > PART_SHARE * size.width() * size.height() else region

    def _paint(self, picture: QPixmap, part: QRegion | None = None) -> None:
        """Paint ``part`` of the picture (None: all of it) afresh: the background, then the zoomed-out
        drawing over it."""
        painter = QPainter(picture)  # no antialiasing: boxes of a few pixels, drawn fast
        if part is None:
            picture.fill(QColor(self._scene.theme.background))
        else:
            painter.setClipRegion(part)
            painter.fillRect(part.boundingRect(), QColor(self._scene.theme.background))
        painter.setWorldTransform(self._transform())
        self._selected = self._scene.overview.draw_model(painter)  # the zoomed-out drawing: one pass over the model
        painter.end()

    def _fit(self, box: QRectF) -> QRectF:
        """The part of ``box`` the design fills, its aspect kept, centred."""
        scale = min(box.width() / self._area.width(), box.height() / self._area.height())
        width, height = self._area.width() * scale, self._area.height() * scale
        return QRectF(box.x() + (box.width() - width) / 2, box.y() + (box.height() - height) / 2, width, height)

    def to_scene(self, point: QPointF) -> QPointF:
        """A point of the widget as a scene point (through the picture's fit)."""
        inner = self.contentsRect()
        target = self._fit(QRectF(inner))
        scale = self._area.width() / target.width()
        return QPointF(self._area.x() + (point.x() - target.x()) * scale,
                       self._area.y() + (point.y() - target.y()) * scale)

    def to_widget(self, rect: QRectF) -> QRectF:
        inner = self.contentsRect()
        target = self._fit(QRectF(inner))
        scale = target.width() / self._area.width()
        return QRectF(target.x() + (rect.x() - self._area.x()) * scale,
                      target.y() + (rect.y() - self._area.y()) * scale, rect.width() * scale, rect.height() * scale)

    def visible_area(self) -> QRectF:
        """The scene area the view shows now."""
        return self._view.mapToScene(self._view.viewport().rect()).boundingRect()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        picture = self._picture or self._redraw()
        painter = QPainter(self)
        inner = self.contentsRect()
        painter.drawPixmap(inner.topLeft(), picture)
        painter.setPen(QPen(QColor(self._scene.theme.block_border), 1))  # the panel's own edge: in the dark
        painter.setBrush(Qt.BrushStyle.NoBrush)  # theme the style's frame was as dark as the canvas
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.setClipRect(inner)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._scene.content_rect().isNull():  # an outline of the view over nothing read as a blank box
            painter.setPen(QColor(self._scene.theme.muted_text))
            painter.drawText(QRectF(inner), Qt.AlignmentFlag.AlignCenter, "No blocks yet")
            painter.end()
            return
        seen = self.to_widget(self.visible_area())
        selection = QColor(self._scene.theme.selection)
        fill = QColor(selection)
        fill.setAlpha(28)
        painter.setPen(QPen(selection, 1.5))
        painter.setBrush(fill)
        painter.drawRect(seen.adjusted(0.5, 0.5, -0.5, -0.5))
        if self.hasFocus():
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(inner).adjusted(1, 1, -1, -1))
        painter.end()

    # ----- moving the view -------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._view.centerOn(self.to_scene(event.position()))
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._view.centerOn(self.to_scene(event.position()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrows move the view by a tenth of what it shows; Home fits the whole design."""
        key = Qt.Key(event.key())
        area = self.visible_area()
        steps = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if key in steps:
            dx, dy = steps[key]
            self._view.centerOn(area.center() + QPointF(dx * area.width() / 10, dy * area.height() / 10))
        elif key == Qt.Key.Key_Home:
            self._view.zoom_to_fit()
        else:
            super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._picture = None
