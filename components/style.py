"""One style for the canvas and the exporters: colours, fonts, sizes, connector and arrow shapes.

The Qt canvas and the SVG writer both read these constants, so what is drawn is what is exported.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from components.catalog import CUSTOM_COLOUR, CUSTOM_DARK_COLOUR, spec, stage

ThemeName = Literal["light", "dark"]

FONT_FAMILY = "DejaVu Sans"
FONT_FAMILY_CSS = "'DejaVu Sans', 'Segoe UI', Helvetica, Arial, sans-serif"
LABEL_FONT_PX = 13
KIND_FONT_PX = 10
CONNECTOR_FONT_PX = 11
NOTE_FONT_PX = 12
GROUP_FONT_PX = 13
TITLE_FONT_PX = 20

BLOCK_RADIUS = 8
BLOCK_BORDER = 1.5
STAGE_BAR_WIDTH = 6
ICON_SIZE = 24
ICON_MARGIN = 10
TEXT_LINE_HEIGHT = 1.25
GRID_SIZE = 16
EXPORT_MARGIN = 32
BADGE_RADIUS = 9
ARROW_LENGTH = 10
ARROW_WIDTH = 8
CONNECTOR_WIDTH = 1.6


@dataclass(frozen=True)
class FlowStyle:
    colour: str
    dark_colour: str
    dash: tuple[float, ...]  # empty: solid
    arrow: Literal["filled", "open", "diamond"]
    description: str


FLOW_STYLES: dict[str, FlowStyle] = {
    "request": FlowStyle("#1f2937", "#e5e7eb", (), "filled", "online call path"),
    "data": FlowStyle("#2563eb", "#60a5fa", (), "open", "data moving"),
    "model": FlowStyle("#7c3aed", "#c084fc", (8, 4), "filled", "model artifact"),
    "feedback": FlowStyle("#d97706", "#fbbf24", (3, 3), "open", "served outcomes back toward training"),
    "observe": FlowStyle("#dc2626", "#f87171", (1.5, 3), "diamond", "metrics to a monitor or alert"),
}


@dataclass(frozen=True)
class Theme:
    name: ThemeName
    background: str
    grid: str
    block_fill: str
    block_border: str
    text: str
    muted_text: str
    note_fill: str
    note_border: str
    group_fill: str
    group_border: str
    selection: str
    severity: dict[str, str]


LIGHT = Theme(
    "light", background="#ffffff", grid="#eef0f3", block_fill="#ffffff", block_border="#cbd5e1",
    text="#111827", muted_text="#6b7280", note_fill="#fef9c3", note_border="#eab308",
    group_fill="#f8fafc", group_border="#94a3b8", selection="#0ea5e9",
    severity={"error": "#dc2626", "warning": "#d97706", "info": "#2563eb"},
)
DARK = Theme(
    "dark", background="#111827", grid="#1f2937", block_fill="#1f2937", block_border="#4b5563",
    text="#f3f4f6", muted_text="#9ca3af", note_fill="#3f3a1d", note_border="#ca8a04",
    group_fill="#172033", group_border="#64748b", selection="#38bdf8",
    severity={"error": "#f87171", "warning": "#fbbf24", "info": "#60a5fa"},
)
THEMES: dict[str, Theme] = {"light": LIGHT, "dark": DARK}


def theme(name: str) -> Theme:
    return THEMES[name]


def kind_colour(kind: str, theme_name: ThemeName = "light") -> str:
    """The stage accent of a block kind in a theme."""
    number = spec(kind).stage
    if number is None:
        return CUSTOM_DARK_COLOUR if theme_name == "dark" else CUSTOM_COLOUR
    entry = stage(number)
    return entry.dark_colour if theme_name == "dark" else entry.colour


def flow_colour(flow: str, theme_name: ThemeName = "light") -> str:
    entry = FLOW_STYLES[flow]
    return entry.dark_colour if theme_name == "dark" else entry.colour


def block_size(kind: str, width: float | None, height: float | None) -> tuple[float, float]:
    """A block's drawn size: its own when set, else the catalog default."""
    entry = spec(kind)
    return (width if width is not None else entry.width, height if height is not None else entry.height)


