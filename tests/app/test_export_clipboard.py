"""Copy as PNG / Copy as SVG: what lands on the clipboard, for the whole diagram or the selection."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication, QImage

from app.export.clipboard import SVG_MIME, copy_png, copy_svg, png_mime
from app.export.errors import ExportTooLarge
from tests.core.test_export_checks import assert_inert, group_by_id, parse_svg
from tests.core.test_export_svg import small_diagram


def blocks_in(svg: str) -> set[str]:
    return {key for key in group_by_id(parse_svg(svg)) if key.startswith("block-")}


def test_copy_png_puts_an_image_a_png_and_the_svg_on_the_clipboard(qapp) -> None:
    copy_png(small_diagram(), scale=1.0)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasImage()
    image = QImage(mime.imageData())
    svg = bytes(mime.data(SVG_MIME).data()).decode("utf-8")
    assert image.width() == int(parse_svg(svg).get("width"))
    assert bytes(mime.data("image/png").data()).startswith(b"\x89PNG")
    assert 'class="e-' not in svg  # copies leave the findings badges out
    assert len(blocks_in(svg)) == len(small_diagram().blocks)


def test_copy_svg_puts_markup_and_text_on_the_clipboard(qapp) -> None:
    copy_svg(small_diagram(), theme="dark")
    mime = QGuiApplication.clipboard().mimeData()
    svg = bytes(mime.data(SVG_MIME).data()).decode("utf-8")
    assert mime.text() == svg
    assert_inert(parse_svg(svg))
    assert "#111827" in svg


@pytest.mark.parametrize("copy", [copy_png, copy_svg])
def test_only_the_selection_is_copied(qapp, copy) -> None:
    copy(small_diagram(), {"rank", "client"})
    mime = QGuiApplication.clipboard().mimeData()
    assert blocks_in(bytes(mime.data(SVG_MIME).data()).decode("utf-8")) == {"block-rank", "block-client"}


def test_an_empty_selection_copies_everything(qapp) -> None:
    copy_svg(small_diagram(), set())
    svg = QGuiApplication.clipboard().mimeData().text()
    assert len(blocks_in(svg)) == len(small_diagram().blocks)


def test_a_too_large_png_is_refused_and_the_clipboard_left_alone(qapp) -> None:
    QGuiApplication.clipboard().setText("before")
    with pytest.raises(ExportTooLarge, match="largest scale that fits"):
        copy_png(small_diagram(), scale=500.0)
    assert QGuiApplication.clipboard().text() == "before"


def test_png_mime_scale(qapp) -> None:
    one = QImage(png_mime(small_diagram(), scale=1.0).imageData())
    two = QImage(png_mime(small_diagram(), scale=2.0).imageData())
    assert two.width() == 2 * one.width()
