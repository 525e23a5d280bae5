"""The mutation test of issue 11: inject the mistakes an interviewer catches (tests/core/mutations.py) into
every template where they apply; each mutant must get a NEW error or warning at the mistake's step, from
a rule whose job it is (an orphan left behind by the mutation does not count).

The kill rate per mistake is printed in pytest's terminal summary (tests/core/conftest.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from components.model import RULE_IDS, Diagram
from components.validate import Finding, validate
from tests.conftest import EXAMPLES
from tests.core.mutations import MUTATIONS, Mutation

TEMPLATES = sorted(path for path in EXAMPLES.glob("*.mlsd.json") if json.loads(path.read_text())["blocks"])
KILL_RATE = 0.95
KILL_TABLE = pytest.StashKey[str]()


@dataclass(frozen=True)
class Outcome:
    mutation: Mutation
    template: str
    killed: bool
    new: tuple[str, ...]  # the new serious findings, as "step N rule" (for the failure message)


def _key(finding: Finding) -> tuple[str, int, tuple[str, ...]]:
    return finding.rule, finding.stage, finding.blocks


def _serious(findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.severity in ("error", "warning")]


def run_all() -> list[Outcome]:
    outcomes = []
    for path in TEMPLATES:
        design = json.loads(path.read_text(encoding="utf-8"))
        before = {_key(finding) for finding in validate(Diagram.model_validate(design))}
        for mutation in MUTATIONS:
            mutant = mutation.apply(design)
            if mutant is None:
                continue
            new = [f for f in _serious(validate(Diagram.model_validate(mutant))) if _key(f) not in before]
            killed = any(finding.stage == mutation.step and finding.rule in mutation.rules for finding in new)
            outcomes.append(Outcome(mutation, path.name.removesuffix(".mlsd.json"), killed,
                                    tuple(f"step {f.stage} {f.rule}" for f in new)))
    return outcomes


def kill_table(outcomes: list[Outcome]) -> str:
    """One row per mistake: its step, mutants killed / applied, the rules that caught it, the survivors."""
    width = max(len(mutation.name) for mutation in MUTATIONS)
    lines = [f"{'mistake':<{width}}  step  killed / applied  caught by; survivors"]
    for mutation in MUTATIONS:
        mine = [outcome for outcome in outcomes if outcome.mutation is mutation]
        killed = sum(outcome.killed for outcome in mine)
        step = f"step {mutation.step} "
        rules = sorted({new.removeprefix(step) for outcome in mine for new in outcome.new if new.startswith(step)})
        survivors = ", ".join(outcome.template for outcome in mine if not outcome.killed)
        lines.append(f"{mutation.name:<{width}}  {mutation.step:>4}  {killed:>6} / {len(mine):<7}  {', '.join(rules)}"
                     f"{f'; survivors: {survivors}' if survivors else ''}")
    total = sum(outcome.killed for outcome in outcomes)
    lines.append(f"{'all mistakes':<{width}}        {total:>6} / {len(outcomes):<7}  "
                 f"kill rate {total / len(outcomes):.1%}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def outcomes(request: pytest.FixtureRequest) -> list[Outcome]:
    found = run_all()
    request.config.stash[KILL_TABLE] = kill_table(found)
    return found


def test_at_least_95_percent_of_mutants_get_a_new_finding_at_the_right_step(outcomes: list[Outcome]) -> None:
    killed = sum(outcome.killed for outcome in outcomes)
    survivors = [f"{o.template}: {o.mutation.name} (step {o.mutation.step}; new: {', '.join(o.new) or 'nothing'})"
                 for o in outcomes if not o.killed]
    assert killed / len(outcomes) >= KILL_RATE, "\n".join(survivors)
    never = {o.mutation.name for o in outcomes} - {o.mutation.name for o in outcomes if o.killed}
    assert never == set(), "every mistake is caught somewhere"


def test_every_mistake_applies_somewhere_and_there_are_enough_of_them(outcomes: list[Outcome]) -> None:
    assert all(set(mutation.rules) <= set(RULE_IDS) and mutation.rules for mutation in MUTATIONS)
    applied = {outcome.mutation.name for outcome in outcomes}
    assert [mutation.name for mutation in MUTATIONS if mutation.name not in applied] == []
    assert len(MUTATIONS) >= 11 + 10
    assert len(TEMPLATES) == 10


def test_mutations_leave_the_template_itself_alone() -> None:
    design = json.loads(TEMPLATES[0].read_text(encoding="utf-8"))
    snapshot = json.dumps(design, sort_keys=True)
    for mutation in MUTATIONS:
        mutation.apply(design)
    assert json.dumps(design, sort_keys=True) == snapshot
