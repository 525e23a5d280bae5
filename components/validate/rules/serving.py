"""Step 6 rules about the request path: it ends, reads only online storage, calls no batch job,
retrieves before it ranks; batch predictions land where the online path can read them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from components.model import FLOWS
from components.validate.facts import BATCH_KINDS, PREDICTION_SINKS, REQUEST_STAGE_KINDS, SERVING
from components.validate.rules.base import Hit, Reads, listing, rule
from components.validate.rules.regions import REQUEST_PARTS, SERVING_SUBJECTS
from components.validate.scopes import Local, Parts, Walk

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph



@rule("request-cycle", "error", 6, "The request path has a cycle",
      fix="Remove one request connector of the loop or change its flow (a response back to the client is implied "
          "and never drawn).",
      why="A request that can come back to a block it already passed never provably ends, and no latency "
          "budget can be computed for it.",
      question="Follow one request from the client: where does it end?",
      scope=Parts(REQUEST_PARTS),
      reads=Reads(flows=("request",)))
def request_cycle(g: DiagramGraph) -> Iterator[Hit]:
    """The subgraph of `request` connectors has a cycle (one is reported, found by a single depth-first
    search)."""
    cycle = g.request_cycle
    if not cycle:
        return
    nodes = [source for source, _, _ in cycle]
    loop = " → ".join(g.names([*nodes, nodes[0]]))
    yield Hit(
        message=f"the request path loops: {loop}",
        hint="a request must end: remove one connector of the loop or change its flow (e.g. to feedback or data); "
             "the response back to the client is implied, never drawn",
        blocks=tuple(dict.fromkeys(nodes)),
        connectors=tuple(key for _, _, key in cycle),
    )


def _is_request_stage(g: DiagramGraph, block_id: str, on_path: set[str], online: set[str]) -> bool:
    """An online processing stage: online model serving, or a rule-based stage or gateway on the request
    path (caches, CDNs and indexes are storage, not stages)."""
    if g.kind[block_id] not in REQUEST_STAGE_KINDS:
        return False
    return block_id in online or (block_id in on_path and not g.is_batch(block_id))


@rule("online-reads-offline", "error", 6, "The request path reads offline storage",
      fix="Serve from online storage: an online feature store, a NoSQL/KV data store, a cache or a prediction "
          "store, filled from the warehouse by a pipeline.",
      why="Warehouses, lakes, object stores and offline feature stores answer in seconds and are not built for a "
          "lookup per request; the request path reads storage that answers in milliseconds.",
      question="What is the read latency of that store at your peak QPS?",
      scope=Local(frozenset(REQUEST_STAGE_KINDS), hops=1),
      reads=Reads(kinds=(*REQUEST_STAGE_KINDS, "data_store", "feature_store"), flows=("data", "request"),
                  props=("store_type", "tier", "mode", "uses_model")))
def online_reads_offline(g: DiagramGraph) -> Iterator[Hit]:
    """An online processing stage receives a `data` or `request` connector from offline storage (a
    `data_store` whose `store_type` is warehouse, lake or object_store, or an `offline` feature store)
    or sends a `request` connector to it. Stages: online model-serving blocks, and API gateways,
    re-ranking and rule-based candidate generation on the request path. NoSQL, KV, SQL, search-index
    and graph stores are online. Batch jobs read the warehouse, and a cache or CDN in front of an
    object store (static images) is not a stage."""
    offline = g.offline_stores
    if not offline:
        return
    suspects = g.targets_from(offline, ("data", "request")) | g.sources_into(offline, ("request",))
    on_path, online = set(g.request_nodes), set(g.online_serving)
    for block_id in g.sorted(suspects):
        if not _is_request_stage(g, block_id, on_path, online):
            continue
        offending = [(source, cid) for source, cid in g.incoming(block_id, ("data", "request"))
                     if g.is_offline_store(source)]
        offending += [(target, cid) for target, cid in g.outgoing(block_id, ("request",)) if g.is_offline_store(target)]
        if not offending:
            continue
        name = g.name(block_id)
        stores = g.sorted(store for store, _ in offending)
        described = listing([f"{g.name(store)} ({_storage(g, store)})" for store in stores])
        yield Hit(
            message=f"{name} reads {described} on every request: offline storage answers in seconds, not "
                    "milliseconds",
            hint=f"let {name} read an online Feature store, a NoSQL/KV Data store, a Cache or a Prediction store "
                 f"filled from {listing(g.names(stores))} by a pipeline",
            blocks=(block_id, *stores),
            connectors=tuple(cid for _, cid in offending),
        )


def _storage(g: DiagramGraph, store: str) -> str:
    """What kind of offline storage a block is, in words: why it cannot answer per request."""
    if g.kind[store] == "feature_store":
        return "an offline feature store"
    return {"lake": "a data lake", "object_store": "an object store"}.get(str(g.prop(store, "store_type")),
                                                                         "a warehouse")


def _batch_role(g: DiagramGraph, block_id: str) -> str:
    kind = g.kind[block_id]
    return {"training_pipeline": "a training job", "feature_pipeline": "a batch feature job",
            "indexing_pipeline": "an index build", "labeling": "a labeling process",
            "orchestrator": "a scheduler"}.get(kind, "a batch model")


@rule("batch-on-request-path", "error", 6, "A batch job is called on the request path",
      fix="Let the request path read what the job produces (a feature store, prediction store or index, over "
          "data connectors) instead of calling the job.",
      why="A batch job (training, a batch feature pipeline, an index build, labeling, batch scoring) runs on a "
          "schedule for minutes or hours; a request that waits for it never meets any latency budget.",
      question="What does the user wait for while this job runs?",
      scope=Local(frozenset({*BATCH_KINDS, "feature_pipeline", *SERVING}), hops=1),
      reads=Reads(kinds=(*BATCH_KINDS, "feature_pipeline", *SERVING), flows=("request",), props=("mode", "uses_model")))
def batch_on_request_path(g: DiagramGraph) -> Iterator[Hit]:
    """A `training_pipeline`, `indexing_pipeline`, `labeling`, `orchestrator`, batch `feature_pipeline` or
    batch model-serving block receives a `request` connector."""
    called = g.request_targets
    batch = [block_id for kind in (*BATCH_KINDS, "feature_pipeline", *SERVING) for block_id in g.by_kind.get(kind, ())
             if block_id in called and g.is_batch(block_id)]
    serving = set(g.serving)
    for block_id in g.sorted(batch):
        callers = g.incoming(block_id, ("request",))
        sources = g.sorted(source for source, _ in callers)
        name = g.name(block_id)
        if block_id in serving:
            hint = f"let callers read {name}'s precomputed predictions from a Prediction store or Cache, or set it online"
        else:
            hint = f"connect {name} to the store it fills with data connectors, and let the request path read that store"
        yield Hit(
            message=f"{listing(g.names(sources))} call{'s' if len(sources) == 1 else ''} {name}, {_batch_role(g, block_id)}, "
                    "on the request path: the request would wait for a job that runs on a schedule",
            hint=hint,
            blocks=(block_id, *sources),
            connectors=tuple(cid for _, cid in callers),
        )


@rule("batch-serving-path", "warning", 6, "Batch predictions are written nowhere",
      fix="Write batch predictions to a prediction store, data store or cache with a data connector, and let the "
          "online path read them there.",
      why="Batch predictions are computed ahead of time and are useless until they land where the product can "
          "read them.",
      question="Where do the nightly predictions go, and how does the product read them?",
      scope=Local(SERVING_SUBJECTS, hops=1),
      reads=Reads(kinds=(*SERVING, *PREDICTION_SINKS), flows=("data",), props=("mode", "uses_model")))
def batch_serving_path(g: DiagramGraph) -> Iterator[Hit]:
    """A batch model-serving block sends no `data` connector to a `prediction_store`, `data_store` or
    `cache`. (A batch block called per request is `batch-on-request-path`.)"""
    for block_id in g.batch_serving:
        if any(g.kind[target] in PREDICTION_SINKS for target, _ in g.outgoing(block_id, ("data",))):
            continue
        name = g.name(block_id)
        yield Hit(
            message=f"{name} runs in batch but writes its predictions nowhere the product can read them",
            hint=f"connect {name} to a Prediction store with a data connector, and let the online path read it",
            blocks=(block_id,),
        )


def _precomputed_candidates(g: DiagramGraph, rankings: list[str]) -> set[str]:
    """Rankers reading a store (data into the ranker, or a request from it) that a candidate generation or
    batch model-serving block writes with `data`: candidates retrieved ahead of time."""
    writers = g.of_kind("candidate_generation") + g.batch_serving
    stores = {store for store in g.targets_from(writers, ("data",)) if g.kind[store] in PREDICTION_SINKS}
    if not stores:
        return set()
    return {ranker for ranker in rankings
            if any(source in stores for source, _ in g.incoming(ranker, ("data",)))
            or any(target in stores for target, _ in g.outgoing(ranker, ("request",)))}


@rule("retrieval-before-ranking", "warning", 6, "A large corpus is ranked without retrieval",
      fix="Put candidate generation or a vector index before ranking on the request path, or rank candidates "
          "precomputed by a batch retrieval job.",
      why="Scoring every item with a heavy model per request fits no latency budget at this scale; a funnel "
          "retrieves a few hundred candidates first.",
      question="How many items does the ranker score per request, and how are they chosen?",
      scope=Local(frozenset({"ranking"}), hops=2, walks=(Walk(("request",), upstream=True, stop=frozenset({"candidate_generation", "vector_index"})),)),
      reads=Reads(kinds=("ranking", "candidate_generation", "vector_index", *PREDICTION_SINKS),
                  flows=("request", "data"), props=("mode", "uses_model"), requirements=("corpus_size",)))
def retrieval_before_ranking(g: DiagramGraph) -> Iterator[Hit]:
    """`corpus_size` is at least the `corpus_threshold` parameter and an online `ranking` block has no
    `candidate_generation` or `vector_index` ancestor over `request` connectors, and reads no store
    that a candidate generation or batch model-serving block writes (precomputed candidates)."""
    corpus = g.requirements.corpus_size
    threshold = g.params["corpus_threshold"]
    if corpus is None or corpus < threshold:
        return
    rankings = [block_id for block_id in g.of_kind("ranking") if g.prop(block_id, "mode") != "batch"]
    retrieved = g.reached(g.any_order_of_kind("candidate_generation", "vector_index"), ("request",), among=rankings)
    precomputed: set[str] | None = None
    for block_id in rankings:
        if block_id in retrieved:
            continue
        if precomputed is None:
            precomputed = _precomputed_candidates(g, rankings)
        if block_id in precomputed:
            continue
        name = g.name(block_id)
        yield Hit(
            message=f"{name} would score all {corpus:,} items on every request: no retrieval stage narrows them down",
            hint=f"put Candidate generation (or a Vector index) before {name} on the request path, or let {name} "
                 "read candidates a batch retrieval job writes to a Prediction store",
            blocks=(block_id,),
        )


@rule("index-lineage", "error", 6, "A vector index is built by nothing",
      fix="Connect an Indexing pipeline to the vector index.",
      why="An index must be built and refreshed from the item embeddings, and rebuilt when the embedding model "
          "changes, or retrieval silently serves stale or mismatched vectors.",
      question="How do new items get into the index, and what happens when the embedding model changes?",
      scope=Local(frozenset({"vector_index"}), hops=1),
      reads=Reads(kinds=("vector_index", "indexing_pipeline"), flows=FLOWS))
def index_lineage(g: DiagramGraph) -> Iterator[Hit]:
    """A `vector_index` receives no connector from an `indexing_pipeline`."""
    built = g.targets_from(g.of_kind("indexing_pipeline"))
    for block_id in g.of_kind("vector_index"):
        if block_id in built:
            continue
        name = g.name(block_id)
        yield Hit(
            message=f"{name} is built by nothing: how do new items get in, and who rebuilds it when the model changes?",
            hint=f"connect an Indexing pipeline to {name}; it builds and refreshes the index from item embeddings",
            blocks=(block_id,),
        )


@rule("index-unused", "warning", 6, "A vector index is queried by nothing",
      fix="Connect the retrieval stage (Candidate generation or the Inference service) that looks up nearest "
          "neighbours to the vector index (request).",
      why="An index that no serving stage queries is paid for (memory, rebuilds) and buys nothing, and the "
          "retrieval it was meant for is left unexplained: without it the model must score the whole corpus.",
      question="Which stage queries this index at request time, and with which query embedding?",
      scope=Local(frozenset({"vector_index"}), hops=1),
      reads=Reads(kinds=("vector_index",), flows=FLOWS))  # any connector: one with none is orphan-block's
def index_unused(g: DiagramGraph) -> Iterator[Hit]:
    """A `vector_index` with at least one connector receives no `request` connector and sends no `data`
    connector (nothing looks anything up in it; one with no connector at all is `orphan-block`'s)."""
    indexes = [block_id for block_id in g.of_kind("vector_index") if g.order[block_id] in g.linked]
    if not indexes:
        return
    queried = g.targets_from(g.sources_into(indexes, ("request",)), ("request",))
    read = g.sources_into(g.targets_from(indexes, ("data",)), ("data",))
    for block_id in indexes:
        if block_id in queried or block_id in read:
            continue
        name = g.name(block_id)
        yield Hit(
            message=f"{name} is built but nothing queries it: which stage looks up the nearest neighbours?",
            hint=f"connect the retrieval stage that searches {name} to it with a request connector",
            blocks=(block_id,),
        )
