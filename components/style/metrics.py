"""The one font-metrics table: advance widths of DejaVu Sans, measured once with Qt.

The Qt-free core measures text with it (to break and elide lines where they really run out of room)
and the canvas breaks its lines with the same numbers, so both cut text at the same characters.
"""

from __future__ import annotations

import unicodedata

FONT_FAMILY = "DejaVu Sans"
FONT_FAMILY_CSS = "'DejaVu Sans', 'Segoe UI', Helvetica, Arial, sans-serif"
ELLIPSIS = "…"

# Advance widths of DejaVu Sans (regular, bold) for ASCII 32..126 in thousandths of an em.
_ASCII_ADVANCES = {
    False: (318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636,
            636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775,
            752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390,
            337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
            635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838),
    True: (348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696,
           696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821,
           837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457,
           365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
           716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838),
}


class _Advances(dict[str, int]):
    """Character -> advance (thousandths of an em); other characters are estimated on first use:
    wide East Asian ones a full em, combining marks nothing, the rest a generous average."""

    def __init__(self, bold: bool) -> None:
        super().__init__((chr(32 + i), w) for i, w in enumerate(_ASCII_ADVANCES[bold]))
        self._other = 800 if bold else 720
        self[ELLIPSIS] = 1000

    def __missing__(self, char: str) -> int:
        if unicodedata.category(char) in ("Mn", "Me", "Cf"):
            width = 0
        elif unicodedata.east_asian_width(char) in ("W", "F"):
            width = 1000
        else:
            width = self._other
        self[char] = width
        return width


ADVANCES = {False: _Advances(False), True: _Advances(True)}


def text_width(text: str, font_px: float, bold: bool = False) -> float:
    """The drawn width of one line of ``text`` in DejaVu Sans at ``font_px``."""
    return sum(map(ADVANCES[bold].__getitem__, text)) * font_px / 1000
