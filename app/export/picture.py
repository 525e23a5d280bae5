"""An SVG picture for a rich-text page (the review, the practice results, the interviewer's view).

Qt's rich-text engine cannot draw SVG and scales images without smoothing, so the picture is rendered
at exactly the width it is shown at, for the screen's pixel ratio, and only again when the SVG, the
width or the ratio changes (a page redrawn after every validation keeps its image).
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument

from app.export.errors import ExportError
from app.export.render import largest_scale, render_png, svg_size

MIN_WIDTH = 200.0


class SvgPicture:
    """One picture of a page, added to its QTextDocument as the image resource ``url``."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.image: QImage | None = None
        self._key: tuple[str, float] | None = None

    def markup(self, document: QTextDocument, svg: str, room: float, ratio: float) -> str:
        """The ``<img>`` for the page (the picture at most ``room`` px wide, never wider than drawn), its
        image added to ``document``; '' when the SVG cannot be drawn."""
        try:
            natural = svg_size(svg)
        except ExportError:
            return ""
        if natural.width() <= 0 or natural.height() <= 0:
            return ""
        width = max(MIN_WIDTH, min(natural.width(), room))
        scale = min(width / natural.width() * ratio, largest_scale(natural.width(), natural.height()))
        key = (svg, scale)
        if key != self._key or self.image is None:
            try:
                image = render_png(svg, scale)
            except ExportError:
                return ""
            image.setDevicePixelRatio(ratio)
            self.image, self._key = image, key
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(self.url), self.image)
        return f'<img src="{self.url}" width="{int(width)}">'
