"""The validator's tunable parameters: names, types, defaults and meaning, in one table.

They are part of the file format (a diagram's ``rules.params`` names them), so loading checks them
here without importing the validator; the validator reads its defaults from the same table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError


@dataclass(frozen=True)
class RuleParam:
    """One parameter: its value type (a Python/pydantic type), default and what it tunes."""

    name: str
    type: Any
    default: Any
    description: str
    rules: tuple[str, ...] = field(default=())  # the rule ids it tunes, for docs and the inspector

    @cached_property
    def adapter(self) -> TypeAdapter[Any]:
        return TypeAdapter(self.type)


# The families a metric can belong to (components/validate/metrics.py holds the built-in table):
# ranking quality, threshold-free scores of a probabilistic classifier, decisions at an operating
# point, regression error, detection, segmentation, generated text, clustering, product outcomes.
MetricFamily = Literal[
    "ranking", "scoring", "decision", "regression", "detection", "segmentation", "generation", "clustering",
    "outcome",
]

_PARAMS: tuple[RuleParam, ...] = (
    RuleParam(
        "corpus_threshold", int, 100_000,
        "Corpus size from which ranking every item per request is too slow and a retrieval stage is expected.",
        ("retrieval-before-ranking",),
    ),
    RuleParam(
        "max_requests_per_user_day", float, 100.0,
        "Ceiling of requests one daily active user sends per day (a heavy feed user scrolling many pages); "
        "with the peak factor it bounds the plausible peak QPS.",
        ("implausible-scale",),
    ),
    RuleParam(
        "peak_factor", float, 3.0,
        "Ceiling of peak traffic over the daily average (evening peaks are typically 2-3x).",
        ("implausible-scale",),
    ),
    RuleParam(
        "ranker_items_per_ms", float, 50.0,
        "Items a ranking model scores per millisecond of its p99 in one request (batched on accelerators); "
        "bounds how many candidates it can take.",
        ("implausible-scale",),
    ),
    RuleParam(
        "metric_families", dict[MetricFamily, list[str]], {},
        "Extra metric names this design uses, by family (e.g. {\"ranking\": [\"average rank of the booked "
        "listing\"], \"outcome\": [\"bookings per search\"]}); names are matched like the built-in table.",
        ("offline-metric-fit", "online-metric-fit"),
    ),
)

RULE_PARAMS: dict[str, RuleParam] = {param.name: param for param in _PARAMS}


def param_defaults() -> dict[str, Any]:
    """Every parameter at its default value."""
    return {name: param.default for name, param in RULE_PARAMS.items()}


def check_param(name: str, value: Any) -> Any:
    """The value as the parameter's type (strict: no "12" for 12), or a ValueError naming the parameter."""
    param = RULE_PARAMS.get(name)
    if param is None:
        raise ValueError(f"unknown rule parameter {name!r} (known: {', '.join(sorted(RULE_PARAMS))})")
    try:
        checked = param.adapter.validate_python(value, strict=True)
    except ValidationError as error:
        problem = error.errors()[0]
        where = ".".join(str(part) for part in problem["loc"])
        raise ValueError(f"rule parameter {name!r}{f' at {where}' if where else ''}: {problem['msg']}") from None
    if isinstance(checked, int | float) and not isinstance(checked, bool) and checked < 0:
        raise ValueError(f"rule parameter {name!r} must be >= 0")
    return checked
