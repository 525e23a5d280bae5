"""Trial 23, F16 (c): in the dark theme an unticked radio button (Practice's 30/60 min) or check box was a dark
grey ring on a near-black window. Every indicator now has a ring in the theme's muted text colour: at least 3:1
against the window (WCAG's contrast for a control's outline) in both themes, ticked or not, in the Practice
dialog as in any other."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QCheckBox, QRadioButton, QStyle, QStyleOptionButton, QWidget

from app.practice.start_dialog import StartDialog
from app.window.theme import apply_palette, palette_for
from components.practice import prompt_catalog


def luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())


def contrast(first: QColor, second: QColor) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def ring_contrast(button: QWidget) -> float:
    """The strongest contrast against the window colour of any pixel of the button's indicator (its ring,
    as drawn on screen)."""
    option = QStyleOptionButton()
    button.initStyleOption(option)
    element = (QStyle.SubElement.SE_RadioButtonIndicator if isinstance(button, QRadioButton)
               else QStyle.SubElement.SE_CheckBoxIndicator)
    area = button.style().subElementRect(element, option, button)
    image: QImage = button.grab(area).toImage()
    window = button.palette().window().color()
    return max(contrast(image.pixelColor(x, y), window) for x in range(image.width()) for y in range(image.height()))


@pytest.fixture
def themed() -> Iterator[None]:
    yield
    apply_palette("light")


@pytest.mark.parametrize("name", ["dark", "light"])
@pytest.mark.parametrize("kind", [QRadioButton, QCheckBox])
def test_an_unticked_indicator_stands_out_from_the_window(qtbot, themed, name: str, kind: type) -> None:
    apply_palette(name)
    button = kind("30 min")
    qtbot.addWidget(button)
    button.show()
    assert button.palette().window().color() == palette_for(name).window().color()
    assert ring_contrast(button) >= 3.0


def test_the_practice_dialogs_lengths_are_visible_in_dark(qtbot, themed) -> None:
    apply_palette("dark")
    dialog = StartDialog(prompt_catalog())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    lengths = dialog.lengths.buttons()
    assert len(lengths) == 3 and sum(button.isChecked() for button in lengths) == 1
    assert all(ring_contrast(button) >= 3.0 for button in lengths)
