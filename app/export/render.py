"""PNG and PDF rendered from the exported SVG with QtSvg, so every picture format looks the same.

Size guards come first: QPainter silently clips past 32,767 px a side, and a huge ARGB32 image can
exhaust memory, so an oversized PNG is refused with a message naming the largest scale that fits.
A QGuiApplication must exist before any of this runs (see ``ensure_gui_app``).

Every picture is painted on a device of Qt's default 96 dpi, scaled by the painter. Qt keeps one
process-wide cache of font engines keyed by family and pixel size, not by the device's dpi: text
painted on a 19 dpi image (a gallery thumbnail) or a 1152 dpi PDF page made an engine whose glyphs
then came out 5x too big (or a tenth the size) in every menu and combo box of the window for the rest
of the session. A PNG's own dpi is metadata, stamped on the finished image.
"""

from __future__ import annotations

import math
import os
import sys

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgRenderer

from app.export import png
from app.export.errors import ExportError, ExportTooLarge
from app.export.service import PAPERS
from components.io import write_atomic

MAX_SIDE_PX = 32_767
MEMORY_BUDGET_BYTES = 512 * 1024 * 1024  # of ARGB32 pixels, 4 bytes each
PDF_MAX_SIDE_PT = 14_400  # the largest page PDF viewers accept (200 inches); bigger pages are scaled to fit
PT_PER_PX = 0.75  # CSS px are 1/96 inch, PDF points 1/72
CSS_DPI = 96  # also Qt's default dpi of an image, the only one safe to paint text at
PAPER_IDS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}  # PAPERS but "diagram"
PAPER_MARGIN_PT = 36.0  # half an inch on every side of a paper page
MAX_PAPER_ZOOM = 2.0  # a small design is enlarged to fill the page, but its text not past twice its size
_app: QGuiApplication | None = None
__all__ = ["ExportError", "ExportTooLarge", "ensure_gui_app", "pdf_bytes", "render_png", "write_pdf", "write_png"]


def ensure_gui_app() -> QGuiApplication:
    """The running Qt application, creating a QGuiApplication (offscreen when there is no display)."""
    global _app
    existing = QGuiApplication.instance()
    if existing is not None:
        return existing  # type: ignore[return-value]  # every entry point makes a QGuiApplication or a QApplication
    headless = sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _app = QGuiApplication(["mlsd"])
    return _app


def _renderer(svg: str) -> QSvgRenderer:
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    if not renderer.isValid():
        raise ExportError("the SVG could not be rendered")
    return renderer


def svg_size(svg: str) -> QSizeF:
    """The diagram's size in CSS px (its viewBox)."""
    return _renderer(svg).viewBoxF().size()


def png_size(width: float, height: float, scale: float) -> tuple[int, int]:
    """Pixel size of a PNG of a ``width`` x ``height`` px picture at ``scale``."""
    return max(1, math.ceil(width * scale - 1e-6)), max(1, math.ceil(height * scale - 1e-6))


def largest_scale(width: float, height: float, budget: int = MEMORY_BUDGET_BYTES) -> float:
    """The largest scale (2 decimals, rounded down) whose PNG fits both limits."""
    by_side = MAX_SIDE_PX / max(width, height, 1e-9)
    by_memory = math.sqrt(budget / 4 / max(width * height, 1e-9))
    scale = math.floor(min(by_side, by_memory) * 100) / 100
    while scale > 0.01 and not _fits(*png_size(width, height, scale), budget):
        scale = round(scale - 0.01, 2)
    return max(scale, 0.0)


def _fits(px_w: int, px_h: int, budget: int) -> bool:
    return px_w <= MAX_SIDE_PX and px_h <= MAX_SIDE_PX and px_w * px_h * 4 <= budget


def check_png_size(width: float, height: float, scale: float, budget: int = MEMORY_BUDGET_BYTES) -> tuple[int, int]:
    """The PNG's pixel size; raises ExportTooLarge, naming the largest scale that fits, when too big."""
    if not (math.isfinite(scale) and scale > 0):
        raise ExportError(f"scale must be a positive number, not {scale}")
    px_w, px_h = png_size(width, height, scale)
    if _fits(px_w, px_h, budget):
        return px_w, px_h
    megabytes = px_w * px_h * 4 / (1024 * 1024)
    fit = largest_scale(width, height, budget)
    hint = f"the largest scale that fits is {fit:g}" if fit >= 0.01 else "no scale fits; export SVG or PDF instead"
    raise ExportTooLarge(
        f"a PNG at scale {scale:g} would be {px_w} x {px_h} px ({megabytes:,.0f} MB); the limit is "
        f"{MAX_SIDE_PX} px a side and {budget // (1024 * 1024)} MB; {hint}"
    )


