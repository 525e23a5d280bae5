"""Step coverage of the seven-step framework and the `stage-coverage` rule built on it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from components.catalog import KINDS, STAGES, is_model_serving
from components.model import Diagram, Requirements
from components.validate.findings import StepCoverage
from components.validate.rules.base import Hit, Reads, rule
from components.validate.rules.regions import BATCH_MODEL, ONLINE_MODEL
from components.validate.scopes import Summary

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph
    from components.validate.live_graph import LiveGraph

ONLINE_SCALE = ("latency_slo_ms", "qps_peak", "dau")
BATCH_SCALE = ("volume_per_run", "run_window_hours")
SCALE_FIELDS = ONLINE_SCALE + BATCH_SCALE
# Step 7 is about watching the system in production: logs and alerts alone do not cover it.
STEP_7_KINDS = ("monitoring",)

_QUESTIONS = {
    3: "where do the training examples, the labels and the features come from?",
    4: "how is the model trained, and on what?",
    5: "how is a new model judged before it reaches users, and on live traffic?",
    6: "how do predictions reach the users?",
    7: "who notices when the model or its data degrade in production?",
}
_HINTS = {
    2: "fill the requirements card: the ML objective and the ML task type",
    3: "add the data blocks: data sources, labels, feature pipeline and feature store",
    4: "add a Training pipeline (and an Experiment tracker) fed by the data",
    5: "add an Offline evaluation gate (and, for an online model, an Online experiment: shadow, canary, A/B test)",
    6: "add the serving path: Model registry, Client, and the serving blocks the client calls (or where batch "
       "predictions are written)",
    7: "add a Monitoring block watching the served model (with Alerting)",
}


def _filled(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None


def scale_fields(online_model: bool, batch_model: bool) -> tuple[str, ...]:
    """The requirement fields that state the scale of a design: DAU, peak QPS or latency SLO once a model
    answers requests online; volume per run or run window for a pure batch design; any before a model."""
    if online_model:
        return ONLINE_SCALE
    if batch_model:
        return BATCH_SCALE
    return SCALE_FIELDS


def coverage(diagram: Diagram) -> list[StepCoverage]:
    """For each of the seven steps: covered or not, and by which requirement fields or block ids.

    Step 1 needs the business objective and a scale (``scale_fields``: a pure batch design states
    volume per run or run window, an online one DAU, peak QPS or latency SLO); step 2 the ML objective
    and a task type; steps 3-6 at least one block of that stage; step 7 a Monitoring block (logging and
    alerting alone do not watch anything). ``by`` lists what is there, even for a step not yet covered.
    """
    online = batch = False
    for block in diagram.blocks:
        if is_model_serving(block.kind, block.props):
            if vars(block.props).get("mode") == "batch":
                batch = True
            else:
                online = True
    return _coverage(diagram.requirements, ((block.id, block.kind) for block in diagram.blocks),
                     scale_fields(online, batch))


def _coverage(requirements: Requirements, blocks: Iterable[tuple[str, str]],
              scale_names: tuple[str, ...]) -> list[StepCoverage]:
    """``coverage`` over (block id, kind) pairs in diagram order."""
    by_stage: dict[int, list[str]] = {number: [] for number in BLOCK_STEPS}
    for block_id, kind in blocks:
        number = block_step(kind)
        if number is not None:
            by_stage[number].append(block_id)
    return steps_of(requirements, by_stage, scale_names)


BLOCK_STEPS = range(3, 8)  # the steps covered by blocks; 1 and 2 by the requirements card


def block_step(kind: str) -> int | None:
    """The step a block of this kind covers (None: none, e.g. logging and alerting for step 7)."""
    number = KINDS[kind].stage
    return number if number in BLOCK_STEPS and (number != 7 or kind in STEP_7_KINDS) else None


def steps_of(requirements: Requirements, by_stage: dict[int, list[str]], scale_names: tuple[str, ...]
             ) -> list[StepCoverage]:
    """The seven steps from the requirements card and the blocks covering steps 3-7 (in diagram order)."""
    steps: list[StepCoverage] = []
    objective = ("business_objective",) if _filled(requirements.business_objective) else ()
    scale = tuple(name for name in scale_names if _filled(getattr(requirements, name)))
    steps.append(StepCoverage(1, STAGES[0].name, bool(objective and scale), objective + scale))
    framing = tuple(name for name in ("ml_objective", "task_type") if _filled(getattr(requirements, name)))
    steps.append(StepCoverage(2, STAGES[1].name, len(framing) == 2, framing))
    for number in BLOCK_STEPS:
        members = tuple(by_stage[number])
        steps.append(StepCoverage(number, STAGES[number - 1].name, bool(members), members))
    return steps


def _scale_question(names: tuple[str, ...]) -> tuple[str, str]:
    """(what is missing, how to fill it) for step 1's scale, in the terms of the design's serving."""
    if names == BATCH_SCALE:
        return ("no scale: how many items does one run process, and in what window?",
                "volume per run (items) and run window (hours)")
    if names == ONLINE_SCALE:
        return ("no scale: how many daily users, how many requests at peak, how fast must it answer?",
                "DAU, peak QPS and the latency SLO")
    return ("no scale: how many users or items, how many requests, how fast?",
            "DAU, peak QPS and latency SLO for an online system, or volume per run and run window for a batch one")


def _coverage_support(graph: LiveGraph) -> set[str]:
    """All `stage-coverage` looks at: one block of each kind there is, one online and one batch model."""
    found = {next(iter(members)) for members in graph.by_kind.values() if members}
    return found | graph.witness(ONLINE_MODEL) | graph.witness(BATCH_MODEL)


@rule("stage-coverage", "warning", 1, "A step of the seven-step framework is not addressed",
      fix="Fill the requirements card (business objective, scale, ML objective, task type) and add at least one "
          "block for each of steps 3-6 and a Monitoring block for step 7.",
      why="A design that skips a step usually skips the questions that step asks: what is the scale, how is "
          "it trained, how is it judged, who watches it in production.",
      question="Before we go deeper: have we covered every step, from requirements to monitoring?",
      scope=Summary(_coverage_support),
      reads=Reads(kinds=("every kind (its stage)",), props=("mode", "uses_model"),
                  requirements=("business_objective", *SCALE_FIELDS, "ml_objective", "task_type")))
def stage_coverage(g: DiagramGraph) -> Iterator[Hit]:
    """One finding per uncovered step of the framework. Step 1 needs a business objective and a scale:
    DAU, peak QPS or latency SLO once a model serves online; volume per run or run window for a pure
    batch design (never asked for DAU, QPS or an SLO). Step 2 needs an ML objective and a task type;
    steps 3-6 at least one block of that stage; step 7 a Monitoring block (logging or alerting alone
    watch nothing)."""
    scale_names = scale_fields(bool(g.online_serving), bool(g.batch_serving))
    # whether a step is covered needs one block per kind, not all of them (``by`` is not reported here)
    kinds = ((block_ids[0], kind) for kind, block_ids in g.by_kind.items())
    for step in _coverage(g.requirements, kinds, scale_names):
        if step.covered:
            continue
        if step.number == 1:
            missing, fill, empty = [], [], []
            if step.by[:1] != ("business_objective",):
                missing.append("no business objective: what should the system improve for the business?")
                fill.append("the business objective")
                empty.append("business_objective")
            if not set(step.by) & set(scale_names):
                question, fields = _scale_question(scale_names)
                missing.append(question)
                fill.append(fields)
                empty.extend(scale_names)
            yield Hit(message="; ".join(missing), hint=f"fill the requirements card: {' and '.join(fill)}", stage=1,
                      fields=tuple(empty))
        elif step.number == 2:
            absent = [(field, what) for field, what in (("ml_objective", "no ML objective"),
                                                        ("task_type", "no task type")) if field not in step.by]
            yield Hit(message=f"{' and '.join(what for _, what in absent)}: what exactly does the model predict, and "
                              "what kind of ML task is that?", hint=_HINTS[2], stage=2,
                      fields=tuple(field for field, _ in absent))
        else:
            yield Hit(message=f"no block covers this step: {_QUESTIONS[step.number]}", hint=_HINTS[step.number],
                      stage=step.number)
