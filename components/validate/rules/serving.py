"""Step 6 rules: the request path ends, fits the latency budget, retrieves before it ranks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from components.model.props import BlockProps
from components.validate.rules.base import Hit, listing, ms, plural, rule

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph

PREDICTION_SINKS = ("prediction_store", "data_store", "cache")
P99 = BlockProps.model_fields["p99_ms"].title  # as the inspector labels the field


@rule("request-cycle", "error", 6, "The request path has a cycle",
      "Remove one request connector of the loop or change its flow (a response back to the client is implied and never drawn).")
def request_cycle(g: DiagramGraph) -> Iterator[Hit]:
    """The subgraph of `request` connectors has a cycle (one is reported, found by a single
    depth-first search). A request that can come back to a block it already passed never provably
    ends, and no latency budget can be computed for it."""
    cycle = g.request_cycle
    if not cycle:
        return
    nodes = [source for source, _, _ in cycle]
    loop = " → ".join(g.names([*nodes, nodes[0]]))
    yield Hit(
        message=f"The request path loops: {loop}",
        hint="a request must end: remove one connector of the loop or change its flow (e.g. to feedback or data)",
        blocks=tuple(dict.fromkeys(nodes)),
        connectors=tuple(key for _, _, key in cycle),
    )


@rule("latency-budget", "error", 6, "The request path exceeds the latency SLO",
      "Lower p99 on the slowest blocks, run independent stages in parallel, add a cache, or revisit the latency SLO.")
def latency_budget(g: DiagramGraph) -> Iterator[Hit]:
    """`latency_slo_ms` is set and the heaviest path of the `request` subgraph, weighting each block
    by its `p99_ms` (0 where unset), exceeds it. Stages called one after another add up; parallel
    branches do not, so the budget is the longest path, not the sum of all blocks. Skipped when the
    request subgraph has a cycle (`request-cycle` reports that)."""
    slo = g.requirements.latency_slo_ms
    if slo is None or g.request_cycle:
        return
    path, total = g.heaviest_request_path()
    if total <= slo:
        return
    slowest = max(path, key=lambda block_id: float(g.prop(block_id, "p99_ms") or 0))
    chain = " → ".join(g.names(path))
    yield Hit(
        message=f"The slowest request path {chain} takes {ms(total)} at p99, over the {ms(slo)} latency SLO",
        hint=f"cut p99 on the slowest blocks ({g.name(slowest)}: {ms(float(g.prop(slowest, 'p99_ms') or 0))}), "
             "call independent stages in parallel, add a cache, or revisit the SLO",
        blocks=tuple(path),
        connectors=tuple(g.connectors_along(path, "request")),
    )


@rule("latency-unestimated", "info", 6, "Blocks on the request path have no latency estimate",
      f"Set the {P99} of every block on the request path.")
def latency_unestimated(g: DiagramGraph) -> Iterator[Hit]:
    """`latency_slo_ms` is set and a block other than a `client` on the `request` subgraph has no
    `p99_ms`. Unset latencies count as 0 in the budget, so the check can pass on a design that is in
    fact too slow; estimate every stage."""
    if g.requirements.latency_slo_ms is None:
        return
    missing = [block_id for block_id in g.request_nodes
               if g.kind[block_id] != "client" and g.prop(block_id, "p99_ms") is None]
    if not missing:
        return
    names = listing(g.names(missing))
    if len(missing) == 1:
        message = f"{names} is on the request path but has no p99 latency estimate"
    else:
        message = f"{plural(len(missing), 'block')} on the request path have no p99 latency estimate: {names}"
    yield Hit(
        message=message,
        hint=f"set the {P99} of every block on the request path so the latency budget can be checked",
        blocks=tuple(missing),
    )


@rule("retrieval-before-ranking", "warning", 6, "A large corpus is ranked without retrieval",
      "Put candidate generation or a vector index before ranking on the request path.")
def retrieval_before_ranking(g: DiagramGraph) -> Iterator[Hit]:
    """`corpus_size` is at least the `corpus_threshold` parameter (default 100000) and an online
    `ranking` block has no `candidate_generation` or `vector_index` ancestor over `request`
    connectors. Scoring every item with a heavy model per request does not fit any latency budget at
    that scale; a funnel retrieves a few hundred candidates first. Batch ranking is exempt."""
    corpus = g.requirements.corpus_size
    threshold = g.params["corpus_threshold"]
    if corpus is None or corpus < threshold:
        return
    rankings = g.of_kind("ranking")
    retrieved = g.reached(g.any_order_of_kind("candidate_generation", "vector_index"), ("request",), among=rankings)
    for block_id in rankings:
        if block_id in retrieved or g.prop(block_id, "mode") == "batch":
            continue
        name = g.name(block_id)
        yield Hit(
            message=f"{name} ranks a corpus of {corpus:,} items with no candidate generation or vector index "
                    "before it on the request path",
            hint=f"put Candidate generation (or a Vector index) before {name} on the request path: retrieve "
                 "a few hundred candidates, then rank them",
            blocks=(block_id,),
        )


@rule("index-lineage", "error", 6, "A vector index is built by nothing",
      "Connect an Indexing pipeline to the vector index.")
def index_lineage(g: DiagramGraph) -> Iterator[Hit]:
    """A `vector_index` receives no connector from an `indexing_pipeline`. An index must be built and
    refreshed from the item embeddings (and rebuilt when the embedding model changes), or retrieval
    silently serves stale or mismatched vectors."""
    built = g.targets_from(g.of_kind("indexing_pipeline"))
    for block_id in g.of_kind("vector_index"):
        if block_id in built:
            continue
        name = g.name(block_id)
        yield Hit(
            message=f"{name} is built by nothing: no indexing pipeline feeds it",
            hint=f"connect an Indexing pipeline to {name}; it builds and refreshes the index from item embeddings",
            blocks=(block_id,),
        )


@rule("batch-serving-path", "warning", 6, "Batch serving is wired like online serving",
      "Write batch predictions to a prediction store, data store or cache with a data connector, and do not call batch blocks per request.")
def batch_serving_path(g: DiagramGraph) -> Iterator[Hit]:
    """A batch model-serving block receives a `request` connector, or sends no `data` connector to a
    `prediction_store`, `data_store` or `cache`. Batch predictions are computed ahead of time: nobody
    calls them per request, and they are useless unless written where the online path can read them."""
    for block_id in g.batch_serving:
        name = g.name(block_id)
        callers = g.incoming(block_id, ("request",))
        if callers:
            yield Hit(
                message=f"{name} runs in batch but receives request connectors from "
                        f"{listing(g.names(g.sorted(source for source, _ in callers)))}",
                hint=f"set {name} to online mode, or let callers read its precomputed predictions from a "
                     "Prediction store or Cache",
                blocks=(block_id, *g.sorted(source for source, _ in callers)),
                connectors=tuple(cid for _, cid in callers),
            )
        if not any(g.kind[target] in PREDICTION_SINKS for target, _ in g.outgoing(block_id, ("data",))):
            yield Hit(
                message=f"{name} runs in batch but writes its predictions nowhere: no data connector to a "
                        "prediction store, data store or cache",
                hint=f"connect {name} to a Prediction store with a data connector, and let the online path read it",
                blocks=(block_id,),
            )