def render_png(svg: str, scale: float = 2.0, budget: int = MEMORY_BUDGET_BYTES) -> QImage:
    """The SVG painted into an ARGB32 image ``scale`` times its size (transparent where it paints
    nothing). Raises ExportTooLarge instead of clipping."""
    renderer = _renderer(svg)
    view = renderer.viewBoxF()
    px_w, px_h = check_png_size(view.width(), view.height(), scale, budget)
    image = QImage(px_w, px_h, QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise ExportError(f"not enough memory for a {px_w} x {px_h} px image")
    image.fill(0)
    painter = QPainter(image)  # at the image's default 96 dpi: see the module docstring
    try:
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                               | QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter, QRectF(0, 0, view.width() * scale, view.height() * scale))
    finally:
        painter.end()
    dots_per_metre = round(CSS_DPI * scale / 0.0254)  # so the PNG prints at the diagram's size
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


def png_bytes(image: QImage) -> bytes:
    """A QImage encoded as PNG (``app.export.png``: several times faster than Qt's writer)."""
    if image.isNull():
        raise ExportError("the image could not be encoded as PNG")
    return png.encode(image)


def write_png(svg: str, path: str | os.PathLike[str], scale: float = 2.0) -> None:
    """Render and write a PNG atomically."""
    write_atomic(path, png_bytes(render_png(svg, scale)))


def pdf_bytes(svg: str, title: str = "", paper: str = "diagram", orientation: str = "auto") -> bytes:
    """A one-page PDF with vector shapes and real text. ``paper`` "diagram": the page is the diagram's
    size (1 px = 0.75 pt; scaled down to fit viewers' largest page); "a4" or "letter": the diagram is
    fitted to that page inside its margins and centred, never enlarged past MAX_PAPER_ZOOM, the page
    turned as ``orientation`` says ("auto": landscape for a diagram wider than tall)."""
    renderer = _renderer(svg)
    view = renderer.viewBoxF()
    if paper == "diagram":
        width_pt, height_pt = view.width() * PT_PER_PX, view.height() * PT_PER_PX
        shrink = min(1.0, PDF_MAX_SIDE_PT / max(width_pt, height_pt, 1e-9))
        width_pt, height_pt = max(1.0, width_pt * shrink), max(1.0, height_pt * shrink)
        page = QPageSize(QSizeF(width_pt, height_pt), QPageSize.Unit.Point, "diagram",
                         QPageSize.SizeMatchPolicy.ExactMatch)
        turn = QPageLayout.Orientation.Portrait
        target = QRectF(0, 0, width_pt / PT_PER_PX, height_pt / PT_PER_PX)
    elif paper in PAPER_IDS:
        page = QPageSize(PAPER_IDS[paper])
        wide = view.width() > view.height() if orientation == "auto" else orientation == "landscape"
        turn = QPageLayout.Orientation.Landscape if wide else QPageLayout.Orientation.Portrait
        target = _fitted(view.size(), page.size(QPageSize.Unit.Point), wide)
    else:
        raise ExportError(f"unknown paper size {paper!r} (expected one of: {', '.join(PAPERS)})")
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setCreator("MLSD Whiteboard")
    if title:
        writer.setTitle(title)
    writer.setResolution(CSS_DPI)  # not finer: see the module docstring (coordinates stay real numbers)
    if not writer.setPageLayout(QPageLayout(page, turn, QMarginsF(0, 0, 0, 0))):
        raise ExportError("the PDF page size could not be set")
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("the PDF could not be started")
    try:
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        renderer.render(painter, target)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def _fitted(diagram: QSizeF, page_pt: QSizeF, landscape: bool) -> QRectF:
    """Where a ``diagram`` (px) goes on a page (its portrait size in pt), in the painter's px: as big as
    fits inside PAPER_MARGIN_PT (at most MAX_PAPER_ZOOM times its own size) and centred."""
    width, height = page_pt.width() / PT_PER_PX, page_pt.height() / PT_PER_PX
    if landscape:
        width, height = height, width
    margin = PAPER_MARGIN_PT / PT_PER_PX
    room_w, room_h = width - 2 * margin, height - 2 * margin
    zoom = min(room_w / max(diagram.width(), 1e-9), room_h / max(diagram.height(), 1e-9), MAX_PAPER_ZOOM)
    drawn_w, drawn_h = diagram.width() * zoom, diagram.height() * zoom
    return QRectF((width - drawn_w) / 2, (height - drawn_h) / 2, drawn_w, drawn_h)


def write_pdf(svg: str, path: str | os.PathLike[str], title: str = "", paper: str = "diagram",
              orientation: str = "auto") -> None:
    """Render and write a one-page PDF atomically."""
    write_atomic(path, pdf_bytes(svg, title, paper, orientation))
