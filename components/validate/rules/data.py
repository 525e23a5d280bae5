"""Step 3 rules about where features live: offline for training, online for serving, computed once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from components.validate.rules.base import Hit, listing, rule

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph


def _tier(g: DiagramGraph, block_id: str) -> object:
    return g.prop(block_id, "tier") if g.kind[block_id] == "feature_store" else None


def _offline_store(g: DiagramGraph, block_id: str) -> bool:
    return g.kind[block_id] == "data_store" or _tier(g, block_id) == "offline"


@rule("online-reads-offline", "error", 6, "Online serving reads offline storage",
      "Serve features from an online feature store, a cache or a prediction store; keep warehouses and offline stores for training and batch jobs.")
def online_reads_offline(g: DiagramGraph) -> Iterator[Hit]:
    """An online model-serving block receives a `data` or `request` connector from a `data_store` or
    an `offline` `feature_store`, or sends a `request` connector to one. Warehouses and offline
    feature stores answer in seconds, not milliseconds, and are not built for per-request lookups;
    online serving reads an online feature store, a cache or precomputed predictions. Batch serving
    blocks are exempt: reading the warehouse is what batch jobs do."""
    offline = [block_id for block_id in g.of_kind("data_store", "feature_store") if _offline_store(g, block_id)]
    suspects = g.targets_from(offline, ("data", "request")) | g.sources_into(offline, ("request",))
    for block_id in g.online_serving:
        if block_id not in suspects:
            continue
        offending = [(source, cid) for source, cid in g.incoming(block_id, ("data", "request"))
                     if _offline_store(g, source)]
        offending += [(target, cid) for target, cid in g.outgoing(block_id, ("request",))
                      if _offline_store(g, target)]
        if not offending:
            continue
        name = g.name(block_id)
        stores = g.sorted(store for store, _ in offending)
        yield Hit(
            message=f"{name} serves online but reads {listing(g.names(stores))}, offline storage, on the request path",
            hint=f"let {name} read an online Feature store (fed by the same feature pipeline), a Cache or a "
                 "Prediction store instead",
            blocks=(block_id, *stores),
            connectors=tuple(cid for _, cid in offending),
        )


@rule("training-reads-online-store", "warning", 3, "Training reads the online feature store",
      "Feed training from an offline feature store with point-in-time history.")
def training_reads_online_store(g: DiagramGraph) -> Iterator[Hit]:
    """A `training_pipeline` receives a connector from an `online` `feature_store`. The online store
    keeps only the latest values, so training on it leaks the present into past examples and loads
    the serving path; training reads point-in-time history from an offline store."""
    online_stores = [block_id for block_id in g.of_kind("feature_store") if _tier(g, block_id) == "online"]
    suspects = g.targets_from(online_stores)
    for block_id in g.of_kind("training_pipeline"):
        if block_id not in suspects:
            continue
        offending = [(source, cid) for source, cid in g.incoming(block_id) if _tier(g, source) == "online"]
        if not offending:
            continue
        name = g.name(block_id)
        stores = g.sorted(store for store, _ in offending)
        yield Hit(
            message=f"{name} reads the online feature store {listing(g.names(stores))}",
            hint=f"feed {name} from an offline Feature store (point-in-time history); keep the online store for serving",
            blocks=(block_id, *stores),
            connectors=tuple(cid for _, cid in offending),
        )


@rule("training-serving-skew", "warning", 3, "Online and offline features are computed separately",
      "Let one feature pipeline write both the offline and the online feature store.")
def training_serving_skew(g: DiagramGraph) -> Iterator[Hit]:
    """An `offline` feature store exists and an `online` feature store receives no connector from a
    `feature_pipeline` that also sends one to an `offline` feature store. Features computed by two
    different code paths drift apart (training-serving skew), one of the commonest silent ML bugs;
    one pipeline should write both stores."""
    stores = g.of_kind("feature_store")
    offline = [block_id for block_id in stores if _tier(g, block_id) == "offline"]
    if not offline:
        return
    # feature pipelines writing an offline store, and the blocks they feed
    writers = [block_id for block_id in g.sources_into(offline) if g.kind[block_id] == "feature_pipeline"]
    fed_by_writer = g.targets_from(writers)
    for block_id in stores:
        if _tier(g, block_id) != "online" or block_id in fed_by_writer:
            continue
        name = g.name(block_id)
        yield Hit(
            message=f"{name} is not fed by a feature pipeline that also writes an offline feature store, "
                    "so training and serving features may differ",
            hint=f"connect one Feature pipeline to both {name} and the offline Feature store",
            blocks=(block_id,),
        )
