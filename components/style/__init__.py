"""One style for the canvas and the exporters: colours, fonts, sizes, and the one text-fitting engine.

The Qt canvas and the SVG writer both read this package, so what is drawn is what is exported:
``themes`` (colours), ``sizes`` (fonts and shapes), ``metrics`` (the font-metrics table), ``text``
(wrap and elide by measured width) and ``labels`` (what each element's text becomes).
"""

from components.style.labels import (
    block_label_lines,
    block_label_max_lines,
    block_label_width,
    connector_label,
    connector_plate,
    group_label,
    note_baseline,
    note_lines,
)
from components.style.metrics import ELLIPSIS, FONT_FAMILY, FONT_FAMILY_CSS, text_width
from components.style.sizes import (
    ARROW_LENGTH,
    ARROW_WIDTH,
    BADGE_RADIUS,
    BASELINE_DROP,
    BLOCK_BORDER,
    BLOCK_BOTTOM_PADDING,
    BLOCK_HEADER,
    BLOCK_LABEL_INSET,
    BLOCK_LABEL_MAX_LINES,
    BLOCK_PADDING,
    BLOCK_RADIUS,
    CONNECTOR_FONT_PX,
    CONNECTOR_LABEL_OPACITY,
    CONNECTOR_LABEL_PAD,
    CONNECTOR_LABEL_RADIUS,
    CONNECTOR_LABEL_WIDTH,
    CONNECTOR_WIDTH,
    EXPORT_MARGIN,
    GRID_SIZE,
    GROUP_BORDER,
    GROUP_DASH,
    GROUP_FILL_OPACITY,
    GROUP_FONT_PX,
    GROUP_HEADER,
    GROUP_LABEL_X,
    GROUP_RADIUS,
    ICON_MARGIN,
    ICON_SIZE,
    KIND_FONT_PX,
    LABEL_FONT_PX,
    NOTE_FOLD,
    NOTE_FONT_PX,
    NOTE_PADDING,
    STAGE_BAR_WIDTH,
    TEXT_LINE_HEIGHT,
    TITLE_FONT_PX,
    block_size,
)
from components.style.text import clean, elide, one_line, wrap_text
from components.style.themes import (
    DARK,
    FLOW_STYLES,
    LIGHT,
    THEMES,
    FlowStyle,
    Theme,
    ThemeName,
    arrow_depth,
    flow_colour,
    kind_colour,
    theme,
)

__all__ = [
    "ARROW_LENGTH", "ARROW_WIDTH", "BADGE_RADIUS", "BASELINE_DROP", "BLOCK_BORDER", "BLOCK_BOTTOM_PADDING",
    "BLOCK_HEADER", "BLOCK_LABEL_INSET", "BLOCK_LABEL_MAX_LINES", "BLOCK_PADDING", "BLOCK_RADIUS",
    "CONNECTOR_FONT_PX", "CONNECTOR_LABEL_OPACITY", "CONNECTOR_LABEL_PAD", "CONNECTOR_LABEL_RADIUS",
    "CONNECTOR_LABEL_WIDTH", "CONNECTOR_WIDTH", "DARK", "ELLIPSIS", "EXPORT_MARGIN", "FLOW_STYLES", "FONT_FAMILY",
    "FONT_FAMILY_CSS", "GRID_SIZE", "GROUP_BORDER", "GROUP_DASH", "GROUP_FILL_OPACITY", "GROUP_FONT_PX",
    "GROUP_HEADER", "GROUP_LABEL_X", "GROUP_RADIUS", "ICON_MARGIN", "ICON_SIZE", "KIND_FONT_PX", "LABEL_FONT_PX",
    "LIGHT", "NOTE_FOLD", "NOTE_FONT_PX", "NOTE_PADDING", "STAGE_BAR_WIDTH", "TEXT_LINE_HEIGHT", "THEMES",
    "TITLE_FONT_PX", "FlowStyle", "Theme", "ThemeName", "arrow_depth", "block_label_lines", "block_label_max_lines",
    "block_label_width", "block_size", "clean", "connector_label", "connector_plate", "elide", "flow_colour",
    "group_label", "kind_colour", "note_baseline", "note_lines", "one_line", "text_width", "theme", "wrap_text",
]
