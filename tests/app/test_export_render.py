"""PNG and PDF from the SVG through QtSvg: sizes, size guards, one vector page, and agreement with an
independent renderer (librsvg's rsvg-convert) pixel for pixel within a tolerance."""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMenu

from app.export import render
from app.export.errors import ExportError, ExportTooLarge
from components import style
from components.export import SvgOptions, to_svg
from components.io import load
from components.model import Diagram
from components.synthetic import synthetic_diagram
from tests.app.rendered_text import menu_text_heights, plausible_text_heights
from tests.conftest import EXAMPLES
from tests.core.test_export_fuzz import findings_on_every_block
from tests.core.test_export_svg import small_diagram
from tests.strategies import extreme_diagrams

RSVG = shutil.which("rsvg-convert")
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.mlsd.json"))
# Same picture, two renderers: antialiasing and font hinting differ a little, a moved block or a
# changed arrowhead does not. Measured (downsampled 4x): matching renders differ by about 0.2 per
# channel on average with no pixel off by more than 64; one block moved by 60 px gives 1.7 and 1.6 %.
MEAN_DIFF_LIMIT = 1.0
FAR_OFF_LIMIT = 0.002  # the share of pixels whose colour is off by more than 64 in some channel


def diagrams() -> list[tuple[str, Diagram]]:
    found = [(path.name, load(path)) for path in EXAMPLE_FILES]
    return [("synthetic-30", synthetic_diagram(30)), ("small", small_diagram()), *found]


