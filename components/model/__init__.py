"""The document model (pydantic v2): exactly the keys of the `.mlsd.json` format."""

from components.model.diagram import SCHEMA_VERSION, Diagram, reference_problem
from components.model.elements import Block, Connector, Group, Note, Waypoint
from components.model.props import BlockProps, props_model
from components.model.requirements import RULE_IDS, Requirements, RuleSettings
from components.model.rule_params import RULE_PARAMS, RuleParam, param_defaults
from components.model.types import (
    COLLECTIONS,
    CONNECTOR_STYLE_LABELS,
    CONNECTOR_STYLES,
    FLOWS,
    SEVERITIES,
    Collection,
    ConnectorStyle,
    Flow,
    Kind,
    Severity,
    connector_style_label,
    severity_rank,
)

__all__ = [
    "COLLECTIONS", "CONNECTOR_STYLES", "CONNECTOR_STYLE_LABELS", "FLOWS", "RULE_IDS", "RULE_PARAMS", "SCHEMA_VERSION", "SEVERITIES", "Block", "BlockProps",
    "Collection", "Connector", "ConnectorStyle", "Diagram", "Flow", "Group", "Kind", "Note", "Requirements", "RuleParam", "RuleSettings",
    "Severity", "Waypoint", "connector_style_label", "param_defaults", "props_model", "reference_problem", "severity_rank",
]
