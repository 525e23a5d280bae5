"""Auto-layout: Graphviz dot (left to right, ranks guided by stage) with a built-in fallback.

``auto_layout(diagram, ids=None, engine="auto", timeout=10.0) -> LayoutResult`` computes new
positions; ``layout_command(doc, result)`` turns them into one undoable command. networkx and
the dot process are only touched when a layout actually runs.
"""

from components.layout.api import ENGINES, Engine, LayoutCancelled, LayoutError, LayoutResult, auto_layout
from components.layout.command import layout_command

__all__ = ["ENGINES", "Engine", "LayoutCancelled", "LayoutError", "LayoutResult", "auto_layout", "layout_command"]
