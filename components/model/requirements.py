"""The requirements card (steps 1 and 2 of the framework) and the validator's rule settings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from components.model.rule_params import check_param
from components.model.types import MODEL_CONFIG, Number, Severity

TaskType = Literal[
    "", "classification", "binary_classification", "multiclass_classification", "multilabel_classification",
    "regression", "ranking", "recommendation", "retrieval", "representation_learning", "object_detection",
    "segmentation", "generation", "clustering", "other",
]

# Rule ids are part of the file format (a diagram's `rules` section names them), so they live here
# where loading can check them without importing the validator.
RULE_IDS: tuple[str, ...] = (
    # step 1: requirements
    "stage-coverage", "no-latency-slo", "no-success-metrics", "implausible-scale",
    # step 3: data and features
    "no-training-data", "no-feature-source", "training-reads-online-store", "training-serving-skew",
    "feature-store-unfed", "no-impression-logging",
    # step 5: evaluation and launch
    "offline-metric-fit", "online-metric-fit", "no-evaluation-gate", "no-online-experiment",
    "ab-test-without-control", "continual-training-gate", "index-outside-experiment",
    # step 6: deployment and serving
    "registry-gap", "online-reads-offline", "batch-on-request-path", "batch-serving-path", "request-cycle",
    "latency-budget", "latency-unestimated", "retrieval-before-ranking", "index-lineage", "index-unused",
    "index-exceeds-memory", "orphan-block", "disconnected-design",
    # step 7: monitoring and the feedback loop
    "missing-monitoring", "no-quality-monitoring", "no-drift-monitoring", "no-system-monitoring", "no-alerting",
    "quality-monitor-blind", "no-feedback-loop",
)


class Requirements(BaseModel):
    """What the system is for and at what scale: the card every design starts from."""

    model_config = MODEL_CONFIG

    business_objective: str = Field(default="", title="Business objective")
    ml_objective: str = Field(default="", title="ML objective")
    task_type: TaskType = Field(default="", title="ML task type")
    inputs: str = Field(default="", title="Inputs")
    outputs: str = Field(default="", title="Outputs")
    dau: int | None = Field(default=None, ge=0, title="Daily active users")
    qps_peak: Number | None = Field(default=None, ge=0, title="Peak QPS")
    latency_slo_ms: Number | None = Field(default=None, gt=0, title="Latency SLO (ms)")
    corpus_size: int | None = Field(default=None, ge=0, title="Corpus size (items)")
    volume_per_run: int | None = Field(
        default=None, ge=0, title="Volume per run (items)",
        description="For batch systems: how many items one run processes (e.g. images per day)",
    )
    run_window_hours: Number | None = Field(
        default=None, gt=0, title="Run window (hours)",
        description="For batch systems: the time one run must finish in",
    )
    offline_metrics: list[str] = Field(default_factory=list, title="Offline metrics")
    online_metrics: list[str] = Field(default_factory=list, title="Online metrics")
    notes: str = Field(default="", title="Notes")


def _check_rule_ids(ids: Iterable[str]) -> None:
    for rule_id in ids:
        if rule_id not in RULE_IDS:
            raise ValueError(f"unknown rule id {rule_id!r}")


class RuleSettings(BaseModel):
    """Per-diagram validator settings: disabled rules, severity overrides, parameters."""

    model_config = MODEL_CONFIG

    disabled: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    params: dict[str, Any] = Field(default_factory=dict)

    @field_validator("disabled")
    @classmethod
    def _known_disabled(cls, value: list[str]) -> list[str]:
        _check_rule_ids(value)
        return sorted(set(value))

    @field_validator("severity")
    @classmethod
    def _known_severity(cls, value: dict[str, Severity]) -> dict[str, Severity]:
        _check_rule_ids(value)
        return dict(sorted(value.items()))

    @field_validator("params")
    @classmethod
    def _known_params(cls, value: dict[str, Any]) -> dict[str, Any]:
        return {name: check_param(name, value[name]) for name in sorted(value)}
