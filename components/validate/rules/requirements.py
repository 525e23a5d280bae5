"""Step 1 rules beyond coverage: the numbers a design is judged against are there and add up."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from components.validate.rules.base import Hit, Reads, count, listing, ms, rule
from components.validate.rules.regions import BATCH_MODEL, ONLINE_MODEL, REQUEST_PARTS
from components.validate.scopes import Local, Parts, Summary

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph
    from components.validate.live_graph import LiveGraph

SECONDS_PER_DAY = 86_400
PEAK_SLACK = 0.9  # a stated peak may round the average down this far


@rule("no-latency-slo", "warning", 1, "An online model has no latency SLO",
      fix="Set the latency SLO (p99, in ms) in the requirements card.",
      why="Model size, the depth of the funnel, whether features can be fetched per request and what to cache "
          "all follow from the latency budget; without it no serving choice can be judged.",
      question="How fast must a response be at p99, end to end, and what does that leave for the model?",
      scope=Parts(REQUEST_PARTS),
      reads=Reads(kinds=("inference_service", "candidate_generation", "ranking"), flows=("request",),
                  props=("mode", "uses_model"), requirements=("latency_slo_ms",)))
def no_latency_slo(g: DiagramGraph) -> Iterator[Hit]:
    """`latency_slo_ms` is not set and an online model-serving block is on the request path (touches a
    `request` connector). Pure batch designs are never asked for one."""
    if g.requirements.latency_slo_ms is not None:
        return
    on_path = set(g.request_nodes)
    online = [block_id for block_id in g.online_serving if block_id in on_path]
    if not online:
        return
    yield Hit(
        message=f"{listing(g.names(online))} answer{'s' if len(online) == 1 else ''} requests online, but no latency "
                "SLO says how fast: every serving choice depends on that budget",
        hint="set the latency SLO (ms, at p99) in the requirements card",
        blocks=tuple(online),
        fields=("latency_slo_ms",),
    )


def _has_metrics(names: list[str]) -> bool:
    return any(name.strip() for name in names)


def _success_support(graph: LiveGraph) -> set[str]:
    """All `no-success-metrics` looks at: one model (or training pipeline), and the offline evaluation
    gates when the requirements name no offline metric."""
    trainings = graph.by_kind.get("training_pipeline", {})
    found = graph.witness(ONLINE_MODEL) or graph.witness(BATCH_MODEL) or ({next(iter(trainings))} if trainings else set())
    if not _has_metrics(graph.requirements.offline_metrics):
        found |= set(graph.by_kind.get("offline_evaluation", ()))
    return found


@rule("no-success-metrics", "warning", 1, "Success is not measured",
      fix="Add online metrics (product outcomes such as CTR, watch time, revenue) and offline metrics (how the "
          "model is judged before launch) to the requirements card or the Offline evaluation block.",
      why="Without an online metric nobody can say whether the system helped the business; without an offline "
          "metric a new model cannot be compared with the current one before it meets users.",
      question="How do you know it works: which metric decides offline, and which one online?",
      scope=Summary(_success_support),
      reads=Reads(kinds=("offline_evaluation", "training_pipeline", "inference_service", "candidate_generation",
                         "ranking"), props=("metrics", "uses_model"), requirements=("offline_metrics", "online_metrics")))
def no_success_metrics(g: DiagramGraph) -> Iterator[Hit]:
    """The design has a model (a model-serving block or a training pipeline) and no online metric, or no
    offline metric (none in the requirements card and none on any `offline_evaluation` block). One
    finding per missing kind of metric."""
    if not g.serving and not g.of_kind("training_pipeline"):
        return
    requirements = g.requirements
    if not _has_metrics(requirements.online_metrics):
        yield Hit(
            message="no online metric: once it is live, which number tells the business it works "
                    "(CTR, watch time, revenue, reports)?",
            hint="add online metrics (product outcomes) to the requirements card",
            fields=("online_metrics",),
        )
    gates = g.of_kind("offline_evaluation")
    if not _has_metrics(requirements.offline_metrics) and not any(
            _has_metrics(list(g.prop(gate, "metrics", []))) for gate in gates):
        yield Hit(
            message="no offline metric: how is a new model compared with the current one before it meets users?",
            hint="add offline metrics to the requirements card or to the Offline evaluation block",
            blocks=tuple(gates),
            fields=("offline_metrics",),
        )


def _peak_below_average(g: DiagramGraph, dau: int, qps: float) -> Hit | None:
    """The design's own requests per user per day make an average above the peak it states: a peak is at
    least the average (10% slack for rounding)."""
    inputs = g.diagram.estimates
    per_user = inputs.requests_per_user_per_day if inputs is not None else None
    if not per_user:
        return None
    average = dau * float(per_user) / SECONDS_PER_DAY
    if qps >= average * PEAK_SLACK:
        return None
    return Hit(
        message=f"{count(qps)} QPS at peak is below the average of {count(average, whole=True)} QPS that "
                f"{count(dau)} daily users x {float(per_user):g} requests per user per day make: a peak cannot be "
                "lower than the average, so the serving fleet is sized for too little traffic",
        hint="recompute peak QPS as DAU x requests per user per day / 86,400 x the peak factor (typically 2-3x), "
             "or correct the requests per user per day in the estimate inputs",
        fields=("qps_peak", "dau"),
    )


def _fed_rankers(g: DiagramGraph) -> dict[str, list[str]]:
    """Ranking block -> the candidate generation blocks whose candidates it scores: those calling it over
    `request`, and those writing `data` into a store it reads (precomputed candidates)."""
    fed: dict[str, list[str]] = {}
    for source in g.of_kind("candidate_generation"):
        if g.prop(source, "candidates_out") is None:
            continue
        rankers = [target for target, _ in g.outgoing(source, ("request",)) if g.kind[target] == "ranking"]
        for store, _ in g.outgoing(source, ("data",)):
            rankers += [target for target, _ in g.outgoing(store, ("data",)) if g.kind[target] == "ranking"]
            rankers += [caller for caller, _ in g.incoming(store, ("request",)) if g.kind[caller] == "ranking"]
        for ranker in dict.fromkeys(rankers):
            fed.setdefault(ranker, []).append(source)
    return fed


@rule("implausible-scale", "warning", 1, "The scale numbers do not add up",
      fix="Check the numbers: peak QPS against daily users, candidates against the corpus and against what the "
          "ranker can score within its p99.",
      why="Back-of-the-envelope numbers that contradict each other (more peak traffic than the users can make, "
          "more candidates than items) mean the capacity plan built on them is wrong too.",
      question="Walk me through the estimate: how many requests does one user make a day, and what is the peak?",
      scope=Local(frozenset({"candidate_generation", "ranking"}), hops=2),
      reads=Reads(kinds=("candidate_generation", "ranking", "prediction_store", "cache", "data_store"),
                  flows=("request", "data"), props=("candidates_out", "p99_ms"),
                  requirements=("dau", "qps_peak", "corpus_size"), estimates=("requests_per_user_per_day",)))
def implausible_scale(g: DiagramGraph) -> Iterator[Hit]:
    """Peak QPS is more than DAU x `max_requests_per_user_day` / 86,400 x `peak_factor` (more traffic
    than the users can make); or, when the design states its requests per user per day (an estimate
    input), peak QPS is more than 10% below the average QPS that DAU x those requests / 86,400 give (a
    peak below the average); or a `candidate_generation` passes on more candidates (`candidates_out`)
    than `corpus_size`; or a `ranking` block with a `p99_ms` receives more candidates (summed over the
    candidate generation blocks calling it or writing a store it reads) than it can score at
    `ranker_items_per_ms` items per millisecond of its p99."""
    requirements, params = g.requirements, g.params
    dau, qps = requirements.dau, requirements.qps_peak
    if dau is not None and qps is not None:
        per_user, peak = float(params["max_requests_per_user_day"]), float(params["peak_factor"])
        ceiling = dau * per_user / SECONDS_PER_DAY * peak
        if qps > ceiling:
            if dau and peak:
                implied = qps * SECONDS_PER_DAY / peak / dau
                why = (f"means {count(implied, whole=True)} requests per user per day even with a {peak:g}x peak "
                       f"(plausible: up to {per_user:g})")
            else:
                why = f"is more than they can send (at most {count(ceiling, whole=True)} QPS)"
            yield Hit(
                message=f"{count(qps)} QPS at peak from {count(dau)} daily users {why}: one of the numbers is off",
                hint="recompute peak QPS as DAU x requests per user per day / 86,400 x the peak factor, or correct "
                     "the DAU (tune max_requests_per_user_day and peak_factor in rules.params)",
                fields=("qps_peak", "dau"),
            )
        elif (below := _peak_below_average(g, dau, qps)) is not None:
            yield below
    corpus = requirements.corpus_size
    if corpus is not None:
        for block_id in g.of_kind("candidate_generation"):
            out = g.prop(block_id, "candidates_out")
            if out is not None and out > corpus:
                name = g.name(block_id)
                yield Hit(
                    message=f"{name} passes on {count(out)} candidates from a corpus of only {count(corpus)} items",
                    hint=f"set Candidates out on {name} below the corpus size (a few hundred to a few thousand), "
                         "or correct the corpus size",
                    blocks=(block_id,), stage=6,
                )
    rate = float(params["ranker_items_per_ms"])
    for ranker, sources in _fed_rankers(g).items():
        p99 = g.prop(ranker, "p99_ms")
        if p99 is None:
            continue
        total = sum(int(g.prop(source, "candidates_out") or 0) for source in sources)
        capacity = float(p99) * rate
        if total > capacity:
            name = g.name(ranker)
            yield Hit(
                message=f"{name} must score {count(total)} candidates from {listing(g.names(sources))} within its "
                        f"{ms(float(p99))} p99: at {rate:g} items per ms that is {capacity:,.0f} at most",
                hint=f"pass fewer candidates on (Candidates out), add a light ranking stage, or give {name} more "
                     "time (tune ranker_items_per_ms in rules.params if your ranker is faster)",
                blocks=(ranker, *sources), stage=6,
            )
