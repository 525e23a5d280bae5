"""Exporters working from the model: SVG (the one picture renderer), Mermaid and Graphviz DOT text.

PNG and PDF are rendered from the SVG by the app layer (app/export), so all pictures look the same.
"""

from components.export.dot import to_dot
from components.export.mermaid import to_mermaid
from components.export.svg import SvgOptions, to_svg

__all__ = ["SvgOptions", "to_dot", "to_mermaid", "to_svg"]
