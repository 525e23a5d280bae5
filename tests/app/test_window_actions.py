"""Menus, shortcuts and the rest of the window: the Help list of shortcuts, undo/redo keys, theme,
history, status bar, and `mlsd gui --screenshot`."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.canvas.tools.label_edit import LabelEditTool
from app.main import SCREENSHOT_SIZE, run_gui
from components.io import dumps, save
from tests.app.window_helpers import make_window, monitored_design

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_the_help_list_shows_the_standard_shortcuts(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.window_actions.by_name["shortcuts"].trigger()
    dialog = window.shortcuts_dialog
    assert dialog is not None and dialog.isVisible()
    listed = {name: keys for _menu, name, keys in dialog.rows}
    native = QKeySequence.SequenceFormat.NativeText

    def text(keys: str) -> str:
        return QKeySequence(keys).toString(native)

    expected = {"New": "Ctrl+N", "Open": "Ctrl+O", "Save": "Ctrl+S", "Save As": "Ctrl+Shift+S", "Close": "Ctrl+W",
                "Quit": "Ctrl+Q", "Undo": "Ctrl+Z", "Cut": "Ctrl+X", "Copy": "Ctrl+C", "Paste": "Ctrl+V",
                "Duplicate": "Ctrl+D", "Select All": "Ctrl+A", "Delete": "Del", "Rename": "F2",
                "Actual Size": "Ctrl+0", "Add Block": "Ctrl+Shift+A", "Find": "Ctrl+F", "Find Next": "F3",
                "Find Previous": "Shift+F3", "Connect To": "Ctrl+K", "Reverse Connector": "Ctrl+R",
                "Change Kind": "Ctrl+Shift+K", "Full Screen": "F11", "Outline": "Ctrl+Shift+O",
                "Zoom In": "Ctrl+=", "Zoom Out": "Ctrl+-", "Left edges": "Ctrl+Shift+Left",
                "Right edges": "Ctrl+Shift+Right", "Top edges": "Ctrl+Shift+Up", "Bottom edges": "Ctrl+Shift+Down",
                "Horizontal centres": "Ctrl+Shift+H", "Vertical centres": "Ctrl+Shift+V",
                "Horizontally": "Ctrl+Alt+H", "Vertically": "Ctrl+Alt+V"}
    for name, keys in expected.items():
        assert text(keys) in listed[name].split(", "), name
    redo = next(keys for name, keys in listed.items() if name.startswith("Redo"))
    assert redo.split(", ") == [text("Ctrl+Shift+Z"), text("Ctrl+Y")]
    assert table_column(dialog, 0) == dialog.commands()
    dialog.filter.setText("zoom")
    shown = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount()) if not dialog.table.isRowHidden(r)]
    assert "Zoom In" in shown and "Save" not in shown
    dialog.close()


def table_column(dialog, column: int) -> list[str]:
    return [dialog.table.item(row, column).text() for row in range(dialog.table.rowCount())]


def test_undo_and_redo_keys_with_named_actions(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    original = dumps(window.editor.doc.diagram)
    window.scene.select_ids(["alert"])
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_D, CTRL)  # duplicate
    assert len(window.editor.doc.diagram.blocks) == 9
    assert window.window_actions.by_name["undo"].text().startswith("&Undo Duplicate")
    QTest.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert dumps(window.editor.doc.diagram) == original
    QTest.keyClick(window.view, Qt.Key.Key_Y, CTRL)
    assert len(window.editor.doc.diagram.blocks) == 9
    QTest.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    QTest.keyClick(window.view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert len(window.editor.doc.diagram.blocks) == 9
    window.window_actions.by_name["history"].trigger()
    assert window.history_dock.isVisible()
    assert window.history.stack() is window.editor.undo_stack


def test_selection_enables_the_edit_actions_and_counts_show_in_the_status_bar(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    actions = window.window_actions.by_name
    window.scene.clearSelection()
    assert not actions["delete"].isEnabled() and not actions["align_left"].isEnabled()
    window.scene.select_ids(["serve", "mon", "alert"])
    assert actions["delete"].isEnabled() and actions["align_left"].isEnabled()
    assert actions["distribute_horizontal"].isEnabled()
    assert window.counts_label.text() == "8 blocks · 8 connectors"
    actions["delete"].trigger()
    qtbot.waitUntil(lambda: window.counts_label.text() == "5 blocks · 3 connectors")


def test_zoom_actions_update_the_status_bar(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_0, CTRL)
    assert window.zoom_label.text() == "100 %"
    window.window_actions.by_name["zoom_in"].trigger()
    assert window.zoom_label.text() == "125 %"


def test_dark_theme_switches_chrome_canvas_and_is_remembered(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    try:
        window.window_actions.by_name["dark"].trigger()
        assert window.scene.theme_name == "dark"
        assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 80
        assert window.settings.value("theme") == "dark"
        window.window_actions.by_name["dark"].trigger()
        assert window.scene.theme_name == "light"
        assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 200
    finally:
        window.set_theme("light")


def test_f2_in_a_panel_renames_the_selected_block_on_the_canvas(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["serve"])
    window.palette_panel.search.setFocus()
    QTest.keyClick(window.palette_panel.search, Qt.Key.Key_F2)
    assert isinstance(window.scene.tool, LabelEditTool) and window.view.hasFocus()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshot_writes_a_png_of_the_window(qtbot, tmp_path: Path, theme: str) -> None:
    design = tmp_path / "design.mlsd.json"
    save(monitored_design(), design)
    target = tmp_path / f"window-{theme}.png"
    try:
        assert run_gui(str(design), screenshot=str(target), theme=theme) == 0
    finally:
        QApplication.setPalette(QApplication.style().standardPalette())
    image = QImage(str(target))
    assert (image.width(), image.height()) == SCREENSHOT_SIZE
    corner = image.pixelColor(5, SCREENSHOT_SIZE[1] - 5)  # the status bar
    assert (corner.lightness() < 80) == (theme == "dark")


def test_screenshot_of_a_bad_file_is_one_line_on_stderr(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.mlsd.json"
    bad.write_text("{not json", encoding="utf-8")
    assert run_gui(str(bad), screenshot=str(tmp_path / "x.png")) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(str(bad)) and "\n" not in err
    assert run_gui(None, screenshot=str(tmp_path / "x.jpg")) == 2
    assert not (tmp_path / "x.png").exists()


def test_a_screenshot_goes_through_the_safe_writer(qtbot, tmp_path: Path, capsys) -> None:
    """Atomic, and refused (one line) where the writer refuses: here a read-only file, which
    QImage.save replaced when running as root."""
    target = tmp_path / "kept.png"
    target.write_bytes(b"mine")
    target.chmod(0o444)
    assert run_gui(None, screenshot=str(target)) == 2
    assert capsys.readouterr().err.strip() == f"{target}: could not write the screenshot: the file is read-only"
    assert target.read_bytes() == b"mine"


def test_auto_layout_is_one_undo_step_and_names_its_engine(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    original = dumps(window.editor.doc.diagram)
    count = window.editor.undo_stack.count()
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_L, CTRL)
    assert dumps(window.editor.doc.diagram) != original
    assert window.editor.undo_stack.count() == count + 1
    assert window.statusBar().currentMessage().startswith("Auto-layout with")
    window.editor.undo_stack.undo()
    assert dumps(window.editor.doc.diagram) == original


def test_copy_as_image_puts_a_picture_on_the_clipboard(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    if "copy_png" not in window.window_actions.by_name:
        pytest.skip("clipboard export not in this build")
    window.scene.select_ids(["serve", "mon"])
    window.window_actions.by_name["copy_png"].trigger()
    mime = QApplication.clipboard().mimeData()
    assert mime.hasImage() and b"<svg" in bytes(mime.data("image/svg+xml").data())
    assert window.statusBar().currentMessage() == "Copied the selection as an image"


def test_export_opens_the_export_dialog_on_the_design(qtbot, tmp_path: Path, monkeypatch) -> None:
    window = make_window(qtbot, tmp_path)
    if "export" not in window.window_actions.by_name:
        pytest.skip("export dialog not in this build")
    from app.export import dialog as export_dialog

    seen = []

    def fake_exec(self) -> int:
        seen.append((self._diagram, set(self._selected)))
        self.written_path = tmp_path / "out.svg"
        return 1

    monkeypatch.setattr(export_dialog.ExportDialog, "exec", fake_exec)
    window.scene.select_ids(["serve"])
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_E, CTRL)
    assert seen == [(window.editor.doc.diagram, {"serve"})]
    assert window.statusBar().currentMessage().endswith("out.svg")


def test_new_from_template_starts_an_untitled_copy(qtbot, tmp_path: Path, monkeypatch) -> None:
    window = make_window(qtbot, tmp_path)
    if "new_template" not in window.window_actions.by_name:
        pytest.skip("template gallery not in this build")
    from app import template_gallery
    from components.templates import list_templates, load_template

    chosen = list_templates()[0].id

    def pick(self) -> int:
        self.chosen_id = chosen
        return 1

    monkeypatch.setattr(template_gallery.TemplateGallery, "exec", pick)
    window.window_actions.by_name["new_template"].trigger()
    assert dumps(window.editor.doc.diagram) == dumps(load_template(chosen))
    assert window.editor.path is None and not window.isWindowModified()


def test_grid_snap_toggle_reaches_the_canvas_and_is_remembered(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    snap = window.window_actions.by_name["snap"]
    assert snap.isChecked() and window.scene.snap_enabled
    snap.trigger()
    assert not window.scene.snap_enabled and window.statusBar().currentMessage() == "Snap to grid off"
    again = make_window(qtbot, tmp_path)  # same settings file: a later session
    assert not again.scene.snap_enabled and not again.window_actions.by_name["snap"].isChecked()


def test_delete_key_in_the_findings_list_does_not_delete_blocks(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.scene.select_ids(["alert"])
    window.findings.tree.setFocus()
    QTest.keyClick(window.findings.tree, Qt.Key.Key_Delete)
    assert window.editor.doc.has_id("alert")
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Delete)
    assert not window.editor.doc.has_id("alert")


def test_the_first_window_fits_the_screen(qtbot, tmp_path: Path) -> None:
    """Seen on a 1024 x 700 display: the window opened at 1400 x 900, the inspector off the edge."""
    from PySide6.QtCore import QSettings

    from app.editor import Editor
    from app.window.main_window import MainWindow

    window = MainWindow(Editor(monitored_design()), settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                        theme_name="light")
    qtbot.addWidget(window, before_close_func=lambda w: w.editor.undo_stack.setClean())
    room = window.screen().availableGeometry()
    assert window.width() <= room.width() and window.height() <= room.height()
    assert room.width() < 1400  # the offscreen screen is small: the test means something
