"""The feedback loop: what a served model does must flow back to the data it is retrained on."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from components.validate.facts import LOOKUP_KINDS, PREDICTION_SINKS, RETURN_FLOWS
from components.validate.rules.base import Hit, Reads, listing, rule
from components.validate.rules.regions import SERVING_SUBJECTS, batch_model, online_model
from components.validate.scopes import Local, Summary, View, Walk, fact, search

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph
    from components.validate.live_graph import LiveGraph



def _none(block_id: str) -> int:
    return 0


def _members(bits: int, universe: list[str]) -> list[str]:
    """The blocks whose bits are set, visiting only the set bits (bit sets can be thousands wide)."""
    members = []
    while bits:
        lowest = bits & -bits
        members.append(universe[lowest.bit_length() - 1])
        bits ^= lowest
    return members


def _readers(g: DiagramGraph, block_id: str) -> list[str]:
    """The blocks reading what a batch serving block writes: its prediction stores' readers (a `data`
    connector out of the store, or a `request` connector into it)."""
    readers: list[str] = []
    for store, _ in g.outgoing(block_id, ("data",)):
        if g.kind[store] in PREDICTION_SINKS:
            readers += [target for target, _ in g.outgoing(store, ("data",))]
            readers += [source for source, _ in g.incoming(store, ("request",))]
    return readers


_MODEL_UP = Walk(("model",), upstream=True)
_CALLERS = Walk(("request",), upstream=True)


def _way_back(view: View, serving: str) -> tuple[set[str], set[str]]:
    """Where `no-feedback-loop` searches from a serving block: from the block (and, for a batch model,
    the readers of what it writes) and the clients calling them, along the way back, to the first of the
    training pipelines its model comes from."""
    if not view.model_serving(serving):
        return set(), set()
    trainers = {b for b in _MODEL_UP.reach(view, serving) if view.kind(b) == "training_pipeline"}
    if not trainers:
        return set(), set()
    fronts = {serving}
    if batch_model(view, serving):
        for store, flow in view.out(serving):
            if flow == "data" and view.kind(store) in PREDICTION_SINKS:
                fronts.update(target for target, flow in view.out(store) if flow == "data")
                fronts.update(source for source, flow in view.into(store) if flow == "request")
    roots = set(fronts)
    for front in fronts:
        roots.update(b for b in _CALLERS.reach(view, front) if view.kind(b) == "client")

    def back(block_id: str) -> list[str]:
        return [target for target, flow in view.out(block_id) if flow in RETURN_FLOWS
                and not (flow == "request" and view.kind(target) in LOOKUP_KINDS)]

    return search(view, roots, back, trainers.__contains__)


@rule("no-feedback-loop", "error", 7, "A served model's outcomes never reach its training data",
      fix="Log what the model serves and what users do with it (feedback connector to a Logging block) and route "
          "the logs back to the training pipeline's data with feedback or data connectors.",
      why="Without logged impressions and outcomes flowing back, the model is never retrained on what it actually "
          "served: it goes stale, and nobody can build the next training set or measure it online.",
      question="Where do the labels for the next training run come from once this model is live?",
      scope=Local(SERVING_SUBJECTS, hops=2, walks=(Walk(("model",), upstream=True), Walk(("request",), upstream=True, start=2)), traced=_way_back),
      reads=Reads(kinds=("training_pipeline", "client", "prediction_store", "data_store", "cache",
                         "inference_service", "candidate_generation", "ranking"),
                  flows=("model", "request", "data", "feedback"), props=("mode", "uses_model")))
def no_feedback_loop(g: DiagramGraph) -> Iterator[Hit]:
    """A model-serving block S whose model comes from training pipelines T (its `training_pipeline`
    ancestors over `model` connectors) has no way back: no directed path to any of T, using connectors
    other than `model` and `observe` and no `request` into a lookup (a store, cache or index answers a
    read: nothing served is written there), from S, from a `client` that reaches S over `request` connectors,
    or, for a batch S, from a block reading what S writes to a prediction store, data store or cache
    (the online path that serves precomputed predictions or candidates) or a client reaching that
    block over `request`."""
    # Bit sets (one bit per training pipeline / client) over one SCC pass per flow set: linear in
    # the diagram's size, however many serving blocks share a training pipeline.
    trainings = g.of_kind("training_pipeline")
    if not trainings or not g.serving:
        return
    training_bits = {block_id: 1 << index for index, block_id in enumerate(trainings)}
    upstream = g.closure_bits(g.serving, training_bits, ("model",), reverse=True)
    candidates = [block_id for block_id in g.serving if upstream(block_id)]
    if not candidates:
        return
    batch = set(g.batch_serving)
    # what each candidate's loop may start from: itself and, for batch models, the readers of its output
    starts = {block_id: [block_id, *(_readers(g, block_id) if block_id in batch else ())] for block_id in candidates}
    fronts = list(dict.fromkeys(front for fronts in starts.values() for front in fronts))
    clients = g.of_kind("client")
    client_bits = {block_id: 1 << index for index, block_id in enumerate(clients)}
    callers = g.closure_bits(fronts, client_bits, ("request",), reverse=True) if clients else _none
    roots = list(fronts)
    for front in fronts:
        roots.extend(_members(callers(front), clients))
    back = g.closure_bits(roots, training_bits, RETURN_FLOWS, adjacency=g.way_back)
    for block_id in candidates:
        sources = upstream(block_id)
        reach = 0
        for front in starts[block_id]:
            reach |= back(front)
            for client in _members(callers(front), clients):
                reach |= back(client)
        if reach & sources:
            continue
        name = g.name(block_id)
        trainers = _members(sources, trainings)
        trainer_names = listing(g.names(trainers))
        yield Hit(
            message=f"what {name} serves never flows back to {trainer_names}: the model is never retrained on "
                    "what users did with its predictions",
            hint=f"log what {name} serves and what users do (feedback connector to a Logging block) and route "
                 f"the logs back to the training data of {trainer_names} (feedback or data connectors)",
            blocks=(block_id, *trainers),
        )


ONLINE_RANKER = fact("online-ranker", ["ranking"], online_model)
IMPRESSION_LOG = fact("impression-log", ["logging"], lambda view, block_id: "impressions" in view.prop(block_id, "logs", ()))


def _impressions_support(graph: LiveGraph) -> tuple[()] | None:
    """Nothing while no online ranker is served, no block logs or one logs impressions (the rule says
    nothing); else the whole design: which logs reach training is a walk over all of it."""
    if graph.facts[ONLINE_RANKER] and graph.by_kind.get("logging") and not graph.facts[IMPRESSION_LOG]:
        return None
    return ()


@rule("no-impression-logging", "warning", 3, "Clicks are logged but not what was shown",
      fix="Add 'impressions' to the Logs of the logging block that records the outcomes (what was shown, in which "
          "position), so items shown but skipped become the ranker's negatives.",
      why="A ranker learns from what users chose among what they were shown: with clicks alone there are no "
          "negatives (shown but skipped), no position to correct for, and no click rate to compute.",
      question="Where do the ranker's negative examples come from, and how do you correct for position bias?",
      scope=Summary(_impressions_support),
      reads=Reads(kinds=("ranking", "logging", "training_pipeline"), flows=RETURN_FLOWS,
                  props=("mode", "uses_model", "logs")))
def no_impression_logging(g: DiagramGraph) -> Iterator[Hit]:
    """An online `ranking` model is served, a `logging` block whose `logs` include `outcomes` leads to a
    training pipeline (over data, feedback, request), and no `logging` block logs `impressions`."""
    rankers = [block_id for block_id in g.online_serving if g.kind[block_id] == "ranking"]
    logs = g.of_kind("logging")
    if not rankers or not logs or any("impressions" in g.prop(block_id, "logs", ()) for block_id in logs):
        return
    outcomes = [block_id for block_id in logs if "outcomes" in g.prop(block_id, "logs", ())]
    trained = g.reached(g.of_kind("training_pipeline"), RETURN_FLOWS, reverse=True, among=outcomes) if outcomes else ()
    used = [block_id for block_id in outcomes if block_id in trained]
    if not used:
        return
    names = listing(g.names(used))
    yield Hit(
        message=f"{names} {'records' if len(used) == 1 else 'record'} what users did but not what they were shown, "
                f"so {listing(g.names(rankers))} learns from clicks with no negatives (shown but skipped) and no "
                "position to correct for",
        hint=f"add 'impressions' to the Logs of {names} (what was shown, in which position)",
        blocks=(*rankers, *used),
    )
