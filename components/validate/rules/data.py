"""Step 3 rules about data and features: training has data, serving has features, both match."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from components.catalog import kinds_of_stage
from components.model import FLOWS
from components.validate.facts import RETURN_FLOWS
from components.validate.rules.base import Hit, Reads, listing, rule
from components.validate.rules.regions import SERVING_SUBJECTS
from components.validate.scopes import Local, View, Walk, fact, search

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph

DATA_KINDS = tuple(spec.kind for spec in kinds_of_stage(3))
OFFLINE_FEATURE_STORE = fact("offline-feature-store", ["feature_store"],
                             lambda view, block_id: view.prop(block_id, "tier") == "offline")
WRITE_FLOWS = ("data", "feedback")  # how a block fills a store


@rule("no-training-data", "error", 3, "A training pipeline has no data behind it",
      fix="Connect a data source, data store or feature store (directly or through a feature pipeline) to the "
          "training pipeline.",
      why="A model is only as good as its data; a training job with no data behind it leaves open where the "
          "examples and, above all, the labels come from.",
      question="What does one training example look like, and where does its label come from?",
      scope=Local(frozenset({"training_pipeline"}), hops=0, walks=(Walk(FLOWS, upstream=True, stop=frozenset(DATA_KINDS)),)),
      reads=Reads(kinds=("training_pipeline", *DATA_KINDS), flows=FLOWS))
def no_training_data(g: DiagramGraph) -> Iterator[Hit]:
    """A `training_pipeline` has no stage-3 block (data source, event stream, data store, labeling,
    feature pipeline or feature store) among its ancestors, over any connectors."""
    trainings = g.of_kind("training_pipeline")
    if not trainings:
        return
    fed = g.reached(g.any_order_of_kind(*DATA_KINDS), FLOWS, among=trainings)
    for block_id in trainings:
        if block_id not in fed:
            name = g.name(block_id)
            yield Hit(
                message=f"{name} trains on nothing: no data, labels or features lead to it",
                hint=f"connect a Data source, Data store, Labeling or Feature store to {name} (data connectors)",
                blocks=(block_id,),
            )


def _streaming_pipeline(g: DiagramGraph, block_id: str) -> bool:
    return g.kind[block_id] == "feature_pipeline" and g.prop(block_id, "mode") == "streaming"


@rule("no-feature-source", "warning", 3, "An online model reads no features at request time",
      fix="Connect an online Feature store, a NoSQL/KV Data store, a Cache or a Prediction store to the serving "
          "block (data), or switch on 'Features come with the request' when the request carries its input.",
      why="A model scores what it is given: an online model with no feature source at request time either has "
          "no features or reads them from somewhere too slow, and its training features cannot match them.",
      question="At request time, where does this model get the user and item features, and how fresh are they?",
      scope=Local(SERVING_SUBJECTS, hops=1),
      reads=Reads(kinds=("inference_service", "candidate_generation", "ranking", "feature_store", "data_store",
                         "cache", "prediction_store", "feature_pipeline"),
                  flows=("data", "request"), props=("mode", "uses_model", "features_in_request", "tier",
                                                    "store_type")))
def no_feature_source(g: DiagramGraph) -> Iterator[Hit]:
    """An online model-serving block without `features_in_request` reads no online source: no `data`
    connector into it from, and no `request` connector from it to, an online feature store, a
    `data_store` of an online `store_type` (sql, nosql, kv, search_index, graph), a cache or a
    prediction store; and no `data` or `request` connector into it from a streaming feature pipeline
    (features computed on the fly). A vector index is not a feature source: the query side of a
    two-tower model needs the user's features too."""
    stores = g.online_stores
    streaming = [block_id for block_id in g.of_kind("feature_pipeline") if _streaming_pipeline(g, block_id)]
    fed = (g.targets_from(stores, ("data",)) | g.sources_into(stores, ("request",))
           | g.targets_from(streaming, ("data", "request")))
    for block_id in g.online_serving:
        if block_id in fed or g.prop(block_id, "features_in_request"):
            continue
        name = g.name(block_id)
        yield Hit(
            message=f"{name} answers requests online but reads no features at request time: where does its "
                    "input come from, a feature store or the request itself?",
            hint=f"connect an online Feature store (or a NoSQL/KV Data store, a Cache) to {name} with a data "
                 "connector, or switch on 'Features come with the request' if the request carries its input",
            blocks=(block_id,),
        )


