"""Every validator rule, registered by its module; RULES lists them in RULE_IDS order (by step)."""

from __future__ import annotations

import importlib

from components.model import RULE_IDS
from components.validate.rules.base import Hit, Rule, registered

# One module per step (or concern); each registers its rules when imported.
MODULES = ("coverage", "requirements", "data", "metric_fit", "launch", "model", "serving", "latency", "capacity",
           "structure", "monitoring", "feedback")
for _module in MODULES:
    importlib.import_module(f"{__name__}.{_module}")

_BY_ID = registered()
missing = [rule_id for rule_id in RULE_IDS if rule_id not in _BY_ID]
if missing or len(_BY_ID) != len(RULE_IDS):  # pragma: no cover - a programming error, caught by the tests
    raise RuntimeError(f"validator rules out of step with RULE_IDS: missing {missing}, have {sorted(_BY_ID)}")
del missing

RULES: tuple[Rule, ...] = tuple(_BY_ID[rule_id] for rule_id in RULE_IDS)
RULES_BY_ID: dict[str, Rule] = {entry.id: entry for entry in RULES}

__all__ = ["RULES", "RULES_BY_ID", "Hit", "Rule"]
