"""How big text really comes out: the ink of rendered pixels, measured row by row.

Font metrics cannot see a poisoned glyph cache (they stay right while the glyphs are drawn at the
wrong size), so these helpers look at pixels: of a widget grabbed in-process, or of a screenshot of a
real display (tests/app/test_real_display.py).
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QFontMetrics, QImage
from PySide6.QtWidgets import QMenu, QStyle

INK_DISTANCE = 90  # how far (max over R, G, B) a pixel must be from the background to count as ink


def _rgb(image: QImage, x: int, y: int) -> tuple[int, int, int]:
    colour = QColor(image.pixel(x, y))
    return colour.red(), colour.green(), colour.blue()


def ink_rows(image: QImage, rect: QRect | None = None, per_row: bool = False) -> list[int]:
    """The rows of ``rect`` (default: the whole image) holding ink: a pixel far from the background,
    the most common colour of the rect, or with ``per_row`` of each row (a highlighted menu item's
    fill is then its row's background, and only its text is ink)."""
    area = (rect or image.rect()).intersected(image.rect())
    if area.isEmpty():
        return []
    xs = range(area.left(), area.right() + 1)
    counts = Counter(_rgb(image, x, y) for y in range(area.top(), area.bottom() + 1, 2) for x in xs[::2])
    background = counts.most_common(1)[0][0]
    rows = []
    for y in range(area.top(), area.bottom() + 1):
        pixels = [_rgb(image, x, y) for x in xs]
        if per_row:
            background = Counter(pixels).most_common(1)[0][0]
        if any(max(abs(a - b) for a, b in zip(pixel, background, strict=True)) > INK_DISTANCE for pixel in pixels):
            rows.append(y)
    return rows


def ink_bands(image: QImage, rect: QRect | None = None, per_row: bool = False) -> list[tuple[int, int]]:
    """Runs of consecutive ink rows as (first, last): one per line of text in a menu."""
    bands: list[tuple[int, int]] = []
    for y in ink_rows(image, rect, per_row):
        if bands and y == bands[-1][1] + 1:
            bands[-1] = (bands[-1][0], y)
        else:
            bands.append((y, y))
    return bands


def menu_text_heights(menu: QMenu) -> list[int]:
    """The height in pixels of the ink of each item's text and shortcut (right of the icons), as drawn now."""
    menu.ensurePolished()
    menu.adjustSize()
    image = menu.grab().toImage()
    frame = menu.style().pixelMetric(QStyle.PixelMetric.PM_MenuPanelWidth, None, menu) + 2
    icon = menu.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, menu) + 4  # icons are not text
    heights = []
    for action in menu.actions():
        if action.isVisible() and not action.isSeparator():
            rows = ink_rows(image, menu.actionGeometry(action).adjusted(frame + icon, 1, -frame, -1))
            heights.append(rows[-1] - rows[0] + 1 if rows else 0)
    return heights


def plausible_text_heights(menu: QMenu, heights: list[int]) -> bool:
    """Whether every item's ink height fits the menu font: at least its capital letters, at most a
    full line (ascender to descender, mnemonic underline included)."""
    metrics = QFontMetrics(menu.font())
    return bool(heights) and all(metrics.capHeight() - 1 <= height <= metrics.height() + 1 for height in heights)
