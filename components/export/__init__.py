"""Exporters working from the model: SVG (the one picture renderer), Mermaid and Graphviz DOT text.

PNG and PDF are rendered from the SVG by the app layer (app/export), so all pictures look the same.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from components.export.dot import to_dot
    from components.export.mermaid import to_mermaid
    from components.export.svg import SvgOptions, to_svg

__all__ = ["SvgOptions", "to_dot", "to_mermaid", "to_svg"]

# Loaded on first use: the canvas imports components.export.geometry at start-up, and that must not
# bring in the writers (DESIGN.md section 7: start-up does not pay for export code).
_HOMES = {"to_dot": "dot", "to_mermaid": "mermaid", "SvgOptions": "svg", "to_svg": "svg"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
