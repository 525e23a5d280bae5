"""Start-up to the first paint of the default template, in a separate process each round (DESIGN.md
section 7: <= 0.5 s). The child is bench/probe.py, which starts the designer through ``run_gui`` like
`mlsd gui FILE` and reports at the first paint of the canvas; the figure is the wall time from spawning
the interpreter to that report. Bytecode is cached (one warm-up round), as for an installed app."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bench.probe import run_probe
from bench.processes import ROOT as REPO
from bench.processes import mlsd, run

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEMPLATE = ROOT / "examples" / "video-recommendation.mlsd.json"  # what `make run` opens

# Imported lazily by design: none may be loaded when the window is first painted.
NOT_BEFORE_FIRST_PAINT = ("networkx", "graphviz", "components.validate.engine", "components.export.svg",
                          "components.export.dot", "components.export.mermaid", "app.export.render", "pycrdt",
                          "asyncio", "components.collab", "app.live.controller", "app.window.shortcuts_dialog",
                          "app.background", "components.validate.rules")


@pytest.fixture(scope="module")
def warm_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("startup")


@pytest.mark.parametrize("design", ["template", "new"])
def test_startup_to_first_paint(benchmark, warm_folder: Path, design: str) -> None:
    path = DEFAULT_TEMPLATE if design == "template" else None  # "new": `mlsd gui` without a file
    reports: list[dict] = []

    def start() -> float:
        wall, report = run_probe("startup", path, warm_folder)
        reports.append(report)
        return wall

    start()  # warm-up: bytecode cache, fonts, page cache
    reports.clear()
    benchmark.pedantic(start, rounds=7, iterations=1)  # timed from outside: spawn to first paint
    loaded = sorted({m for r in reports for m in r["heavy_at_first_paint"]})
    benchmark.extra_info.update(design=path.name if path else "(new design)", loaded_at_first_paint=loaded)
    assert not set(loaded) & set(NOT_BEFORE_FIRST_PAINT), f"imported before the first paint: {loaded}"


def test_screenshot_whole_process(benchmark, warm_folder: Path) -> None:
    """Issue 17: `mlsd gui --screenshot OUT.png` with the default template, the whole process (imports,
    window, first paint, validation, the picture written, exit), beside ``test_bare_window_reference``."""
    command = mlsd("gui", "--screenshot", str(warm_folder / "shot.png"), str(DEFAULT_TEMPLATE))
    peaks: list[float] = []
    benchmark.pedantic(lambda: peaks.append(run(command, warm_folder).peak_rss_mb), rounds=7, iterations=1,
                       warmup_rounds=1)
    benchmark.extra_info.update(peak_rss_mb=round(max(peaks), 1))


def test_bare_window_reference(benchmark, warm_folder: Path) -> None:
    """The least PySide6 program that shows a 1600 x 1000 main window with a label and saves its grab
    (bench/bare_window.py), whole process, same run."""
    command = [sys.executable, str(REPO / "bench" / "bare_window.py"), str(warm_folder / "bare.png")]
    peaks: list[float] = []
    benchmark.pedantic(lambda: peaks.append(run(command, warm_folder).peak_rss_mb), rounds=7, iterations=1,
                       warmup_rounds=1)
    benchmark.extra_info.update(peak_rss_mb=round(max(peaks), 1))


def test_bare_window_with_model_floor(benchmark, warm_folder: Path) -> None:
    """The floor under the start-up goal: the bare window of ``test_bare_window_reference`` in a process
    that first imports the document model (pydantic), which the designer cannot open a file without."""
    script = str(REPO / "bench" / "bare_window.py")
    code = ("import runpy, sys; import components.model; "
            f"sys.argv = [{script!r}, {str(warm_folder / 'floor.png')!r}]; runpy.run_path(sys.argv[0], run_name='__main__')")
    peaks: list[float] = []
    benchmark.pedantic(lambda: peaks.append(run([sys.executable, "-c", code], warm_folder).peak_rss_mb), rounds=7,
                       iterations=1, warmup_rounds=1)
    benchmark.extra_info.update(peak_rss_mb=round(max(peaks), 1))
