"""Step 6: models served from the registry, a request path inside its budget, sized for the traffic."""

from __future__ import annotations

from typing import TYPE_CHECKING

from components.estimate.units import exact
from components.model.estimates import EstimateInputs
from components.review.facts import finding_text
from components.review.rubric.base import Verdict, criterion
from components.validate.facts import PREDICTION_SINKS
from components.validate.rules.base import listing

if TYPE_CHECKING:
    from components.review.facts import DesignFacts

READ_FLOWS = ("data", "request")


@criterion(6, "Models served from the registry",
           "Every served model gets its model from a model registry; batch output is written to a store; every "
           "vector index is built by an indexing pipeline and queried by a serving stage.",
           refuted_by=("registry-gap", "batch-serving-path", "index-lineage", "index-unused"))
def from_registry(facts: DesignFacts) -> Verdict:
    """A registry gives versioned models and a one-step rollback; serving must say where its model and
    its index come from."""
    graph = facts.graph
    if not graph.serving:
        return Verdict(False, gap="No served model: add the serving blocks (inference service, retrieval, "
                                  "ranking) the product calls")
    registries = facts.of_kind("model_registry")
    if not registries:
        return Verdict(False, gap="No model registry: serve versioned models from a registry",
                       blocks=tuple(graph.serving))
    return Verdict(True, (f"{listing(facts.names(registries))} versions the models of "
                          f"{listing(facts.names(graph.serving))}",),
                   blocks=tuple(registries))


def _batch_output(facts: DesignFacts) -> Verdict:
    """Batch only: each batch model writes a store the product reads: a request-path block or a client
    calls the store, or the store feeds one."""
    graph = facts.graph
    readers = set(graph.request_nodes) | set(facts.of_kind("client"))
    evidence, unread = [], []
    for block_id in graph.batch_serving:
        sinks = [target for target, _ in graph.outgoing(block_id, ("data",)) if graph.kind[target] in PREDICTION_SINKS]
        read = {source for sink in sinks for source, _ in graph.incoming(sink, ("request",))}
        read |= {target for sink in sinks for target, _ in graph.outgoing(sink, READ_FLOWS) if target in readers}
        if read:
            evidence.append(f"{facts.name(block_id)} writes {listing(facts.names(sinks))}, read by "
                            f"{listing(facts.names(graph.sorted(read)))}")
        else:
            unread.append(block_id)
    if unread:
        return Verdict(False, tuple(evidence), f"What {listing(facts.names(unread))} computes is never read by the "
                                               "product: connect its store to the request path", tuple(unread))
    return Verdict(True, tuple(evidence), blocks=tuple(graph.batch_serving))


STREAM_KINDS = ("event_stream", "feature_pipeline")


def _asynchronous(facts: DesignFacts, served: set[str]) -> tuple[list[str], list[str]]:
    """Online models off the request path that score events as they come: fed over `data` by an event
    stream or a streaming feature pipeline, and sending what they decide on over `data`. Returns
    (evidence lines, the blocks)."""
    graph = facts.graph
    evidence, blocks = [], []
    for block_id in graph.online_serving:
        if block_id in served:
            continue
        feeds = [source for source, _ in graph.incoming(block_id, ("data",)) if graph.kind[source] in STREAM_KINDS
                 and (graph.kind[source] == "event_stream" or graph.prop(source, "mode") == "streaming")]
        acts = [target for target, _ in graph.outgoing(block_id, ("data",))]
        if feeds and acts:
            evidence.append(f"{facts.name(block_id)} scores events asynchronously from {listing(facts.names(feeds))} "
                            f"and hands its decisions to {listing(facts.names(acts))}")
            blocks.append(block_id)
    return evidence, blocks


@criterion(6, "Predictions reach the product within budget",
           "Online: a client reaches a served model over request connectors (or models score a stream of "
           "events asynchronously and hand on what they decide), no batch job waits on the request path, every "
           "hop of the request path has a p99 (no latency-unestimated finding, though that rule is only "
           "advice) and the slowest path, lookups included, fits the latency SLO. Batch only: each batch model "
           "writes a store the product reads.",
           refuted_by=("latency-budget", "request-cycle", "batch-on-request-path"))
def request_path(facts: DesignFacts) -> Verdict:
    """The request path is where users feel the design: each hop's latency, and the lookups it waits for,
    add up against the SLO. Scoring off the request path (asynchronously, or in batch) must still reach
    the product."""
    if facts.batch_only:
        return _batch_output(facts)
    graph = facts.graph
    clients = facts.of_kind("client")
    served = graph.reached(clients, ("request",), among=graph.online_serving) if clients else set()
    asynchronous, scored = _asynchronous(facts, served)
    if not served and not asynchronous:
        return Verdict(False, gap="No request path: connect a client through the gateway to the served model "
                                  "with request connectors")
    if graph.request_cycle:
        return Verdict(False, gap="The request path loops back on itself")
    slo = facts.requirements.latency_slo_ms
    evidence = list(asynchronous)
    path: list[str] = []
    if graph.request_nodes:
        path, total = graph.heaviest_request_path()
        evidence.insert(0, f"Slowest path {' → '.join(facts.names(path))}: {exact(total)} ms at p99"
                           + (f" of the {exact(slo)} ms SLO" if slo else ", lookups included"))
    unestimated = facts.of_rule("latency-unestimated")
    if unestimated:
        blocks = tuple(block for finding in unestimated for block in finding.blocks)
        return Verdict(False, tuple(evidence), finding_text(unestimated[0], 6), blocks)
    return Verdict(True, tuple(evidence), blocks=tuple(path + scored))


@criterion(6, "Sized for the traffic",
           "Online: the peak traffic is known (stated or from the DAU), a large corpus is narrowed by retrieval "
           "before ranking, and a funnel states how many candidates it passes on. Batch only: the volume per "
           "run and the run window give the throughput. No finding says the numbers contradict each other or "
           "the design (more candidates than the corpus or the ranker's p99 allows, an index bigger than the "
           "memory stated).",
           refuted_by=("retrieval-before-ranking", "implausible-scale@6", "index-exceeds-memory"))
def sized(facts: DesignFacts) -> Verdict:
    """Capacity is where back-of-envelope numbers meet the diagram: replicas, scores per second, index
    memory all follow from the traffic and the funnel."""
    estimates = facts.estimates
    if facts.batch_only:
        throughput = estimates.get("batch_throughput")
        if throughput is None:
            return Verdict(False, gap="State the volume per run and the run window, so the batch throughput can "
                                      "be worked out")
        workers = estimates.get("batch_workers")
        return Verdict(True, (throughput.text, *((workers.text,) if workers else ())))
    peak = estimates.get("peak_qps")
    if peak is None:
        return Verdict(False, gap="The peak traffic is unknown: state the DAU or the peak QPS")
    evidence = [f"Peak traffic {peak.result}"]
    inputs = facts.diagram.estimates or EstimateInputs()
    for key in ("serving_replicas", "ranking_scores", f"index_memory_{inputs.value('embedding_precision')}"):
        found = estimates.get(key)
        if found is not None:
            evidence.append(f"{found.title}: {found.result}")
    unsized = [block_id for block_id in facts.of_kind("candidate_generation")
               if block_id in facts.graph.online_serving and facts.graph.prop(block_id, "candidates_out") is None
               and facts.graph.reached([block_id], ("request",), among=facts.of_kind("ranking"))]
    if unsized:
        return Verdict(False, tuple(evidence), f"{listing(facts.names(unsized))} does not say how many candidates it "
                                               "passes to ranking (Candidates out)", tuple(unsized))
    return Verdict(True, tuple(evidence))
