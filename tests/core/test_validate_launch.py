"""Step 5 launch rules: ab-test-without-control, continual-training-gate, index-outside-experiment."""

from __future__ import annotations

import pytest

from tests.core.correct_designs import precomputed_candidates
from tests.core.validate_helpers import Design, healthy, one

# --- ab-test-without-control -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("strategy", "traffic", "says"), [
    ("ab_test", 100, "sends 100% of traffic to the new model: no control group"),
    ("ab_test", 0, "sends 0% of traffic to the new model"),
    ("canary", 100, "is a canary on 100% of traffic: that is a full rollout"),
    ("canary", 0, "sends 0% of traffic"),
])
def test_an_experiment_without_control_or_without_treatment_fires(strategy: str, traffic: int, says: str) -> None:
    finding = one(healthy().set("ab", strategy=strategy, traffic_percent=traffic), "ab-test-without-control")
    assert finding.severity == "warning" and finding.stage == 5 and finding.blocks == ("ab",)
    assert finding.message.startswith(f"Step 5, Evaluation: “A/B test” {says}")


@pytest.mark.parametrize(("strategy", "traffic"), [("ab_test", 50), ("ab_test", 1), ("canary", 5), ("shadow", 100),
                                                    ("interleaving", 100), ("bandit", 100)])
def test_shares_with_a_control_and_shadow_runs_on_all_traffic_are_fine(strategy: str, traffic: int) -> None:
    assert healthy().set("ab", strategy=strategy, traffic_percent=traffic).findings("ab-test-without-control") == []


# --- continual-training-gate ----------------------------------------------------------------------------------

ROUTINE = {"hourly": "every hour", "continuous": "continuously", "daily": "every day", "weekly": "every week"}


@pytest.mark.parametrize("cadence", list(ROUTINE))
def test_routine_retraining_through_an_ab_test_only_fires(cadence: str) -> None:
    design = healthy().set("train", cadence=cadence)
    found = design.findings("continual-training-gate")
    assert [f.blocks for f in found] == [("cands", "train", "ab"), ("ranker", "train", "ab")]
    assert {(f.severity, f.stage) for f in found} == {("warning", 5)}
    assert found[1].message == (f"Step 5, Evaluation: “Training” retrains {ROUTINE[cadence]}, yet every new model reaches "
                                "“Ranking” only through “A/B test”: an A/B test takes one to two weeks, so refreshes "
                                "pile up behind it")
    assert found[1].hint.startswith("give “Training”'s refreshes an automated path")


@pytest.mark.parametrize("cadence", ["once", "on_demand"])
def test_a_model_trained_once_or_on_demand_is_a_model_change_and_may_go_through_an_ab_test(cadence: str) -> None:
    assert healthy().set("train", cadence=cadence).findings("continual-training-gate") == []


@pytest.mark.parametrize("cadence", ["hourly", "daily", "weekly"])
def test_an_automated_canary_path_beside_the_ab_test_is_the_fix(cadence: str) -> None:
    design = healthy().set("train", cadence=cadence)
    design.block("canary", "online_experiment", "Canary", strategy="canary", traffic_percent=5)
    design.connect("registry", "canary", "model").connect("canary", "ranker", "model").connect("canary", "cands", "model")
    assert design.findings("continual-training-gate") == []
    assert healthy().set("train", cadence=cadence).set("ab", strategy="canary").findings("continual-training-gate") == []


def test_a_shadow_run_before_the_ab_test_is_not_a_way_around_it() -> None:
    """registry -> shadow -> A/B test -> serving: every refresh still waits for the A/B test."""
    design = healthy().set("train", cadence="weekly").disconnect("registry", "ab")
    design.block("shadow", "online_experiment", "Shadow", strategy="shadow", traffic_percent=100)
    design.chain("model", "registry", "shadow", "ab")
    assert [f.blocks for f in design.findings("continual-training-gate")] == [("cands", "train", "ab"),
                                                                              ("ranker", "train", "ab")]
    design.connect("shadow", "ranker", "model").connect("shadow", "cands", "model")  # the automated path
    assert design.findings("continual-training-gate") == []


def test_a_batch_model_refreshed_weekly_through_an_ab_test_only_fires_too() -> None:
    design = precomputed_candidates().set("tr_tt", cadence="weekly")
    design.block("tt_ab", "online_experiment", "A/B test", strategy="ab_test", traffic_percent=5)
    design.disconnect("tt_registry", "retrieve").chain("model", "tt_registry", "tt_ab", "retrieve")
    assert [f.blocks for f in design.findings("continual-training-gate")] == [("retrieve", "tr_tt", "tt_ab")]
    assert precomputed_candidates().set("tr_tt", cadence="weekly").findings("continual-training-gate") == []


# --- index-outside-experiment ---------------------------------------------------------------------------------

def test_an_encoder_tested_against_an_index_built_with_the_registry_model_fires() -> None:
    design = healthy().disconnect("ab", "indexer").connect("registry", "indexer", "model")
    finding = one(design, "index-outside-experiment")
    assert finding.severity == "warning" and finding.stage == 5
    assert finding.blocks == ("cands", "index", "indexer", "ab")
    assert finding.message.startswith("Step 5, Evaluation: “Candidates” gets its model through “A/B test”, but “ANN index” "
                                      "is built by “Indexer” with the model straight from “Registry”")


def test_the_querier_may_sit_one_request_hop_before_the_index() -> None:
    """An encoder service in front of a rule-based nearest-neighbour lookup (visual search)."""
    design = Design().block("client", "client").block("enc", "inference_service", "Encoder")
    design.block("nn", "candidate_generation", "NN lookup", uses_model=False).block("ann", "vector_index", "ANN")
    design.block("idx", "indexing_pipeline", "Indexing").block("reg", "model_registry", "Registry")
    design.block("ab", "online_experiment", "A/B test")
    design.chain("request", "client", "enc", "nn", "ann").connect("idx", "ann", "data")
    design.connect("reg", "ab", "model").connect("ab", "enc", "model").connect("reg", "idx", "model")
    assert one(design, "index-outside-experiment").blocks == ("enc", "ann", "idx", "ab")
    design.disconnect("reg", "idx").connect("ab", "idx", "model")
    assert design.findings("index-outside-experiment") == []


def test_no_experiment_on_the_querier_or_no_model_in_the_index_is_not_this_mistake() -> None:
    design = healthy().disconnect("ab", "indexer").connect("registry", "indexer", "model")
    design.disconnect("ab", "cands").connect("registry", "cands", "model")
    assert design.findings("index-outside-experiment") == []
    no_model = healthy().disconnect("ab", "indexer")
    assert no_model.findings("index-outside-experiment") == []
    assert precomputed_candidates().findings("index-outside-experiment") == []
