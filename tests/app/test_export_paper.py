"""PDF on paper (A4, Letter; portrait, landscape, fitted and centred) and the export options for the
legend, the requirements card and layers, through `mlsd export` and the export service."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QImage

from app.cli import main
from app.export import render
from app.export.service import PAPERS, ExportSettings, export_bytes
from components.export import to_svg
from components.io import save
from components.layers import LayerView
from tests.core.test_export_checks import assert_inert, group_by_id, parse_svg
from tests.core.test_export_svg import small_diagram

A4_PT = (595.28, 841.89)
LETTER_PT = (612.0, 792.0)


def media_box(data: bytes) -> tuple[float, float]:
    box = [float(v) for v in re.search(rb"/MediaBox\s*\[([^\]]*)\]", data).group(1).split()]
    return box[2] - box[0], box[3] - box[1]


@pytest.fixture
def design(tmp_path: Path) -> Path:
    path = tmp_path / "design.mlsd.json"
    save(small_diagram(), path)
    return path


def test_every_paper_but_the_diagrams_own_is_known_to_the_renderer() -> None:
    assert set(render.PAPER_IDS) == set(PAPERS) - {"diagram"}


@pytest.mark.parametrize(("paper", "orientation", "expected"), [
    ("a4", "auto", (A4_PT[1], A4_PT[0])),  # the small design is wider than tall: landscape
    ("a4", "portrait", A4_PT),
    ("letter", "landscape", (LETTER_PT[1], LETTER_PT[0])),
    ("letter", "portrait", LETTER_PT),
])
def test_a_pdf_on_paper_has_that_page(qapp, paper: str, orientation: str, expected: tuple[float, float]) -> None:
    data = render.pdf_bytes(to_svg(small_diagram()), "Small", paper, orientation)
    assert media_box(data) == pytest.approx(expected, abs=1)


def test_the_diagram_is_fitted_inside_the_margins_and_centred() -> None:
    page = QSizeF(*A4_PT)
    for size in (QSizeF(3000, 400), QSizeF(200, 2000), QSizeF(100, 60)):
        for landscape in (False, True):
            rect = render._fitted(size, page, landscape)
            width, height = (A4_PT[1], A4_PT[0]) if landscape else A4_PT
            width, height = width / render.PT_PER_PX, height / render.PT_PER_PX
            margin = render.PAPER_MARGIN_PT / render.PT_PER_PX
            assert rect.left() >= margin - 1e-6 and rect.right() <= width - margin + 1e-6
            assert rect.top() >= margin - 1e-6 and rect.bottom() <= height - margin + 1e-6
            assert rect.width() / rect.height() == pytest.approx(size.width() / size.height())
            assert rect.center().x() == pytest.approx(width / 2) and rect.center().y() == pytest.approx(height / 2)
            assert rect.width() <= size.width() * render.MAX_PAPER_ZOOM + 1e-6
    big = render._fitted(QSizeF(3000, 400), page, True)
    assert big.width() == pytest.approx((A4_PT[1] - 2 * render.PAPER_MARGIN_PT) / render.PT_PER_PX)  # fills it


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_the_printed_page_shows_the_diagram_inside_the_margins(qapp, design: Path, tmp_path: Path) -> None:
    out = tmp_path / "a4.pdf"
    assert main(["export", str(design), "-o", str(out), "--paper", "a4", "--legend", "--requirements"]) == 0
    subprocess.run(["pdftoppm", "-r", "36", "-png", "-singlefile", str(out), str(tmp_path / "page")], check=True,
                   timeout=60)
    image = QImage(str(tmp_path / "page.png"))
    assert (image.width(), image.height()) == (round(A4_PT[1] / 2), round(A4_PT[0] / 2))  # 36 dpi, landscape
    ink = [(x, y) for y in range(image.height()) for x in range(image.width())
           if image.pixelColor(x, y).lightness() < 200]
    xs, ys = [x for x, _ in ink], [y for _, y in ink]
    margin = render.PAPER_MARGIN_PT / 2  # points at 36 dpi
    assert min(xs) >= margin - 2 and max(xs) <= image.width() - margin + 2
    assert min(ys) >= margin - 2 and max(ys) <= image.height() - margin + 2
    assert abs((min(xs) + max(xs)) / 2 - image.width() / 2) < 6  # centred across


def test_cli_panels_and_layers_reach_the_svg(design: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.svg"
    assert main(["export", str(design), "-o", str(out), "--legend", "--requirements", "--hide", "7",
                 "--dim", "online"]) == 0
    root = parse_svg(out.read_text())
    assert_inert(root)
    groups = group_by_id(root)
    assert {"legend", "requirements"} <= set(groups)
    assert "block-mon" not in groups and "conn-c4" not in groups  # stage 7 hidden, with its connector
    faint = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("opacity")]
    assert "block-client" in {g.get("id") for g in faint[0].iter("{http://www.w3.org/2000/svg}g")}


def test_text_formats_leave_hidden_layers_out_too() -> None:
    text = export_bytes(small_diagram(), ExportSettings(format="mmd", layers=LayerView({"stage-7": "hidden"})))
    assert b"(Monitoring)" not in text and b"Monitoring" not in text and b"(Ranking)" in text


@pytest.mark.parametrize(("options", "message"), [
    (["-o", "x.png", "--paper", "a4"], "--paper and --orientation apply to PDF only, not png"),
    (["-o", "x.pdf", "--orientation", "landscape"], "--orientation needs --paper a4 or --paper letter"),
    (["-o", "x.dot", "--legend"], "--legend and --requirements apply to SVG, PNG and PDF, not dot"),
    (["-o", "x.svg", "--hide", "stage-2"], "--hide/--dim: unknown layer 'stage-2'"),
])
def test_options_that_do_not_apply_are_one_line_usage_errors(design: Path, tmp_path: Path, capsys,
                                                             options: list[str], message: str) -> None:
    options = [str(tmp_path / o) if o.startswith("x.") else o for o in options]
    assert main(["export", str(design), *options]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(message) and "\n" not in err
    assert not any(p.name.startswith("x.") for p in tmp_path.iterdir())
