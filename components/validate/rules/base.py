"""The rule registry: each rule is a small function decorated with its id, default severity, step,
the interviewer's view of it (why it matters, what they would ask) and what it reads."""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from components.model import RULE_PARAMS, RuleParam
from components.validate.scopes import Scope

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph


@dataclass(frozen=True)
class Hit:
    """What a rule reports; the engine adds the rule id, the effective severity, the default stage
    and the "Step N, Name: " opening of the message."""

    message: str
    hint: str
    blocks: tuple[str, ...] = ()
    connectors: tuple[str, ...] = ()
    stage: int | None = None  # None: the rule's own stage
    fields: tuple[str, ...] = ()  # requirements-card fields it is about, first where it is fixed


@dataclass(frozen=True)
class Reads:
    """What a rule looks at: block kinds, connector flows, block properties, requirement fields and the
    design's estimate inputs.

    A declaration for readers (docs, `--explain`) and for live validation (``components.validate.live``):
    a rule is re-checked after an edit only when the edit touches one of these (a block of these kinds
    added or removed, a connector of these flows, one of these properties or requirement fields) or a
    label, which every message uses. Names that are not kinds ("every kind") stand for any kind."""

    kinds: tuple[str, ...] = ()
    flows: tuple[str, ...] = ()
    props: tuple[str, ...] = ()
    requirements: tuple[str, ...] = ()
    estimates: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        parts = (("block kinds", self.kinds), ("connector flows", self.flows), ("block properties", self.props),
                 ("requirements", self.requirements), ("estimate inputs", self.estimates))
        return [f"{what}: {', '.join(names)}" for what, names in parts if names]


Check = Callable[["DiagramGraph"], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A validator rule: metadata for the CLI, SARIF, docs and the app, plus the check itself."""

    id: str
    severity: str
    stage: int
    title: str
    fix: str
    why: str
    question: str
    reads: Reads
    scope: Scope = field(repr=False, compare=False)
    check: Check = field(repr=False, compare=False)

    @property
    def description(self) -> str:
        """What the rule checks: the check's docstring, its paragraphs reflowed to one line each."""
        paragraphs = inspect.cleandoc(self.check.__doc__ or self.title).split("\n\n")
        return "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)

    @property
    def params(self) -> list[RuleParam]:
        """The rule parameters (rules.params) that tune this rule."""
        return [param for param in RULE_PARAMS.values() if self.id in param.rules]

    @property
    def help(self) -> str:
        """The rule's help text: the risk, the interviewer's question, what it checks, how to fix it."""
        return (f"Why it matters: {self.why}\n\nAn interviewer would ask: {self.question}\n\n"
                f"What it checks: {self.description}\n\nHow to fix: {self.fix}")


_REGISTERED: dict[str, Rule] = {}


def rule(rule_id: str, severity: str, stage: int, title: str, *, fix: str, why: str, question: str,
         reads: Reads, scope: Scope) -> Callable[[Check], Check]:
    """Register a check function as the rule ``rule_id``; ``scope`` says how far its findings reach
    (``components.validate.scopes``)."""

    def register(check: Check) -> Check:
        if rule_id in _REGISTERED:
            raise ValueError(f"rule {rule_id!r} registered twice")
        _REGISTERED[rule_id] = Rule(rule_id, severity, stage, title, fix, why, question, reads, scope, check)
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


def count(value: float, whole: bool = False) -> str:
    """50000 -> '50,000', 1e7 -> '10,000,000', 12.5 -> '12.5' ('13' when ``whole``): numbers in messages,
    grouped, never in e-notation. Past a float's exact integers (1e15) three significant digits, so no
    rounding noise shows ('28,799,999,999,999,971,328' was 2.88e19), past 1e21 a power of ten, and a
    number past a float's range (a product of two huge inputs) says so."""
    if not math.isfinite(value):
        return "an unbounded number" if math.isnan(value) else f"{'-' if value < 0 else ''}more than 10^308"
    if whole:
        value = round(value)
    if abs(value) >= 1e21:
        mantissa, _, exponent = f"{value:.3g}".partition("e")
        return f"{mantissa} x 10^{int(exponent)}"
    if abs(value) >= 1e15:
        return f"{Decimal(f'{value:.3g}'):,f}"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.1f}"


def ms(value: float) -> str:
    """120.0 -> '120 ms', 12.5 -> '12.5 ms'."""
    return f"{value:g} ms"
