"""Auto-layout at 1,000 and 5,000 blocks with each engine (DESIGN.md section 7: dot <= 0.3 s / <= 3 s,
built-in <= 0.1 s at 1,000). Run with `make bench BENCH_ARGS="-k layout"` and read the medians."""

from __future__ import annotations

import shutil

import pytest

from bench.conftest import diagram_of
from components.layout import auto_layout

HAVE_DOT = shutil.which("dot") is not None


@pytest.mark.parametrize("n", [1_000, 5_000])
def test_layout_builtin(benchmark, n: int) -> None:
    diagram = diagram_of(n)
    auto_layout(diagram, engine="builtin")  # warm: networkx imported once, like in a running app
    result = benchmark.pedantic(auto_layout, args=(diagram,), kwargs={"engine": "builtin"}, rounds=5,
                                iterations=1)
    assert result.engine_used == "builtin" and len(result.positions) > n // 2


@pytest.mark.skipif(not HAVE_DOT, reason="Graphviz dot not installed")
@pytest.mark.parametrize("n", [1_000, 5_000])
def test_layout_dot(benchmark, n: int) -> None:
    diagram = diagram_of(n)
    rounds = 5 if n <= 1_000 else 3
    result = benchmark.pedantic(auto_layout, args=(diagram,), kwargs={"engine": "dot", "timeout": 120},
                                rounds=rounds, iterations=1)
    assert result.engine_used == "dot" and len(result.positions) > n // 2
