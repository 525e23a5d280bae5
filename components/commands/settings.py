"""Commands on document-wide settings: title, description, requirements card, rule settings."""

from __future__ import annotations

from typing import Any

from components.commands.base import Command
from components.document import Document
from components.model import Requirements, RuleSettings
from components.model.estimates import EstimateInputs


class SetMeta(Command):
    """Replace one document-wide value; the old one comes back on undo."""

    def __init__(self, name: str, value: Any, text: str = "") -> None:
        self.name = name
        self.value = value
        self.old: Any = None
        self.text = text or f"Change {name}"

    def do(self, doc: Document) -> None:
        self.old = doc.set_meta(self.name, self.value)

    def undo(self, doc: Document) -> None:
        doc.set_meta(self.name, self.old)


class SetRequirements(SetMeta):
    def __init__(self, requirements: Requirements) -> None:
        super().__init__("requirements", requirements, "Edit requirements")


class SetRuleSettings(SetMeta):
    def __init__(self, rules: RuleSettings) -> None:
        super().__init__("rules", rules, "Edit rule settings")


class SetTitle(SetMeta):
    def __init__(self, title: str) -> None:
        super().__init__("title", title, "Rename design")


class SetEstimates(SetMeta):
    """Replace the estimate inputs; inputs with nothing stated are stored as no section at all."""

    def __init__(self, inputs: EstimateInputs | None) -> None:
        super().__init__("estimates", None if inputs is None or inputs.empty else inputs, "Edit estimate inputs")
