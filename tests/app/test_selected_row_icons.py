"""A kind's icon stays visible on a selected row: the selection's highlight is the data stage's own blue,
and the stage-3 icons (blue) vanished into it in the palette, the Outline and the pickers. Checked in
the pixels of each list with a stage-3 row selected."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication

from app.window.pickers import FilterPicker, kind_rows
from app.window.theme import apply_palette
from components import style
from tests.app.window_helpers import make_window


def distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


def icon_region(view: QAbstractItemView, index, image: QImage) -> list[QColor]:
    row = view.visualRect(index)
    side = view.iconSize().height() or 16
    box = QRect(row.left(), row.top() + (row.height() - side) // 2, row.height(), side).intersected(image.rect())
    return [image.pixelColor(x, y) for y in range(box.top(), box.bottom() + 1) for x in range(box.left(), box.right() + 1)]


def check_visible(view: QAbstractItemView, index, theme_name: str) -> None:
    view.setFocus()
    view.setCurrentIndex(index)
    view.selectionModel().select(index, view.selectionModel().SelectionFlag.ClearAndSelect)
    QApplication.processEvents()
    image = view.viewport().grab().toImage()
    pixels = icon_region(view, index, image)
    highlight = view.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    stage = QColor(style.kind_colour("data_source", theme_name))
    if theme_name == "light":
        assert distance(highlight, stage) < 40  # the trap: the highlight is the stage's own colour
    apart = sum(1 for colour in pixels if distance(colour, highlight) > 200)
    assert apart > len(pixels) // 4, f"{apart} of {len(pixels)} icon pixels stand out from the highlight"


@pytest.mark.parametrize("theme_name", ["light", "dark"])
def test_a_selected_stage_3_row_keeps_its_icon_in_the_palette_and_the_outline(qtbot, tmp_path: Path,
                                                                               theme_name: str) -> None:
    window = make_window(qtbot, tmp_path)
    window.set_theme(theme_name)
    palette = window.palette_panel
    check_visible(palette.tree, palette.tree.indexFromItem(palette.item_for("data_source")), theme_name)
    window.navigation.focus_outline()
    outline = window.navigation.outline
    row = outline._block_rows["data"]  # the warehouse, a stage-3 data store
    check_visible(outline.tree, outline.tree.indexFromItem(row), theme_name)


def test_a_selected_stage_3_row_keeps_its_icon_in_a_picker(qtbot) -> None:
    apply_palette("light")
    picker = FilterPicker(None, "Change kind…", "Kind:", kind_rows("light"))
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    row = next(i for i in range(picker.list.count()) if picker.list.item(i).text().startswith("Data source"))
    check_visible(picker.list, picker.list.indexFromItem(picker.list.item(row)), "light")
