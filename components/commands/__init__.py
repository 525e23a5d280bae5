"""Every edit as a command object (do / undo / merge) working on the model only."""

from components.commands.base import Command, History, Macro
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
from components.commands.settings import SetEstimates, SetMeta, SetRequirements, SetRuleSettings, SetTitle

__all__ = [
    "AddBlock", "AddItems", "Command", "Connect", "Disconnect", "History", "Macro", "MoveItems", "Relabel",
    "RemoveItems", "SetEstimates", "SetFlow", "SetMeta", "SetProperty", "SetRequirements", "SetRuleSettings", "SetTitle",
    "UpdateItem",
]
