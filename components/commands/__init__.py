"""Every edit as a command object (do / undo / merge) working on the model only."""

from components.commands.base import Command, History, Macro
from components.commands.convert import ChangeKind, ReverseConnectors, carry_props
from components.commands.elements import (
    AddBlock,
    AddItems,
    Connect,
    Disconnect,
    MoveItems,
    Relabel,
    RemoveItems,
    SetFlow,
    SetProperty,
    UpdateItem,
)
from components.commands.routes import SetConnectorDefault, SetConnectorStyle, SetWaypoints
from components.commands.settings import SetEstimates, SetMeta, SetRequirements, SetRuleSettings, SetTitle

__all__ = [
    "AddBlock", "AddItems", "ChangeKind", "Command", "Connect", "Disconnect", "History", "Macro", "MoveItems", "Relabel",
    "RemoveItems", "ReverseConnectors", "SetConnectorDefault", "SetConnectorStyle", "SetEstimates", "SetFlow", "SetMeta",
    "SetProperty", "SetRequirements", "SetRuleSettings", "SetTitle", "SetWaypoints", "UpdateItem", "carry_props",
]
