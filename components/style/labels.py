"""What each element's text becomes when drawn: the lines of a block label or a sticky note, the one
line of a connector or group label. The canvas items and the SVG writer both call these, so their
line breaks are the same; everything goes through the one engine in ``components.style.text``.
"""

from __future__ import annotations

from functools import lru_cache

from components.style.metrics import text_width
from components.style.sizes import (
    BLOCK_BOTTOM_PADDING,
    BLOCK_HEADER,
    BLOCK_LABEL_INSET,
    BLOCK_LABEL_MAX_LINES,
    CONNECTOR_FONT_PX,
    CONNECTOR_LABEL_PAD,
    CONNECTOR_LABEL_WIDTH,
    GROUP_FONT_PX,
    GROUP_LABEL_X,
    LABEL_FONT_PX,
    NOTE_FONT_PX,
    NOTE_PADDING,
    STAGE_BAR_WIDTH,
    TEXT_LINE_HEIGHT,
)
from components.style.text import elide, one_line, wrap_text


def block_label_width(width: float) -> float:
    """How wide a block's label lines may be: the card minus the stage bar and an inset each side."""
    return max(8.0, width - STAGE_BAR_WIDTH - 2 * BLOCK_LABEL_INSET)


@lru_cache(maxsize=256)
def block_label_max_lines(height: float) -> int:
    """How many label lines a block of this height has room for below its header (1 to 3)."""
    room = int((height - BLOCK_HEADER - BLOCK_BOTTOM_PADDING) // (LABEL_FONT_PX * TEXT_LINE_HEIGHT))
    return max(1, min(BLOCK_LABEL_MAX_LINES, room))


def block_label_lines(label: str, width: float, height: float) -> list[str]:
    """A block's label broken into lines of bold LABEL_FONT_PX text (empty label: no lines)."""
    if not label.strip():
        return []
    return wrap_text(label, block_label_width(width), LABEL_FONT_PX, bold=True, max_lines=block_label_max_lines(height))


def note_lines(text: str, width: float, height: float) -> list[str]:
    """A sticky note's text wrapped inside its padding, as many lines as its height holds."""
    if not text.strip():
        return []
    max_lines = max(1, int((height - 2 * NOTE_PADDING) / (NOTE_FONT_PX * TEXT_LINE_HEIGHT)))
    return wrap_text(text, width - 2 * NOTE_PADDING, NOTE_FONT_PX, max_lines=max_lines)


def note_baseline(index: int) -> float:
    """How far below a note's top edge the baseline of its line ``index`` (from 0) sits."""
    return NOTE_PADDING + NOTE_FONT_PX * 0.95 + index * NOTE_FONT_PX * TEXT_LINE_HEIGHT


def connector_label(label: str) -> str:
    """A connector's label as one line, elided to the widest plate ('' when blank)."""
    return elide(one_line(label), CONNECTOR_LABEL_WIDTH - 2 * CONNECTOR_LABEL_PAD, CONNECTOR_FONT_PX)


def connector_plate(text: str) -> tuple[float, float]:
    """Width and height of the plate behind a connector label's (already fitted) text."""
    return (text_width(text, CONNECTOR_FONT_PX) + 2 * CONNECTOR_LABEL_PAD,
            CONNECTOR_FONT_PX * 1.2 + CONNECTOR_LABEL_PAD)


def group_label(label: str, width: float) -> str:
    """A group frame's label as one line, elided to the frame's header strip ('' when blank)."""
    return elide(one_line(label), width - 2 * GROUP_LABEL_X, GROUP_FONT_PX, bold=True)
