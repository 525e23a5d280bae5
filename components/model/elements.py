"""Diagram elements: blocks, connectors, sticky notes and group frames."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, SerializeAsAny, ValidationInfo, field_validator

from components.model.props import BlockProps, props_model
from components.model.types import MODEL_CONFIG, Coordinate, Flow, Identifier, Kind, Size

LABEL_MAX = 500
TEXT_MAX = 20_000


class Block(BaseModel):
    """A typed box on the canvas; ``x``/``y`` are its top-left corner in scene units."""

    model_config = MODEL_CONFIG

    id: Identifier
    kind: Kind
    label: str = Field(default="", max_length=LABEL_MAX)
    x: Coordinate = 0
    y: Coordinate = 0
    width: Size | None = None
    height: Size | None = None
    props: SerializeAsAny[BlockProps] = Field(default_factory=BlockProps, validate_default=True)
    notes: str = Field(default="", max_length=TEXT_MAX)
    tradeoffs: str = Field(default="", max_length=TEXT_MAX)
    pinned: bool = False

    @field_validator("props", mode="before")
    @classmethod
    def _props_for_kind(cls, value: Any, info: ValidationInfo) -> Any:
        kind = info.data.get("kind")
        if kind is None:
            raise ValueError("properties cannot be checked because the kind is invalid")
        model = props_model(kind)
        if isinstance(value, model):
            return value
        if isinstance(value, BlockProps):
            value = value.model_dump()
        return model.model_validate(value, strict=True)


class Connector(BaseModel):
    """A directed, typed edge from one block to another."""

    model_config = MODEL_CONFIG

    id: Identifier
    source: Identifier
    target: Identifier
    flow: Flow = "data"
    label: str = Field(default="", max_length=LABEL_MAX)


class Note(BaseModel):
    """A sticky note: free text on the canvas, not part of the graph."""

    model_config = MODEL_CONFIG

    id: Identifier
    text: str = Field(default="", max_length=TEXT_MAX)
    x: Coordinate = 0
    y: Coordinate = 0
    width: Size = 200
    height: Size = 100


class Group(BaseModel):
    """A labelled frame; its member blocks move with it."""

    model_config = MODEL_CONFIG

    id: Identifier
    label: str = Field(default="", max_length=LABEL_MAX)
    x: Coordinate = 0
    y: Coordinate = 0
    width: Size = 400
    height: Size = 300
    members: list[Identifier] = Field(default_factory=list)
    stage: int | None = Field(default=None, ge=1, le=7)
