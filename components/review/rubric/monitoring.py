"""Step 7: every served model watched, for its quality and drift as well as its health, by someone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from components.review.rubric.base import Verdict, criterion
from components.review.wording import target_text
from components.validate.rules.base import listing

if TYPE_CHECKING:
    from components.review.facts import DesignFacts

@criterion(7, "Every served model is monitored",
           "Monitoring blocks watch the served models (directly or through their logs).",
           refuted_by=("missing-monitoring",))
def monitored(facts: DesignFacts) -> Verdict:
    """A model in production degrades silently; nobody knows unless something watches it."""
    graph = facts.graph
    monitors = facts.of_kind("monitoring")
    if not monitors:
        return Verdict(False, gap="No monitoring: watch the served models in production")
    watched = [block_id for block_id in graph.serving if graph.monitors_of(block_id)]
    if not watched:
        return Verdict(False, gap="The monitors watch no served model: connect them to the models or to their "
                                  "prediction logs", blocks=tuple(monitors))
    by = graph.sorted(monitor for block_id in watched for monitor in graph.monitors_of(block_id))
    verb = "is" if len(watched) == 1 else "are"
    return Verdict(True, (f"{listing(facts.names(watched))} {verb} watched by {listing(facts.names(by))}",),
                   blocks=tuple(by))


@criterion(7, "Quality, drift and health are watched",
           "Monitors watch the served models, and no finding says a watched model lacks a monitor of its "
           "quality (or prediction drift), of its input data's drift, or (online) of its system health.",
           refuted_by=("no-quality-monitoring", "no-drift-monitoring", "no-system-monitoring"))
def watches_enough(facts: DesignFacts) -> Verdict:
    """System metrics stay green while a model's predictions rot: quality and drift need their own
    monitors, and latency and errors theirs."""
    graph = facts.graph
    watched = [block_id for block_id in graph.serving if graph.monitors_of(block_id)]
    if not watched:
        return Verdict(False, gap="No served model is watched, so nothing watches its quality, drift or health")
    evidence = []
    for monitor in facts.of_kind("monitoring"):
        targets = [target_text(target) for target in graph.prop(monitor, "target") or []]
        if targets:
            evidence.append(f"{facts.name(monitor)} watches {listing(targets)}")
    return Verdict(True, tuple(evidence), blocks=tuple(watched))


@criterion(7, "Someone is alerted and traffic is logged",
           "A monitor sends alerts to an alerting block, and a logging block records what was served.",
           refuted_by=("no-alerting",))
def alerted_and_logged(facts: DesignFacts) -> Verdict:
    """A dashboard nobody looks at is not monitoring; logs of what was served are what an incident is
    debugged from and what retraining learns from."""
    graph = facts.graph
    alerts = graph.sorted(graph.targets_from(facts.of_kind("monitoring"), ("observe", "data", "request")) &
                          set(facts.of_kind("alerting")))
    logs = facts.of_kind("logging")
    evidence = []
    if alerts:
        evidence.append(f"Alerts go to {listing(facts.names(alerts))}")
    for block_id in logs:
        logged = graph.prop(block_id, "logs") or []
        evidence.append(f"{facts.name(block_id)} logs {listing(list(logged))}")
    missing = [what for what, present in (("alerting fed by a monitor", alerts), ("logging", logs)) if not present]
    if missing:
        return Verdict(False, tuple(evidence), f"No {' and no '.join(missing)}")
    return Verdict(True, tuple(evidence), blocks=tuple(alerts + logs))
