"""The one text-fitting engine: wrap and elide by measured width (the metrics table).

The canvas items and every exporter fit text only through here, so a label breaks at the same
characters on screen and in the exported picture. Both functions terminate for any width (zero,
negative, not a number) and take time linear in the text: every character is measured once, and
wrapping stops as soon as the lines it must return are known.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from components.style.metrics import ADVANCES, ELLIPSIS, text_width

REPLACEMENT = "\ufffd"
# Everything outside XML 1.0's Char production (tab, LF and CR aside, which become spaces), named as
# the few ranges it is: the complement of Char's ranges took ~3 ms to compile, at every start.
_FORBIDDEN = re.compile("[\x00-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """``text`` with whitespace controls as spaces and every other character no renderer draws and
    XML 1.0 forbids (C0 controls, lone surrogates, U+FFFE, U+FFFF) replaced by U+FFFD."""
    return _FORBIDDEN.sub(_replacement, text)


def _replacement(match: re.Match[str]) -> str:
    return " " if match.group() in "\t\n\r" else REPLACEMENT


def one_line(text: str) -> str:
    """``text`` cleaned, its runs of whitespace (line breaks too) collapsed to single spaces."""
    return " ".join(clean(text).split())


def elide(text: str, max_width: float, font_px: float, bold: bool = False) -> str:
    """``text`` on one line, cut with an ellipsis where it would grow wider than ``max_width``
    (just the ellipsis when not even one character fits)."""
    if text_width(text, font_px, bold) <= max_width:
        return text
    advances = ADVANCES[bold]
    room = max_width * 1000 / font_px - advances[ELLIPSIS]
    used, cut = 0, 0
    for cut, char in enumerate(text):  # noqa: B007 - the index is used after the loop
        used += advances[char]
        if used > room:
            break
    return text[:cut].rstrip() + ELLIPSIS


def wrap_text(text: str, max_width: float, font_px: float, bold: bool = False, max_lines: int = 3) -> list[str]:
    """At most ``max_lines`` (at least one) lines no wider than ``max_width``: explicit newlines
    kept, words joined greedily, a word wider than a line broken where it runs out of room. When
    text is left over, the last line shows as much of the rest as fits, then an ellipsis."""
    max_lines = max(1, max_lines)
    advance = ADVANCES[bold].__getitem__
    lines: list[str] = []
    rest = 0  # once there are max_lines lines: the width of the rest joined on the last line
    for line in _lines(text, max_width * 1000 / font_px, advance):
        if len(lines) < max_lines:
            lines.append(line)
            if len(lines) == max_lines:
                rest = sum(map(advance, line))
            continue
        lines.append(line)
        if line:
            rest += (advance(" ") if rest else 0) + sum(map(advance, line))
            if rest * font_px / 1000 > max_width:
                break  # the last line is cut within what is known: no need to read further
    if len(lines) <= max_lines:
        return lines
    leftover = " ".join(line for line in lines[max_lines - 1:] if line)
    last = elide(leftover, max_width, font_px, bold)
    if not last.endswith(ELLIPSIS):  # the rest fits on one line, but only by joining lines
        last = elide(lines[max_lines - 1] + ELLIPSIS, max_width, font_px, bold)
    return [*lines[: max_lines - 1], last]


def _lines(text: str, room: float, advance: Callable[[str], int]) -> Iterator[str]:
    """The wrapped lines of ``text`` one by one (``room`` in thousandths of an em); every
    character is measured once, and a word is broken in one pass over it."""
    space = advance(" ")
    for paragraph in text.splitlines() or [""]:
        words: list[str] = []
        used = 0
        for word in paragraph.split():
            widths = list(map(advance, word))
            width = sum(widths)
            if width > room:  # wider than a line: break it where it runs out of room
                if words:
                    yield " ".join(words)
                    words, used = [], 0
                start, taken = 0, 0
                for index, char_width in enumerate(widths):
                    if taken + char_width > room and index > start:
                        yield word[start:index]
                        start, taken = index, 0
                    taken += char_width
                word, width = word[start:], taken
            if not words:
                words, used = [word], width
            elif used + space + width <= room:
                words.append(word)
                used += space + width
            else:
                yield " ".join(words)
                words, used = [word], width
        yield " ".join(words)
