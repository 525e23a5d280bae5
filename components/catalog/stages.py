"""The seven steps of the ML system design framework, with the colour each stage draws in."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stage:
    number: int
    key: str
    name: str
    description: str
    colour: str  # fill accent on a light background
    dark_colour: str  # the same accent, tuned for a dark background


STAGES: tuple[Stage, ...] = (
    Stage(1, "requirements", "Requirements", "Business objective, scale, latency budget", "#6b7280", "#9ca3af"),
    Stage(2, "framing", "Framing as an ML task", "ML objective, inputs, outputs, task type", "#8b5cf6", "#a78bfa"),
    Stage(3, "data", "Data", "Sources, labels, features, feature stores", "#2563eb", "#60a5fa"),
    Stage(4, "model", "Model", "Training and experiment tracking", "#7c3aed", "#c084fc"),
    Stage(5, "evaluation", "Evaluation", "Offline gates and online experiments", "#d97706", "#fbbf24"),
    Stage(6, "serving", "Deployment and serving", "Registry, request path, funnel, indexes", "#059669", "#34d399"),
    Stage(7, "monitoring", "Monitoring", "Monitors, alerts, logging, orchestration", "#dc2626", "#f87171"),
)
CUSTOM_COLOUR = "#475569"
CUSTOM_DARK_COLOUR = "#94a3b8"


def stage(number: int) -> Stage:
    """The stage with this number (1-7)."""
    return STAGES[number - 1]
