"""Typed properties, one pydantic model per block kind.

Every property has a default so a freshly placed block is valid; constraints (``p99_ms >= 0``,
``0 <= traffic_percent <= 100``) make impossible values a load error or a refused edit.
"""

from __future__ import annotations

import typing
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from components.model.types import MODEL_CONFIG, NonNegative, Number

ServingMode = Literal["online", "batch"]
StoreType = Literal["warehouse", "lake", "sql", "nosql", "kv", "object_store", "search_index", "graph"]
# Stores that answer a request in milliseconds; the others (warehouse, lake, object store) are offline.
ONLINE_STORE_TYPES: frozenset[str] = frozenset({"sql", "nosql", "kv", "search_index", "graph"})
MonitorTarget = Literal["system", "data_drift", "prediction_drift", "model_quality"]
LoggedItem = Literal["requests", "features", "predictions", "impressions", "outcomes"]


def _sorted_unique(values: list[str], order: tuple[str, ...]) -> list[str]:
    """A set-like list in the vocabulary's own order, so files and diffs stay canonical."""
    chosen = set(values)
    return [value for value in order if value in chosen]


class BlockProps(BaseModel):
    """Properties every block may carry."""

    model_config = MODEL_CONFIG

    p99_ms: NonNegative | None = Field(
        default=None, title="p99 latency (ms)", description="99th-percentile latency this block adds to a request"
    )


class DataStoreProps(BlockProps):
    store_type: StoreType = Field(
        default="warehouse",
        title="Store type",
        description="What kind of storage this is: warehouse, lake and object store answer in seconds "
        "(training, batch jobs); the others can answer a request in milliseconds",
    )


class FeaturePipelineProps(BlockProps):
    mode: Literal["batch", "streaming"] = Field(
        default="batch", title="Mode", description="Batch jobs on a schedule, or streaming on events"
    )


class FeatureStoreProps(BlockProps):
    tier: Literal["offline", "online"] = Field(
        default="offline", title="Tier", description="Offline (training, batch) or online (low-latency serving)"
    )


class TrainingPipelineProps(BlockProps):
    cadence: Literal["once", "hourly", "daily", "weekly", "continuous", "on_demand"] = Field(
        default="daily", title="Cadence", description="How often the model is (re)trained"
    )


class OfflineEvaluationProps(BlockProps):
    metrics: list[str] = Field(
        default_factory=list, title="Metrics", description="Offline metrics the gate checks, e.g. nDCG, PR-AUC"
    )


class OnlineExperimentProps(BlockProps):
    strategy: Literal["ab_test", "shadow", "canary", "interleaving", "bandit"] = Field(
        default="ab_test", title="Strategy", description="How the new model is tried on live traffic"
    )
    traffic_percent: Number = Field(
        default=5, ge=0, le=100, title="Traffic (%)", description="Share of traffic the treatment receives"
    )


class ServingProps(BlockProps):
    mode: ServingMode = Field(
        default="online", title="Mode", description="Online (per request) or batch (precomputed) serving"
    )
    features_in_request: bool = Field(
        default=False,
        title="Features come with the request",
        description="On when the request itself carries what the model reads (a query image, a post's "
        "text), so no feature store lookup is needed",
    )


class InferenceServiceProps(ServingProps):
    qps: NonNegative | None = Field(default=None, title="QPS", description="Peak queries per second served")


class CandidateGenerationProps(ServingProps):
    uses_model: bool = Field(
        default=True,
        title="Uses a model",
        description="Off for rule-based retrieval (friends of friends, location filter)",
    )
    candidates_out: int | None = Field(
        default=None, ge=1, title="Candidates out", description="How many candidates go on to ranking"
    )


class RankingProps(ServingProps):
    pass


def _system_only() -> list[MonitorTarget]:
    return ["system"]


def _predictions_only() -> list[LoggedItem]:
    return ["predictions"]


class MonitoringProps(BlockProps):
    target: list[MonitorTarget] = Field(
        default_factory=_system_only,
        min_length=1,
        title="Watches",
        description="What this monitor watches: system health (latency, errors), data drift of the "
        "inputs, drift of the predictions, model quality (online metrics against labels)",
    )

    @field_validator("target")
    @classmethod
    def _canonical_targets(cls, value: list[str]) -> list[str]:
        return _sorted_unique(value, typing.get_args(MonitorTarget))


class LoggingProps(BlockProps):
    logs: list[LoggedItem] = Field(
        default_factory=_predictions_only,
        title="Logs",
        description="What is logged: requests, the features served, predictions, impressions (what was "
        "shown), outcomes (clicks, watches, reports: the labels)",
    )

    @field_validator("logs")
    @classmethod
    def _canonical_logs(cls, value: list[str]) -> list[str]:
        return _sorted_unique(value, typing.get_args(LoggedItem))


PROPS_BY_KIND: dict[str, type[BlockProps]] = {
    "data_store": DataStoreProps,
    "feature_pipeline": FeaturePipelineProps,
    "feature_store": FeatureStoreProps,
    "training_pipeline": TrainingPipelineProps,
    "offline_evaluation": OfflineEvaluationProps,
    "online_experiment": OnlineExperimentProps,
    "inference_service": InferenceServiceProps,
    "candidate_generation": CandidateGenerationProps,
    "ranking": RankingProps,
    "monitoring": MonitoringProps,
    "logging": LoggingProps,
}


def props_model(kind: str) -> type[BlockProps]:
    """The property model of a kind (kinds without properties of their own share BlockProps)."""
    return PROPS_BY_KIND.get(kind, BlockProps)
