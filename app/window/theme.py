"""Light and dark palettes for the window chrome, in the same colours as the canvas themes.

The canvas paints itself from components.style (so exports match); this module only colours the Qt
widgets around it (Fusion style, which honours every palette role on every platform).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.window.control_style import ControlStyle
from components.style import DARK, LIGHT, theme

THEME_NAMES = ("light", "dark")

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


def _palette(colours: dict[Role, str], disabled: dict[Role, str]) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(Group.All, role, QColor(colour))
    for role, colour in disabled.items():
        palette.setColor(Group.Disabled, role, QColor(colour))
    return palette


def palette_for(name: str) -> QPalette:
    """The widget palette of a theme ("light" or "dark")."""
    if name == "dark":
        return _palette(
            {
                Role.Window: "#1b2028", Role.WindowText: DARK.text, Role.Base: "#2a303b",
                Role.AlternateBase: "#303743", Role.ToolTipBase: "#323a46", Role.ToolTipText: DARK.text,
                Role.PlaceholderText: "#7b8494", Role.Text: DARK.text, Role.Button: "#2d3440",
                Role.ButtonText: DARK.text, Role.BrightText: "#ffffff", Role.Light: "#3a4250",
                Role.Midlight: "#313845", Role.Mid: "#222831", Role.Dark: "#10141a", Role.Shadow: "#05070a",
                Role.Highlight: "#2563eb", Role.HighlightedText: "#ffffff", Role.Link: "#60a5fa",
                Role.LinkVisited: "#c084fc",
            },
            {Role.WindowText: "#7b8494", Role.Text: "#6b7280", Role.ButtonText: "#6b7280",
             Role.Base: "#20252d", Role.Button: "#242a33", Role.Highlight: "#374151"},
        )
    return _palette(
        {
            Role.Window: "#f3f4f6", Role.WindowText: LIGHT.text, Role.Base: "#ffffff",
            Role.AlternateBase: "#f8fafc", Role.ToolTipBase: "#ffffff", Role.ToolTipText: LIGHT.text,
            Role.PlaceholderText: "#9ca3af", Role.Text: LIGHT.text, Role.Button: "#f9fafb",
            Role.ButtonText: LIGHT.text, Role.BrightText: "#ffffff", Role.Light: "#ffffff",
            Role.Midlight: "#f3f4f6", Role.Mid: "#d1d5db", Role.Dark: "#9ca3af", Role.Shadow: "#6b7280",
            Role.Highlight: "#2563eb", Role.HighlightedText: "#ffffff", Role.Link: "#2563eb",
            Role.LinkVisited: "#7c3aed",
        },
        {Role.WindowText: "#6b7280", Role.Text: "#9ca3af", Role.ButtonText: "#9ca3af",
         Role.Base: "#f3f4f6", Role.Button: "#f3f4f6", Role.Highlight: "#cbd5e1"},
    )


def install_style(name: str) -> None:
    """The application's style (Fusion with the theme's indicator rings), set before the first widget is
    made: set later, Qt polishes every widget again and the main window's docks lose the sizes they were
    just given (the first zoom to fit then measured a canvas 228 px wider than the one shown)."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and not isinstance(app.style(), ControlStyle):
        app.setStyle(ControlStyle(theme(name if name in THEME_NAMES else "light").muted_text))


def apply_palette(name: str) -> None:
    """Switch the whole application to a theme's palette (Fusion style, so every role is honoured, with the
    check boxes' and radio buttons' indicators in the theme's colours)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    name = name if name in THEME_NAMES else "light"
    install_style(name)
    style = app.style()
    if isinstance(style, ControlStyle):  # the check boxes' and radio buttons' rings (app/window/control_style.py)
        style.ring = QColor(theme(name).muted_text)
    app.setPalette(palette_for(name))
