"""Diagram elements: blocks, connectors, sticky notes and group frames."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, SerializeAsAny, ValidationInfo, field_validator

from components.model.props import BlockProps, props_model
from components.model.types import MODEL_CONFIG, ConnectorStyle, Coordinate, Flow, Identifier, Kind, Size

LABEL_MAX = 500
TEXT_MAX = 20_000
WAYPOINTS_MAX = 100  # bends a user places on one connector; far more than any drawing needs


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


class Waypoint(BaseModel):
    """A point an elbow connector's route passes through, in scene units."""

    model_config = MODEL_CONFIG

    x: Coordinate
    y: Coordinate


class Connector(BaseModel):
    """A directed, typed edge from one block to another. ``style`` None follows the design's default
    (``Diagram.connector_style``); ``waypoints`` shape an elbow route and are absent when there are none
    (files without them load and save unchanged)."""

    model_config = MODEL_CONFIG

    id: Identifier
    source: Identifier
    target: Identifier
    flow: Flow = "data"
    label: str = Field(default="", max_length=LABEL_MAX)
    style: ConnectorStyle | None = Field(default=None, description="How it is drawn; absent: as the design's "
                                         "connector_style says")
    waypoints: list[Waypoint] | None = Field(default=None, max_length=WAYPOINTS_MAX,
                                             description="Points an elbow route passes through, in order; absent: none")

    @field_validator("waypoints")
    @classmethod
    def _none_for_no_waypoints(cls, value: list[Waypoint] | None) -> list[Waypoint] | None:
        return value or None  # one way to say "none": the key is left out of the file


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
