"""Names for the parts Qt builds inside a widget, so a screen reader can say what each one belongs to.

Our own widgets are named where they are made (setAccessibleName, or a QLabel buddy). Qt adds parts of
its own that no code of ours creates: a scroll area's viewport and scroll bars, a spin box's line edit,
a tree's header, a toolbar's separators, the status bar's size grip. ``name_parts`` names each after
the widget that owns it ("Findings list: vertical scroll bar"), leaving every name already given alone.
The window calls it once built, and the inspector for every page it makes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QDockWidget,
    QHeaderView,
    QMainWindow,
    QScrollBar,
    QSizeGrip,
    QSplitterHandle,
    QToolBar,
    QWidget,
)


def owner_name(widget: QWidget) -> str:
    """The name of the nearest enclosing widget that has one (or its kind, at the top)."""
    parent = widget.parentWidget()
    while parent is not None:
        if parent.accessibleName():
            return parent.accessibleName()
        parent = parent.parentWidget()
    return widget.window().windowTitle() or "Window"


def part_name(widget: QWidget) -> str:
    """A name for one of Qt's own parts of a widget ("" when ``widget`` is not one)."""
    owner = owner_name(widget)
    parent = widget.parentWidget()
    if isinstance(widget, QScrollBar):
        way = "horizontal" if widget.orientation() == Qt.Orientation.Horizontal else "vertical"
        return f"{owner}: {way} scroll bar"
    if isinstance(widget, QHeaderView):
        return f"{owner}: column headers"
    if isinstance(widget, QSizeGrip):
        return "Resize the window"
    if isinstance(widget, QSplitterHandle):
        return f"{owner}: divider"
    if isinstance(parent, QAbstractSpinBox):
        return f"{owner}: value"
    if isinstance(parent, QAbstractScrollArea) and widget is parent.viewport():
        return f"{owner}: contents"
    if widget.objectName().startswith("qt_scrollarea_"):  # the boxes the scroll bars sit in
        return f"{owner}: scroll bar area"
    if isinstance(parent, QToolBar) and type(widget) is QWidget:  # its separators
        return f"{owner}: separator"
    return ""


def name_parts(root: QWidget) -> None:
    """Name Qt's own parts under ``root`` that have no name yet (owners first, so parts read theirs)."""
    for widget in root.findChildren(QWidget):
        if not widget.accessibleName():
            name = part_name(widget)
            if name:
                widget.setAccessibleName(name)


def name_window(window: QMainWindow, names: dict[QWidget, str]) -> None:
    """Name the window's own widgets (``names``), each dock's contents after the dock, then every part."""
    for widget, name in names.items():
        if not widget.accessibleName():
            widget.setAccessibleName(name)
    for dock in window.findChildren(QDockWidget):
        contents = dock.widget()
        if contents is not None and not contents.accessibleName():
            contents.setAccessibleName(dock.windowTitle().split(" (")[0])  # "Findings (3)": the panel
    name_parts(window)
