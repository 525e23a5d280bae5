"""The export dialog driven like a person would: pick a format, type a path, press Export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QDialog, QFileDialog, QMessageBox

from app.export import dialog as dialog_module
from app.export.dialog import ExportDialog
from tests.core.test_export_checks import assert_inert, group_by_id, parse_svg
from tests.core.test_export_svg import small_diagram


@pytest.fixture(autouse=True)
def fresh_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialog_module, "_remembered", {})
    monkeypatch.setattr(dialog_module, "_last_written", {})

    def no_file_chooser(*args, **kwargs):
        raise AssertionError("the file chooser opened unexpectedly")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", no_file_chooser)  # a real one would block the test


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Record message boxes instead of showing them (they would block the test)."""
    shown: list[tuple[str, str]] = []

    def record(kind: str, answer=None):
        def box(parent, title, text, *args, **kwargs):
            shown.append((kind, text))
            return answer
        return box

    monkeypatch.setattr(QMessageBox, "critical", record("critical"))
    monkeypatch.setattr(QMessageBox, "warning", record("warning"))
    monkeypatch.setattr(QMessageBox, "question", record("question", QMessageBox.StandardButton.No))
    return shown


def make(qtbot, tmp_path: Path, selected=()) -> ExportDialog:
    widget = ExportDialog(None, small_diagram(), selected, document_path=tmp_path / "design.mlsd.json")
    qtbot.addWidget(widget)
    widget.show()
    return widget


def type_path(qtbot, widget: ExportDialog, path: Path) -> None:
    widget.path_edit.clear()
    qtbot.keyClicks(widget.path_edit, str(path))


