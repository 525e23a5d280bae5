"""Every widget of the main window says what it is to a screen reader: through Qt's accessibility
interface each visible widget has a name, or a label that names it (a QLabel buddy). Checked with the
window as it opens, with a block's page in the inspector, with the outline, find bar, legend and
minimap shown, and in the dark theme."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget

from app.window.main_window import MainWindow
from tests.app.window_helpers import make_window


def unnamed(window: MainWindow) -> list[str]:
    """The visible widgets a screen reader could not name, as "Class objectName (parent class)"."""
    missing = []
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        face = QAccessible.queryAccessibleInterface(widget)
        assert face is not None, widget
        name = face.text(QAccessible.Text.Name).strip()
        labelled = face.relations(QAccessible.Relation.Labelled)
        if not name and not labelled:
            parent = widget.parentWidget()
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} in {type(parent).__name__ if parent else '-'}")
    return missing


def test_every_visible_widget_has_an_accessible_name(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.settle()
    assert unnamed(window) == []
    window.scene.select_ids(["serve"])  # the block page: typed properties, numbers, switches
    assert unnamed(window) == []
    window.scene.select_ids(["c_req"])
    assert unnamed(window) == []
    window.navigation.focus_outline()
    window.navigation.find_bar.open()
    window.history_dock.show()
    assert window.navigation.legend.isVisible() and window.navigation.minimap.isVisible()
    assert unnamed(window) == []
    window.set_theme("dark")
    window.scene.clearSelection()  # the design page: requirements card and rule settings
    assert unnamed(window) == []


def test_the_canvas_and_the_overlays_name_themselves(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    names = {QAccessible.queryAccessibleInterface(w).text(QAccessible.Text.Name)
             for w in (window.view, window.navigation.minimap, window.navigation.legend)}
    assert {"Canvas", "Minimap", "Legend"} <= names
