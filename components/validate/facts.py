"""What the blocks mean for an ML design, computed once per validation and shared by the rules.

``DiagramGraph`` answers graph questions (who is connected to whom over which flows); this mixin
answers the design questions several rules ask: is this store online, which monitors watch this
model, what does this block read at request time, which blocks share a request path. Each answer is
a local look at a block's own connectors or one linear pass, cached on the graph.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from components.catalog import SERVING_KINDS
from components.model.props import ONLINE_STORE_TYPES
from components.validate import walks

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph

# Blocks that answer a lookup: a request ends there and comes back with data.
LOOKUP_KINDS = ("data_store", "feature_store", "cache", "prediction_store", "vector_index")
# Where batch predictions (and precomputed candidates) are written for the online path to read.
PREDICTION_SINKS = ("prediction_store", "data_store", "cache")
# Offline work: a request to one of these waits for a job, not an answer (`mode` decides for the
# feature pipeline and the serving kinds).
BATCH_KINDS = ("training_pipeline", "indexing_pipeline", "labeling", "orchestrator")
# Stages that process a request (rule-based ones too): the blocks that must not query offline storage.
REQUEST_STAGE_KINDS = ("api_gateway", "inference_service", "candidate_generation", "ranking", "reranking")


class DesignFacts:
    """Mixin of ``DiagramGraph``: design-level facts, each cached for one validation."""

    def is_online_store(self: DiagramGraph, block_id: str) -> bool:
        """Storage that answers a request in milliseconds: an online feature store, a data store of an
        online `store_type` (sql, nosql, kv, search index, graph), a cache, a prediction store."""
        kind = self.kind[block_id]
        if kind == "feature_store":
            return self.prop(block_id, "tier") == "online"
        if kind == "data_store":
            return self.prop(block_id, "store_type") in ONLINE_STORE_TYPES
        return kind in ("cache", "prediction_store")

    def is_offline_store(self: DiagramGraph, block_id: str) -> bool:
        """Storage that answers in seconds: a warehouse, lake or object store, an offline feature store."""
        kind = self.kind[block_id]
        if kind == "feature_store":
            return self.prop(block_id, "tier") == "offline"
        return kind == "data_store" and self.prop(block_id, "store_type") not in ONLINE_STORE_TYPES

    def is_batch(self: DiagramGraph, block_id: str) -> bool:
        """A block that runs as a job, never per request: training, indexing, labeling, scheduling, a
        batch feature pipeline, a batch serving block (model or rule-based)."""
        kind = self.kind[block_id]
        if kind in BATCH_KINDS:
            return True
        if kind == "feature_pipeline" or kind in SERVING_KINDS:
            return self.prop(block_id, "mode") == "batch"
        return False

    def feature_reads(self: DiagramGraph, block_id: str) -> list[tuple[str, str]]:
        """(store, connector id) of the online stores an online serving block reads at request time: a
        `data` connector from the store into it, or a `request` connector from it to the store."""
        reads = [(source, cid) for source, cid in self.incoming(block_id, ("data",)) if self.is_online_store(source)]
        reads += [(target, cid) for target, cid in self.outgoing(block_id, ("request",))
                  if self.is_online_store(target)]
        return reads

    @cached_property
    def _attachments(self: DiagramGraph) -> dict[str, list[str]]:
        """Monitor -> the blocks attached to it: an `observe` connector either way, or (for a log) any
        connector from the log into the monitor."""
        attached: dict[str, list[str]] = {}
        for monitor in self.of_kind("monitoring"):
            ends = [source for source, _ in self.incoming(monitor, ("observe",))]
            ends += [target for target, _ in self.outgoing(monitor, ("observe",))]
            ends += [source for source, _ in self.incoming(monitor) if self.kind[source] == "logging"]
            attached[monitor] = list(dict.fromkeys(ends))
        return attached

    @cached_property
    def _watchers(self: DiagramGraph) -> dict[str, set[str]]:
        """Block -> the monitors attached to it (the inverse of ``_attachments``)."""
        watchers: dict[str, set[str]] = {}
        for monitor, blocks in self._attachments.items():
            for block_id in blocks:
                watchers.setdefault(block_id, set()).add(monitor)
        return watchers

    def watching(self: DiagramGraph, monitor: str) -> list[str]:
        """The blocks a monitor is attached to."""
        return self._attachments.get(monitor, [])

    def monitors_of(self: DiagramGraph, block_id: str) -> set[str]:
        """The monitors watching a block: attached to it, or fed by a log it writes to (a monitor may
        read a model's prediction log instead of the model)."""
        watchers = self._watchers
        found = set(watchers.get(block_id, ()))
        for target, _ in self.outgoing(block_id):
            if self.kind[target] == "logging":
                found |= watchers.get(target, set())
        return found

    def watched_by(self: DiagramGraph, block_id: str) -> set[str]:
        """The monitors attached to a block itself (no log in between)."""
        return set(self._watchers.get(block_id, ()))

    def targets_of(self: DiagramGraph, monitors: set[str]) -> set[str]:
        """Everything these monitors watch (their `target` lists together)."""
        return {target for monitor in monitors for target in self.prop(monitor, "target", ())}

    @cached_property
    def request_part(self: DiagramGraph) -> dict[str, int]:
        """Block -> the number of its weakly connected part of the request subgraph (blocks on no
        request connector are missing): blocks of one request path share a number."""
        numbers = self._by_flow["request"]
        sources = [self._source[number] for number in numbers]
        targets = [self._target[number] for number in numbers]
        groups = walks.weak_groups(len(self.ids), sources, targets, {*sources, *targets})
        ids = self.ids
        return {ids[node]: index for index, group in enumerate(groups) for node in group}
