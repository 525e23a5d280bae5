"""The ends of the size range (issue 7: smooth at 5,000 blocks, usable at 40,000, the scale of Qt's
"40000 chips" demo): open, open through the first paint, full validation and SVG export at 100 and at
40,000 blocks. No targets in DESIGN.md; the figures show how each cost grows past the 5,000 target."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from bench.conftest import close, diagram_of
from bench.test_bench_canvas import _open
from components.export import to_svg
from components.io import dumps, parse
from components.model import Diagram
from components.validate import validate

SIZES = [100, 40_000]


def _rounds(n: int) -> int:
    return 3 if n >= 40_000 else 20


@pytest.mark.parametrize("n", SIZES)
def test_scale_parse(benchmark, n: int) -> None:
    text = dumps(diagram_of(n))
    benchmark.pedantic(parse, args=(text,), rounds=_rounds(n), iterations=1)
    benchmark.extra_info.update(blocks=n, bytes=len(text.encode()))


@pytest.mark.parametrize("n", SIZES)
def test_scale_open_through_first_paint(benchmark, qapp: QApplication, n: int) -> None:
    opened: list[tuple] = []

    def run(diagram: Diagram) -> None:
        opened.append(_open(diagram))

    benchmark.pedantic(run, setup=lambda: ((diagram_of(n),), {}), rounds=_rounds(n) if n < 40_000 else 2, iterations=1)
    for _editor, scene, view in opened:
        close(scene, view)
    benchmark.extra_info.update(blocks=n)


@pytest.mark.parametrize("n", SIZES)
def test_scale_validate(benchmark, n: int) -> None:
    diagram = diagram_of(n)
    validate(diagram)  # networkx imported once, as in a running app
    findings = benchmark.pedantic(validate, args=(diagram,), rounds=_rounds(n), iterations=1)
    benchmark.extra_info.update(blocks=n, connectors=len(diagram.connectors), findings=len(findings))


@pytest.mark.parametrize("n", SIZES)
def test_scale_svg_export(benchmark, n: int) -> None:
    diagram = diagram_of(n)
    svg = benchmark.pedantic(to_svg, args=(diagram,), rounds=_rounds(n), iterations=1)
    benchmark.extra_info.update(blocks=n, bytes=len(svg.encode("utf-8")))
