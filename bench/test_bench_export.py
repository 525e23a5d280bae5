"""Export: SVG writer time and size at 1,000 / 5,000 blocks (target <= 50 ms, <= 1.5 MB at 5,000),
text exports, and PNG / PDF rendering of that SVG through QtSvg at scale 1."""

from __future__ import annotations

import pytest

from bench.conftest import diagram_of
from components.export import SvgOptions, to_dot, to_mermaid, to_svg

SVG_BUDGET_BYTES = 1_500_000


@pytest.mark.parametrize("n", [1_000, 5_000])
def test_svg_export(benchmark, n: int) -> None:
    diagram = diagram_of(n)
    svg = benchmark(to_svg, diagram)
    size = len(svg.encode("utf-8"))
    benchmark.extra_info.update(bytes=size, blocks=n, connectors=len(diagram.connectors))
    if n == 5_000:
        assert size <= SVG_BUDGET_BYTES


def _plain_writer(diagram) -> str:
    """The plainest SVG writer (a rect and a text per block, a line per connector, no escaping, no
    clipping): the same-run reference DESIGN.md quotes as 31 ms / 0.9 MB for 5,000 blocks."""
    where = {b.id: (b.x, b.y) for b in diagram.blocks}
    parts = ['<svg xmlns="http://www.w3.org/2000/svg">']
    for b in diagram.blocks:
        parts.append(f'<g id="{b.id}"><rect x="{b.x:.1f}" y="{b.y:.1f}" width="168" height="72" rx="8"/>'
                     f'<text x="{b.x + 16:.1f}" y="{b.y + 50:.1f}">{b.label}</text></g>')
    for c in diagram.connectors:
        (x1, y1), (x2, y2) = where[c.source], where[c.target]
        parts.append(f'<line class="{c.flow}" x1="{x1 + 84:.1f}" y1="{y1 + 36:.1f}" x2="{x2 + 84:.1f}" '
                     f'y2="{y2 + 36:.1f}"/>')
    parts.append("</svg>")
    return "\n".join(parts)


def test_plain_writer_reference(benchmark) -> None:
    svg = benchmark(_plain_writer, diagram_of(5_000))
    benchmark.extra_info.update(bytes=len(svg.encode("utf-8")))


def test_svg_export_with_badges_dark(benchmark) -> None:
    diagram = diagram_of(5_000)

    class Finding:  # one warning on every tenth block, like a busy validator
        severity = "warning"

        def __init__(self, blocks: list[str]) -> None:
            self.blocks = blocks

    findings = [Finding([b.id]) for b in diagram.blocks[::10]]
    svg = benchmark(to_svg, diagram, SvgOptions(theme="dark", findings=findings))
    benchmark.extra_info.update(bytes=len(svg.encode("utf-8")))


@pytest.mark.parametrize("writer", [to_mermaid, to_dot], ids=["mermaid", "dot"])
def test_text_export(benchmark, writer) -> None:
    text = benchmark(writer, diagram_of(5_000))
    benchmark.extra_info.update(bytes=len(text.encode("utf-8")))


@pytest.mark.parametrize("n", [100, 1_000])
def test_png_export_scale_1(benchmark, qapp, n: int) -> None:
    from app.export.render import png_bytes, render_png

    svg = to_svg(diagram_of(n))
    data = benchmark(lambda: png_bytes(render_png(svg, 1.0)))
    benchmark.extra_info.update(bytes=len(data))


def test_pdf_export(benchmark, qapp) -> None:
    from app.export.render import pdf_bytes

    svg = to_svg(diagram_of(1_000))
    data = benchmark(pdf_bytes, svg)
    benchmark.extra_info.update(bytes=len(data))


@pytest.mark.parametrize("n", [1_000, 5_000])
def test_svg_export_elbow(benchmark, n: int) -> None:
    """The same design with every connector drawn elbow: each is routed round the blocks near it
    (components/export/elbow.py). No target: compare with test_svg_export in the same run."""
    diagram = diagram_of(n).model_copy(update={"connector_style": "elbow"})
    svg = benchmark(to_svg, diagram)
    benchmark.extra_info.update(bytes=len(svg.encode("utf-8")), blocks=n, connectors=len(diagram.connectors))
