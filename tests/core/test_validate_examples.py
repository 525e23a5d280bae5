"""Every case-study template in examples/ validates with no error and no warning (issue 3).

A blank starting page (a template without blocks, e.g. the seven-step skeleton) can only be reported
for the steps still to draw: stage-coverage warnings and nothing else.
"""

from __future__ import annotations

import pytest

from components.io import load
from components.validate import coverage, validate
from tests.conftest import EXAMPLES

TEMPLATES = sorted(EXAMPLES.glob("*.mlsd.json"))


@pytest.mark.skipif(not TEMPLATES, reason="no templates in examples/ yet")
@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_template_has_no_errors_or_warnings_and_covers_every_step(path) -> None:
    diagram = load(path)
    findings = validate(diagram)
    if not diagram.blocks:
        assert {(f.rule, f.severity) for f in findings} <= {("stage-coverage", "warning")}
        return
    serious = [f"{f.severity} {f.rule}: {f.message}" for f in findings if f.severity != "info"]
    assert serious == []
    assert [step.number for step in coverage(diagram) if not step.covered] == []
