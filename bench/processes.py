"""Whole processes timed from outside, for the benchmarks that compare us with another program in the
same run (`mlsd export` against `rsvg-convert`, `mlsd gui --screenshot` against a bare PySide6 window).

Each run is a fresh interpreter with the environment of ``bench.probe.child_env`` (offscreen Qt, empty
settings, bytecode cached as for an installed app); the figure is the wall time from spawn to exit, and
the child's own peak RSS comes from ``wait4``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
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
    """Run ``command`` to its end in ``child_env(folder)``; a failure raises with its stderr."""
    started = time.perf_counter()
    child = subprocess.Popen(command, env=child_env(folder), cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    assert child.stderr is not None
    try:
        errors = child.stderr.read()  # until the child closes it, at exit
        _, status, usage = os.wait4(child.pid, 0)
    except BaseException:
        child.kill()
        raise
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0 or wall > timeout:
        raise RuntimeError(f"{command[0]} exited {child.returncode} after {wall:.1f} s: "
                           f"{errors.decode(errors='replace')[-500:]}")
    return Run(wall, usage.ru_maxrss / 1024)
