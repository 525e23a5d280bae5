"""Rules about the model's life cycle: trained on data, gated, registered, tried on live traffic."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from components.catalog import kinds_of_stage
from components.model import FLOWS
from components.validate.rules.base import Hit, listing, rule

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph

DATA_KINDS = tuple(spec.kind for spec in kinds_of_stage(3))


@rule("no-training-data", "error", 3, "A training pipeline has no data behind it",
      "Connect a data source, data store or feature store (directly or through a feature pipeline) to the training pipeline.")
def no_training_data(g: DiagramGraph) -> Iterator[Hit]:
    """A `training_pipeline` has no stage-3 block (data source, event stream, data store, labeling,
    feature pipeline or feature store) among its ancestors, over any connectors. A model is only as
    good as its data: the design must say where training examples and labels come from."""
    trainings = g.of_kind("training_pipeline")
    if not trainings:
        return
    fed = g.reached(g.any_order_of_kind(*DATA_KINDS), FLOWS, among=trainings)
    for block_id in trainings:
        if block_id not in fed:
            name = g.name(block_id)
            yield Hit(
                message=f"{name} has no data: no data block (stage 3) leads to it",
                hint=f"connect a data source, data store or feature store to {name} with a data connector",
                blocks=(block_id,),
            )


@rule("registry-gap", "error", 6, "A served model bypasses the model registry",
      "Route models training pipeline -> model registry -> serving block with model connectors.")
def registry_gap(g: DiagramGraph) -> Iterator[Hit]:
    """A model-serving block has no `model_registry` ancestor over `model` connectors, or receives a
    connector straight from a `training_pipeline`. A registry gives versioned, reviewable models and
    a one-step rollback; serving straight from a training job ships whatever the last run produced."""
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
                message=f"{name} receives a connector straight from {listing(g.names(trainers))}, "
                        "bypassing the model registry",
                hint=f"route the model through a Model registry: training → registry → {name} (model connectors)",
                blocks=(block_id, *trainers),
                connectors=tuple(cid for _, cid in direct),
            )
        elif block_id not in registered:
            yield Hit(
                message=f"{name} gets its model from no model registry (no registry upstream over model connectors)",
                hint=f"connect a Model registry to {name} with a model connector",
                blocks=(block_id,),
            )


@rule("no-evaluation-gate", "warning", 5, "A model reaches serving without an offline evaluation gate",
      "Put an Offline evaluation block on every model path from training to serving.")
def no_evaluation_gate(g: DiagramGraph) -> Iterator[Hit]:
    """Over `model` connectors, with every `offline_evaluation` block removed, some `training_pipeline`
    still reaches a model-serving block. Every new model should pass an offline metrics gate before it
    can be deployed, or a bad training run goes straight to users."""
    origins = g.reached_from(g.of_kind("training_pipeline"), ("model",), avoid=g.of_kind("offline_evaluation"))
    for block_id in g.serving:
        trainer = origins.get(block_id)
        if trainer is None:
            continue
        name, trainer_name = g.name(block_id), g.name(trainer)
        yield Hit(
            message=f"{trainer_name} reaches {name} over model connectors without passing an offline evaluation",
            hint=f"put an Offline evaluation block on the model path from {trainer_name} to {name} "
                 "(training → evaluation → registry)",
            blocks=(block_id, trainer),
        )


@rule("no-online-experiment", "warning", 5, "No online experiment between the registry and online serving",
      "Connect model registry -> online experiment -> online serving with model connectors.")
def no_online_experiment(g: DiagramGraph) -> Iterator[Hit]:
    """An online model-serving block exists and no `online_experiment` block lies on a path over
    `model` connectors from a `model_registry` to an online model-serving block. Offline metrics do
    not predict online impact reliably; a new model should meet live traffic through an A/B test,
    shadow or canary before it replaces the current one."""
    online = g.online_serving
    if not online:
        return
    experiments = g.of_kind("online_experiment")
    if experiments:
        registries = g.of_kind("model_registry")
        from_registry = g.reached(registries, ("model",), among=experiments) | set(registries)
        to_serving = g.reached(online, ("model",), reverse=True, among=experiments) | set(online)
        if any(block_id in from_registry and block_id in to_serving for block_id in experiments):
            return
    names = listing(g.names(online))
    if experiments:
        message = (f"{listing(g.names(experiments))} is not on a model path from a model registry to the "
                   f"online serving ({names})")
    else:
        message = f"No online experiment sits between the model registry and the online serving ({names})"
    yield Hit(
        message=message,
        hint="connect Model registry → Online experiment → serving block with model connectors "
             "(A/B test, shadow or canary)",
        blocks=(*online, *experiments),
    )
