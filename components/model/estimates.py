"""The optional inputs of the back-of-envelope estimates, saved with the design (its `estimates` section).

Every field is optional: an unset one means "assume the typical value" (``ESTIMATE_DEFAULTS``), so a
design file without the section, or with only some inputs, loads and estimates unchanged. The figures
themselves are never stored: components/estimate computes them from these inputs, the requirements
card and the blocks.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from components.model.types import MODEL_CONFIG, Number

Precision = Literal["float32", "float16", "int8", "pq"]
PRECISIONS: tuple[Precision, ...] = ("float32", "float16", "int8", "pq")
BYTES_PER_DIMENSION: dict[str, int] = {"float32": 4, "float16": 2, "int8": 1}

# The value an unset input takes: what an interviewer would accept as a first assumption.
ESTIMATE_DEFAULTS: dict[str, Any] = {
    "requests_per_user_per_day": 10,
    "peak_to_average": 2,
    "log_bytes_per_request": 2_000,
    "item_bytes": 1_000,
    "embedding_dim": 256,
    "embedding_precision": "float32",
    "pq_code_bytes": 64,
    "retention_days": 90,
    "replica_qps": 500,
    "items_shown": None,
    "memory_gb_per_host": None,
    "index_shards": 1,
}


class EstimateInputs(BaseModel):
    """A few numbers the requirements card does not hold; None: the typical value (ESTIMATE_DEFAULTS)."""

    model_config = MODEL_CONFIG

    requests_per_user_per_day: Number | None = Field(
        default=None, gt=0, title="Requests per user per day",
        description="How many requests one daily user makes (default 10)")
    peak_to_average: Number | None = Field(
        default=None, ge=1, title="Peak / average traffic",
        description="How much busier the peak hour is than the daily average (default 2)")
    log_bytes_per_request: int | None = Field(
        default=None, ge=1, title="Bytes logged per request",
        description="What one request leaves in the logs: features, predictions, impressions (default 2,000)")
    item_bytes: int | None = Field(
        default=None, ge=1, title="Bytes per item",
        description="Metadata and features stored per corpus item (default 1,000)")
    embedding_dim: int | None = Field(
        default=None, ge=1, title="Embedding dimension", description="Size of an item embedding (default 256)")
    embedding_precision: Precision | None = Field(
        default=None, title="Embedding precision",
        description="How the index stores a vector: float32, float16, int8, or product quantisation (default float32)")
    pq_code_bytes: int | None = Field(
        default=None, ge=1, title="PQ code bytes", description="Bytes per vector under product quantisation (default 64)")
    retention_days: int | None = Field(
        default=None, ge=1, title="Retention (days)", description="How long logs are kept (default 90)")
    replica_qps: Number | None = Field(
        default=None, gt=0, title="QPS per replica",
        description="Requests one serving replica handles at its p99 (default 500)")
    items_shown: int | None = Field(
        default=None, ge=1, title="Items shown per request",
        description="What the user finally sees (the end of the funnel); unknown when empty")
    memory_gb_per_host: Number | None = Field(
        default=None, gt=0, title="Memory per index host (GB)",
        description="RAM of one host serving the vector index; when set, an index that cannot fit is a finding")
    index_shards: int | None = Field(
        default=None, ge=1, title="Index shards", description="Hosts the vector index is split across (default 1)")

    def value(self, name: str) -> Any:
        """The input as stated, else its typical value."""
        stated = getattr(self, name)
        return ESTIMATE_DEFAULTS[name] if stated is None else stated

    def stated(self, name: str) -> bool:
        return getattr(self, name) is not None

    @property
    def empty(self) -> bool:
        """Nothing stated: the design carries no `estimates` section."""
        return all(getattr(self, name) is None for name in type(self).model_fields)
