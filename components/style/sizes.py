"""Sizes shared by the canvas and the exporters: fonts, blocks, notes, groups, connectors, badges.

Defined once here; the canvas items and the SVG writer both read them, so what is drawn is what is
exported.
"""

from __future__ import annotations

from components.catalog import spec

LABEL_FONT_PX = 13  # block labels (bold)
KIND_FONT_PX = 10
CONNECTOR_FONT_PX = 11
NOTE_FONT_PX = 12
GROUP_FONT_PX = 13  # group labels (bold)
TITLE_FONT_PX = 20
TEXT_LINE_HEIGHT = 1.25  # line spacing of block labels and notes, in font sizes
BASELINE_DROP = 0.35  # from a line box's middle down to its baseline, in font sizes

BLOCK_RADIUS = 8
BLOCK_BORDER = 1.5
STAGE_BAR_WIDTH = 6
ICON_SIZE = 24
ICON_MARGIN = 10
# Block layout: a header row with the icon and the kind name, then the label lines across the width.
BLOCK_PADDING = 10  # inner padding right of the stage bar and at the right edge
BLOCK_HEADER = ICON_MARGIN + ICON_SIZE  # the icon row (icon at ICON_MARGIN, ICON_MARGIN); label below it
BLOCK_BOTTOM_PADDING = 4
BLOCK_LABEL_MAX_LINES = 3
BLOCK_LABEL_INSET = 6  # label lines keep this far from the stage bar and the right edge

NOTE_PADDING = 10.0
NOTE_FOLD = 14.0  # the folded bottom-right corner

GROUP_RADIUS = 10.0
GROUP_BORDER = 1.5
GROUP_DASH = (6.0, 4.0)  # the frame's dashes and gaps, in scene units
GROUP_FILL_OPACITY = 0.78
GROUP_HEADER = GROUP_FONT_PX * 2.0  # the strip the label sits in
GROUP_LABEL_X = 12.0  # the label's left inset; it keeps as much room on the right

CONNECTOR_WIDTH = 1.6
CONNECTOR_LABEL_WIDTH = 220.0  # the widest connector label plate
CONNECTOR_LABEL_PAD = 4.0
CONNECTOR_LABEL_RADIUS = 3.0
CONNECTOR_LABEL_OPACITY = 0.92  # the plate lets a little of what is behind it through
ARROW_LENGTH = 10
ARROW_WIDTH = 8

GRID_SIZE = 16
EXPORT_MARGIN = 32
BADGE_RADIUS = 9


def block_size(kind: str, width: float | None, height: float | None) -> tuple[float, float]:
    """A block's drawn size: its own when set, else the catalog default."""
    entry = spec(kind)
    return (width if width is not None else entry.width, height if height is not None else entry.height)
