"""Copy a diagram (or the selection) to the clipboard as a PNG image or as SVG.

PNG copies carry the bitmap (``image/png`` and Qt's image data) plus the SVG as ``image/svg+xml`` so
applications that accept vectors take those; SVG copies carry ``image/svg+xml`` and the same text as
plain text (pasting into an editor gives the markup). Badges are left out: copies go into documents.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QClipboard, QGuiApplication

from app.export import render
from app.export.service import DEFAULT_PNG_SCALE, ExportSettings, svg_for
from components.model import Diagram

SVG_MIME = "image/svg+xml"


def _svg(diagram: Diagram, ids: Collection[str] | None, theme: str) -> str:
    """The SVG both copies start from: no badges, the theme's background."""
    selection = set(ids) if ids else None  # nothing selected: the whole diagram
    return svg_for(diagram, ExportSettings(theme=theme, badges=False, selection=selection))  # type: ignore[arg-type]  # theme: the window's, light or dark


def png_mime(diagram: Diagram, ids: Collection[str] | None = None, *, theme: str = "light",
             scale: float = DEFAULT_PNG_SCALE) -> QMimeData:
    """Mime data of a PNG copy; raises ExportError (e.g. ExportTooLarge) when it cannot be made."""
    svg = _svg(diagram, ids, theme)
    image = render.render_png(svg, scale)
    mime = QMimeData()
    mime.setImageData(image)
    mime.setData("image/png", render.png_bytes(image))
    mime.setData(SVG_MIME, svg.encode("utf-8"))
    return mime


def svg_mime(diagram: Diagram, ids: Collection[str] | None = None, *, theme: str = "light") -> QMimeData:
    """Mime data of an SVG copy."""
    svg = _svg(diagram, ids, theme)
    mime = QMimeData()
    mime.setData(SVG_MIME, svg.encode("utf-8"))
    mime.setText(svg)
    return mime


def _clipboard() -> QClipboard:
    app = QGuiApplication.instance()
    if app is None:
        raise RuntimeError("copying needs a running Qt application")
    return QGuiApplication.clipboard()


def copy_png(diagram: Diagram, ids: Collection[str] | None = None, *, theme: str = "light",
             scale: float = DEFAULT_PNG_SCALE) -> None:
    """Put a PNG of the selection (``ids``; empty or None: everything) on the clipboard."""
    _clipboard().setMimeData(png_mime(diagram, ids, theme=theme, scale=scale))


def copy_svg(diagram: Diagram, ids: Collection[str] | None = None, *, theme: str = "light") -> None:
    """Put the SVG of the selection (``ids``; empty or None: everything) on the clipboard."""
    _clipboard().setMimeData(svg_mime(diagram, ids, theme=theme))
