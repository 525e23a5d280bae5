"""Benchmark fixtures: seeded synthetic diagrams (cached per size) and an offscreen Qt platform."""

from __future__ import annotations

import functools
import os
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from components.model import Diagram
from components.synthetic import synthetic_diagram

SIZES = (100, 1_000, 5_000, 10_000, 40_000)
VIEWPORT = (1600, 1000)


@functools.cache
def _cached(n_blocks: int) -> Diagram:
    return synthetic_diagram(n_blocks, seed=7)


def diagram_of(n_blocks: int) -> Diagram:
    """A fresh deep copy of the cached synthetic diagram of this size (benchmarks may mutate it)."""
    return _cached(n_blocks).model_copy(deep=True)


@pytest.fixture
def synthetic():
    return diagram_of



def close(scene: Any, view: Any = None) -> None:
    """Done with a canvas: stop following its document and delete the view and the scene now. Items
    point back at their scene (``host``) through Qt's ownership, which Python's collector cannot see,
    so an undeleted scene lives until interpreter exit, where it may outlive the QApplication and crash
    (as `make bench` did once a big design's items were made lazily)."""
    import shiboken6

    scene.detach()
    if view is not None:
        view.close()
        shiboken6.delete(view)
    shiboken6.delete(scene)


_EXIT_STATUS: list[int] = []


def pytest_sessionfinish(session: object, exitstatus: int) -> None:
    _EXIT_STATUS.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: object) -> None:
    """Leave without tearing the interpreter down once pytest has written everything (the benchmark
    JSON, the summary): the windows and scenes of the benchmarks, freed in whatever order interpreter
    exit frees them, could outlive the QApplication and crash the run at its very end (make bench
    exited 139 after every test had passed). `mlsd` leaves the same way after its commands."""
    import sys

    if "PySide6.QtWidgets" in sys.modules:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        os._exit(_EXIT_STATUS[-1] if _EXIT_STATUS else 0)
