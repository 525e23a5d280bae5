"""Correct production designs get no error and no warning (issue 11): the five patterns the v1 rules
called mistakes, and realistic designs unlike the templates (tests/core/correct_designs.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from components.validate import coverage
from tests.core.correct_designs import PATTERNS, REALISTIC
from tests.core.validate_helpers import Design


def serious(design: Design) -> list[str]:
    return [f"{f.severity} {f.rule}: {f.message}" for f in design.findings() if f.severity != "info"]


@pytest.mark.parametrize("build", PATTERNS.values(), ids=PATTERNS.keys())
def test_the_five_correct_patterns_are_clean(build: Callable[[], Design]) -> None:
    assert serious(build()) == []


@pytest.mark.parametrize("build", REALISTIC.values(), ids=REALISTIC.keys())
def test_realistic_correct_designs_are_clean_and_cover_every_step(build: Callable[[], Design]) -> None:
    design = build()
    assert [f"{f.rule}: {f.message}" for f in design.findings()] == []
    assert [step.number for step in coverage(design.build()) if not step.covered] == []


def test_there_are_at_least_eight_realistic_designs_of_different_tasks() -> None:
    assert len(REALISTIC) >= 8
    tasks = {build().requirements["task_type"] for build in REALISTIC.values()}
    assert len(tasks) >= 5