@rule("training-reads-online-store", "warning", 3, "Training reads the online feature store",
      fix="Feed training from an offline feature store with point-in-time history.",
      why="The online store keeps only the latest value of each feature, so training on it leaks the present "
          "into past examples and loads the store the serving path depends on.",
      question="How do you make sure a training example only sees the features as they were at that time?",
      scope=Local(frozenset({"training_pipeline"}), hops=1),
      reads=Reads(kinds=("training_pipeline", "feature_store"), flows=FLOWS, props=("tier",)))
def training_reads_online_store(g: DiagramGraph) -> Iterator[Hit]:
    """A `training_pipeline` receives a connector from an `online` `feature_store`."""
    suspects = g.targets_from(g.feature_tiers.get("online", ()))
    for block_id in g.of_kind("training_pipeline"):
        if block_id not in suspects:
            continue
        offending = [(source, cid) for source, cid in g.incoming(block_id)
                     if g.kind[source] == "feature_store" and g.prop(source, "tier") == "online"]
        name = g.name(block_id)
        stores = g.sorted(store for store, _ in offending)
        yield Hit(
            message=f"{name} trains on {listing(g.names(stores))}, the online store: it holds only today's "
                    "values, so past examples would see future features",
            hint=f"feed {name} from an offline Feature store (point-in-time history); keep the online store for "
                 "serving",
            blocks=(block_id, *stores),
            connectors=tuple(cid for _, cid in offending),
        )


def _logged_for_training(g: DiagramGraph) -> set[str]:
    """Logging blocks that log the features served and lead (over data, feedback, request) to training."""
    logs = [block_id for block_id in g.of_kind("logging") if "features" in g.prop(block_id, "logs", ())]
    if not logs:
        return set()
    return g.reached(g.of_kind("training_pipeline"), RETURN_FLOWS, reverse=True, among=logs)


def _served_features_logged(g: DiagramGraph, store: str, logs: set[str]) -> bool:
    """Some block reading ``store`` at request time writes to one of ``logs`` ("log and wait")."""
    readers = [target for target, _ in g.outgoing(store, ("data",))]
    readers += [source for source, _ in g.incoming(store, ("request",))]
    return any(target in logs for reader in readers for target, _ in g.outgoing(reader))


def _skew_traced(view: View, store: str) -> tuple[set[str], set[str]]:
    """Where `training-serving-skew` searches from a store: from each features log a reader of the store
    writes to, along the return flows to the first training pipeline."""
    readers = [target for target, flow in view.out(store) if flow == "data"]
    readers += [source for source, flow in view.into(store) if flow == "request"]
    logs = {target for reader in readers for target, _ in view.out(reader)
            if view.kind(target) == "logging" and "features" in view.prop(target, "logs", ())}
    watched: set[str] = set()
    needed: set[str] = set()
    for log in logs:  # a log is no training pipeline: the search goes at least one connector
        seen, path = search(view, [log], lambda block_id: [t for t, flow in view.out(block_id) if flow in RETURN_FLOWS],
                            lambda block_id: view.kind(block_id) == "training_pipeline")
        watched |= seen
        needed |= path
    return watched, needed


@rule("training-serving-skew", "warning", 3, "Online and offline features are computed separately",
      fix="Let one feature pipeline write both the offline and the online feature store, or log the features "
          "served and train on that log.",
      why="Features computed by two code paths drift apart, and the model then sees different inputs in "
          "production than in training: one of the commonest silent ML bugs.",
      question="How do you guarantee the features at serving time are computed exactly as in training?",
      scope=Local(frozenset({"feature_store"}), hops=2, traced=_skew_traced, facts=(OFFLINE_FEATURE_STORE,)),
      reads=Reads(kinds=("feature_store", "feature_pipeline", "logging", "training_pipeline"),
                  flows=FLOWS, props=("tier", "logs")))
