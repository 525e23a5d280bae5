"""Benchmark fixtures: seeded synthetic diagrams (cached per size) and an offscreen Qt platform."""

from __future__ import annotations

import functools
import os

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
