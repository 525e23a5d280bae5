"""Annotated scalar types shared by the document models."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, PlainSerializer, StringConstraints


def _compact_number(value: float) -> float | int:
    """Write 600.0 as 600 so files read like the ones people type by hand."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


# Models are strict (no "12" -> 12 coercion) and reject unknown keys; assignments are validated so
# a command can never put an impossible value into the model.
MODEL_CONFIG = ConfigDict(extra="forbid", strict=True, validate_assignment=True)

Number = Annotated[float, Field(allow_inf_nan=False), PlainSerializer(_compact_number)]
Coordinate = Annotated[float, Field(allow_inf_nan=False, ge=-1e7, le=1e7), PlainSerializer(_compact_number)]
Size = Annotated[float, Field(allow_inf_nan=False, gt=0, le=1e6), PlainSerializer(_compact_number)]
NonNegative = Annotated[float, Field(allow_inf_nan=False, ge=0), PlainSerializer(_compact_number)]
Identifier = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_.:\-]+$"),
]

Flow = Literal["request", "data", "model", "feedback", "observe"]
FLOWS: tuple[Flow, ...] = ("request", "data", "model", "feedback", "observe")

Kind = Literal[
    "data_source", "event_stream", "data_store", "labeling", "feature_pipeline", "feature_store",
    "training_pipeline", "experiment_tracker",
    "offline_evaluation", "online_experiment",
    "model_registry", "client", "api_gateway", "inference_service", "candidate_generation",
    "ranking", "reranking", "vector_index", "indexing_pipeline", "prediction_store", "cache",
    "monitoring", "alerting", "logging", "orchestrator",
    "custom",
]
