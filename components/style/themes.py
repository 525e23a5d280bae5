"""Colours: the light and dark themes, the connector flows' colours and dashes, stage accents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from components.catalog import CUSTOM_COLOUR, CUSTOM_DARK_COLOUR, spec, stage
from components.style.sizes import ARROW_LENGTH

ThemeName = Literal["light", "dark"]


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
    severity: dict[str, str]  # a colour for each of components.model.types.SEVERITIES
    guide: str  # the lines that show what a dragged box lines up with
    focus: str  # the ring round the block the keyboard is on (Tab)


LIGHT = Theme(
    "light", background="#ffffff", grid="#eef0f3", block_fill="#ffffff", block_border="#cbd5e1",
    text="#111827", muted_text="#6b7280", note_fill="#fef9c3", note_border="#eab308",
    group_fill="#f8fafc", group_border="#94a3b8", selection="#0ea5e9",
    severity={"error": "#dc2626", "warning": "#d97706", "info": "#2563eb"}, guide="#db2777", focus="#4f46e5",
)
DARK = Theme(
    "dark", background="#111827", grid="#1f2937", block_fill="#1f2937", block_border="#4b5563",
    text="#f3f4f6", muted_text="#9ca3af", note_fill="#3f3a1d", note_border="#ca8a04",
    group_fill="#172033", group_border="#64748b", selection="#38bdf8",
    severity={"error": "#f87171", "warning": "#fbbf24", "info": "#60a5fa"}, guide="#f472b6", focus="#a5b4fc",
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


def arrow_depth(arrow: str) -> float:
    """How far an arrowhead ("filled", "open", "diamond") reaches back from its tip along the line."""
    return ARROW_LENGTH * (2 if arrow == "diamond" else 1)
