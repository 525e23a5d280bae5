"""`mlsd export`: every format, options, one-line errors with exit 2, atomic output, headless Qt."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from app.cli import main
from components.io import save
from components.synthetic import synthetic_diagram
from tests.conftest import ROOT
from tests.core.test_export_checks import SVG, assert_inert, check_mermaid, parse_svg
from tests.core.test_export_svg import small_diagram


@pytest.fixture
def design(tmp_path: Path) -> Path:
    path = tmp_path / "design.mlsd.json"
    save(small_diagram(), path)
    return path


@pytest.mark.parametrize("suffix", [".svg", ".mmd", ".dot", ".png", ".pdf"])
def test_format_comes_from_the_extension(qapp, design: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"out{suffix}"
    assert main(["export", str(design), "-o", str(out)]) == 0
    data = out.read_bytes()
    if suffix == ".svg":
        assert_inert(parse_svg(data.decode("utf-8")))
    elif suffix == ".mmd":
        check_mermaid(data.decode("utf-8"), blocks=6, connectors=5)
    elif suffix == ".dot":
        assert data.startswith(b"digraph mlsd {")
    elif suffix == ".png":
        image = QImage(str(out))
        assert image.width() == round(_svg_width(design, tmp_path) * 2)  # default scale 2
    else:
        assert data.startswith(b"%PDF-")


def _svg_width(design: Path, tmp_path: Path, *options: str) -> float:
    """The width of the SVG the CLI writes with these options (PNGs are rendered from it)."""
    out = tmp_path / "reference.svg"
    assert main(["export", str(design), "-o", str(out), *options]) == 0
    return float(parse_svg(out.read_text()).get("width"))


def test_format_option_wins_over_the_extension(design: Path, tmp_path: Path) -> None:
    out = tmp_path / "diagram.txt"
    assert main(["export", str(design), "-o", str(out), "--format", "mmd"]) == 0
    assert out.read_text().splitlines()[1] == "flowchart LR"


def test_theme_background_title_and_scale_options(qapp, design: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.svg"
    assert main(["export", str(design), "-o", str(out), "--theme", "dark", "--background", "transparent",
                 "--no-title"]) == 0
    root = parse_svg(out.read_text())
    assert not [r for r in root.iter(f"{SVG}rect") if r.get("class") == "bg"]
    assert not [t for t in root.iter(f"{SVG}text") if t.get("class") == "t"]
    assert "#111827" in root.find(f"{SVG}style").text  # the dark theme's background, in the halo plates
    png = tmp_path / "out.png"
    assert main(["export", str(design), "-o", str(png), "--scale", "1"]) == 0
    assert QImage(str(png)).width() == round(_svg_width(design, tmp_path))


def test_badges_come_from_the_validator_when_it_exists(design: Path, tmp_path: Path) -> None:
    from app.export.service import diagram_findings
    from components.io import load

    findings = diagram_findings(load(design))
    with_badges, without = tmp_path / "a.svg", tmp_path / "b.svg"
    assert main(["export", str(design), "-o", str(with_badges)]) == 0
    assert main(["export", str(design), "-o", str(without), "--no-badges"]) == 0
    assert 'class="e-' not in without.read_text()
    flagged = {block for finding in findings or () for block in finding.blocks}
    assert ('class="e-' in with_badges.read_text()) == bool(flagged)


def test_unknown_extension_is_a_one_line_usage_error(design: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out.xyz"
    assert main(["export", str(design), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"{out}: cannot tell the format") and "\n" not in err
    assert not out.exists()


def test_unreadable_input_names_the_file(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "missing.mlsd.json"
    assert main(["export", str(missing), "-o", str(tmp_path / "o.svg")]) == 2
    assert capsys.readouterr().err.strip() == f"{missing}: no such file"
    broken = tmp_path / "broken.mlsd.json"
    broken.write_text("{not json")
    assert main(["export", str(broken), "-o", str(tmp_path / "o.svg")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"{broken}: not valid JSON") and "\n" not in err


def test_too_large_png_is_refused_and_the_old_file_kept(qapp, design: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out.png"
    out.write_bytes(b"previous")
    assert main(["export", str(design), "-o", str(out), "--scale", "500"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"{design}: a PNG at scale 500") and "largest scale that fits" in err and "\n" not in err
    assert out.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["design.mlsd.json", "out.png"]


def test_unwritable_output_is_a_one_line_error(design: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "no-such-folder" / "out.svg"
    assert main(["export", str(design), "-o", str(out)]) == 2
    assert capsys.readouterr().err.strip().startswith(f"{out}: cannot write")


@pytest.mark.parametrize("scale", ["0", "-1", "nan", "two"])
def test_bad_scale_is_a_usage_error(design: Path, tmp_path: Path, scale: str) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["export", str(design), "-o", str(tmp_path / "o.png"), f"--scale={scale}"])
    assert caught.value.code == 2


def _child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    return env


def test_png_and_pdf_work_headless_without_a_display(design: Path, tmp_path: Path) -> None:
    for name in ("out.png", "out.pdf"):
        result = subprocess.run([sys.executable, "-m", "app", "export", str(design), "-o", str(tmp_path / name)],
                                capture_output=True, text=True, env=_child_env(), timeout=120, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / name).stat().st_size > 1000


def test_synthetic_design_exports_to_every_format(qapp, tmp_path: Path) -> None:
    path = tmp_path / "big.mlsd.json"
    save(synthetic_diagram(200), path)
    for suffix in (".svg", ".png", ".pdf", ".mmd", ".dot"):
        assert main(["export", str(path), "-o", str(tmp_path / f"big{suffix}"), "--scale", "1"]) == 0


def test_text_formats_export_the_selection_with_group_members(tmp_path: Path) -> None:
    from app.export.service import ExportSettings, export_bytes

    text = export_bytes(small_diagram(), ExportSettings(format="mmd", selection={"g1", "fs"})).decode()
    check_mermaid(text, blocks=3, connectors=3)  # client, rank, fs and the three connectors among them
