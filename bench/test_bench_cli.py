"""`mlsd export` as a user runs it, whole process, against a native renderer in the same run: PNG at the
default scale 2 and PDF of the default template, beside `rsvg-convert` drawing the very SVG `mlsd export`
writes, at the same pixel size (issue 17: PNG/PDF <= 1.5x rsvg-convert). Also `mlsd validate` and an
SVG export of the same file, which load no Qt at all; and the floors under the PDF goal: what every
`mlsd` command pays before it reads a byte (the interpreter and the document model, pydantic), and the
same with the Qt modules DESIGN.md section 6 renders PDF with."""

from __future__ import annotations

import shutil
import struct
import sys
from pathlib import Path

import pytest

from bench.processes import mlsd, run
from bench.test_bench_startup import DEFAULT_TEMPLATE

RSVG = shutil.which("rsvg-convert")
ROUNDS = 7


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template and the SVG `mlsd export` makes of it (badges, title, light theme, white)."""
    folder = tmp_path_factory.mktemp("cli")
    shutil.copyfile(DEFAULT_TEMPLATE, folder / "design.mlsd.json")
    run(mlsd("export", str(folder / "design.mlsd.json"), "-o", str(folder / "design.svg")), folder)
    return folder


def _png_size(path: Path) -> tuple[int, int]:
    return struct.unpack(">II", path.read_bytes()[16:24])


def _timed(benchmark, command: list[str], folder: Path) -> None:
    peaks: list[float] = []
    benchmark.pedantic(lambda: peaks.append(run(command, folder).peak_rss_mb), rounds=ROUNDS, iterations=1,
                       warmup_rounds=1)
    benchmark.extra_info.update(peak_rss_mb=round(max(peaks), 1))


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_mlsd_export(benchmark, folder: Path, fmt: str) -> None:
    _timed(benchmark, mlsd("export", str(folder / "design.mlsd.json"), "-o", str(folder / f"ours.{fmt}"), "-f"),
           folder)
    benchmark.extra_info.update(bytes=(folder / f"ours.{fmt}").stat().st_size)


@pytest.mark.skipif(RSVG is None, reason="rsvg-convert is not installed")
@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_rsvg_convert_reference(benchmark, folder: Path, fmt: str) -> None:
    zoom = ["-z", "2"] if fmt == "png" else ["-f", "pdf"]  # `mlsd export` draws PNGs at scale 2 by default
    _timed(benchmark, [str(RSVG), *zoom, str(folder / "design.svg"), "-o", str(folder / f"rsvg.{fmt}")], folder)
    benchmark.extra_info.update(bytes=(folder / f"rsvg.{fmt}").stat().st_size)
    if fmt == "png" and (folder / "ours.png").exists():
        assert _png_size(folder / "rsvg.png") == _png_size(folder / "ours.png")  # the same pixel size


@pytest.mark.parametrize("command", ["validate", "export-svg"])
def test_mlsd_without_qt(benchmark, folder: Path, command: str) -> None:
    design = str(folder / "design.mlsd.json")
    args = ["validate", design] if command == "validate" else ["export", design, "-o", str(folder / "o.svg"), "-f"]
    _timed(benchmark, mlsd(*args), folder)


# What an export cannot avoid before its first line of work, under DESIGN.md's architecture: every command
# reads the file through the pydantic document model (the one definition of the format), and PNG / PDF
# are drawn from the SVG with QtSvg.
FLOORS = {
    "model": "import components.model",
    "model+qt-pdf": "import components.model; from PySide6 import QtGui, QtSvg",
}


@pytest.mark.parametrize("floor", sorted(FLOORS))
def test_export_floor(benchmark, folder: Path, floor: str) -> None:
    _timed(benchmark, [sys.executable, "-c", FLOORS[floor]], folder)
