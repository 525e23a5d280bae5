"""The validator's tunable parameters: names, types, defaults and meaning, in one table.

They are part of the file format (a diagram's ``rules.params`` names them), so loading checks them
here without importing the validator; the validator reads its defaults from the same table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

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


_PARAMS: tuple[RuleParam, ...] = (
    RuleParam(
        "corpus_threshold", int, 100_000,
        "Corpus size from which ranking every item per request is too slow and a retrieval stage is expected.",
        ("retrieval-before-ranking",),
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