def click_check_box(qtbot, box: QCheckBox) -> None:
    """Click on the box's indicator (a click right of its text does not toggle it)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def press_export(qtbot, widget: ExportDialog) -> None:
    qtbot.mouseClick(widget.export_button, Qt.MouseButton.LeftButton)


def test_defaults_sit_beside_the_document(qtbot, tmp_path: Path) -> None:
    widget = make(qtbot, tmp_path)
    assert widget.path() == str(tmp_path / "design.svg")
    assert widget.format_box.currentData() == "svg"
    assert not widget.selection_box.isEnabled()
    assert not widget.scale_box.isEnabled()


def test_export_svg_by_pressing_the_button(qtbot, tmp_path: Path, message_boxes) -> None:
    widget = make(qtbot, tmp_path)
    press_export(qtbot, widget)
    assert widget.result() == QDialog.DialogCode.Accepted
    assert widget.written_path == tmp_path / "design.svg"
    assert_inert(parse_svg((tmp_path / "design.svg").read_text()))
    assert message_boxes == []


def test_choosing_png_changes_the_extension_and_shows_the_pixel_size(qtbot, tmp_path: Path, message_boxes) -> None:
    widget = make(qtbot, tmp_path)
    widget.format_box.setCurrentIndex(widget.format_box.findData("png"))
    assert widget.path() == str(tmp_path / "design.png")
    assert widget.scale_box.isEnabled()
    assert widget.size_label.text().endswith(" px")
    widget.scale_box.setValue(1.0)
    width = int(widget.size_label.text().split(" × ")[0])
    press_export(qtbot, widget)
    assert QImage(str(tmp_path / "design.png")).width() == width
    assert message_boxes == []


def test_typing_a_file_name_picks_the_format(qtbot, tmp_path: Path) -> None:
    widget = make(qtbot, tmp_path)
    type_path(qtbot, widget, tmp_path / "notes.mmd")
    assert widget.format_box.currentData() == "mmd"
    assert not widget.theme_box.isEnabled()
    type_path(qtbot, widget, tmp_path / "print.pdf")
    assert widget.format_box.currentData() == "pdf"


def test_typing_a_png_name_and_pressing_return_exports_a_png(qtbot, tmp_path: Path, message_boxes) -> None:
    widget = make(qtbot, tmp_path)
    widget.path_edit.clear()
    qtbot.keyClicks(widget.path_edit, str(tmp_path / "quick.png"))
    QTest.keyClick(widget.path_edit, Qt.Key.Key_Return)
    assert widget.result() == QDialog.DialogCode.Accepted
    assert not QImage(str(tmp_path / "quick.png")).isNull()
    assert message_boxes == []


def test_too_large_png_cannot_be_started(qtbot, tmp_path: Path) -> None:
    widget = make(qtbot, tmp_path)
    widget.format_box.setCurrentIndex(widget.format_box.findData("png"))
    widget.scale_box.setValue(60.0)
    assert not widget.export_button.isEnabled()
    assert "largest scale that fits" in widget.size_label.text()
    widget.scale_box.setValue(2.0)
    assert widget.export_button.isEnabled()


def test_selection_only_exports_the_selected_blocks(qtbot, tmp_path: Path) -> None:
    widget = make(qtbot, tmp_path, selected={"rank", "fs"})
    assert widget.selection_box.isEnabled() and not widget.selection_box.isChecked()  # the whole design first
    click_check_box(qtbot, widget.selection_box)
    press_export(qtbot, widget)
    keys = set(group_by_id(parse_svg((tmp_path / "design.svg").read_text())))
    assert {k for k in keys if k.startswith("block-")} == {"block-rank", "block-fs"}
    assert make(qtbot, tmp_path, selected={"rank"}).selection_box.isChecked()  # the last choice, next time


def test_a_selection_alone_does_not_narrow_the_export(qtbot, tmp_path: Path) -> None:
    """Trial 23: clicking a finding selects its block, and the next export held that block alone."""
    widget = make(qtbot, tmp_path, selected={"rank"})
    assert not widget.selection_box.isChecked()
    press_export(qtbot, widget)
    blocks = {k for k in group_by_id(parse_svg((tmp_path / "design.svg").read_text())) if k.startswith("block-")}
    assert len(blocks) > 1
    assert not make(qtbot, tmp_path, selected={"rank"}).selection_box.isChecked()


def test_the_path_offered_is_where_the_design_was_last_exported(qtbot, tmp_path: Path) -> None:
    widget = make(qtbot, tmp_path)
    (tmp_path / "out").mkdir()
    type_path(qtbot, widget, tmp_path / "out" / "poster.svg")
    press_export(qtbot, widget)
    again = make(qtbot, tmp_path)
    assert again.path() == str(tmp_path / "out" / "poster.svg")
    again.format_box.setCurrentIndex(again.format_box.findData("png"))
    assert again.path() == str(tmp_path / "out" / "poster.png")


def test_theme_and_background_choices_reach_the_file(qtbot, tmp_path: Path) -> None:
    widget = make(qtbot, tmp_path)
    widget.theme_box.setCurrentIndex(widget.theme_box.findData("dark"))
    widget.background_box.setCurrentIndex(widget.background_box.findData("transparent"))
    click_check_box(qtbot, widget.title_box)
    assert not widget.title_box.isChecked()
    press_export(qtbot, widget)
    svg = (tmp_path / "design.svg").read_text()
    assert "#111827" in svg and 'class="bg"' not in svg and 'class="t"' not in svg


def test_a_failure_is_shown_and_nothing_is_lost(qtbot, tmp_path: Path, message_boxes) -> None:
    widget = make(qtbot, tmp_path)
    widget.format_box.setCurrentIndex(widget.format_box.findData("png"))
    widget.theme_box.setCurrentIndex(widget.theme_box.findData("dark"))
    target = tmp_path / "missing-folder" / "out.png"
    type_path(qtbot, widget, target)
    press_export(qtbot, widget)
    assert [kind for kind, _ in message_boxes] == ["critical"]
    assert message_boxes[0][1].startswith(f"{target}: cannot write")
    assert widget.isVisible() and widget.result() != QDialog.DialogCode.Accepted
    assert widget.path() == str(target) and widget.theme_box.currentData() == "dark"
    assert widget.export_button.isEnabled() and not widget.progress.isVisible()


def test_an_existing_file_is_kept_when_replacing_is_declined(qtbot, tmp_path: Path, message_boxes) -> None:
    target = tmp_path / "design.svg"
    target.write_text("keep me")
    widget = make(qtbot, tmp_path)
    press_export(qtbot, widget)
    assert [kind for kind, _ in message_boxes] == ["question"]
    assert target.read_text() == "keep me"
    assert widget.isVisible()


def test_browse_uses_the_chosen_file_and_adds_the_extension(qtbot, tmp_path: Path, monkeypatch) -> None:
    chosen = tmp_path / "picked"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(chosen), "SVG image (*.svg)"))
    widget = make(qtbot, tmp_path)
    qtbot.mouseClick(widget.browse_button, Qt.MouseButton.LeftButton)
    assert widget.path() == str(chosen) + ".svg"
    (tmp_path / "picked.svg").write_text("old")  # the chooser already asked about replacing it
    press_export(qtbot, widget)
    assert (tmp_path / "picked.svg").read_text().startswith("<?xml")


def test_the_last_choices_are_remembered(qtbot, tmp_path: Path) -> None:
    widget = make(qtbot, tmp_path)
    widget.format_box.setCurrentIndex(widget.format_box.findData("dot"))
    press_export(qtbot, widget)
    again = make(qtbot, tmp_path)
    assert again.format_box.currentData() == "dot"
    assert again.path().endswith(".dot")


def test_busy_state_disables_the_inputs(qtbot, tmp_path: Path) -> None:
    widget = make(qtbot, tmp_path)
    widget._set_busy(True)
    try:
        assert widget.progress.isVisible() and not widget.export_button.isEnabled()
        assert not widget.path_edit.isEnabled()
    finally:
        widget._set_busy(False)
    assert widget.path_edit.isEnabled() and not widget.progress.isVisible()


def test_the_selection_box_counts_items_in_words(qtbot, tmp_path: Path) -> None:
    """Seen on Xvfb: 'Only the selection (1 items)'."""
    assert make(qtbot, tmp_path, selected={"rank"}).selection_box.text() == "Only the selection (1 item)"
    assert make(qtbot, tmp_path, selected={"rank", "fs"}).selection_box.text() == "Only the selection (2 items)"
