"""Kind icons are drawn when first shown (issue 17 point 1): the palette's 26 icons no longer draw their
selected-row variant (on a chip) at start-up, and an icon gives the pixels the icon drawn at once gives,
in every mode and size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app.panels import icons
from app.panels.palette import Palette
from components.catalog import KINDS

MODES = (QIcon.Mode.Normal, QIcon.Mode.Active, QIcon.Mode.Disabled, QIcon.Mode.Selected)


@pytest.mark.parametrize("theme_name", ["light", "dark"])
def test_an_icon_drawn_later_shows_what_one_drawn_at_once_shows(qapp, theme_name: str) -> None:
    for kind in [*KINDS, "no_such_kind_icon"]:
        later = icons.kind_icon(kind, theme_name) if kind in KINDS else QIcon(icons._LaterIcon("custom", theme_name))
        at_once = icons._kind_icon(kind if kind in KINDS else "custom", theme_name, selected=True)
        for mode in MODES:
            for side in (16, 22, 32, 40, 64, 96):
                size = QSize(side, side)
                assert later.actualSize(size, mode) == at_once.actualSize(size, mode), (kind, mode, side)
                assert later.pixmap(size, mode).toImage() == at_once.pixmap(size, mode).toImage(), (kind, mode, side)


def test_the_palette_draws_no_selected_variant_until_a_row_is_selected(qtbot, monkeypatch) -> None:
    chips: list[int] = []
    real = icons._on_chip
    monkeypatch.setattr(icons, "_on_chip", lambda *args: chips.append(1) or real(*args))
    for drawn in (icons.kind_icon, getattr(icons, "_kind_icon", None)):  # icons made by earlier tests
        if drawn is not None:
            drawn.cache_clear()
    palette = Palette()
    palette.set_theme("dark")  # a theme not drawn yet in this test run: every icon is new
    qtbot.addWidget(palette)
    palette.resize(260, 900)
    palette.show()
    qtbot.waitExposed(palette)
    palette.grab()
    assert chips == []
    item = palette.stage_items[0].child(0)
    palette.tree.setCurrentItem(item)
    QApplication.processEvents()
    palette.grab()
    assert chips  # the selected row's icon is drawn on its chip


def test_a_changed_copy_of_a_kind_icon_is_safe(qapp) -> None:
    """Changing a copy makes Qt clone the engine; the clone outlives the Python call that made it."""
    import gc

    from PySide6.QtGui import QPixmap

    copy = QIcon(icons.kind_icon("ranking"))
    copy.addPixmap(QPixmap(8, 8))
    gc.collect()
    assert copy.pixmap(QSize(22, 22)).toImage() == icons.kind_icon("ranking").pixmap(QSize(22, 22)).toImage()
