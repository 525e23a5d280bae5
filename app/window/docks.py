"""How the panels sit around the canvas: dock widgets, their first sizes, and tabbing when narrow.

Below NARROW_WIDTH the findings and the checklist side by side are too narrow to read: they become
two tabs (findings in front), and go back side by side when the window widens again. Docks the user
moved, floated, closed or tabbed are left as they are. The first sizes (no saved layout) follow the
window's size: on a laptop's 1024 x 700 screen fixed sizes left the canvas a fifth of the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

NARROW_WIDTH = 1280  # narrower windows show the findings and the checklist as two tabs, each full width
BOTTOM_WIDTHS = [660, 360]  # findings, checklist side by side
# First sizes as shares of the window, between a floor (the panel stays usable) and the size they
# have in a large window: (share, least, most).
PALETTE_WIDTH = (0.17, 168, 236)
INSPECTOR_WIDTH = (0.23, 244, 320)
BOTTOM_HEIGHT = (0.2, 128, 235)


def _share(length: int, rule: tuple[float, int, int]) -> int:
    share, least, most = rule
    return max(least, min(most, round(length * share)))


def default_dock_sizes(width: int, height: int) -> tuple[int, int, int]:
    """The first (palette width, inspector width, findings height) for a window ``width`` x ``height``."""
    return _share(width, PALETTE_WIDTH), _share(width, INSPECTOR_WIDTH), _share(height, BOTTOM_HEIGHT)


def add_dock(window: QMainWindow, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
    """A movable, closable, floatable dock holding ``widget``, added to ``window`` at ``area``."""
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                     | QDockWidget.DockWidgetFeature.DockWidgetClosable
                     | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
    window.addDockWidget(area, dock)
    return dock


class BottomDocks:
    """The findings and checklist docks under the canvas, side by side or tabbed by window width."""

    def __init__(self, window: QMainWindow, findings: QDockWidget, checklist: QDockWidget) -> None:
        self.window, self.findings, self.checklist = window, findings, checklist
        self.tabbed = False  # whether we (not the user) tabbed them
        window.splitDockWidget(findings, checklist, Qt.Orientation.Horizontal)

    def default_sizes(self, side: list[QDockWidget], widths: list[int], height: int) -> None:
        """The first sizes: the side docks ``widths`` wide, the bottom ones ``height`` high and as
        BOTTOM_WIDTHS across."""
        self.window.resizeDocks(side, widths, Qt.Orientation.Horizontal)
        self.window.resizeDocks([self.findings], [height], Qt.Orientation.Vertical)
        self.window.resizeDocks([self.findings, self.checklist], BOTTOM_WIDTHS, Qt.Orientation.Horizontal)

    def fit(self) -> None:
        """Tab or untab the two for the window's width now (after a resize)."""
        window = self.window
        narrow = window.width() < NARROW_WIDTH
        docks = (self.findings, self.checklist)
        if narrow == self.tabbed or any(
                d.isFloating() or d.isHidden() or window.dockWidgetArea(d) != Qt.DockWidgetArea.BottomDockWidgetArea
                for d in docks):
            return
        tabbed = self.checklist in window.tabifiedDockWidgets(self.findings)
        if narrow and not tabbed:
            window.tabifyDockWidget(self.findings, self.checklist)
            self.findings.raise_()
            self.tabbed = True
        elif not narrow and tabbed:
            window.splitDockWidget(self.findings, self.checklist, Qt.Orientation.Horizontal)
            window.resizeDocks(list(docks), BOTTOM_WIDTHS, Qt.Orientation.Horizontal)
            self.tabbed = False
