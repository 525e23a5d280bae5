"""What the blocks mean for an ML design, computed once per validation and shared by the rules.

``DiagramGraph`` answers graph questions (who is connected to whom over which flows); this mixin
answers the design questions several rules ask: is this store online, which monitors watch this
model, what does this block read at request time, which blocks share a request path. Each answer is
a local look at a block's own connectors or one linear pass, cached on the graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from components.catalog import SERVING_KINDS
from components.model import FLOWS
from components.model.props import ONLINE_STORE_TYPES
from components.validate import walks
from components.validate.walks import IntAdjacency

# Blocks that answer a lookup: a request ends there and comes back with data.
LOOKUP_KINDS = ("data_store", "feature_store", "cache", "prediction_store", "vector_index")
# The model-serving kinds in a stable order (for declarations and docs; the catalog's set is the source).
SERVING = tuple(sorted(SERVING_KINDS))
# A way for outcomes to move back toward training: anything but model artifacts and metrics to monitors.
RETURN_FLOWS = ("request", "data", "feedback")
# Where batch predictions (and precomputed candidates) are written for the online path to read.
PREDICTION_SINKS = ("prediction_store", "data_store", "cache")
# Offline work: a request to one of these waits for a job, not an answer (`mode` decides for the
# feature pipeline and the serving kinds).
BATCH_KINDS = ("training_pipeline", "indexing_pipeline", "labeling", "orchestrator")
# Stages that process a request (rule-based ones too): the blocks that must not query offline storage.
REQUEST_STAGE_KINDS = ("api_gateway", "inference_service", "candidate_generation", "ranking", "reranking")


class DesignFacts:
    """Mixin of ``DiagramGraph``: design-level facts, each cached for one validation.

    It reads the graph members declared here; DiagramGraph sets and defines them (the declarations
    are for the type checker: nothing here shadows the graph's own)."""

    ids: list[str]
    order: dict[str, int]
    kind: dict[str, str]
    by_kind: dict[str, list[str]]
    _source: list[int]
    _target: list[int]
    _flow: list[str]
    _by_flow: dict[str, list[int]]

    if TYPE_CHECKING:
        @property
        def _incident(self) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
            """(outgoing, incoming) connector numbers by block number (a cached property there)."""
            raise NotImplementedError

        def prop(self, block_id: str, name: str, default: Any = None) -> Any:
            raise NotImplementedError

        def of_kind(self, *kinds: str) -> list[str]:
            raise NotImplementedError

        def any_order_of_kind(self, *kinds: str) -> list[str]:
            raise NotImplementedError

        def incoming(self, block_id: str, flows: Iterable[str] = FLOWS) -> list[tuple[str, str]]:
            raise NotImplementedError

        def outgoing(self, block_id: str, flows: Iterable[str] = FLOWS) -> list[tuple[str, str]]:
            raise NotImplementedError

    @cached_property
    def way_back(self) -> IntAdjacency:
        """Neighbour lists (block numbers) of the connectors outcomes can travel back on toward training:
        `data`, `feedback` and `request` flows, except a `request` into a lookup (a store, cache or index
        answers a read; nothing the caller served is written there)."""
        lookups = {self.order[block_id] for block_id in self.any_order_of_kind(*LOOKUP_KINDS)}
        adjacency: IntAdjacency = {}
        source_of, target_of = self._source, self._target
        for flow in RETURN_FLOWS:
            for number in self._by_flow[flow]:
                target = target_of[number]
                if flow == "request" and target in lookups:
                    continue
                source = source_of[number]
                if source in adjacency:
                    adjacency[source].append(target)
                else:
                    adjacency[source] = [target]
        return adjacency

    @cached_property
    def feature_tiers(self) -> dict[str, list[str]]:
        """Feature stores by `tier` (online, offline), each in diagram order: read once here, as the store
        facts and three rules ask for one tier or the other."""
        tiers: dict[str, list[str]] = {}
        for block_id in self.by_kind.get("feature_store", ()):
            tiers.setdefault(self.prop(block_id, "tier"), []).append(block_id)
        return tiers

    @cached_property
    def online_stores(self) -> frozenset[str]:
        """Storage that answers a request in milliseconds: online feature stores, data stores of an online
        `store_type` (sql, nosql, kv, search index, graph), caches, prediction stores."""
        found = list(self.feature_tiers.get("online", ()))
        found += [b for b in self.by_kind.get("data_store", ()) if self.prop(b, "store_type") in ONLINE_STORE_TYPES]
        found += [*self.by_kind.get("cache", ()), *self.by_kind.get("prediction_store", ())]
        return frozenset(found)

    @cached_property
    def offline_stores(self) -> frozenset[str]:
        """Storage that answers in seconds: warehouses, lakes, object stores, offline feature stores."""
        found = list(self.feature_tiers.get("offline", ()))
        found += [b for b in self.by_kind.get("data_store", ()) if self.prop(b, "store_type") not in ONLINE_STORE_TYPES]
        return frozenset(found)

    def is_online_store(self, block_id: str) -> bool:
        return block_id in self.online_stores

    def is_offline_store(self, block_id: str) -> bool:
        return block_id in self.offline_stores

    def is_batch(self, block_id: str) -> bool:
        """A block that runs as a job, never per request: training, indexing, labeling, scheduling, a
        batch feature pipeline, a batch serving block (model or rule-based)."""
        kind = self.kind[block_id]
        if kind in BATCH_KINDS:
            return True
        if kind == "feature_pipeline" or kind in SERVING_KINDS:
            mode: object = self.prop(block_id, "mode")
            return mode == "batch"
        return False

    def feature_reads(self, block_id: str) -> list[tuple[str, str]]:
        """(store, connector id) of the online stores an online serving block reads at request time: a
        `data` connector from the store into it, or a `request` connector from it to the store."""
        stores = self.online_stores
        if not stores:
            return []
        reads = [(source, cid) for source, cid in self.incoming(block_id, ("data",)) if source in stores]
        reads += [(target, cid) for target, cid in self.outgoing(block_id, ("request",)) if target in stores]
        return reads

    @cached_property
    def _attachments(self) -> dict[str, list[str]]:
        """Monitor -> the blocks attached to it: an `observe` connector either way, or (for a log) any
        connector from the log into the monitor."""
        monitors = {self.order[monitor] for monitor in self.of_kind("monitoring")}
        if not monitors:
            return {}
        logs = {self.order[log] for log in self.of_kind("logging")}
        ids, source_of, target_of = self.ids, self._source, self._target
        attached: dict[str, list[str]] = {ids[monitor]: [] for monitor in monitors}
        for number in self._by_flow["observe"]:
            source, target = source_of[number], target_of[number]
            if target in monitors:
                attached[ids[target]].append(ids[source])
            elif source in monitors:
                attached[ids[source]].append(ids[target])
        if logs:
            into = self._incident[1]
            for monitor in monitors:
                attached[ids[monitor]] += [ids[source_of[n]] for n in into.get(monitor, ()) if source_of[n] in logs]
        return {monitor: list(dict.fromkeys(blocks)) for monitor, blocks in attached.items()}

    @cached_property
    def _watchers(self) -> dict[str, set[str]]:
        """Block -> the monitors attached to it (the inverse of ``_attachments``)."""
        watchers: dict[str, set[str]] = {}
        for monitor, blocks in self._attachments.items():
            for block_id in blocks:
                watchers.setdefault(block_id, set()).add(monitor)
        return watchers

    def watching(self, monitor: str) -> list[str]:
        """The blocks a monitor is attached to."""
        return self._attachments.get(monitor, [])

    @cached_property
    def _monitors(self) -> dict[str, frozenset[str]]:
        return {}

    def monitors_of(self, block_id: str) -> frozenset[str]:
        """The monitors watching a block: attached to it, or fed by a log it writes to (a monitor may
        read a model's prediction log instead of the model). Cached: four rules ask per model."""
        cache = self._monitors
        found = cache.get(block_id)
        if found is None:
            watchers = self._watchers
            mine = set(watchers.get(block_id, ()))
            if watchers:  # straight from the connector columns: no (target, id) pairs to build
                ids, kind, target_of = self.ids, self.kind, self._target
                for number in self._incident[0].get(self.order[block_id], ()):
                    target = ids[target_of[number]]
                    if kind[target] == "logging" and target in watchers:
                        mine |= watchers[target]
            found = cache[block_id] = frozenset(mine)
        return found

    def watched_by(self, block_id: str) -> frozenset[str]:
        """The monitors attached to a block itself (no log in between)."""
        return frozenset(self._watchers.get(block_id, ()))

    @cached_property
    def _monitor_targets(self) -> dict[str, frozenset[str]]:
        return {monitor: frozenset(self.prop(monitor, "target", ())) for monitor in self.of_kind("monitoring")}

    def targets_of(self, monitors: Iterable[str]) -> frozenset[str]:
        """Everything these monitors watch (their `target` lists together)."""
        targets = self._monitor_targets
        return frozenset().union(*(targets[monitor] for monitor in monitors))

    @cached_property
    def request_part(self) -> dict[str, int]:
        """Block -> the number of its weakly connected part of the request subgraph (blocks on no
        request connector are missing): blocks of one request path share a number."""
        numbers = self._by_flow["request"]
        sources = [self._source[number] for number in numbers]
        targets = [self._target[number] for number in numbers]
        groups = walks.weak_groups(len(self.ids), sources, targets, {*sources, *targets})
        ids = self.ids
        return {ids[node]: index for index, group in enumerate(groups) for node in group}
