"""The export dialog's legend, requirements card, layers and PDF page choices, driven with the mouse and
keyboard; the PNG size follows the panels; the choices are remembered for the next export."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox

from app.export import dialog as dialog_module
from app.export.dialog import ExportDialog
from components.layers import LayerView
from tests.app.test_export_dialog import click_check_box, press_export, type_path
from tests.core.test_export_checks import SVG, group_by_id, parse_svg
from tests.core.test_export_svg import small_diagram


@pytest.fixture(autouse=True)
def fresh_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialog_module, "_remembered", {})
    monkeypatch.setattr(dialog_module, "_last_written", {})


def make(qtbot, tmp_path: Path, layers: LayerView | None = None) -> ExportDialog:
    widget = ExportDialog(None, small_diagram(), (), document_path=tmp_path / "design.mlsd.json", layers=layers)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def choose(combo: QComboBox, text: str) -> None:
    """Pick the entry starting with ``text`` by keyboard: Home, then Down until it is current."""
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText().startswith(text):
            return
        QTest.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"no entry starts with {text!r}")


def test_legend_and_card_reach_the_svg_and_grow_the_png(qtbot, tmp_path: Path) -> None:
    widget = make(qtbot, tmp_path)
    choose(widget.format_box, "PNG")
    plain = widget.size_label.text()
    click_check_box(qtbot, widget.options.legend_box)
    click_check_box(qtbot, widget.options.requirements_box)
    assert widget.size_label.text() != plain  # the picture grows to hold them
    choose(widget.format_box, "SVG")
    press_export(qtbot, widget)
    groups = group_by_id(parse_svg((tmp_path / "design.svg").read_text()))
    assert {"legend", "requirements"} <= set(groups)
    again = make(qtbot, tmp_path)
    assert again.options.legend_box.isChecked() and again.options.requirements_box.isChecked()


def test_the_page_choice_is_for_pdf_only_and_makes_an_a4_page(qtbot, tmp_path: Path) -> None:
    widget = make(qtbot, tmp_path)
    assert not widget.options.paper_box.isEnabled()
    choose(widget.format_box, "PDF")
    assert widget.options.paper_box.isEnabled() and not widget.options.orientation_box.isEnabled()
    choose(widget.options.paper_box, "A4")
    assert widget.options.orientation_box.isEnabled()
    choose(widget.options.orientation_box, "Portrait")
    press_export(qtbot, widget)
    data = (tmp_path / "design.pdf").read_bytes()
    box = [float(v) for v in re.search(rb"/MediaBox\s*\[([^\]]*)\]", data).group(1).split()]
    assert (round(box[2] - box[0]), round(box[3] - box[1])) == (595, 842)


def test_layers_apply_only_when_the_canvas_has_some_and_the_box_is_ticked(qtbot, tmp_path: Path) -> None:
    plain = make(qtbot, tmp_path)
    assert not plain.options.layers_box.isEnabled() and plain.options.settings()["layers"] is None
    widget = make(qtbot, tmp_path, LayerView({"stage-7": "hidden"}))
    assert widget.options.layers_box.isEnabled() and widget.options.layers_box.isChecked()
    assert "1 layer hidden" in widget.options.layers_box.text()
    type_path(qtbot, widget, tmp_path / "shown-as-on-canvas.svg")
    press_export(qtbot, widget)
    groups = group_by_id(parse_svg((tmp_path / "shown-as-on-canvas.svg").read_text()))
    assert "block-mon" not in groups and "block-rank" in groups
    whole = make(qtbot, tmp_path, LayerView({"stage-7": "hidden"}))
    click_check_box(qtbot, whole.options.layers_box)  # untick: the whole design
    type_path(qtbot, whole, tmp_path / "whole.svg")
    press_export(qtbot, whole)
    root = parse_svg((tmp_path / "whole.svg").read_text())
    assert "block-mon" in group_by_id(root) and not [g for g in root.iter(f"{SVG}g") if g.get("opacity")]


def test_the_options_have_names_a_screen_reader_reads(qtbot, tmp_path: Path) -> None:
    widget = make(qtbot, tmp_path)
    assert widget.options.paper_box.accessibleName() == "PDF page size"
    assert widget.options.legend_box.text() and widget.options.requirements_box.text()
    assert Qt.FocusPolicy.StrongFocus & widget.options.legend_box.focusPolicy()