def difference(first: QImage, second: QImage, factor: int = 4) -> tuple[float, float]:
    """(mean absolute difference per channel 0-255, share of pixels off by more than 64 in a channel),
    after both images are shrunk ``factor`` times."""
    size = first.size() / factor
    a = first.convertToFormat(QImage.Format.Format_RGBA8888).scaled(
        size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
    b = second.convertToFormat(QImage.Format.Format_RGBA8888).scaled(
        size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
    data_a, data_b = bytes(a.constBits()), bytes(b.constBits())
    assert len(data_a) == len(data_b)
    mean = sum(abs(x - y) for x, y in zip(data_a, data_b, strict=True)) / len(data_a)
    far = sum(1 for i in range(0, len(data_a), 4)
              if max(abs(data_a[i] - data_b[i]), abs(data_a[i + 1] - data_b[i + 1]),
                     abs(data_a[i + 2] - data_b[i + 2])) > 64)
    return mean, far / (len(data_a) // 4)


def spread(image: QImage) -> int:
    """How many distinct colours a downsampled image has: a blank render has one."""
    small = image.scaled(image.size() / 8).convertToFormat(QImage.Format.Format_RGB32)
    return len({small.pixel(x, y) for x in range(small.width()) for y in range(small.height())})


def rsvg_render(svg: str, tmp_path: Path, width: int, height: int) -> QImage:
    source = tmp_path / "in.svg"
    source.write_text(svg, encoding="utf-8")
    out = tmp_path / "rsvg.png"
    subprocess.run([RSVG, "-w", str(width), "-h", str(height), "-o", str(out), str(source)], check=True, timeout=120)
    image = QImage(str(out))
    assert not image.isNull()
    return image


@pytest.mark.skipif(RSVG is None, reason="rsvg-convert (librsvg2-bin) is not installed")
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(("name", "diagram"), diagrams(), ids=[name for name, _ in diagrams()])
def test_qt_png_looks_like_librsvg(qapp, tmp_path: Path, name: str, diagram: Diagram, theme: str) -> None:
    svg = to_svg(diagram, SvgOptions(theme=theme))
    ours = render.render_png(svg, 1.0)
    theirs = rsvg_render(svg, tmp_path, ours.width(), ours.height())
    assert spread(ours) > 4 and spread(theirs) > 4  # both drew something
    mean, far = difference(ours, theirs)
    assert mean < MEAN_DIFF_LIMIT and far < FAR_OFF_LIMIT, f"{name}/{theme}: mean {mean:.2f}, far off {far:.2%}"


@pytest.mark.skipif(RSVG is None, reason="rsvg-convert (librsvg2-bin) is not installed")
def test_the_comparison_notices_a_different_picture(qapp, tmp_path: Path) -> None:
    diagram = small_diagram()
    moved = diagram.model_copy(deep=True)
    moved.blocks[1].y += 60
    ours = render.render_png(to_svg(diagram), 1.0)
    svg_moved = to_svg(moved)
    theirs = rsvg_render(svg_moved, tmp_path, ours.width(), ours.height())
    mean, far = difference(ours, theirs)
    assert mean >= MEAN_DIFF_LIMIT and far >= FAR_OFF_LIMIT


@pytest.mark.skipif(RSVG is None, reason="rsvg-convert (librsvg2-bin) is not installed")
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_badges_render_as_discs_in_their_severity_colour(qapp, tmp_path: Path, theme: str) -> None:
    """Badges are ``<use>``s of one ``<symbol>`` per severity: QtSvg (PNG, PDF) and librsvg both draw
    each disc where the canvas does, in its colour (QtSvg ignores a symbol viewBox's origin)."""
    diagram = small_diagram()
    findings = [SimpleNamespace(severity=severity, blocks=[block.id])
                for severity, block in zip(style.LIGHT.severity, diagram.blocks, strict=False)]
    svg = to_svg(diagram, SvgOptions(theme=theme, findings=findings))
    x0, y0 = (float(v) for v in re.search(r'viewBox="(\S+) (\S+) ', svg).groups())
    ours = render.render_png(svg, 1.0)
    theirs = rsvg_render(svg, tmp_path, ours.width(), ours.height())
    for finding in findings:
        block = next(b for b in diagram.blocks if b.id == finding.blocks[0])
        width, _height = style.block_size(block.kind, block.width, block.height)
        cx, cy = block.x + width - 4 - x0, block.y + 4 - y0  # geometry.block_layout's badge centre
        expected = QColor(style.theme(theme).severity[finding.severity])
        for image in (ours, theirs):
            for dx, dy in ((-5, 0), (5, 2), (-4, -5), (4, 5)):  # inside the disc, beside the "!"
                seen = image.pixelColor(round(cx + dx), round(cy + dy))
                assert max(abs(seen.red() - expected.red()), abs(seen.green() - expected.green()),
                           abs(seen.blue() - expected.blue())) < 40, (finding.severity, dx, dy, seen.name())


@settings(max_examples=6)
@given(extreme_diagrams(max_size=600, reach=400))
def test_png_export_of_an_extreme_design_finishes(qapp, diagram: Diagram) -> None:
    """A few of the fuzzed designs (tests/core/test_export_fuzz.py) all the way to a PNG."""
    image = render.render_png(to_svg(diagram, SvgOptions(findings=findings_on_every_block(diagram))), 1.0)
    assert not image.isNull() and spread(image) > 1


def test_png_size_follows_the_scale_and_the_background_option(qapp) -> None:
    svg = to_svg(small_diagram())
    width, height = (float(v) for v in re.search(r'width="([\d.]+)" height="([\d.]+)"', svg).groups())
    image = render.render_png(svg, 2.0)
    assert (image.width(), image.height()) == (round(width * 2), round(height * 2))
    assert QColor(image.pixel(2, 2)).name() == style.LIGHT.background
    clear = render.render_png(to_svg(small_diagram(), SvgOptions(background="transparent")), 1.0)
    assert clear.pixelColor(2, 2).alpha() == 0
    png = render.png_bytes(image)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.parametrize("background", ["white", "transparent"])
@pytest.mark.parametrize("scale", [0.37, 1.0, 2.0])
def test_png_bytes_are_the_rendered_pixels_and_print_size(qapp, background: str, scale: float) -> None:
    """Our PNG encoder (app.export.png) is lossless: Qt reads back every pixel (straight alpha) and the
    dots per metre, at odd widths too; the chunks are well formed (zlib stream and CRCs checked)."""
    image = render.render_png(to_svg(small_diagram(), SvgOptions(background=background)), scale)
    data = render.png_bytes(image)
    back = QImage.fromData(data, "PNG")
    straight = QImage.Format.Format_RGBA8888
    assert back.convertToFormat(straight) == image.convertToFormat(straight)
    assert (back.dotsPerMeterX(), back.dotsPerMeterY()) == (image.dotsPerMeterX(), image.dotsPerMeterY())
    position, kinds = 8, []
    while position < len(data):
        length = int.from_bytes(data[position:position + 4], "big")
        kind, payload = data[position + 4:position + 8], data[position + 8:position + 8 + length]
        assert int.from_bytes(data[position + 8 + length:position + 12 + length], "big") == zlib.crc32(kind + payload)
        kinds.append(kind)
        if kind == b"IDAT":
            width = image.width()
            assert len(zlib.decompress(payload)) == image.height() * (width * 4 + 1)
        position += 12 + length
    assert kinds == [b"IHDR", b"pHYs", b"IDAT", b"IEND"]


def test_too_large_png_is_refused_with_the_largest_scale_that_fits(qapp) -> None:
    svg = to_svg(synthetic_diagram(30))
    with pytest.raises(ExportTooLarge, match=r"largest scale that fits is (\d+(\.\d+)?)") as caught:
        render.render_png(svg, 40.0)
    fit = float(re.search(r"largest scale that fits is ([\d.]+)", str(caught.value)).group(1))
    width, height = render.svg_size(svg).width(), render.svg_size(svg).height()
    assert render.check_png_size(width, height, fit)  # the advice works ...
    with pytest.raises(ExportTooLarge):
        render.check_png_size(width, height, fit + 0.01)  # ... and is the largest
    assert "32767 px a side" in str(caught.value)


def test_memory_budget_refusal(qapp) -> None:
    svg = to_svg(small_diagram())
    with pytest.raises(ExportTooLarge, match="1 MB"):
        render.render_png(svg, 2.0, budget=1024 * 1024)
    with pytest.raises(ExportError, match="positive"):
        render.render_png(svg, 0.0)


def pdf_pages(data: bytes) -> list[bytes]:
    return re.findall(rb"/Type\s*/Page\b(?!s)", data)


def test_pdf_is_one_page_sized_to_the_diagram_with_real_text(qapp) -> None:
    svg = to_svg(small_diagram())
    data = render.pdf_bytes(svg, "Small")
    assert data.startswith(b"%PDF-")
    assert len(pdf_pages(data)) == 1
    size = render.svg_size(svg)
    box = [float(v) for v in re.search(rb"/MediaBox\s*\[([^\]]*)\]", data).group(1).split()]
    assert box[2] - box[0] == pytest.approx(size.width() * render.PT_PER_PX, abs=1)
    assert box[3] - box[1] == pytest.approx(size.height() * render.PT_PER_PX, abs=1)
    assert b"/Font" in data and b"/FontFile" in data  # vector text with embedded glyphs
    assert b"/Subtype /Image" not in data and b"/Subtype/Image" not in data  # no picture of the page
    assert _pdf_text_operators(data) > 10


def _pdf_text_operators(data: bytes) -> int:
    """How many text-showing operators the page content streams hold (decompressed)."""
    count = 0
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            content = zlib.decompress(match.group(1))
        except zlib.error:
            content = match.group(1)
        count += len(re.findall(rb"\bTj\b|\bTJ\b", content))
    return count


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdf_text_can_be_extracted(qapp, tmp_path: Path) -> None:
    path = tmp_path / "out.pdf"
    render.write_pdf(to_svg(small_diagram()), path)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Mobile app" in text and "Ranking" in text


def test_huge_pdf_page_is_scaled_to_what_viewers_accept(qapp) -> None:
    svg = to_svg(synthetic_diagram(600))
    data = render.pdf_bytes(svg)
    box = [float(v) for v in re.search(rb"/MediaBox\s*\[([^\]]*)\]", data).group(1).split()]
    assert max(box[2] - box[0], box[3] - box[1]) <= render.PDF_MAX_SIDE_PT + 1
    assert len(pdf_pages(data)) == 1


def test_write_png_replaces_the_file_atomically(qapp, tmp_path: Path) -> None:
    target = tmp_path / "out.png"
    target.write_bytes(b"old")
    with pytest.raises(ExportTooLarge):
        render.write_png(to_svg(small_diagram()), target, 1000.0)
    assert target.read_bytes() == b"old"
    render.write_png(to_svg(small_diagram()), target, 1.0)
    assert QImage(str(target)).width() > 100
    assert [p.name for p in tmp_path.iterdir()] == ["out.png"]


def test_ensure_gui_app_reuses_the_running_application(qapp) -> None:
    assert render.ensure_gui_app() is qapp


@pytest.mark.parametrize("bold", [False, True])
def test_text_width_table_matches_the_installed_font(qapp, bold: bool) -> None:
    from PySide6.QtGui import QFont, QFontInfo, QFontMetricsF

    font = QFont(style.FONT_FAMILY)
    font.setPixelSize(13)
    font.setBold(bold)
    if QFontInfo(font).family() != style.FONT_FAMILY:
        pytest.skip(f"{style.FONT_FAMILY} is not installed")
    metrics = QFontMetricsF(font)
    for text in ("Candidate generation", "Monitoring: latency, CTR, drift", "WWW iii 0123 {}[]|", "A/B test (5%)"):
        assert style.text_width(text, 13, bold) == pytest.approx(metrics.horizontalAdvance(text), rel=0.01)


@pytest.mark.parametrize("paint", ["png 0.2", "png 2", "pdf"])
def test_rendering_leaves_the_text_of_the_windows_alone(qtbot, paint: str) -> None:
    """Text painted at a dpi other than Qt's default poisoned the process-wide font-engine cache:
    every menu then drew its text at the wrong size (issue 12, seen after the template gallery)."""
    menu = QMenu()
    qtbot.addWidget(menu)
    for text in ("&New", "Save &As…", "Open Recent"):
        menu.addAction(text).setShortcut("Ctrl+Shift+S")
    before = menu_text_heights(menu)
    svg = to_svg(load(EXAMPLE_FILES[0]) if EXAMPLE_FILES else small_diagram())
    if paint == "pdf":
        render.pdf_bytes(svg)
    else:
        render.render_png(svg, float(paint.split()[1]))
    after = menu_text_heights(menu)
    assert after == before and plausible_text_heights(menu, after), (before, after)
