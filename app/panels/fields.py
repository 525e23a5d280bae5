"""What editor a pydantic field needs: read from the model's own type hints and constraints.

The inspector never hard-codes a property list: a new property in components/model/props.py shows up
with the right widget (choice, switch, bounded number, list) just by being declared.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any, Literal

import annotated_types
from pydantic.fields import FieldInfo

EditorKind = Literal["choice", "multichoice", "bool", "number", "list", "text"]
NUMBER_LIMIT = 1e15  # bound of otherwise unbounded numbers; far above any real QPS or corpus size


@dataclass(frozen=True)
class FieldSpec:
    """Everything a widget needs to edit one field."""

    name: str
    title: str
    description: str
    kind: EditorKind
    optional: bool = False
    choices: tuple[Any, ...] = ()
    integer: bool = False
    minimum: float = -NUMBER_LIMIT
    maximum: float = NUMBER_LIMIT
    exclusive_minimum: bool = False
    min_items: int = 0  # multichoice: how many choices must stay ticked


def _strip_optional(annotation: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(args) == 1 and len(args) < len(typing.get_args(annotation)):
            return args[0], True
    return annotation, False


def _unwrap_annotated(annotation: Any) -> tuple[Any, list[Any]]:
    """The bare type and every constraint object found in nested Annotated metadata."""
    metadata: list[Any] = []
    while typing.get_origin(annotation) is typing.Annotated:
        args = typing.get_args(annotation)
        annotation = args[0]
        for extra in args[1:]:
            if isinstance(extra, FieldInfo):
                metadata.extend(extra.metadata)
            else:
                metadata.append(extra)
    return annotation, metadata


def field_spec(name: str, info: FieldInfo) -> FieldSpec:
    """Describe a pydantic field for the inspector."""
    annotation, optional = _strip_optional(info.annotation)
    annotation, metadata = _unwrap_annotated(annotation)
    metadata = [*info.metadata, *metadata]
    title = info.title or name.replace("_", " ").capitalize()
    description = info.description or ""
    if typing.get_origin(annotation) is Literal:
        return FieldSpec(name, title, description, "choice", optional, choices=typing.get_args(annotation))
    if annotation is bool:
        return FieldSpec(name, title, description, "bool", optional)
    if annotation in (int, float):
        minimum, maximum, exclusive = -NUMBER_LIMIT, NUMBER_LIMIT, False
        for item in metadata:
            if isinstance(item, annotated_types.Ge):
                minimum = max(minimum, float(item.ge))  # type: ignore[arg-type]  # a number bound on a number field
            elif isinstance(item, annotated_types.Gt):
                minimum, exclusive = max(minimum, float(item.gt)), True  # type: ignore[arg-type]  # as above
            elif isinstance(item, annotated_types.Le):
                maximum = min(maximum, float(item.le))  # type: ignore[arg-type]  # as above
            elif isinstance(item, annotated_types.Lt):
                maximum = min(maximum, float(item.lt))  # type: ignore[arg-type]  # as above
        return FieldSpec(name, title, description, "number", optional, integer=annotation is int,
                         minimum=minimum, maximum=maximum, exclusive_minimum=exclusive)
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation) or (str,)
        if typing.get_origin(item) is Literal:  # a set of choices, e.g. what a monitor watches
            least = max((int(m.min_length) for m in metadata if isinstance(m, annotated_types.MinLen)), default=0)
            return FieldSpec(name, title, description, "multichoice", optional, choices=typing.get_args(item),
                             min_items=least)
        return FieldSpec(name, title, description, "list", optional)
    return FieldSpec(name, title, description, "text", optional)


def model_specs(model: type[Any]) -> list[FieldSpec]:
    """Specs for every field of a pydantic model class, in declaration order."""
    return [field_spec(name, info) for name, info in model.model_fields.items()]


def choice_text(value: Any) -> str:
    """How a Literal value reads in a combo box: ``ab_test`` -> ``ab test``, '' -> ``(not set)``."""
    if value == "":
        return "(not set)"
    return str(value).replace("_", " ")
