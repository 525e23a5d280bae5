"""One way to export a diagram to any format, shared by the CLI, the export dialog and the clipboard."""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from components.export import SvgOptions, to_svg
from components.export.parts import selected, without
from components.layers import LayerView, Resolved
from components.model import Diagram

Format = Literal["svg", "png", "pdf", "mmd", "dot"]
Paper = Literal["diagram", "a4", "letter"]
PAPERS: tuple[Paper, ...] = ("diagram", "a4", "letter")  # "diagram": a PDF page the diagram's own size
Orientation = Literal["auto", "portrait", "landscape"]
ORIENTATIONS: tuple[Orientation, ...] = ("auto", "portrait", "landscape")
FORMATS: tuple[Format, ...] = ("svg", "png", "pdf", "mmd", "dot")
PICTURE_FORMATS: tuple[Format, ...] = ("svg", "png", "pdf")  # drawn from the SVG: theme, badges, panels, dimming
FORMAT_NAMES: dict[str, str] = {"svg": "SVG image", "png": "PNG image", "pdf": "PDF document",
                                "mmd": "Mermaid flowchart", "dot": "Graphviz DOT"}
EXTENSIONS: dict[str, Format] = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".mmd": "mmd",
                                 ".mermaid": "mmd", ".dot": "dot", ".gv": "dot"}
DEFAULT_EXTENSION: dict[str, str] = {"svg": ".svg", "png": ".png", "pdf": ".pdf", "mmd": ".mmd", "dot": ".dot"}
DEFAULT_PNG_SCALE = 2.0
_ROOT_SIZE = re.compile(r'<svg [^>]*?width="([\d.]+)" height="([\d.]+)"')


@dataclass(frozen=True)
class ExportSettings:
    """Everything an export needs besides the diagram. ``selection`` None: the whole diagram."""

    format: Format = "svg"
    scale: float = DEFAULT_PNG_SCALE
    theme: Literal["light", "dark"] = "light"
    background: Literal["white", "transparent"] = "white"
    badges: bool = True
    title: bool = True
    selection: Collection[str] | None = field(default=None)
    legend: bool = False  # the five flows under the diagram
    requirements: bool = False  # the requirements card beside the legend
    paper: Paper = "diagram"  # PDF only
    orientation: Orientation = "auto"  # PDF on paper only
    layers: LayerView | None = None  # hide and dim as the canvas does (None: everything shown)


def format_from_path(path: str | os.PathLike[str]) -> Format | None:
    """The format a file name asks for by its extension, or None."""
    return EXTENSIONS.get(Path(path).suffix.lower())


def diagram_findings(diagram: Diagram) -> Sequence[Any]:
    """The validator's findings, for badges (imported here: text exports never need the validator)."""
    from components.validate import validate

    return list(validate(diagram))


def svg_for(diagram: Diagram, settings: ExportSettings) -> str:
    """The SVG every picture format starts from."""
    findings = diagram_findings(diagram) if settings.badges else None
    layers = settings.layers.resolve(diagram) if settings.layers is not None else Resolved()
    return to_svg(diagram, SvgOptions(theme=settings.theme, background=settings.background, findings=findings,
                                      selection=settings.selection, title=settings.title, legend=settings.legend,
                                      requirements=settings.requirements, hidden=layers.hidden,
                                      dimmed=layers.dimmed))


def exported_part(diagram: Diagram, settings: ExportSettings) -> Diagram:
    """What the text formats write: the selection, less what hidden layers leave out."""
    hidden = settings.layers.resolve(diagram).hidden if settings.layers is not None else ()
    return without(selected(diagram, settings.selection), hidden)


def svg_dimensions(svg: str) -> tuple[float, float]:
    """The width and height (CSS px) our SVG writer put on its root element."""
    match = _ROOT_SIZE.search(svg, 0, 2000)
    if match is None:
        raise ValueError("not an SVG from components.export")
    return float(match.group(1)), float(match.group(2))


def export_bytes(diagram: Diagram, settings: ExportSettings) -> bytes:
    """The exported file's content. Picture formats need a QGuiApplication; raises ExportError
    (e.g. ExportTooLarge) with a message for the user."""
    if settings.format == "mmd":
        from components.export import to_mermaid  # each writer is loaded when its format is asked for

        return to_mermaid(exported_part(diagram, settings)).encode("utf-8")
    if settings.format == "dot":
        from components.export import to_dot

        return to_dot(exported_part(diagram, settings)).encode("utf-8")
    svg = svg_for(diagram, settings)
    if settings.format == "svg":
        return svg.encode("utf-8")
    from app.export import render

    if settings.format == "png":
        return render.png_bytes(render.render_png(svg, settings.scale))
    if settings.format == "pdf":
        return render.pdf_bytes(svg, diagram.title, settings.paper, settings.orientation)
    raise ValueError(f"unknown format {settings.format!r}")
