"""The product installed from its wheel, outside the checkout: the run-time files (templates, icons)
travel in the wheel and are found there (issue 14: a wheel install lost every template and icon).

The wheel is built from an sdist, as a package index gets it, offline (no build isolation: the
build back-end is a test dependency). It goes into a fresh virtual environment with --no-deps; the
dependencies come from the project's environment through a .pth file, written after the install so
pip never sees the checkout's editable install. Everything runs from a folder outside the checkout.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from components.catalog import KINDS
from components.shipped import PACKAGED, SHIPPED
from components.templates import TEMPLATE_IDS
from tests.conftest import ROOT

SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "app", "components", *SHIPPED)
BUILD = "import setuptools.build_meta as b, sys; print(getattr(b, sys.argv[1])(sys.argv[2]))"


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, f"{' '.join(command)}: exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def copy_sources(target: Path) -> Path:
    """The files a fresh clone has that the build reads."""
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"),
                            dirs_exist_ok=True)  # examples/prompts is inside examples
        else:
            target.joinpath(name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def build_wheel(work: Path) -> Path:
    """sdist from a copy of the sources, then the wheel from the unpacked sdist."""
    source = copy_sources(work / "src")
    dist = work / "dist"
    dist.mkdir()
    sdist = dist / run([sys.executable, "-c", BUILD, "build_sdist", str(dist)], source).split()[-1]
    with tarfile.open(sdist) as archive:
        archive.extractall(work / "unpacked", filter="data")
    (unpacked,) = (work / "unpacked").iterdir()
    return dist / run([sys.executable, "-c", BUILD, "build_wheel", str(dist)], unpacked).split()[-1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment with the wheel installed; returns its bin folder."""
    work = tmp_path_factory.mktemp("wheel")
    wheel = build_wheel(work)
    venv = work / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], work)
    python = venv / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "--quiet",
         str(wheel)], work)
    packages = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], work).strip())
    (packages / "project-dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    return venv / "bin"


@pytest.fixture
def outside(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A working folder outside the checkout and an environment that does not point into it."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(QT_QPA_PLATFORM="offscreen", MLSD_DATA_DIR=str(tmp_path / "data"))
    return tmp_path, env


def test_the_wheel_carries_the_run_time_files(installed: Path, outside: tuple[Path, dict[str, str]]) -> None:
    work, env = outside
    where = run([str(installed / "python"), "-c", "import app, components, sys; print(components.__file__)"], work, env)
    assert Path(where.strip()).is_relative_to(installed.parent), where
    listing = run([str(installed / "mlsd"), "templates"], work, env)
    assert [line.split()[0] for line in listing.splitlines()] == list(TEMPLATE_IDS)
    prompts = run([str(installed / "mlsd"), "practice", "list"], work, env)  # the interview prompts came along
    assert [line.split()[0] for line in prompts.splitlines()] == [t for t in TEMPLATE_IDS if t != "seven-step-skeleton"]
    design = work / "design.mlsd.json"
    run([str(installed / "mlsd"), "new", "video-recommendation", str(design)], work, env)
    run([str(installed / "mlsd"), "export", str(design), "-o", str(work / "design.svg")], work, env)
    svg = (work / "design.svg").read_text(encoding="utf-8")
    from components.io import load

    kinds = {block.kind for block in load(design).blocks}
    assert kinds and {kind for kind in KINDS if f'<symbol id="icon-{kind}"' in svg} == kinds


def screenshot(mlsd: Path, design: Path, out: Path, work: Path, env: dict[str, str]) -> QImage:
    run([str(mlsd), "gui", str(design), "--screenshot", str(out)], work, env)
    image = QImage(str(out))
    assert not image.isNull()
    return image


def test_the_installed_window_shows_the_icons(qapp, installed: Path, outside: tuple[Path, dict[str, str]]) -> None:
    """The installed window (palette and canvas) looks exactly like the checkout's; without the
    wheel's icons (the control) it does not: the palette falls back to letter tiles."""
    work, env = outside
    design = work / "design.mlsd.json"
    shutil.copy2(ROOT / "examples" / "video-recommendation.mlsd.json", design)
    checkout = screenshot(Path(sys.executable).parent / "mlsd", design, work / "checkout.png", work, env)
    wheel = screenshot(installed / "mlsd", design, work / "wheel.png", work, env)
    assert wheel == checkout
    packages = Path(run([str(installed / "python"), "-c", "import components; print(components.__path__[0])"],
                        work, env).strip())
    icons = packages / PACKAGED / "resources" / "icons"
    shutil.move(icons, work / "icons")
    try:
        without = screenshot(installed / "mlsd", design, work / "without.png", work, env)
    finally:
        shutil.move(work / "icons", icons)
    assert without != checkout
