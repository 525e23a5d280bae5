"""The feedback loop: what a served model does must flow back to the data it is retrained on."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from components.validate.rules.base import Hit, listing, rule

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph

# A way back may use any connector except model artifacts moving and metrics going to monitors.
RETURN_FLOWS = ("request", "data", "feedback")


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


@rule("no-feedback-loop", "error", 7, "A served model's outcomes never reach its training data",
      "Log what the model serves (feedback connector to a Logging block) and route the logs back to the training pipeline's data with feedback or data connectors.")
def no_feedback_loop(g: DiagramGraph) -> Iterator[Hit]:
    """A model-serving block S whose model comes from training pipelines T (its `training_pipeline`
    ancestors over `model` connectors) has no way back: no directed path from S, nor from a `client`
    that reaches S over `request` connectors, to any of T using connectors other than `model` and
    `observe`. Without logged outcomes flowing back (impressions, clicks, labels) the model is never
    retrained on what it actually served, and it goes stale."""
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
    clients = g.of_kind("client")
    client_bits = {block_id: 1 << index for index, block_id in enumerate(clients)}
    callers = g.closure_bits(candidates, client_bits, ("request",), reverse=True) if clients else _none
    roots = list(candidates)
    for block_id in candidates:
        roots.extend(_members(callers(block_id), clients))
    back = g.closure_bits(roots, training_bits, RETURN_FLOWS)
    for block_id in candidates:
        sources = upstream(block_id)
        reach = back(block_id)
        for client in _members(callers(block_id), clients):
            reach |= back(client)
        if reach & sources:
            continue
        name = g.name(block_id)
        trainers = _members(sources, trainings)
        trainer_names = listing(g.names(trainers))
        yield Hit(
            message=f"{name} has no feedback loop: nothing it serves flows back to {trainer_names}",
            hint=f"log what {name} serves (feedback connector to a Logging block) and route the logs back "
                 f"to the training data of {trainer_names} (feedback or data connectors)",
            blocks=(block_id, *trainers),
        )
