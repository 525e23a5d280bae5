"""Shapes of what several rules look at, shared by their scopes (``components.validate.scopes``): the
request paths and model paths a design falls into, and the facts about the whole design some rules
depend on (is there an online model, an offline feature store...)."""

from __future__ import annotations

from collections.abc import Iterable

from components.catalog import SERVING_KINDS
from components.model.props import ONLINE_STORE_TYPES
from components.validate.scopes import PartSpec, View, fact

SERVING_SUBJECTS = frozenset(SERVING_KINDS)


def online_model(view: View, block_id: str) -> bool:
    return view.model_serving(block_id) and view.prop(block_id, "mode") == "online"


def batch_model(view: View, block_id: str) -> bool:
    return view.model_serving(block_id) and view.prop(block_id, "mode") == "batch"


def online_store(view: View, block_id: str) -> bool:
    """As ``DesignFacts.online_stores``: storage that answers a request in milliseconds."""
    kind = view.kind(block_id)
    if kind == "feature_store":
        return bool(view.prop(block_id, "tier") == "online")
    if kind == "data_store":
        return bool(view.prop(block_id, "store_type") in ONLINE_STORE_TYPES)
    return kind in ("cache", "prediction_store")


ONLINE_MODEL = fact("online-model", SERVING_KINDS, online_model)
BATCH_MODEL = fact("batch-model", SERVING_KINDS, batch_model)


def _feature_reads(view: View, members: Iterable[str]) -> set[str]:
    """The online stores sending `data` into the online models among ``members``: the feature reads the
    latency budget counts as callees, wherever those stores sit."""
    return {source for member in members if online_model(view, member)
            for source, flow in view.into(member) if flow == "data" and online_store(view, source)}


# The request paths: the latency budget, its estimates, request cycles and the SLO look at one weakly
# connected part of the request subgraph at a time, plus the stores its online models read features from.
REQUEST_PARTS = PartSpec(flows=frozenset({"request"}), alone_kinds=SERVING_SUBJECTS,
                         alone=lambda view, block_id: bool(_feature_reads(view, [block_id])), halo=_feature_reads,
                         halo_hops=1)


def _matters_to_experiments(view: View, block_id: str) -> bool:
    return view.kind(block_id) == "online_experiment" or online_model(view, block_id)


# The model paths (training -> evaluation -> registry -> experiment -> serving), one weakly connected
# part of the `model` subgraph at a time; an online model or an experiment on none is a part of its own.
MODEL_PARTS = PartSpec(flows=frozenset({"model"}), alone_kinds=SERVING_SUBJECTS | {"online_experiment"},
                       alone=_matters_to_experiments)
