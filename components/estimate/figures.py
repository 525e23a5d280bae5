"""What an estimate is made of: the inputs it reads (with where each comes from) and the figure itself,
with its formula written in words and once more with the numbers put in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from components.estimate import units

Source = Literal["requirements", "stated", "assumed", "diagram", "constant", "estimate"]
SOURCE_TEXT: dict[str, str] = {
    "requirements": "requirements card",
    "stated": "estimate inputs",
    "assumed": "assumed",
    "diagram": "from the diagram",
    "constant": "constant",
    "estimate": "estimated above",
}
Formatter = Callable[[float], str]


@dataclass(frozen=True)
class Input:
    """One number a figure reads: its name in the formula, its value and unit, and where it comes from."""

    name: str
    value: float
    unit: str
    source: Source
    show: Formatter = field(default=units.exact, repr=False, compare=False)

    @property
    def text(self) -> str:
        """The value with its unit: '100,000,000', '2,000 B', '86,400 s'."""
        return units.quantity(self.value, self.unit, self.show)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "value": self.value, "unit": self.unit, "source": self.source, "text": self.text}


Term = Input | str  # a formula is inputs and operators, in reading order


OPERATORS: dict[str, Callable[[float, float], float]] = {"×": lambda a, b: a * b, "÷": lambda a, b: a / b}


@dataclass(frozen=True)
class Figure:
    """One back-of-envelope result: 'Average QPS ≈ 11,600 QPS = DAU × requests per user per day ÷ 86,400 s'.

    The value is worked out from the terms themselves (products and quotients, left to right), so the
    formula a reader sees is exactly the arithmetic that was done.
    """

    key: str
    title: str
    unit: str
    terms: tuple[Term, ...]
    show: Formatter = field(default=units.approx, repr=False, compare=False)
    note: str = ""

    def __post_init__(self) -> None:
        if not self.terms or not isinstance(self.terms[0], Input):
            raise ValueError(f"{self.key}: a formula starts with an input")
        for index, term in enumerate(self.terms):
            expected_input = index % 2 == 0
            if isinstance(term, Input) != expected_input or (not expected_input and term not in OPERATORS):
                raise ValueError(f"{self.key}: inputs and operators (×, ÷) must alternate")

    @property
    def value(self) -> float:
        inputs = self.inputs
        operators = [term for term in self.terms if isinstance(term, str)]
        total = inputs[0].value
        for operator, term in zip(operators, inputs[1:], strict=True):
            total = OPERATORS[operator](total, term.value)
        return total

    @property
    def inputs(self) -> tuple[Input, ...]:
        return tuple(term for term in self.terms if isinstance(term, Input))

    @property
    def result(self) -> str:
        """The value with its unit: '11,600 QPS', '2.56 TB'."""
        return units.quantity(self.value, self.unit, self.show)

    @property
    def formula(self) -> str:
        """The formula in words: 'DAU × requests per user per day ÷ seconds per day'."""
        return " ".join(term.name if isinstance(term, Input) else term for term in self.terms)

    @property
    def worked(self) -> str:
        """The formula with the numbers in: '100,000,000 × 10 ÷ 86,400 s'."""
        return " ".join(term.text if isinstance(term, Input) else term for term in self.terms)

    @property
    def text(self) -> str:
        """One line: title, result, formula and the worked numbers (a stated number: where it is stated)."""
        if len(self.terms) == 1:
            line = f"{self.title}: {self.result} ({SOURCE_TEXT[self.inputs[0].source]})"
        else:
            line = f"{self.title} ≈ {self.result} = {self.formula} = {self.worked}"
        return f"{line}; {self.note}" if self.note else line

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key, "title": self.title, "value": self.value, "unit": self.unit, "result": self.result,
            "formula": self.formula, "worked": self.worked, "inputs": [term.to_dict() for term in self.inputs],
            "note": self.note,
        }


@dataclass(frozen=True)
class Estimates:
    """Every figure the design's numbers allow, and what is missing for the others."""

    figures: tuple[Figure, ...]
    missing: tuple[str, ...]  # "Average QPS: state the DAU or the peak QPS on the requirements card"

    def get(self, key: str) -> Figure | None:
        return next((figure for figure in self.figures if figure.key == key), None)

    @property
    def assumed(self) -> tuple[Input, ...]:
        """The inputs taken at their typical value (each once), so a reader knows what to state."""
        seen: dict[str, Input] = {}
        for figure in self.figures:
            for term in figure.inputs:
                if term.source == "assumed":
                    seen.setdefault(term.name, term)
        return tuple(seen.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "figures": [figure.to_dict() for figure in self.figures],
            "missing": list(self.missing),
            "assumed": [term.to_dict() for term in self.assumed],
        }

