"""coverage(): the seven-step checklist, and the stage-coverage rule that reports its gaps."""

from __future__ import annotations

import pytest

from components.catalog import KINDS, STAGES
from components.model import Diagram
from components.validate import coverage
from tests.core.validate_helpers import Design, healthy


def steps_of(design: Design) -> dict[int, tuple[bool, tuple[str, ...]]]:
    return {step.number: (step.covered, step.by) for step in coverage(design.build())}


def uncovered_steps(design: Design) -> list[int]:
    return [f.stage for f in design.findings("stage-coverage")]


def test_seven_steps_named_after_the_stages() -> None:
    steps = coverage(Diagram())
    assert [s.number for s in steps] == [1, 2, 3, 4, 5, 6, 7]
    assert [s.name for s in steps] == [stage.name for stage in STAGES]
    assert not any(s.covered for s in steps) and all(s.by == () for s in steps)


def test_empty_diagram_gets_one_warning_per_step() -> None:
    found = Design().findings()
    assert [f.rule for f in found] == ["stage-coverage"] * 7
    assert [f.stage for f in found] == [1, 2, 3, 4, 5, 6, 7]
    assert all(f.severity == "warning" and f.blocks == () and f.hint for f in found)


def test_step_1_needs_objective_and_some_scale() -> None:
    assert steps_of(Design(business_objective="Grow"))[1] == (False, ("business_objective",))
    assert 1 in uncovered_steps(Design(business_objective="Grow"))
    assert steps_of(Design(qps_peak=10))[1] == (False, ("qps_peak",))
    assert steps_of(Design(business_objective="   ", dau=5))[1] == (False, ("dau",))
    for scale in ({"latency_slo_ms": 100}, {"qps_peak": 0}, {"dau": 1000}):
        design = Design(business_objective="Grow", **scale)
        covered, by = steps_of(design)[1]
        assert covered and by == ("business_objective", *scale)
        assert 1 not in uncovered_steps(design)
    message = Design(dau=3).findings("stage-coverage")[0].message
    assert "no business objective" in message and "no scale" not in message


def test_step_2_needs_ml_objective_and_task_type() -> None:
    assert steps_of(Design(ml_objective="P(click)"))[2] == (False, ("ml_objective",))
    assert steps_of(Design(task_type="ranking"))[2] == (False, ("task_type",))
    both = Design(ml_objective="P(click)", task_type="ranking")
    assert steps_of(both)[2] == (True, ("ml_objective", "task_type"))
    assert 2 not in uncovered_steps(both)
    message = Design(ml_objective="P(click)").findings("stage-coverage")[1].message
    assert "no task type" in message and "no ML objective" not in message


def test_a_pure_batch_design_states_its_scale_per_run_and_is_never_asked_for_users_or_qps() -> None:
    batch = Design(business_objective="Blur faces", dau=1_000_000, qps_peak=500, latency_slo_ms=100)
    batch.block("scorer", "inference_service", mode="batch")
    assert steps_of(batch)[1] == (False, ("business_objective",))
    message = one_step(batch, 1).message
    assert "how many items does one run process" in message and "QPS" not in message and "daily" not in message
    assert "volume per run" in one_step(batch, 1).hint and "DAU" not in one_step(batch, 1).hint
    for scale in ({"volume_per_run": 50_000_000}, {"run_window_hours": 6}):
        design = Design(business_objective="Blur faces", **scale).block("scorer", "inference_service", mode="batch")
        assert steps_of(design)[1] == (True, ("business_objective", *scale))
        assert 1 not in uncovered_steps(design)


def test_an_online_model_needs_online_scale_even_with_a_batch_one() -> None:
    design = Design(business_objective="Rank", volume_per_run=10**9).block("scorer", "inference_service", mode="batch")
    design.block("ranker", "ranking")
    assert steps_of(design)[1] == (False, ("business_objective",))
    assert "daily users" in one_step(design, 1).message
    design.require(dau=1000)
    assert steps_of(design)[1] == (True, ("business_objective", "dau"))


def one_step(design: Design, number: int):
    return next(f for f in design.findings("stage-coverage") if f.stage == number)


@pytest.mark.parametrize("number", [3, 4, 5, 6])
def test_steps_3_to_6_are_covered_by_any_block_of_their_stage(number: int) -> None:
    kinds = [kind for kind, spec in KINDS.items() if spec.stage == number]
    for kind in kinds:
        design = Design().block("x", kind)
        assert steps_of(design)[number] == (True, ("x",))
        assert number not in uncovered_steps(design)


def test_step_7_is_covered_by_monitoring_only() -> None:
    for kind in ("logging", "alerting", "orchestrator"):
        design = Design().block("x", kind)
        assert steps_of(design)[7] == (False, ())
        assert 7 in uncovered_steps(design)
    design = Design().block("log", "logging").block("mon", "monitoring")
    assert steps_of(design)[7] == (True, ("mon",))
    assert 7 not in uncovered_steps(design)


def test_deleting_the_monitor_uncovers_step_7_even_with_logging_left() -> None:
    design = healthy().remove("monitor")
    assert steps_of(design)[7] == (False, ())
    assert one_step(design, 7).message == ("Step 7, Monitoring: no block covers this step: who notices when the "
                                           "model or its data degrade in production?")


def test_custom_blocks_cover_no_step() -> None:
    design = Design().block("x", "custom")
    assert not any(covered for covered, _ in steps_of(design).values())
    assert uncovered_steps(design) == [1, 2, 3, 4, 5, 6, 7]


def test_coverage_lists_every_block_of_a_stage_in_diagram_order() -> None:
    steps = steps_of(healthy())
    assert steps[3] == (True, ("events", "lake", "features", "offline_fs", "online_fs"))
    assert steps[6][1] == ("client", "gateway", "cands", "index", "indexer", "ranker", "rerank", "registry")
    assert steps[7][1] == ("monitor",)
    assert all(covered for covered, _ in steps.values())


def test_stage_coverage_names_the_missing_step_and_hints_a_fix() -> None:
    design = healthy().remove("eval").remove("ab")
    found = design.findings("stage-coverage")
    assert [f.stage for f in found] == [5]
    assert found[0].message == ("Step 5, Evaluation: no block covers this step: how is a new model judged before it "
                                "reaches users, and on live traffic?")
    assert "Offline evaluation" in found[0].hint
