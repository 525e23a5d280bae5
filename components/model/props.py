"""Typed properties, one pydantic model per block kind.

Every property has a default so a freshly placed block is valid; constraints (``p99_ms >= 0``,
``0 <= traffic_percent <= 100``) make impossible values a load error or a refused edit.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from components.model.types import MODEL_CONFIG, NonNegative, Number

ServingMode = Literal["online", "batch"]


class BlockProps(BaseModel):
    """Properties every block may carry."""

    model_config = MODEL_CONFIG

    p99_ms: NonNegative | None = Field(
        default=None, title="p99 latency (ms)", description="99th-percentile latency this block adds to a request"
    )


class DataStoreProps(BlockProps):
    store_type: Literal["warehouse", "lake", "sql", "nosql", "object_store", "search_index", "graph"] = Field(
        default="warehouse", title="Store type", description="What kind of storage this is"
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


class MonitoringProps(BlockProps):
    target: Literal["system", "data_drift", "model_quality"] = Field(
        default="system", title="Watches", description="System health, data drift, or model quality"
    )


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
}


def props_model(kind: str) -> type[BlockProps]:
    """The property model of a kind (kinds without properties of their own share BlockProps)."""
    return PROPS_BY_KIND.get(kind, BlockProps)
