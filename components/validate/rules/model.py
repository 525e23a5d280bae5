"""How a trained model reaches serving: through a registry, versioned and reversible."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from components.model import FLOWS
from components.validate.rules.base import Hit, Reads, listing, rule
from components.validate.rules.regions import SERVING_SUBJECTS
from components.validate.scopes import Local, Walk

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph


@rule("registry-gap", "error", 6, "A served model bypasses the model registry",
      fix="Route models training pipeline -> model registry -> serving block with model connectors.",
      why="A registry gives versioned, reviewable models and a one-step rollback; serving straight from a "
          "training job ships whatever the last run produced, and nobody can say which model answered.",
      question="A bad model is live: how do you roll back, and how do you know which version served a request?",
      scope=Local(SERVING_SUBJECTS, hops=1, walks=(Walk(("model",), upstream=True, stop=frozenset({"model_registry"})),)),
      reads=Reads(kinds=("model_registry", "training_pipeline", "inference_service", "candidate_generation",
                         "ranking"), flows=FLOWS,
                  props=("uses_model",)))
def registry_gap(g: DiagramGraph) -> Iterator[Hit]:
    """A model-serving block has no `model_registry` ancestor over `model` connectors, or receives a
    connector straight from a `training_pipeline`."""
    registered = g.reached(g.of_kind("model_registry"), ("model",), among=g.serving)
    trainings = g.of_kind("training_pipeline")
    fed_by_training = g.targets_from(trainings)
    for block_id in g.serving:
        if block_id in registered and block_id not in fed_by_training:
            continue
        name = g.name(block_id)
        direct = [(source, cid) for source, cid in g.incoming(block_id) if g.kind[source] == "training_pipeline"]
        if direct:
            trainers = g.sorted(source for source, _ in direct)
            yield Hit(
                message=f"{name} takes its model straight from {listing(g.names(trainers))}, bypassing the model "
                        "registry: no versions, no review, no rollback",
                hint=f"route the model through a Model registry: training → registry → {name} (model connectors)",
                blocks=(block_id, *trainers),
                connectors=tuple(cid for _, cid in direct),
            )
        elif block_id not in registered:
            yield Hit(
                message=f"{name} gets its model from no model registry: which version is serving, and how "
                        "do you roll it back?",
                hint=f"connect a Model registry to {name} with a model connector",
                blocks=(block_id,),
            )
