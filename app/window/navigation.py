"""Ways around a design, added to the main window in one place: the find bar, the legend (flows and
layers), the minimap (laid over the canvas's corners), the Outline dock, and full-screen presentation.

``Navigation`` makes them and wires them to the scene, the validator and each other; the window's
menus reach them through app/window/navigation_actions.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

from app.panels.accessible import name_window
from app.panels.outline import OutlinePanel
from app.window.docks import add_dock
from app.window.find_bar import FindBar
from app.window.legend_overlay import LegendOverlay
from app.window.minimap import Minimap
from app.window.presentation import Presentation
from components.layers import LayerView

if TYPE_CHECKING:
    from app.window.main_window import MainWindow

GAP = 8  # between an overlay and the edge of the canvas, or another overlay
LEGEND_SHARE = 0.4  # of the canvas's height, at most, for the unfolded legend's contents (more scrolls)
SMALL_CANVAS = (1000, 680)  # below either, the legend starts folded (beside it a template fits only without labels)


class Navigation(QObject):
    """The find bar, legend, minimap, outline and presentation of one main window. It also keeps the
    overlays in the canvas's corners as the view resizes: find bar top right, minimap bottom right,
    legend bottom left (top left when the canvas is too narrow for it beside the minimap)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._placing = False
        scene, view = window.scene, window.view
        self.find_bar = FindBar(scene, view, lambda: window.findings.findings)
        self.legend = LegendOverlay(scene, view)
        self.minimap = Minimap(scene, view, view)
        self.presentation = Presentation(window, view)
        view.overlays = [self.find_bar, self.legend, self.minimap]  # Zoom to Fit keeps the design clear of them
        self.outline = OutlinePanel(window.editor)
        self.outline_dock = add_dock(window, "Outline", "outlineDock", self.outline,
                                     Qt.DockWidgetArea.LeftDockWidgetArea)
        window.tabifyDockWidget(window.palette_dock, self.outline_dock)
        window.palette_dock.raise_()
        window.docks.append(self.outline_dock)
        self.legend.setVisible(self._setting("view/legend"))
        folded = str(window.settings.value("view/legend_folded", ""))
        self.legend.chosen_fold = {"true": True, "false": False}.get(folded)  # none yet: by the canvas's size
        self.legend.foldChosen.connect(
            lambda on: window.settings.setValue("view/legend_folded", "true" if on else "false"))
        self.minimap.setVisible(self._setting("view/minimap"))
        scene.idsSelected.connect(self.outline.show_selection)
        self.outline.idsActivated.connect(lambda ids: scene.go_to(ids, "for this outline row"))
        window.validator.updated.connect(
            lambda findings, _steps: self.outline.set_findings(findings, window.validator.delta))
        scene.themeChanged.connect(self.outline.set_theme)
        window.editor.documentReplaced.connect(lambda: scene.layers.set_view(LayerView()))  # a view of the old one
        scene.layers.changed.connect(self._say_layers)
        view.viewport().installEventFilter(self)  # the viewport: resized after the view has laid it out
        self.legend.installEventFilter(self)  # folded or unfolded: placed again
        QTimer.singleShot(0, self, self._name_widgets)  # once the window is built (menus, toolbar)

    def _name_widgets(self) -> None:
        """What a screen reader calls the window's widgets (app/accessible.py names Qt's own parts)."""
        w = self._window
        name_window(w, {w.view: "Canvas", w.statusBar(): "Status bar", w.menuBar(): "Menu bar",
                        w.history: "Undo history", w.window_actions.toolbar: "Main toolbar"})
        w.view.setAccessibleDescription("The design's blocks and connectors; the Outline lists them for the keyboard")

    def _setting(self, key: str) -> bool:
        return str(self._window.settings.value(key, "true")).lower() not in ("false", "0")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show) and not self._placing:
            self._placing = True
            try:
                self.place()
            finally:
                self._placing = False
        return super().eventFilter(watched, event)

    def place(self) -> None:
        area = self._window.view.viewport().geometry()
        self.find_bar.place()
        minimap, legend = self.minimap, self.legend
        minimap.fit(area.width())
        minimap.move(area.right() - minimap.width() - GAP, area.bottom() - minimap.height() - GAP)
        legend.fit(area.width() < SMALL_CANVAS[0] or area.height() < SMALL_CANVAS[1])
        legend.limit_height(round(area.height() * LEGEND_SHARE))
        legend.adjustSize()
        beside = not minimap.isVisible() or area.left() + GAP + legend.width() + GAP <= minimap.x()
        top = area.bottom() - legend.height() - GAP if beside else area.top() + GAP
        legend.move(area.left() + GAP, max(area.top() + GAP, top))

    def set_overlay_shown(self, overlay: QWidget, key: str, on: bool) -> None:
        """View > Legend / Minimap: show or hide it, remember the choice, and make room."""
        overlay.setVisible(on)
        self._window.settings.setValue(key, "true" if on else "false")
        self.place()

    def focus_outline(self) -> None:
        """View > Outline: the dock shown and raised, the keyboard in its tree."""
        self.outline_dock.show()
        self.outline_dock.raise_()
        self.outline.rebuild()
        self.outline.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _say_layers(self) -> None:
        view = self._window.scene.layers.view
        self._window.show_message(f"{view.summary()} (View > Layers; the document is unchanged)"
                                  if not view.is_plain else "All layers shown")
