"""What a layout engine sees of a diagram: opaque node indexes, sizes, stages and edges.

Engines never get block ids or labels, only indexes into these lists, so nothing a user typed can
reach an external program (Graphviz) and every engine works on the same, already cleaned-up graph.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from components.catalog import spec
from components.model import Block, Diagram
from components.style import block_size

# Flows that say "this comes before that"; feedback and observe close loops and never constrain ranks.
CONSTRAINING_FLOWS = frozenset({"request", "data", "model"})


@dataclass
class LayoutGraph:
    """Blocks as indexes 0..n-1 with sizes and stages; edges deduplicated, self-loops dropped."""

    ids: list[str]
    widths: list[float]
    heights: list[float]
    stages: list[int | None]
    edges: list[tuple[int, int]] = field(default_factory=list)  # constraining (request, data, model)
    loose: list[tuple[int, int]] = field(default_factory=list)  # feedback / observe: never constrain
    loose_flows: list[str] = field(default_factory=list)  # the flow of each loose edge

    @property
    def n(self) -> int:
        return len(self.ids)


def build_graph(diagram: Diagram, blocks: Sequence[Block]) -> LayoutGraph:
    """The layout graph of these blocks and the connectors running between two of them."""
    index = {block.id: i for i, block in enumerate(blocks)}
    sizes = [block_size(b.kind, b.width, b.height) for b in blocks]
    graph = LayoutGraph(
        ids=[b.id for b in blocks],
        widths=[w for w, _ in sizes],
        heights=[h for _, h in sizes],
        stages=[spec(b.kind).stage for b in blocks],
    )
    strong: set[tuple[int, int]] = set()
    loose: set[tuple[int, int]] = set()
    for connector in diagram.connectors:
        source = index.get(connector.source)
        target = index.get(connector.target)
        if source is None or target is None or source == target:
            continue
        pair = (source, target)
        if connector.flow in CONSTRAINING_FLOWS:
            if pair not in strong:
                strong.add(pair)
                graph.edges.append(pair)
        elif pair not in loose:
            loose.add(pair)
            graph.loose.append(pair)
            graph.loose_flows.append(connector.flow)
    kept = [i for i, pair in enumerate(graph.loose) if pair not in strong]
    graph.loose = [graph.loose[i] for i in kept]
    graph.loose_flows = [graph.loose_flows[i] for i in kept]
    return graph


def stage_directed(graph: LayoutGraph) -> list[tuple[int, int]]:
    """Loose edges that agree with the stage order (to a later stage, or a monitor to its alerting).

    They never move a block that has constraining edges; they only place blocks nothing else places,
    such as a monitor watching a ranker or an experiment tracker fed by training.
    """
    result: list[tuple[int, int]] = []
    stages = graph.stages
    for (u, v), flow in zip(graph.loose, graph.loose_flows, strict=True):
        su, sv = stages[u], stages[v]
        if su is None or sv is None:
            continue
        if su < sv or (su == sv and flow == "observe"):
            result.append((u, v))
    return result
