"""Autosave's UI-thread cost: the recovery snapshot, against the canonical save text (same run)."""

from __future__ import annotations

import pytest

from app.autosave import snapshot
from bench.conftest import diagram_of
from components.io import dumps


@pytest.mark.parametrize("n", [1_000, 5_000])
def test_autosave_snapshot(benchmark, n: int) -> None:
    diagram = diagram_of(n)
    payload = benchmark(snapshot, diagram)
    benchmark.extra_info.update(bytes=len(payload))


@pytest.mark.parametrize("n", [5_000])
def test_canonical_dumps_reference(benchmark, n: int) -> None:
    benchmark(dumps, diagram_of(n))