def training_serving_skew(g: DiagramGraph) -> Iterator[Hit]:
    """An `offline` feature store exists and an `online` feature store that something writes is either
    filled by none of the writers of the offline features (a `feature_pipeline` that also writes an
    `offline` feature store, or an offline store materialised into it), or is written by a
    `feature_pipeline` that writes no offline store (features only serving sees); unless the features
    it serves are logged for training ("log and wait"): a block reading the online store at request time
    writes to a `logging` block whose `logs` include `features` and which leads to a training pipeline.
    An online store nothing writes is `feature-store-unfed`'s."""
    offline = g.feature_tiers.get("offline")
    if not offline:
        return
    # feature pipelines writing an offline store: what they compute, training and serving share
    writers = {block_id for block_id in g.sources_into(offline) if g.kind[block_id] == "feature_pipeline"}
    shared = writers.union(offline)
    logs: set[str] | None = None
    for block_id in g.feature_tiers.get("online", ()):
        sources = g.sources_into([block_id], WRITE_FLOWS)
        separate = sorted((source for source in sources
                           if g.kind[source] == "feature_pipeline" and source not in writers), key=g.order.__getitem__)
        if not sources or (not separate and not sources.isdisjoint(shared)):
            continue
        if logs is None:
            logs = _logged_for_training(g)
        if logs and _served_features_logged(g, block_id, logs):
            continue
        name = g.name(block_id)
        if separate and not sources.isdisjoint(shared):
            jobs = listing(g.names(separate))
            message = (f"{jobs} {'writes' if len(separate) == 1 else 'write'} {name} but no offline feature store, "
                       "and the features served are not logged: training never sees the values the model is "
                       "served")
        else:
            message = (f"{name} is filled by a different pipeline than the offline feature store, so the model "
                       "may be served features computed differently from the ones it was trained on")
        yield Hit(
            message=message,
            hint=f"connect each Feature pipeline writing {name} to the offline Feature store too, or log the "
                 "features served (Logging with 'features', fed by the serving block) and train on that log",
            blocks=(block_id, *separate),
        )


@rule("feature-store-unfed", "warning", 3, "A feature store is filled by nothing",
      fix="Connect the Feature pipeline (batch or streaming) that computes these features to the feature store "
          "(data), or materialise the online store from the offline one.",
      why="Features do not appear by themselves: a store that nothing writes leaves open which job computes the "
          "features, how fresh they are and whether training and serving compute them the same way.",
      question="Which job computes the features in this store, how often, and from what data?",
      scope=Local(frozenset({"feature_store"}), hops=1),
      reads=Reads(kinds=("feature_store",), flows=FLOWS, props=("tier",)))  # any connector: readers; none: orphan
def feature_store_unfed(g: DiagramGraph) -> Iterator[Hit]:
    """A `feature_store` with at least one connector receives no `data` or `feedback` connector (a
    store with no connector at all is `orphan-block`'s)."""
    stores = [block_id for block_id in g.of_kind("feature_store") if g.order[block_id] in g.linked]
    if not stores:
        return
    for block_id in stores:
        if g.sources_into([block_id], WRITE_FLOWS):
            continue
        name = g.name(block_id)
        readers = sorted(g.targets_from([block_id]) | g.sources_into([block_id], ("request",)), key=g.order.__getitem__)
        who = f"{listing(g.names(readers))} {'reads' if len(readers) == 1 else 'read'}" if readers else "served"
        yield Hit(
            message=f"nothing writes {name}, so the features {who} there are computed by no job",
            hint=f"connect the Feature pipeline that computes these features to {name} (data)"
                 + (", or materialise it from the offline Feature store" if g.prop(block_id, "tier") == "online"
                    else ""),
            blocks=(block_id,),
        )