def wrap_label(text: str, max_chars: int = 20, max_lines: int = 3) -> list[str]:
    """Split a label into at most ``max_lines`` lines of about ``max_chars`` characters (explicit
    newlines kept); the last line ends in an ellipsis when text was cut. Canvas and SVG share it so
    both break lines at the same places."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        words = paragraph.split()
        current = ""
        for word in words:
            while len(word) > max_chars:
                if current:
                    lines.append(current)
                    current = ""
                lines.append(word[:max_chars])
                word = word[max_chars:]
            candidate = f"{current} {word}".strip()
            if len(candidate) <= max_chars:
                current = candidate
            else:
                lines.append(current)
                current = word
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max_chars - 1].rstrip() + "…"
    return lines


# Block layout (added for the exporter; the canvas should use the same numbers): a header row with
# the icon and the kind name, then the label lines across the block's width.
BLOCK_PADDING = 10  # inner padding right of the stage bar and at the right edge, for line breaking
BLOCK_HEADER = ICON_MARGIN + ICON_SIZE  # the icon row (icon at ICON_MARGIN, ICON_MARGIN); label below it
BLOCK_BOTTOM_PADDING = 4
BLOCK_LABEL_MAX_LINES = 3
CHAR_WIDTH_EM = 0.54  # mean advance of DejaVu Sans per character, for breaking lines without fonts


@lru_cache(maxsize=256)
def label_capacity(width: float, height: float, font_px: float = LABEL_FONT_PX) -> tuple[int, int]:
    """(characters per line, lines) a block of this size has room for, for ``wrap_label``
    (20 x 2 for a default 168 x 72 block)."""
    usable = width - STAGE_BAR_WIDTH - 2 * BLOCK_PADDING
    chars = max(4, int(usable / (font_px * CHAR_WIDTH_EM)))
    room = int((height - BLOCK_HEADER - BLOCK_BOTTOM_PADDING) // (font_px * TEXT_LINE_HEIGHT))
    return chars, max(1, min(BLOCK_LABEL_MAX_LINES, room))


def block_label_lines(label: str, width: float, height: float) -> list[str]:
    """A block's label broken into the lines canvas and export both draw (empty label: no lines):
    bold LABEL_FONT_PX text, measured with ``text_width`` so every line fits the label area."""
    if not label.strip():
        return []
    _chars, lines = label_capacity(width, height)
    return wrap_text(label, block_label_width(width), LABEL_FONT_PX, bold=True, max_lines=lines)


def block_label_width(width: float) -> float:
    """How wide a block's label lines may be: the card minus the stage bar and 6 px each side."""
    return max(8.0, width - STAGE_BAR_WIDTH - 12)


# Advance widths of DejaVu Sans (regular, bold) for ASCII 32..126 in thousandths of an em, measured
# with Qt. They let the Qt-free exporter break and elide text where it really runs out of room.
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
        self["…"] = 1000

    def __missing__(self, char: str) -> int:
        import unicodedata

        if unicodedata.category(char) in ("Mn", "Me", "Cf"):
            width = 0
        elif unicodedata.east_asian_width(char) in ("W", "F"):
            width = 1000
        else:
            width = self._other
        self[char] = width
        return width


_ADVANCES = {False: _Advances(False), True: _Advances(True)}


def text_width(text: str, font_px: float, bold: bool = False) -> float:
    """The approximate drawn width of one line of ``text`` in DejaVu Sans at ``font_px``."""
    return sum(map(_ADVANCES[bold].__getitem__, text)) * font_px / 1000


def elide(text: str, max_width: float, font_px: float, bold: bool = False) -> str:
    """``text`` on one line, cut with an ellipsis where it would grow wider than ``max_width``."""
    if text_width(text, font_px, bold) <= max_width:
        return text
    advances = _ADVANCES[bold]
    room = max_width * 1000 / font_px - advances["…"]
    used, cut = 0, 0
    for cut, char in enumerate(text):  # noqa: B007 - the index is used after the loop
        used += advances[char]
        if used > room:
            break
    return text[:cut].rstrip() + "…"


def wrap_text(text: str, max_width: float, font_px: float, bold: bool = False, max_lines: int = 3) -> list[str]:
    """Like ``wrap_label`` but by measured width: at most ``max_lines`` lines no wider than
    ``max_width`` (explicit newlines kept, long words broken), the last one elided when text was cut."""
    advances = _ADVANCES[bold]
    room = max_width * 1000 / font_px
    space = advances[" "]
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current, used = "", 0
        for word in paragraph.split():
            width = sum(map(advances.__getitem__, word))
            while width > room:  # a word wider than a line: break it where it runs out of room
                if current:
                    lines.append(current)
                    current, used = "", 0
                taken, cut = 0, 0
                for cut, char in enumerate(word):
                    if taken + advances[char] > room and cut:
                        break
                    taken += advances[char]
                else:
                    cut = len(word)
                lines.append(word[:cut])
                word = word[cut:]
                width = sum(map(advances.__getitem__, word))
            if not word:
                continue
            if not current:
                current, used = word, width
            elif used + space + width <= room:
                current, used = f"{current} {word}", used + space + width
            else:
                lines.append(current)
                current, used = word, width
        lines.append(current)
        if len(lines) > max_lines + 1:  # enough to fill the last line; the rest is cut anyway
            break
    if len(lines) > max_lines:
        # the last line shows as much of the rest as fits, then an ellipsis
        rest = " ".join(line for line in lines[max_lines - 1:] if line)
        last = elide(rest, max_width, font_px, bold)
        if not last.endswith("…"):
            last = elide(lines[max_lines - 1] + "…", max_width, font_px, bold)
        lines = [*lines[: max_lines - 1], last]
    return lines
