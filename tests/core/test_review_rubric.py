"""The rubric pinned on hand-made designs: for each step, a design at every score level 3, 2, 1 and 0,
each taking one more thing away; plus the batch wording, refuting findings and the skeleton."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from components.model import Diagram
from components.model.estimates import EstimateInputs
from components.review import review
from components.review.rubric import RUBRIC
from components.templates import TEMPLATE_IDS, load_template
from tests.core.review_helpers import CoachDesign, step_scores, strong

Breaker = Callable[[CoachDesign], CoachDesign]


def no_slo(d: CoachDesign) -> CoachDesign:
    d.requirements.pop("latency_slo_ms")
    return d


def no_scale(d: CoachDesign) -> CoachDesign:
    for name in ("dau", "qps_peak"):
        d.requirements.pop(name)
    return no_slo(d)


def no_outputs(d: CoachDesign) -> CoachDesign:
    return d.require(outputs="")


def no_ml_objective(d: CoachDesign) -> CoachDesign:
    return no_outputs(d).require(ml_objective="")


def no_task(d: CoachDesign) -> CoachDesign:
    return no_ml_objective(d).require(task_type="")


def skewed(d: CoachDesign) -> CoachDesign:
    return d.disconnect("features", "online_fs")  # feature-store-unfed: the online store is fed by nothing


def skewed_unlabelled(d: CoachDesign) -> CoachDesign:
    return skewed(d).disconnect("rerank", "logs").disconnect("logs", "events").set("logs", logs=["predictions"])


def skewed_unlabelled_unfed(d: CoachDesign) -> CoachDesign:
    return skewed_unlabelled(d).disconnect("offline_fs", "train")


def unargued(d: CoachDesign) -> CoachDesign:
    d.tradeoffs.clear()
    return d


def unargued_once(d: CoachDesign) -> CoachDesign:
    return unargued(d).set("train", cadence="once")


def unargued_once_unshipped(d: CoachDesign) -> CoachDesign:
    return unargued_once(d).disconnect("train", "eval")


def no_control(d: CoachDesign) -> CoachDesign:
    return d.set("ab", traffic_percent=100)


def no_control_no_gate(d: CoachDesign) -> CoachDesign:
    return no_control(d).remove("eval").connect("train", "registry", "model").require(offline_metrics=["nDCG"])


def no_control_no_gate_no_metrics(d: CoachDesign) -> CoachDesign:
    return no_control_no_gate(d).require(offline_metrics=[])


def unsized(d: CoachDesign) -> CoachDesign:
    return d.unset("cands", "candidates_out")


def unsized_slow(d: CoachDesign) -> CoachDesign:
    return unsized(d).set("ranker", p99_ms=500)


def unsized_slow_unregistered(d: CoachDesign) -> CoachDesign:
    return unsized_slow(d).remove("registry").connect("eval", "ab", "model")


def quality_only(d: CoachDesign) -> CoachDesign:
    return d.set("monitor", target=["model_quality"])


def quality_only_unalerted(d: CoachDesign) -> CoachDesign:
    return quality_only(d).remove("alerts")


def unmonitored(d: CoachDesign) -> CoachDesign:
    return quality_only_unalerted(d).remove("monitor")


LEVELS: dict[int, tuple[Breaker, Breaker, Breaker]] = {
    1: (no_slo, no_scale, lambda d: no_scale(d).require(business_objective="")),
    2: (no_outputs, no_ml_objective, no_task),
    3: (skewed, skewed_unlabelled, skewed_unlabelled_unfed),
    4: (unargued, unargued_once, unargued_once_unshipped),
    5: (no_control, no_control_no_gate, no_control_no_gate_no_metrics),
    6: (unsized, unsized_slow, unsized_slow_unregistered),
    7: (quality_only, quality_only_unalerted, unmonitored),
}


def test_the_strong_design_earns_every_point() -> None:
    result = review(strong().build())
    assert [step.score for step in result.steps] == [3] * 7
    assert result.total == result.maximum == 21
    assert result.summary == "21/21. Every step earns all its points."
    assert all(point.evidence and not point.gap for step in result.steps for point in step.points)


@pytest.mark.parametrize("step", range(1, 8))
@pytest.mark.parametrize("level", [2, 1, 0])
def test_each_step_at_each_score_level(step: int, level: int) -> None:
    design = LEVELS[step][2 - level](strong())
    result = review(design.build())
    reviewed = result.steps[step - 1]
    assert reviewed.score == level, [point.gap for point in reviewed.points]
    assert len(reviewed.gaps) == 3 - level and all(reviewed.gaps)


def test_a_point_lost_to_a_finding_names_it_as_evidence_and_gap() -> None:
    result = review(skewed(strong()).build())
    point = result.steps[2].points[2]
    assert not point.earned and [finding.rule for finding in point.findings] == ["feature-store-unfed"]
    message = point.findings[0].message
    assert message.startswith("Step 3, Data: nothing writes “Online store”")
    gap = message.removeprefix("Step 3, Data: ")
    assert point.gap == gap[0].upper() + gap[1:]  # the step's own finding: the row says the step
    assert point.evidence[-1] == f"Finding (warning, feature-store-unfed): {point.gap}"
    assert "online_fs" in point.blocks


def test_a_finding_of_another_step_keeps_its_step() -> None:
    design = strong().set("online_fs", tier="offline")  # serving now reads an offline store: a step 6 error
    point = review(design.build()).steps[2].points[2]
    assert "online-reads-offline" in [finding.rule for finding in point.findings]
    assert point.gap.startswith("Step 6, Deployment and serving: ")


def test_an_info_finding_costs_nothing() -> None:
    design = skewed(strong())
    design.rules = {"severity": {"feature-store-unfed": "info"}}
    result = review(design.build())
    assert "feature-store-unfed" in [finding.rule for finding in result.findings]
    assert result.steps[2].points[2].earned


def test_a_hop_without_a_p99_costs_the_request_path_point_in_the_rules_words() -> None:
    result = review(strong().set("ranker", p99_ms=None).build())
    finding = next(finding for finding in result.findings if finding.rule == "latency-unestimated")
    point = result.steps[5].points[1]
    assert finding.severity == "info" and not point.earned and point.blocks == ("ranker",)
    assert point.gap == "“Ranking” is on the request path but has no p99 latency estimate"


def test_the_task_must_be_served_by_a_fitting_block() -> None:
    d = CoachDesign(task_type="recommendation").block("svc", "inference_service", "Scorer")
    point = review(d.build()).steps[1].points[2]
    assert not point.earned
    assert point.gap == ("The task is recommendation but no served model carries it out (expected one of: "
                         "ranking and candidate generation)")
    served = review(d.require(task_type="binary_classification").build()).steps[1].points[2]
    assert served.earned and served.evidence == ("The binary classification task is served by “Scorer”",)


def batch_design() -> CoachDesign:
    """A nightly scoring job writing a prediction store that the app reads through the gateway."""
    d = CoachDesign(business_objective="More connections", volume_per_run=300_000_000, run_window_hours=6)
    d.block("lake", "data_store", "Lake", store_type="lake")
    d.block("train", "training_pipeline", "Training")
    d.block("registry", "model_registry", "Registry")
    d.block("job", "inference_service", "Nightly scoring", mode="batch")
    d.block("preds", "prediction_store", "Suggestions")
    d.block("client", "client", "App")
    d.block("gw", "api_gateway", "Gateway", p99_ms=20)
    d.chain("data", "lake", "train")
    d.chain("model", "train", "registry", "job")
    d.connect("job", "preds", "data")
    d.chain("request", "client", "gw", "preds")
    return d


def test_a_batch_design_is_asked_for_volume_and_run_window_not_dau_or_slo() -> None:
    result = review(batch_design().build())
    requirements = result.steps[0]
    assert requirements.score == 3
    assert requirements.points[1].evidence == ("Scale: volume per run 300,000,000",)
    assert requirements.points[2].evidence == ("Run window: 6 h",)
    serving = result.steps[5]
    assert serving.points[1].evidence == ("“Nightly scoring” writes “Suggestions”, read by “Gateway”",)
    assert serving.points[2].earned and serving.points[2].evidence[0].startswith("Batch throughput ≈ 13,900 items/s")
    bare = batch_design()
    bare.requirements.pop("volume_per_run")
    bare.requirements.pop("run_window_hours")
    points = review(bare.require(dau=1_000_000, latency_slo_ms=100).build()).steps[0].points
    assert [point.earned for point in points] == [True, False, False]
    assert points[1].gap.startswith("A batch system states its scale as the volume per run")


@pytest.mark.parametrize("template_id", [template_id for template_id in TEMPLATE_IDS
                                         if template_id != "seven-step-skeleton"])
def test_every_template_scores_at_least_two_on_every_step(template_id: str) -> None:
    result = review(load_template(template_id))
    assert [(step.number, step.gaps) for step in result.steps if step.score < 2] == []


def test_the_skeleton_scores_zero_and_says_why_for_every_point() -> None:
    result = review(load_template("seven-step-skeleton"))
    assert result.total == 0 and result.summary == "0/21. All 7 steps score 0/3."
    gaps = [point.gap for step in result.steps for point in step.points]
    assert len(gaps) == 21 and all(gaps)
    assert gaps[0].startswith("No business objective")
    assert gaps[-3] == "No monitoring: watch the served models in production"


def test_the_summary_names_the_weakest_steps() -> None:
    assert review(quality_only(strong()).build()).weakest == "Weakest: step 7, Monitoring (2/3)."
    both = review(unsized(quality_only(strong())).build())
    assert both.weakest == "Weakest: steps 6 (Deployment and serving) and 7 (Monitoring), 2/3 each."


def test_the_rubric_has_three_documented_points_per_step() -> None:
    assert [entry.key for entry in RUBRIC] == [f"{step}.{place}" for step in range(1, 8) for place in (1, 2, 3)]
    for entry in RUBRIC:
        assert entry.title and entry.earns.endswith(".") and entry.description, entry.key
    from components.model import RULE_IDS
    from components.review.facts import refuter

    refuters = [refuter(name) for entry in RUBRIC for name in entry.refuted_by]
    assert {rule for rule, _ in refuters} <= set(RULE_IDS)
    assert {step for _, step in refuters} <= {None, *range(1, 8)}


def test_scores_never_depend_on_ids_or_labels() -> None:
    design = strong()
    renamed = CoachDesign(**design.requirements)
    mapping = {block_id: f"b{index}" for index, block_id in enumerate(design.blocks)}
    for block_id, (kind, props, _label) in design.blocks.items():
        renamed.block(mapping[block_id], kind, "", **props)
    for _cid, source, target, flow in design.edges:
        renamed.connect(mapping[source], mapping[target], flow)
    for block_id, text in design.tradeoffs.items():
        renamed.tradeoff(mapping[block_id], text)
    assert step_scores(renamed) == step_scores(design) == [3] * 7


def test_every_online_model_must_read_its_features_at_request_time() -> None:
    point = review(strong().disconnect("online_fs", "cands").build()).steps[2].points[2]
    assert not point.earned and [finding.rule for finding in point.findings] == ["no-feature-source"]
    assert "cands" in point.blocks
    assert point.gap.startswith("“Candidates” answers requests online but reads no features at request time")
    carried = review(strong().disconnect("online_fs", "cands").set("cands", features_in_request=True).build())
    assert carried.steps[2].points[2].earned
    assert "The request carries the features of “Candidates”" in carried.steps[2].points[2].evidence


def asynchronous_design() -> CoachDesign:
    """Uploads answered at once; a classifier scores the post stream and hands scores to enforcement."""
    d = CoachDesign(latency_slo_ms=300)
    d.block("app", "client", "Posting app")
    d.block("upload", "api_gateway", "Upload API", p99_ms=40)
    d.block("posts", "event_stream", "New posts")
    d.block("embed", "feature_pipeline", "Embeddings", mode="streaming")
    d.block("clf", "inference_service", "Harm classifier", p99_ms=150)
    d.block("enforce", "custom", "Enforcement")
    d.chain("request", "app", "upload")
    d.chain("data", "upload", "posts", "embed", "clf", "enforce")
    return d


def test_a_model_scoring_a_stream_off_the_request_path_reaches_the_product() -> None:
    point = review(asynchronous_design().build()).steps[5].points[1]
    assert point.earned, point.gap
    assert point.evidence == ("Slowest path “Posting app” → “Upload API”: 40 ms at p99 of the 300 ms SLO",
                              "“Harm classifier” scores events asynchronously from “Embeddings” and hands its "
                              "decisions to “Enforcement”")
    batch_fed = asynchronous_design().set("embed", mode="batch")
    assert review(batch_fed.build()).steps[5].points[1].gap.startswith("No request path")


def _memory(diagram: Diagram) -> Diagram:
    return diagram.model_copy(update={"estimates": EstimateInputs(memory_gb_per_host=1)})


# (what breaks, the rule that must report it, the point it costs)
REFUTED: tuple[tuple[Callable[[CoachDesign], CoachDesign], str, str], ...] = (
    (lambda d: d.require(dau=1_000_000, qps_peak=10_000_000), "implausible-scale", "1.2"),
    (lambda d: d.set("cands", candidates_out=100_000_000), "implausible-scale", "6.3"),
    (no_slo, "no-latency-slo", "1.3"),
    (lambda d: d.require(offline_metrics=["RMSE"]).set("eval", metrics=["RMSE"]), "offline-metric-fit", "5.1"),
    (lambda d: d.require(online_metrics=["accuracy"]), "online-metric-fit", "5.3"),
    (no_control, "ab-test-without-control", "5.3"),
    (lambda d: d.set("train", cadence="hourly"), "continual-training-gate", "5.3"),
    (lambda d: d.disconnect("ab", "indexer").connect("registry", "indexer", "model"), "index-outside-experiment",
     "5.3"),
    (lambda d: d.connect("ranker", "train", "request"), "batch-on-request-path", "6.2"),
    (lambda d: d.set("monitor", target=["system", "data_drift"]), "no-quality-monitoring", "7.2"),
    (lambda d: d.set("monitor", target=["system", "model_quality"]), "no-drift-monitoring", "7.2"),
    (lambda d: d.set("monitor", target=["data_drift", "model_quality"]), "no-system-monitoring", "7.2"),
)


@pytest.mark.parametrize(("breaker", "rule", "key"), REFUTED, ids=[f"{key}-{rule}" for _, rule, key in REFUTED])
def test_the_validator_findings_cost_the_point_they_contradict(breaker: Breaker, rule: str, key: str) -> None:
    result = review(breaker(strong()).build())
    lost = {point.criterion.key: point for step in result.steps for point in step.points if not point.earned}
    assert key in lost and rule in [finding.rule for finding in lost[key].findings], sorted(lost)


def test_one_rule_costs_each_step_only_its_own_findings() -> None:
    traffic = review(strong().require(dau=1_000_000, qps_peak=10_000_000).build())
    assert not traffic.steps[0].points[1].earned and traffic.steps[5].points[2].earned
    funnel = review(strong().set("cands", candidates_out=100_000_000).build())
    assert funnel.steps[0].points[1].earned and not funnel.steps[5].points[2].earned


def test_an_index_bigger_than_its_hosts_costs_the_sizing_point() -> None:
    result = review(_memory(strong().build()))
    point = result.steps[5].points[2]
    assert not point.earned and [finding.rule for finding in point.findings] == ["index-exceeds-memory"]
    assert point.gap.startswith("The vectors of “ANN index” need 10.2 GB")


def test_the_sizing_evidence_gives_the_index_memory_at_the_designs_own_precision() -> None:
    evidence = review(strong().build()).steps[5].points[2].evidence
    assert "ANN index memory, float32: 10.2 GB" in evidence  # the typical precision when none is stated
    design = strong().build()
    design.estimates = EstimateInputs(embedding_precision="pq", pq_code_bytes=64)
    evidence = review(design).steps[5].points[2].evidence
    assert "ANN index memory, PQ: 640 MB" in evidence and not any("float32" in line for line in evidence)
