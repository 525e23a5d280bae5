"""The whole document: the single source of truth every view and command works on."""

from __future__ import annotations

from typing import Final, Literal

from pydantic import BaseModel, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from components.model.elements import Block, Connector, Group, Note
from components.model.estimates import EstimateInputs
from components.model.requirements import Requirements, RuleSettings
from components.model.types import COLLECTIONS, MODEL_CONFIG, ConnectorStyle

SCHEMA_VERSION: Final = 2


class Diagram(BaseModel):
    """An ML system design: requirements card, rule settings, blocks, connectors, notes, groups."""

    model_config = MODEL_CONFIG

    schema_version: Literal[2] = SCHEMA_VERSION
    title: str = Field(default="Untitled design", max_length=500)
    description: str = Field(default="", max_length=20_000)
    requirements: Requirements = Field(default_factory=Requirements)
    rules: RuleSettings = Field(default_factory=RuleSettings)
    estimates: EstimateInputs | None = None  # absent from files that state no estimate input
    blocks: list[Block] = Field(default_factory=list)
    connectors: list[Connector] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    groups: list[Group] = Field(default_factory=list)
    # how connectors without a style of their own are drawn; None (absent from the file) is straight
    connector_style: ConnectorStyle | None = Field(default=None, description="How connectors without a style "
                                                   "of their own are drawn; absent: straight")

    @field_validator("connector_style")
    @classmethod
    def _none_for_straight(cls, value: ConnectorStyle | None) -> ConnectorStyle | None:
        return None if value == "straight" else value  # one way to say "straight": the key is left out

    @model_validator(mode="after")
    def _check_references(self) -> Diagram:
        problem = reference_problem(self)
        if problem:
            raise PydanticCustomError("reference", problem)
        return self


def reference_problem(diagram: Diagram) -> str:
    """The first broken reference in a diagram, as a message naming the item, or ''."""
    seen: dict[str, str] = {}
    for collection in COLLECTIONS:
        for index, item in enumerate(getattr(diagram, collection)):
            if item.id in seen:
                return f"{collection}[{index}]: duplicate id {item.id!r} (already used in {seen[item.id]})"
            seen[item.id] = f"{collection}[{index}]"
    block_ids = {block.id for block in diagram.blocks}
    for index, connector in enumerate(diagram.connectors):
        for end in ("source", "target"):
            ref = getattr(connector, end)
            if ref not in block_ids:
                return f"connectors[{index}] {connector.id!r}: {end} {ref!r} is not a block"
    for index, group in enumerate(diagram.groups):
        for member in group.members:
            if member not in block_ids:
                return f"groups[{index}] {group.id!r}: member {member!r} is not a block"
        if len(set(group.members)) != len(group.members):
            return f"groups[{index}] {group.id!r}: a member is listed twice"
    return ""
