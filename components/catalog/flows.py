"""The flow a new connector gets from the kinds at its two ends (the user can change it)."""

from __future__ import annotations

from components.model.types import Flow

_MODEL_PRODUCERS = {"training_pipeline", "model_registry", "offline_evaluation", "online_experiment"}
_MODEL_CONSUMERS = {
    "model_registry", "offline_evaluation", "online_experiment", "inference_service", "ranking",
    "candidate_generation", "indexing_pipeline",
}
_REQUEST_PATH = {
    "client", "api_gateway", "inference_service", "candidate_generation", "ranking", "reranking",
    "vector_index", "cache", "prediction_store",
}
_FEEDBACK_SINKS = {"logging", "labeling", "event_stream", "data_store", "training_pipeline"}


def default_flow(source_kind: str, target_kind: str) -> Flow:
    """Guess the flow of a connector drawn from a block of ``source_kind`` to one of ``target_kind``."""
    if target_kind == "monitoring" or (source_kind == "monitoring" and target_kind == "alerting"):
        return "observe"
    if source_kind in _MODEL_PRODUCERS and target_kind in _MODEL_CONSUMERS:
        return "model"
    if source_kind == "model_registry":
        return "model"
    if target_kind == "logging" and source_kind in _REQUEST_PATH:
        return "feedback"
    if source_kind == "logging" and target_kind in _FEEDBACK_SINKS:
        return "feedback"
    if source_kind in _REQUEST_PATH and target_kind in _REQUEST_PATH and target_kind != "client":
        return "request"
    return "data"
