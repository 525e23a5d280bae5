"""Open and save: our loader against plain json.loads of the same bytes (a machine-free ratio)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.conftest import diagram_of
from components.io import dumps, parse, save


@pytest.mark.parametrize("n", [1_000, 5_000, 40_000])
def test_parse(benchmark, n: int) -> None:
    text = dumps(diagram_of(n))
    benchmark.extra_info.update(bytes=len(text.encode()))
    benchmark(parse, text)


@pytest.mark.parametrize("n", [1_000, 5_000, 40_000])
def test_json_loads_reference(benchmark, n: int) -> None:
    text = dumps(diagram_of(n))
    benchmark(json.loads, text)


@pytest.mark.parametrize("n", [1_000, 5_000])
def test_save(benchmark, n: int, tmp_path: Path) -> None:
    diagram = diagram_of(n)
    target = tmp_path / "bench.mlsd.json"
    benchmark(save, diagram, target)
    benchmark.extra_info.update(bytes=target.stat().st_size)
