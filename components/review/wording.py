"""How the review words the model's values: one place, so evidence, walkthrough and renderers agree."""

from __future__ import annotations

from components.estimate.units import exact

STRATEGIES = {"ab_test": "A/B test", "shadow": "shadow", "canary": "canary", "interleaving": "interleaving",
              "bandit": "bandit"}


TARGET_WORDS = {"system": "system health"}  # the others read as they are: 'data drift', 'model quality'


def target_text(target: object) -> str:
    """What a monitor watches, in words: 'system health', 'data drift'."""
    return TARGET_WORDS.get(str(target), str(target).replace("_", " "))


def as_number(value: object) -> float:
    """A block property read as a number (properties come typed as ``object``); 0 when unset."""
    return float(value) if isinstance(value, int | float) else 0.0


def strategy_text(strategy: object, traffic_percent: object) -> str:
    """'A/B test, 5% of traffic'; shadow and canary name no share (shadow takes none, a canary grows)."""
    name = STRATEGIES.get(str(strategy), str(strategy).replace("_", " "))
    if strategy == "shadow":
        return name
    return f"{name}, {exact(as_number(traffic_percent))}% of traffic"
