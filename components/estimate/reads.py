"""What the estimates read off the diagram: the online serving blocks, the funnel feeding each ranker,
the online feature reads per request, whether the design retrieves from a vector index.

A block counts as called once per request when it lies on the request path; a ranker reads one row
of request-level (user) features plus one row per candidate it scores from each online feature store
it reads; any other online read is one lookup per request. Which stores are online and which reads
happen at request time is the validator's definition (``DiagramGraph.feature_reads``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from components.catalog import display_name
from components.estimate import units
from components.model import Diagram

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph


@dataclass(frozen=True)
class DesignReads:
    online_serving: tuple[str, ...]  # online model-serving blocks on the request path
    batch_serving: tuple[str, ...]
    rankers: tuple[str, ...]  # online ranking blocks on the request path
    has_index: bool
    candidates_ranked: int  # candidates scored per request, over every ranker (0: unknown)
    candidates_detail: str
    lookups_per_request: int
    lookups_detail: str


def design_reads(diagram: Diagram, graph: DiagramGraph | None = None) -> DesignReads:
    """The diagram facts the estimates need, read with the validator's graph (one definition of
    model serving, request path, online stores and funnel); ``graph``: the caller's, when it has one."""
    if graph is None:
        from components.validate.graph import DiagramGraph

        graph = DiagramGraph(diagram)

    def name(block_id: str) -> str:
        return display_name(graph.blocks[block_id].label, graph.kind[block_id])

    on_path = set(graph.request_nodes)
    online = tuple(block_id for block_id in graph.online_serving if block_id in on_path)
    rankers = tuple(block_id for block_id in online if graph.kind[block_id] == "ranking")
    candidates: dict[str, int] = {}
    parts: list[str] = []
    for ranker in rankers:
        feeding = graph.reached([ranker], ("request",), reverse=True)
        total = 0
        for source in graph.sorted(feeding):
            out = graph.prop(source, "candidates_out") if graph.kind[source] == "candidate_generation" else None
            if isinstance(out, int):
                total += out
                parts.append(f"{units.exact(out)} from {name(source)}")
        if total:
            candidates[ranker] = total
    lookups = 0
    lookup_parts: list[str] = []
    for block_id in online:
        for store in graph.sorted(store for store, _ in graph.feature_reads(block_id)):
            rows = 1
            if graph.kind[store] == "feature_store" and block_id in candidates:
                rows += candidates[block_id]
            lookups += rows
            lookup_parts.append(f"{name(block_id)} reads {units.exact(rows)} row{'s' if rows != 1 else ''} "
                                f"from {name(store)}")
    return DesignReads(
        online_serving=online,
        batch_serving=tuple(graph.batch_serving),
        rankers=rankers,
        has_index=bool(graph.of_kind("vector_index")),
        candidates_ranked=sum(candidates.values()),
        candidates_detail=", ".join(parts),
        lookups_per_request=lookups,
        lookups_detail="; ".join(lookup_parts),
    )
