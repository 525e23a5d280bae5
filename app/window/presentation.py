"""Full screen for presenting (F11, View > Full Screen): the canvas alone on the screen with the whole
design in view, the panels, toolbar and status bar put away; on leaving, everything as it was (which
panels were open and where, whether the window was maximised, the zoom and the part in view)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow, QToolBar

from app.canvas.view import CanvasView


class Presentation(QObject):
    """Enters and leaves full-screen presentation for one main window."""

    toggled = Signal(bool)

    def __init__(self, window: QMainWindow, view: CanvasView) -> None:
        super().__init__(window)
        self._window = window
        self._view = view
        self._saved_view: tuple[float, QPointF] | None = None  # zoom, and the scene point in the middle
        self._saved_state: QByteArray | None = None
        self._was_maximized = False
        self._bars_shown: list[tuple[QToolBar, bool]] = []
        self._status_shown = True
        self.active = False

    def set_active(self, on: bool) -> None:
        if on == self.active:
            return
        window = self._window
        if on:
            self._saved_state = window.saveState()
            self._was_maximized = window.isMaximized()
            self._bars_shown = [(bar, bar.isVisible()) for bar in window.findChildren(QToolBar)
                                if bar.parent() is window]
            self._status_shown = window.statusBar().isVisible()
            for dock in window.findChildren(QDockWidget):
                dock.hide()
            for bar, _shown in self._bars_shown:
                bar.hide()
            window.statusBar().hide()
            view = self._view
            self._saved_view = (view.zoom, view.centre_scene_pos())
            window.showFullScreen()
            QTimer.singleShot(0, view.zoom_to_fit)  # once the window has its full-screen size
        else:
            if self._was_maximized:
                window.showMaximized()
            else:
                window.showNormal()
            for bar, shown in self._bars_shown:
                bar.setVisible(shown)
            window.statusBar().setVisible(self._status_shown)
            if self._saved_state is not None:
                window.restoreState(self._saved_state)
            if self._saved_view is not None:
                QTimer.singleShot(0, lambda saved=self._saved_view: self._restore_view(*saved))
        self.active = on
        central = window.centralWidget()
        if central is not None:
            central.setFocus(Qt.FocusReason.OtherFocusReason)
        self.toggled.emit(on)

    def _restore_view(self, zoom: float, centre: QPointF) -> None:
        self._view.set_zoom(zoom)
        self._view.centerOn(centre)
