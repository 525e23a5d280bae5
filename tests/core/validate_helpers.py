"""Small hand-built designs for the validator tests: a builder and one healthy baseline to break."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from components.model import Block, Connector, Diagram, Requirements, RuleSettings
from components.model.estimates import EstimateInputs
from components.validate import Finding, validate


class Design:
    """A mutable recipe for a Diagram: blocks by id, connectors as (id, source, target, flow)."""

    def __init__(self, **requirements: Any) -> None:
        self.blocks: dict[str, tuple[str, dict[str, Any], str]] = {}
        self.edges: list[tuple[str, str, str, str]] = []
        self.requirements = requirements
        self.rules: dict[str, Any] = {}
        self.estimates: dict[str, Any] | None = None  # the design's estimate inputs, when it states any
        self._next = 0

    def block(self, block_id: str, kind: str, label: str | None = None, **props: Any) -> Design:
        self.blocks[block_id] = (kind, props, block_id.title() if label is None else label)
        return self

    def connect(self, source: str, target: str, flow: str, connector_id: str | None = None) -> Design:
        if connector_id is None:
            self._next += 1
            connector_id = f"c{self._next}"
        self.edges.append((connector_id, source, target, flow))
        return self

    def chain(self, flow: str, *ids: str) -> Design:
        for source, target in pairwise(ids):
            self.connect(source, target, flow)
        return self

    def disconnect(self, source: str, target: str, flow: str | None = None) -> Design:
        before = len(self.edges)
        self.edges = [e for e in self.edges if not (e[1] == source and e[2] == target and flow in (None, e[3]))]
        assert len(self.edges) < before, f"no connector {source} -> {target} ({flow}) to remove"
        return self

    def set(self, block_id: str, **props: Any) -> Design:
        kind, old, label = self.blocks[block_id]
        self.blocks[block_id] = (kind, {**old, **props}, label)
        return self

    def unset(self, block_id: str, *names: str) -> Design:
        kind, old, label = self.blocks[block_id]
        self.blocks[block_id] = (kind, {k: v for k, v in old.items() if k not in names}, label)
        return self

    def remove(self, block_id: str) -> Design:
        del self.blocks[block_id]
        self.edges = [e for e in self.edges if block_id not in (e[1], e[2])]
        return self

    def require(self, **requirements: Any) -> Design:
        self.requirements.update(requirements)
        return self

    def build(self) -> Diagram:
        return Diagram(
            requirements=Requirements(**self.requirements),
            rules=RuleSettings(**self.rules),
            estimates=None if self.estimates is None else EstimateInputs(**self.estimates),
            blocks=[Block(id=i, kind=k, label=label, props=props) for i, (k, props, label) in self.blocks.items()],
            connectors=[Connector(id=c, source=s, target=t, flow=f) for c, s, t, f in self.edges],
        )

    def findings(self, rule: str | None = None) -> list[Finding]:
        found = validate(self.build())
        return [f for f in found if rule is None or f.rule == rule]


def healthy() -> Design:
    """A complete recommendation design that passes every rule (the tests break it one way at a time).

    Request path: client -> gateway -> candidates -> ranker -> rerank, candidates -> index; the online
    store feeds candidates and ranker. Feedback: rerank -> logs -> events -> lake -> features -> offline
    store -> training. Models: training (on demand: each new model is a model change) -> evaluation ->
    registry -> A/B test -> candidates, ranker, indexer. One monitor watches quality, drift and system
    health of both models, and reads the impression log for the outcomes quality is measured on.
    """
    d = Design(
        business_objective="Increase watch time", latency_slo_ms=200, qps_peak=50_000, dau=100_000_000,
        ml_objective="Predict P(watch)", task_type="ranking", corpus_size=10_000_000,
        offline_metrics=["nDCG@10", "recall@100"], online_metrics=["watch time", "CTR"],
    )
    d.block("client", "client", "App")
    d.block("gateway", "api_gateway", "Gateway", p99_ms=5)
    d.block("cands", "candidate_generation", "Candidates", p99_ms=30)
    d.block("index", "vector_index", "ANN index", p99_ms=10)
    d.block("indexer", "indexing_pipeline", "Indexer")
    d.block("ranker", "ranking", "Ranking", p99_ms=60)
    d.block("rerank", "reranking", "Re-ranking", p99_ms=10)
    d.block("logs", "logging", "Impression logs", logs=["impressions", "outcomes"])
    d.block("events", "event_stream", "Events")
    d.block("lake", "data_store", "Lake", store_type="lake")
    d.block("features", "feature_pipeline", "Features", mode="streaming")
    d.block("offline_fs", "feature_store", "Offline store", tier="offline")
    d.block("online_fs", "feature_store", "Online store", tier="online", p99_ms=5)
    d.block("train", "training_pipeline", "Training", cadence="on_demand")
    d.block("tracker", "experiment_tracker", "Tracker")
    d.block("eval", "offline_evaluation", "Offline eval", metrics=["nDCG"])
    d.block("registry", "model_registry", "Registry")
    d.block("ab", "online_experiment", "A/B test")
    d.block("monitor", "monitoring", "Monitor", target=["system", "data_drift", "model_quality"])
    d.block("alerts", "alerting", "Alerts")
    d.chain("request", "client", "gateway", "cands", "ranker", "rerank")
    d.connect("cands", "index", "request")
    d.connect("online_fs", "ranker", "data")
    d.connect("online_fs", "cands", "data")
    d.chain("feedback", "rerank", "logs", "events")
    d.chain("data", "events", "lake", "features", "offline_fs", "train", "tracker")
    d.connect("features", "online_fs", "data")
    d.chain("model", "train", "eval", "registry", "ab", "ranker")
    d.connect("ab", "cands", "model")
    d.connect("ab", "indexer", "model")
    d.connect("lake", "indexer", "data")
    d.connect("indexer", "index", "data")
    d.connect("ranker", "monitor", "observe")
    d.connect("cands", "monitor", "observe")
    d.connect("logs", "monitor", "observe")
    d.connect("monitor", "alerts", "observe")
    return d


def rules_of(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


def one(design: Design, rule: str) -> Finding:
    """The single finding of ``rule`` (fails when there is none or more than one)."""
    found = design.findings(rule)
    assert len(found) == 1, f"expected one {rule} finding, got {found}"
    return found[0]
