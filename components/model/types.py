"""Annotated scalar types shared by the document models."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

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
FLOWS: tuple[Flow, ...] = get_args(Flow)

# How a connector is drawn: a straight line between the blocks' borders, or an elbow route of
# horizontal and vertical segments around the blocks in between (components/export/elbow.py).
ConnectorStyle = Literal["straight", "elbow"]
CONNECTOR_STYLES: tuple[ConnectorStyle, ...] = get_args(ConnectorStyle)
# What each style is called wherever a person picks or reads it (menus, the design form, status bar).
CONNECTOR_STYLE_LABELS: dict[ConnectorStyle, str] = {"straight": "Straight", "elbow": "Elbow (right angles)"}


def connector_style_label(style: ConnectorStyle | None, default: ConnectorStyle | None = None) -> str:
    """A style's label; None (a connector without a style of its own) names the design's ``default``."""
    if style is None:
        return f"As the design: {CONNECTOR_STYLE_LABELS[default or 'straight'].lower()}"
    return CONNECTOR_STYLE_LABELS[style]

# The four element collections of a diagram, in file (and drawing) order.
Collection = Literal["blocks", "connectors", "notes", "groups"]
COLLECTIONS: tuple[Collection, ...] = get_args(Collection)

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = get_args(Severity)  # worst first
_SEVERITY_RANK: dict[str, int] = {name: rank for rank, name in enumerate(SEVERITIES)}


def severity_rank(severity: str) -> int:
    """0 for the worst severity; one the vocabulary does not know ranks as the mildest ("info"),
    so every view (canvas badge, SVG badge, findings order) treats it alike."""
    return _SEVERITY_RANK.get(severity, len(SEVERITIES) - 1)

Kind = Literal[
    "data_source", "event_stream", "data_store", "labeling", "feature_pipeline", "feature_store",
    "training_pipeline", "experiment_tracker",
    "offline_evaluation", "online_experiment",
    "model_registry", "client", "api_gateway", "inference_service", "candidate_generation",
    "ranking", "reranking", "vector_index", "indexing_pipeline", "prediction_store", "cache",
    "monitoring", "alerting", "logging", "orchestrator",
    "custom",
]
