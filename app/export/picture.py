"""An SVG picture for a rich-text page (the review, the practice results, the interviewer's view).

Qt's rich-text engine cannot draw SVG and scales images without smoothing, so the picture is rendered
at exactly the width it is shown at, for the screen's pixel ratio, and only again when the SVG, the
width or the ratio changes (a page redrawn after every validation keeps its image).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument

from app.export.errors import ExportError
from app.export.render import largest_scale, render_png, svg_size

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTextEdit

MIN_WIDTH = 200.0
PAGE_MARGIN = 90  # the page's own padding, the document margin and the scroll bar


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

    def in_browser(self, browser: QTextEdit, svg: str) -> str:
        """``markup`` for the page ``browser`` shows: as wide as its viewport less the page's margins, for
        its screen's pixel ratio (the review, results and interviewer windows all fit their picture so)."""
        return self.markup(browser.document(), svg, browser.viewport().width() - PAGE_MARGIN,
                           browser.devicePixelRatioF())
