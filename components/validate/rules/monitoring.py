"""Step 7 rules: every served model is watched for the right things, and someone is told.

`missing-monitoring` is the single finding for a model nobody watches; the three rules about what is
watched (quality, data drift, system health) only look at models that are watched at all, so users
can tune each concern on its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from components.model import FLOWS
from components.validate.facts import REQUEST_STAGE_KINDS, SERVING
from components.validate.rules.base import Hit, Reads, rule
from components.validate.rules.regions import SERVING_SUBJECTS
from components.validate.scopes import Local, View, Walk, search

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph

_WATCH_READS = Reads(kinds=("monitoring", "logging", *SERVING), flows=FLOWS,
                     props=("target", "mode", "uses_model"))


@rule("missing-monitoring", "error", 7, "A model-serving block is not monitored",
      fix="Connect each model-serving block to a Monitoring block with an observe connector, or feed its "
          "prediction log to one.",
      why="Models degrade silently (drifting inputs, stale features, a broken upstream job); without a monitor "
          "nobody notices until the business metric drops weeks later.",
      question="This model starts making worse predictions on a Tuesday: how and when do you find out?",
      scope=Local(SERVING_SUBJECTS, hops=2),
      reads=_WATCH_READS)
def missing_monitoring(g: DiagramGraph) -> Iterator[Hit]:
    """A model-serving block (online or batch) is watched by no `monitoring` block: no `observe`
    connector between them either way, and no connector from the block to a `logging` block that
    itself feeds a monitor (a monitor may read the prediction log instead of the model)."""
    for block_id in g.serving:
        if g.monitors_of(block_id):
            continue
        name = g.name(block_id)
        yield Hit(
            message=f"nobody watches {name} in production: if its inputs drift or its quality drops, nobody "
                    "notices until the business metric does",
            hint=f"connect {name} to a Monitoring block (observe), or feed its prediction log to one",
            blocks=(block_id,),
        )


def _watched_serving(g: DiagramGraph, blocks: list[str]) -> Iterator[tuple[str, frozenset[str]]]:
    for block_id in blocks:
        monitors = g.monitors_of(block_id)
        if monitors:
            yield block_id, monitors


@rule("no-quality-monitoring", "warning", 7, "A model's quality is not monitored",
      fix="Let a monitor of the model watch model quality (online metrics against labels as they arrive) or "
          "prediction drift.",
      why="System dashboards stay green while a model gets worse; only its quality (or, before labels arrive, "
          "the drift of its predictions) shows that.",
      question="Latency and errors look fine, but is the model still any good?",
      scope=Local(SERVING_SUBJECTS, hops=2),
      reads=_WATCH_READS)
def no_quality_monitoring(g: DiagramGraph) -> Iterator[Hit]:
    """A watched model-serving block (online or batch) none of whose monitors (see `missing-monitoring`)
    has `model_quality` or `prediction_drift` in its `target`."""
    for block_id, monitors in _watched_serving(g, g.serving):
        if g.targets_of(monitors) & {"model_quality", "prediction_drift"}:
            continue
        name = g.name(block_id)
        yield Hit(
            message=f"{name} is watched, but not for the quality of its predictions: a model can get worse while "
                    "latency and errors stay green",
            hint=f"tick 'model quality' (or 'prediction drift') under Watches on a monitor of {name}, or add one",
            blocks=(block_id, *g.sorted(monitors)),
        )


# Where outcomes (what happened: clicks, watches, trips, reports, human labels) enter a design; the flows
# they travel on toward a monitor; and the blocks that hold only a model's inputs or outputs, never outcomes.
OUTCOME_LOGS = frozenset({"outcomes", "impressions"})
OUTCOME_FLOWS = ("data", "feedback", "observe")
NOT_OUTCOMES = (*REQUEST_STAGE_KINDS, "feature_pipeline", "feature_store", "indexing_pipeline", "vector_index",
                "prediction_store", "cache")


def _carries_outcomes(view: View, block_id: str) -> bool:
    kind = view.kind(block_id)
    return kind in ("labeling", "event_stream", "client") or (
        kind == "logging" and bool(OUTCOME_LOGS & set(view.prop(block_id, "logs", ()))))


def _outcomes_in(view: View, monitor: str) -> tuple[set[str], set[str]]:
    """Where `quality-monitor-blind` searches from a monitor of model quality: back from it and the blocks
    attached to it, over outcome flows through blocks that may carry outcomes, to the first carrier (the
    rule's forward reach from every carrier, walked backwards from one monitor)."""
    if view.kind(monitor) != "monitoring" or "model_quality" not in view.prop(monitor, "target", ()):
        return set(), set()
    attached = {source for source, flow in view.into(monitor) if flow == "observe" or view.kind(source) == "logging"}
    attached.update(target for target, flow in view.out(monitor) if flow == "observe")
    starts = [block_id for block_id in (monitor, *sorted(attached))
              if block_id == monitor or _carries_outcomes(view, block_id) or view.kind(block_id) not in NOT_OUTCOMES]

    def back(block_id: str) -> list[str]:
        return [source for source, flow in view.into(block_id)
                if flow in OUTCOME_FLOWS and view.kind(source) not in NOT_OUTCOMES]

    return search(view, starts, back, lambda block_id: _carries_outcomes(view, block_id))


def _outcome_carriers(g: DiagramGraph) -> list[str]:
    carriers = g.any_order_of_kind("labeling", "event_stream", "client")
    return carriers + [log for log in g.of_kind("logging") if OUTCOME_LOGS & set(g.prop(log, "logs", ()))]


@rule("quality-monitor-blind", "warning", 7, "A model-quality monitor sees no outcomes",
      fix="Feed the monitor the outcomes it measures: connect the impression/outcome log, the labels or the "
          "event stream of what users did to it (observe).",
      why="Model quality is predictions compared with what happened (clicks, watches, reports, human labels); a "
          "monitor that only watches the serving blocks sees scores and latency, so the CTR or calibration it "
          "promises cannot be computed. Drift of inputs and predictions needs no labels; quality does.",
      question="Your monitor tracks CTR and calibration: where does it get the clicks from?",
      scope=Local(frozenset({"monitoring"}), hops=1, traced=_outcomes_in),
      reads=Reads(kinds=("monitoring", "logging", "labeling", "event_stream", "client", *NOT_OUTCOMES),
                  flows=FLOWS, props=("target", "logs")))  # a log attaches to its monitor by a connector of any flow
def quality_monitor_blind(g: DiagramGraph) -> Iterator[Hit]:
    """A `monitoring` block with `model_quality` in its `target` that no outcomes reach. Outcomes start at
    a `labeling` block, a `logging` block whose `logs` include outcomes or impressions, an `event_stream`
    or a `client`, and travel over `data`, `feedback` and `observe` connectors, never through a block
    holding only a model's inputs or outputs (request-path stages, feature pipelines and stores, indexing
    pipelines, vector indexes, prediction stores, caches). The monitor is fed when they reach it or a block
    attached to it. Data and prediction drift need no labels, so monitors without `model_quality` are
    never asked."""
    monitors = [m for m in g.of_kind("monitoring") if "model_quality" in g.prop(m, "target", ())]
    if not monitors:
        return
    carriers = _outcome_carriers(g)
    avoid = g.any_order_of_kind(*NOT_OUTCOMES)
    # a monitor is fed when outcomes reach it or a block attached to it: first what a carrier is or sits
    # next to (most monitors), then one walk for the blocks of the monitors still in doubt
    asked = {monitor: (monitor, *g.watching(monitor)) for monitor in monitors}
    fed = set(carriers)
    fed |= g.next_to(carriers, OUTCOME_FLOWS, (b for blocks in asked.values() for b in blocks), avoid=avoid)
    doubtful = [block_id for blocks in asked.values() if fed.isdisjoint(blocks) for block_id in blocks]
    if doubtful:
        fed |= g.reached(carriers, OUTCOME_FLOWS, avoid=avoid, among=doubtful)
    for monitor in monitors:
        if not fed.isdisjoint(asked[monitor]):
            continue
        name = g.name(monitor)
        yield Hit(
            message=f"{name} watches model quality, but no outcomes reach it (clicks, labels, reports): it sees "
                    "the scores, never whether they were right",
            hint=f"connect the impression/outcome log, the labels or the event stream of what users did to {name} "
                 "(observe)",
            blocks=(monitor,),
        )


def _drift_candidates(g: DiagramGraph, block_id: str, monitors: frozenset[str]) -> frozenset[str]:
    """Where a data-drift monitor of a serving block may sit: on the block, its logs, the online stores it
    reads, and the pipelines writing those stores."""
    for store, _ in g.feature_reads(block_id):
        monitors |= g.watched_by(store)
        for writer, _ in g.incoming(store, ("data",)):
            monitors |= g.watched_by(writer)
    return monitors


@rule("no-drift-monitoring", "warning", 7, "A model's input data is not watched for drift",
      fix="Add a monitor watching data drift on the model, its feature log or the feature store it reads.",
      why="Labels arrive late or never; shifts in the input distribution (a new market, a broken upstream "
          "feature, a changed client) are the early warning that the model is about to get worse.",
      question="Labels take weeks to arrive: what tells you earlier that the inputs have changed?",
      scope=Local(SERVING_SUBJECTS, hops=3),
      reads=Reads(kinds=("monitoring", "logging", "feature_store", "data_store", "cache", "prediction_store",
                         "feature_pipeline", *SERVING),
                  flows=FLOWS, props=("target", "mode", "uses_model", "tier",
                                                                           "store_type")))
def no_drift_monitoring(g: DiagramGraph) -> Iterator[Hit]:
    """A watched model-serving block (online or batch) with no monitor whose `target` has `data_drift`
    on the block itself, its log, an online store it reads at request time or a pipeline writing `data`
    into that store."""
    for block_id, monitors in _watched_serving(g, g.serving):
        if "data_drift" in g.targets_of(monitors) or "data_drift" in g.targets_of(_drift_candidates(g, block_id,
                                                                                                     monitors)):
            continue
        name = g.name(block_id)
        yield Hit(
            message=f"nothing watches the input data of {name} for drift: labels arrive late, and a shift in "
                    "the inputs is the early warning",
            hint=f"tick 'data drift' under Watches on a monitor of {name} (or of its feature store or log), or add one",
            blocks=(block_id,),
        )


@rule("no-system-monitoring", "warning", 7, "An online model's request path has no system monitoring",
      fix="Let a monitor watch system health (latency, errors, throughput) on the request path.",
      why="An online model is also a service: timeouts, error rates and saturation break the product long before "
          "anyone looks at model metrics, and the latency SLO means nothing unless it is measured.",
      question="How do you know the service meets its latency SLO right now?",
      scope=Local(SERVING_SUBJECTS, hops=2, walks=(Walk(("request",), upstream=None, halo=1),)),
      reads=Reads(kinds=("monitoring", "logging", *SERVING), flows=FLOWS,
                  props=("target", "mode", "uses_model")))
def no_system_monitoring(g: DiagramGraph) -> Iterator[Hit]:
    """A watched online model-serving block with no monitor whose `target` has `system`, neither its own
    monitors nor one attached to any block of its request path (its weakly connected part of the
    `request` subgraph). An online model on no request path (scoring events as they arrive) needs a
    system monitor of its own."""
    parts: set[int] | None = None
    for block_id, monitors in _watched_serving(g, g.online_serving):
        if "system" in g.targets_of(monitors):
            continue
        if parts is None:
            part_of = g.request_part
            parts = {part_of[watched] for monitor in g.of_kind("monitoring") if "system" in g.prop(monitor, "target", ())
                     for watched in g.watching(monitor) if watched in part_of}
        if g.request_part.get(block_id, -1) in parts:
            continue
        name = g.name(block_id)
        if block_id in g.request_part:
            message = (f"nothing watches the system health of the request path through {name}: latency, errors "
                       "and timeouts go unseen")
        else:  # online but fed by events, not requests: its health is throughput and lag
            message = f"nothing watches the system health of {name}: errors, throughput and lag go unseen"
        yield Hit(
            message=message,
            hint=f"tick 'system' under Watches on a monitor of {name}, or add one on its request path",
            blocks=(block_id,),
        )


@rule("no-alerting", "warning", 7, "A monitor alerts nobody",
      fix="Connect each Monitoring block to an Alerting block.",
      why="A dashboard nobody is paged from is only looked at after an incident; monitors should route to "
          "alerts and on-call.",
      question="The monitor sees a problem at 3 a.m.: who gets woken up?",
      scope=Local(frozenset({"monitoring"}), hops=1),
      reads=Reads(kinds=("monitoring", "alerting"), flows=FLOWS))
def no_alerting(g: DiagramGraph) -> Iterator[Hit]:
    """A `monitoring` block sends no connector to an `alerting` block."""
    alerting = g.sources_into(g.of_kind("alerting"))
    for block_id in g.of_kind("monitoring"):
        if block_id not in alerting:
            name = g.name(block_id)
            yield Hit(
                message=f"{name} alerts nobody: a problem it sees waits until someone opens the dashboard",
                hint=f"add an Alerting block and connect {name} to it (observe)",
                blocks=(block_id,),
            )
