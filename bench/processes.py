"""Whole processes timed from outside, for the benchmarks that compare us with another program in the
same run (`mlsd export` against `rsvg-convert`, `mlsd gui --screenshot` against a bare PySide6 window).

Each run is a fresh interpreter with the environment of ``bench.probe.child_env`` (offscreen Qt, empty
settings, bytecode cached as for an installed app); the figure is the wall time from spawn to exit, and
the child's own peak RSS from ``wait4``, both taken by ``bench/launch.py``.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.probe import child_env

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    wall_s: float
    peak_rss_mb: float


def mlsd(*args: str) -> list[str]:
    """The `mlsd` command as installed next to this interpreter (the console script), or ``python -m app``."""
    script = Path(sys.executable).with_name("mlsd")
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "app", *args]


def run(command: list[str], folder: Path, timeout: float = 120.0) -> Run:
    """Run ``command`` to its end in ``child_env(folder)`` through ``bench/launch.py`` (which times it
    and reads its own peak RSS: see there why); a failure raises with its stderr."""
    launcher = [sys.executable, "-S", str(ROOT / "bench" / "launch.py")]
    done = subprocess.run([*launcher, *command], env=child_env(folder), cwd=ROOT, capture_output=True,
                          timeout=timeout + 30, check=False)
    figures = done.stdout.split()
    if done.returncode != 0 or len(figures) != 2:
        raise RuntimeError(f"{command[0]} exited {done.returncode}: {done.stderr.decode(errors='replace')[-500:]}")
    wall, peak_kib = float(figures[0]), int(figures[1])
    if wall > timeout:
        raise RuntimeError(f"{command[0]} took {wall:.1f} s (more than {timeout:g} s)")
    return Run(wall, peak_kib / 1024)
