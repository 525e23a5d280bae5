"""Full validation of seeded synthetic designs (DESIGN.md section 7: <= 5 ms at 1,000 blocks, <= 60 ms
at 10,000), with a same-run networkx reference (graph rebuild + SCC + one reachability) for a
machine-free ratio.

    .venv/bin/python -m pytest bench/test_bench_validate.py --benchmark-enable
"""

from __future__ import annotations

import time
from statistics import median

import networkx as nx
import pytest

from bench.conftest import diagram_of
from components.model import Connector, Diagram
from components.validate import validate


def with_feedback_loops(diagram: Diagram) -> Diagram:
    """The synthetic design with every cell's logging fed back into its event stream: the loops close,
    and the chain linking the cells makes each serving block's way back long (the feedback rule's
    worst case on this shape)."""
    ids = {block.id for block in diagram.blocks}
    extra = [
        Connector(id=f"{block_id}_back", source=block_id, target=block_id.replace("_log", "_stream"), flow="feedback")
        for block_id in sorted(ids)
        if block_id.endswith("_log") and block_id.replace("_log", "_stream") in ids
    ]
    return diagram.model_copy(update={"connectors": [*diagram.connectors, *extra]})


def networkx_reference(diagram: Diagram) -> int:
    """What DESIGN.md's reference measured: rebuild a MultiDiGraph, SCCs, one reachability query."""
    graph = nx.MultiDiGraph()
    graph.add_nodes_from((block.id, {"kind": block.kind}) for block in diagram.blocks)
    graph.add_edges_from((c.source, c.target, c.id, {"flow": c.flow}) for c in diagram.connectors)
    components = sum(1 for _ in nx.strongly_connected_components(graph))
    reached = nx.descendants(graph, diagram.blocks[0].id)
    return components + len(reached)


@pytest.mark.parametrize("n", [1_000, 10_000])
def test_validate(benchmark, n: int) -> None:
    diagram = diagram_of(n)
    findings = benchmark(validate, diagram)
    benchmark.extra_info.update(blocks=n, connectors=len(diagram.connectors), findings=len(findings))


@pytest.mark.parametrize("n", [1_000, 10_000])
def test_validate_closed_feedback_loops(benchmark, n: int) -> None:
    diagram = with_feedback_loops(diagram_of(n))
    findings = benchmark(validate, diagram)
    assert not any(f.rule == "no-feedback-loop" for f in findings)
    benchmark.extra_info.update(blocks=n, connectors=len(diagram.connectors), findings=len(findings))


@pytest.mark.parametrize("n", [1_000, 10_000])
def test_networkx_reference(benchmark, n: int) -> None:
    benchmark(networkx_reference, diagram_of(n))


@pytest.mark.parametrize("n", [1_000, 10_000])
def test_validate_beside_networkx(benchmark, n: int) -> None:
    """Full validation and the networkx reference timed in alternation, one of each per round, so load
    that comes and goes on a shared machine falls on both alike (the two tests above run a minute apart).
    The figures are both medians and their ratio (the time column is a pair)."""
    diagram = diagram_of(n)
    ours: list[float] = []
    reference: list[float] = []

    def pair() -> None:
        started = time.perf_counter()
        validate(diagram)
        middle = time.perf_counter()
        networkx_reference(diagram)
        ours.append(middle - started)
        reference.append(time.perf_counter() - middle)

    pair()  # warm-up
    ours.clear()
    reference.clear()
    benchmark.pedantic(pair, rounds=200 if n <= 1_000 else 25, iterations=1)
    benchmark.extra_info.update(blocks=n, ours_median=median(ours), reference_median=median(reference),
                                ratio=round(median(ours) / median(reference), 3))
