"""Step coverage of the seven-step framework and the `stage-coverage` rule built on it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from components.catalog import KINDS, STAGES
from components.model import Diagram, Requirements
from components.validate.findings import StepCoverage
from components.validate.rules.base import Hit, rule

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph

SCALE_FIELDS = ("latency_slo_ms", "qps_peak", "dau")

_HINTS = {
    1: "fill the requirements card: the business objective and at least one of latency SLO, peak QPS or DAU",
    2: "fill the requirements card: the ML objective and the ML task type",
    3: "add the data blocks: data sources, labels, feature pipeline and feature store",
    4: "add a Training pipeline (and an Experiment tracker) fed by the data",
    5: "add an Offline evaluation gate and an Online experiment (A/B test, shadow or canary)",
    6: "add the serving path: Model registry, Client, and the serving blocks the client calls",
    7: "add Monitoring (with Alerting) and Logging for the served model",
}


def _filled(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None


def coverage(diagram: Diagram) -> list[StepCoverage]:
    """For each of the seven steps: covered or not, and by which requirement fields or block ids.

    Step 1 needs the business objective and some scale (latency SLO, peak QPS or DAU); step 2 the ML
    objective and a task type; steps 3-7 at least one block of that stage. ``by`` lists what is there,
    even for a step that is not yet covered (e.g. an objective without any scale).
    """
    return _coverage(diagram.requirements, ((block.id, block.kind) for block in diagram.blocks))


def _coverage(requirements: Requirements, blocks: Iterable[tuple[str, str]]) -> list[StepCoverage]:
    """``coverage`` over (block id, kind) pairs in diagram order."""
    steps: list[StepCoverage] = []
    objective = ("business_objective",) if _filled(requirements.business_objective) else ()
    scale = tuple(name for name in SCALE_FIELDS if _filled(getattr(requirements, name)))
    steps.append(StepCoverage(1, STAGES[0].name, bool(objective and scale), objective + scale))
    framing = tuple(name for name in ("ml_objective", "task_type") if _filled(getattr(requirements, name)))
    steps.append(StepCoverage(2, STAGES[1].name, len(framing) == 2, framing))
    by_stage: dict[int, list[str]] = {number: [] for number in range(3, 8)}
    for block_id, kind in blocks:
        number = KINDS[kind].stage
        if number in by_stage:
            by_stage[number].append(block_id)
    for number in range(3, 8):
        members = tuple(by_stage[number])
        steps.append(StepCoverage(number, STAGES[number - 1].name, bool(members), members))
    return steps


@rule("stage-coverage", "warning", 1, "A step of the seven-step framework is not addressed",
      "Fill the requirements card (business objective, scale, ML objective, task type) and add at least one block for each of steps 3-7.")
def stage_coverage(g: DiagramGraph) -> Iterator[Hit]:
    """One finding per uncovered step of the framework. Step 1 needs a business objective and a
    scale (latency SLO, peak QPS or DAU); step 2 an ML objective and a task type; steps 3-7 at least
    one block of that stage. A design that skips a step usually skips the questions that step asks
    (how is it trained, how is it evaluated, who watches it in production)."""
    # whether a step is covered needs one block per kind, not all of them (``by`` is not reported here)
    for step in _coverage(g.requirements, ((block_ids[0], kind) for kind, block_ids in g.by_kind.items())):
        if step.covered:
            continue
        if step.number == 1:
            missing = [] if step.by[:1] == ("business_objective",) else ["no business objective"]
            if not set(step.by) & set(SCALE_FIELDS):
                missing.append("no scale (latency SLO, peak QPS or DAU)")
            detail = " and ".join(missing)
        elif step.number == 2:
            missing = [what for field, what in (("ml_objective", "no ML objective"), ("task_type", "no task type"))
                       if field not in step.by]
            detail = " and ".join(missing)
        else:
            detail = "no block of this stage"
        yield Hit(
            message=f"Step {step.number} ({step.name}) is not covered: {detail}",
            hint=_HINTS[step.number],
            stage=step.number,
        )
