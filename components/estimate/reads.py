"""What the estimates read off the diagram: the online serving blocks, the funnel feeding each ranker,
the online feature reads per request, whether the design retrieves from a vector index.

A block counts as called once per request when it lies on the request path; a ranker reads one row
of request-level (user) features plus one row per candidate it scores from each online feature store
it reads; any other online read is one lookup per request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from components.estimate import units
from components.model import Diagram
from components.model.props import ONLINE_STORE_TYPES

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph

_LOOKUP_KINDS = frozenset({"feature_store", "data_store", "cache", "prediction_store"})


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


def _online_source(graph: DiagramGraph, block_id: str) -> bool:
    """A store a request can read in milliseconds: an online feature store, an online data store, a cache
    or a prediction store."""
    kind = graph.kind[block_id]
    if kind == "feature_store":
        return graph.prop(block_id, "tier") == "online"
    if kind == "data_store":
        return graph.prop(block_id, "store_type") in ONLINE_STORE_TYPES
    return kind in _LOOKUP_KINDS


def design_reads(diagram: Diagram) -> DesignReads:
    """The diagram facts the estimates need, read with the validator's graph (one definition of
    model serving, request path and funnel)."""
    from components.validate.graph import DiagramGraph

    graph = DiagramGraph(diagram)
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
                parts.append(f"{units.exact(out)} from {graph.name(source)}")
        if total:
            candidates[ranker] = total
    lookups = 0
    lookup_parts: list[str] = []
    for block_id in online:
        sources = {source for source, _ in graph.incoming(block_id, ("data",))}
        sources |= {target for target, _ in graph.outgoing(block_id, ("request",))}
        for source in graph.sorted(sources):
            if graph.kind[source] not in _LOOKUP_KINDS or not _online_source(graph, source):
                continue
            rows = 1
            if graph.kind[source] == "feature_store" and block_id in candidates:
                rows += candidates[block_id]
            lookups += rows
            lookup_parts.append(f"{graph.name(block_id)} reads {units.exact(rows)} "
                                f"row{'s' if rows != 1 else ''} from {graph.name(source)}")
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
