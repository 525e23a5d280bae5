"""Step 7 rules: every served model is watched, and someone is told when it goes wrong."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from components.validate.rules.base import Hit, rule

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph


@rule("missing-monitoring", "error", 7, "A model-serving block is not monitored",
      "Connect each model-serving block to a Monitoring block with an observe connector.")
def missing_monitoring(g: DiagramGraph) -> Iterator[Hit]:
    """A model-serving block (online or batch) has no `observe` connector to or from a `monitoring`
    block. Models degrade silently (data drift, stale features, broken upstream jobs); without a
    monitor on the serving block nobody notices until the business metric drops."""
    monitors = g.of_kind("monitoring")
    watched = g.sources_into(monitors, ("observe",)) | g.targets_from(monitors, ("observe",))
    for block_id in g.serving:
        if block_id not in watched:
            name = g.name(block_id)
            yield Hit(
                message=f"{name} has no observe connector to a monitoring block",
                hint=f"connect {name} to a Monitoring block with an observe connector",
                blocks=(block_id,),
            )


@rule("no-alerting", "warning", 7, "A monitor alerts nobody",
      "Connect each Monitoring block to an Alerting block.")
def no_alerting(g: DiagramGraph) -> Iterator[Hit]:
    """A `monitoring` block sends no connector to an `alerting` block. A dashboard nobody is paged
    from is only looked at after an incident; monitors should route to alerts and on-call."""
    alerting = g.sources_into(g.of_kind("alerting"))
    for block_id in g.of_kind("monitoring"):
        if block_id not in alerting:
            name = g.name(block_id)
            yield Hit(
                message=f"{name} sends nothing to an alerting block",
                hint=f"add an Alerting block and connect {name} to it (observe)",
                blocks=(block_id,),
            )
