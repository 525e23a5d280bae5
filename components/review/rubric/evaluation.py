"""Step 5: offline metrics that fit the task, a gate before the registry, an online test with a control."""

from __future__ import annotations

from typing import TYPE_CHECKING

from components.review.rubric.base import Verdict, criterion, short
from components.review.wording import strategy_text
from components.validate.metrics import normalise
from components.validate.rules.base import listing

if TYPE_CHECKING:
    from components.review.facts import DesignFacts

def offline_metrics(facts: DesignFacts) -> list[str]:
    """The offline metrics of the requirements card and of every offline evaluation block, each once (as the
    validator's metric table normalises names: 'calibration (predicted / observed)' is 'calibration')."""
    names = list(facts.requirements.offline_metrics)
    for block_id in facts.of_kind("offline_evaluation"):
        names.extend(facts.graph.prop(block_id, "metrics") or [])
    unique: dict[str, str] = {}
    for name in names:
        if name.strip():
            unique.setdefault(normalise(name), name.strip())
    return list(unique.values())


@criterion(5, "Offline metrics that fit the task",
           "Offline metrics are stated (on the requirements card or an offline evaluation block) and measure the "
           "task as framed.", refuted_by=("offline-metric-fit",))
def metrics_fit(facts: DesignFacts) -> Verdict:
    """Offline metrics decide which model is better before users see it; they must measure the task
    (ranking quality for a ranker, PR-AUC or calibration for a classifier)."""
    names = offline_metrics(facts)
    if names:
        return Verdict(True, (f"Offline metrics: {short(listing(names, 6))}",))
    return Verdict(False, gap="No offline metrics: say how a new model is judged before launch (e.g. nDCG or "
                              "recall@k for ranking, PR-AUC for classification)")


@criterion(5, "An offline gate before the registry",
           "An offline evaluation block sits on every model path from training to serving.",
           refuted_by=("no-evaluation-gate",))
def offline_gate(facts: DesignFacts) -> Verdict:
    """A gate stops a bad training run from reaching users; without one, whatever the last run produced
    ships."""
    graph = facts.graph
    gates = facts.of_kind("offline_evaluation")
    if not gates:
        return Verdict(False, gap="No offline evaluation gate: put one between training and the model registry")
    registries = graph.reached(gates, ("model",), among=facts.of_kind("model_registry"))
    if not registries:
        return Verdict(False, gap=f"{listing(facts.names(gates))} leads to no model registry over model connectors",
                       blocks=tuple(gates))
    return Verdict(True, (f"{listing(facts.names(gates))} stands between training and "
                          f"{listing(facts.names(graph.sorted(registries)))}",), blocks=tuple(gates))


LAUNCH_RULES = ("no-online-experiment", "online-metric-fit", "ab-test-without-control", "continual-training-gate",
                "index-outside-experiment")


@criterion(5, "An online test with a control",
           "Online metrics that measure the product are stated and an online experiment sits between the "
           "registry and serving, with a control group; continual training ships through automated "
           "guardrails rather than an A/B test each time, and an encoder is tested with its own index. "
           "Batch only: a shadow run, canary or A/B test of the batch output.",
           refuted_by=LAUNCH_RULES)
def online_test(facts: DesignFacts) -> Verdict:
    """Offline metrics do not predict online impact reliably; only live traffic against a control shows
    what a model does to the business metric."""
    graph = facts.graph
    online_metrics = [name for name in facts.requirements.online_metrics if name.strip()]
    experiments = facts.of_kind("online_experiment")
    registries = facts.of_kind("model_registry")
    launched = graph.reached(registries, ("model",), among=experiments) if registries else set()
    evidence = []
    if online_metrics:
        evidence.append(f"Online metrics: {short(listing(online_metrics, 6))}")
    on_path = [block_id for block_id in experiments if block_id in launched]
    if on_path:
        evidence.append("Launch through " + listing(
            [f"{facts.name(b)} ({strategy_text(graph.prop(b, 'strategy'), graph.prop(b, 'traffic_percent'))})"
             for b in on_path]))
    if not online_metrics:
        return Verdict(False, tuple(evidence), "No online metrics: say which product metric the launch must move "
                                               "(CTR, watch time, revenue, reports)")
    if not on_path:
        return Verdict(False, tuple(evidence), "No online experiment after the model registry: launch through an "
                                               "A/B test, shadow run or canary", blocks=tuple(experiments))
    return Verdict(True, tuple(evidence), blocks=tuple(on_path))
