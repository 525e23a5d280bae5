"""The rule registry: each rule is a small function decorated with its id, default severity and stage."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph


@dataclass(frozen=True)
class Hit:
    """What a rule reports; the engine adds the rule id, the effective severity and the default stage."""

    message: str
    hint: str
    blocks: tuple[str, ...] = ()
    connectors: tuple[str, ...] = ()
    stage: int | None = None  # None: the rule's own stage


Check = Callable[["DiagramGraph"], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A validator rule: metadata for the CLI, SARIF and the app, plus the check itself."""

    id: str
    severity: str
    stage: int
    title: str
    fix: str
    check: Check = field(repr=False, compare=False)

    @property
    def description(self) -> str:
        """What the rule checks and why: the check's docstring, its paragraphs reflowed to one line each."""
        paragraphs = inspect.cleandoc(self.check.__doc__ or self.title).split("\n\n")
        return "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)

    @property
    def help(self) -> str:
        """The rule's help text: what and why, then how to fix it."""
        return f"{self.description}\n\nHow to fix: {self.fix}"


_REGISTERED: dict[str, Rule] = {}


def rule(rule_id: str, severity: str, stage: int, title: str, fix: str) -> Callable[[Check], Check]:
    """Register a check function as the rule ``rule_id`` (``fix``: how to fix it, in general)."""

    def register(check: Check) -> Check:
        if rule_id in _REGISTERED:
            raise ValueError(f"rule {rule_id!r} registered twice")
        _REGISTERED[rule_id] = Rule(rule_id, severity, stage, title, fix, check)
        return check

    return register


def registered() -> dict[str, Rule]:
    return dict(_REGISTERED)


def listing(names: list[str], limit: int = 5) -> str:
    """'A, B and C' or 'A, B, C, D, E and 3 more': readable lists of block names in messages."""
    if len(names) > limit:
        shown = names[:limit]
        return f"{', '.join(shown)} and {len(names) - limit} more"
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def plural(count: int, word: str, suffix: str = "s") -> str:
    return f"{count} {word}{'' if count == 1 else suffix}"


def ms(value: float) -> str:
    """120.0 -> '120 ms', 12.5 -> '12.5 ms'."""
    return f"{value:g} ms"
