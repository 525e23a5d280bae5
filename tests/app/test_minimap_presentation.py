"""The minimap (the whole design, the view's outline; click, drag and keys move the view) and full
screen (F11 puts every panel away and brings each back where it was)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolButton

from app.window.main_window import MainWindow
from components.model import Diagram
from tests.app.window_helpers import make_window


def view_centre(window: MainWindow) -> QPointF:
    return window.view.centre_scene_pos()


def test_a_click_in_the_minimap_centres_the_view_there_and_a_drag_follows(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    minimap = window.navigation.minimap
    assert minimap.isVisible()
    window.view.set_zoom(1.5)
    target = window.editor.doc.block("alert")
    spot = minimap.to_widget(QRectF(target.x, target.y, 1, 1))
    at = QPoint(round(spot.x()), round(spot.y()))
    QTest.mouseClick(minimap, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    expected = minimap.to_scene(QPointF(at))
    assert (view_centre(window) - expected).manhattanLength() < 3
    start = view_centre(window)
    QTest.mousePress(minimap, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    moved = at + QPoint(-30, -20)
    QApplication.sendEvent(minimap, QMouseEvent(QEvent.Type.MouseMove, QPointF(moved), QPointF(minimap.mapToGlobal(moved)),
                                                Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton,
                                                Qt.KeyboardModifier.NoModifier))
    QTest.mouseRelease(minimap, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, moved)
    assert view_centre(window).x() < start.x() and view_centre(window).y() < start.y()


def test_the_minimap_outlines_what_the_view_shows_and_keys_move_it(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    minimap = window.navigation.minimap
    window.view.set_zoom(2.0)
    window.view.centerOn(window.scene.item_for("train").scene_frame().center())
    seen = minimap.to_widget(minimap.visible_area())
    image = minimap.grab().toImage()
    selection = QColor(window.scene.theme.selection)
    for x, y in ((seen.left() + 0.5, seen.center().y()), (seen.center().x(), seen.top() + 0.5)):
        edge = image.pixelColor(round(x - 0.5), round(y - 0.5))  # the outline, in the selection colour
        assert max(abs(edge.red() - selection.red()), abs(edge.green() - selection.green()),
                   abs(edge.blue() - selection.blue())) < 40, (edge.name(), selection.name())
    before = view_centre(window)
    minimap.setFocus()
    QTest.keyClick(minimap, Qt.Key.Key_Right)
    assert view_centre(window).x() > before.x()
    QTest.keyClick(minimap, Qt.Key.Key_Home)
    assert window.view.zoom <= 1.0


def test_view_menu_hides_the_minimap_and_the_legend_and_remembers(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.window_actions.by_name["minimap"].trigger()
    window.window_actions.by_name["legend"].trigger()
    assert not window.navigation.minimap.isVisible() and not window.navigation.legend.isVisible()
    assert window.settings.value("view/minimap") == "false" and window.settings.value("view/legend") == "false"
    window.window_actions.by_name["legend"].trigger()
    legend = window.navigation.legend
    assert legend.isVisible()
    close = legend.findChild(QToolButton, "legendClose")
    QTest.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not legend.isVisible() and not window.window_actions.by_name["legend"].isChecked()


def test_f11_puts_the_panels_away_and_brings_each_back(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.history_dock.show()
    window.checklist_dock.close()
    open_before = {d.objectName() for d in window.docks if d.isVisible()}
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: window.isFullScreen())
    assert not any(d.isVisible() for d in window.docks)
    assert not window.window_actions.toolbar.isVisible() and not window.statusBar().isVisible()
    assert window.window_actions.by_name["full_screen"].isChecked()
    QTest.keyClick(window.view, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert {d.objectName() for d in window.docks if d.isVisible()} == open_before
    assert window.window_actions.toolbar.isVisible() and window.statusBar().isVisible()
    assert not window.window_actions.by_name["full_screen"].isChecked()


def overlays_inside(window: MainWindow) -> bool:
    """Every shown overlay lies inside the canvas's viewport."""
    area = window.view.viewport().geometry()
    nav = window.navigation
    return all(area.contains(w.geometry()) for w in (nav.legend, nav.minimap, nav.find_bar) if w.isVisible())


def test_overlays_stay_inside_the_canvas_as_it_resizes_and_the_legend_folds(qtbot, tmp_path: Path) -> None:
    """Seen under Xvfb: after F11 and back the overlays kept the full-screen places (half off the
    canvas), and an unfolded legend grew past the canvas's bottom edge."""
    window = make_window(qtbot, tmp_path)
    window.navigation.find_bar.open()
    QTest.keyClick(window.view, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: window.isFullScreen())
    qtbot.waitUntil(lambda: overlays_inside(window))
    QTest.keyClick(window.view, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    QApplication.processEvents()
    assert overlays_inside(window)
    window.resize(1024, 700)  # a small canvas: the legend folds to its title
    qtbot.waitUntil(lambda: window.navigation.legend.folded)
    assert overlays_inside(window)
    fold = window.navigation.legend.fold_button
    QTest.mouseClick(fold, Qt.MouseButton.LeftButton)
    assert not window.navigation.legend.folded
    assert overlays_inside(window)
    window.resize(1400, 900)
    QApplication.processEvents()
    assert not window.navigation.legend.folded and overlays_inside(window)  # the user's choice holds


def test_the_legends_fold_is_remembered_for_the_next_window(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.resize(1800, 1100)
    qtbot.waitUntil(lambda: not window.navigation.legend.folded)  # a big canvas: unfolded until the user says otherwise
    QTest.mouseClick(window.navigation.legend.fold_button, Qt.MouseButton.LeftButton)
    assert window.navigation.legend.folded
    window.close()
    again = make_window(qtbot, tmp_path)
    assert again.navigation.legend.folded and again.navigation.legend.chosen_fold is True


def test_an_empty_design_s_minimap_says_so_instead_of_outlining_nothing(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path, Diagram())
    minimap = window.navigation.minimap
    minimap.show()
    image = minimap.grab().toImage()
    selection = QColor(window.scene.theme.selection)
    inner = minimap.contentsRect()
    outlined = sum(1 for y in range(inner.top(), inner.bottom()) for x in range(inner.left(), inner.right())
                   if image.pixelColor(x, y) == selection)
    muted = QColor(window.scene.theme.muted_text)
    said = sum(1 for y in range(inner.top(), inner.bottom()) for x in range(inner.left(), inner.right())
               if abs(image.pixelColor(x, y).red() - muted.red()) < 30
               and abs(image.pixelColor(x, y).blue() - muted.blue()) < 30)
    assert outlined == 0 and said > 20
