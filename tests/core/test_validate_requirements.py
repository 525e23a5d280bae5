"""Step 1 rules: no-latency-slo, no-success-metrics, implausible-scale."""

from __future__ import annotations

import pytest

from tests.core.correct_designs import pure_batch_churn
from tests.core.validate_helpers import Design, healthy, one

# --- no-latency-slo ----------------------------------------------------------------------------------------------

def test_an_online_model_on_the_request_path_without_an_slo_fires() -> None:
    design = healthy().require(latency_slo_ms=None)
    finding = one(design, "no-latency-slo")
    assert finding.severity == "warning" and finding.stage == 1 and finding.blocks == ("cands", "ranker")
    assert finding.message.startswith("Step 1, Requirements: “Candidates” and “Ranking” answer requests online, but no "
                                      "latency SLO")


def test_no_slo_is_asked_of_batch_designs_or_models_off_the_request_path() -> None:
    assert pure_batch_churn().findings("no-latency-slo") == []
    assert Design().block("s", "ranking").findings("no-latency-slo") == []  # online, but no request path yet
    on_path = Design().block("c", "client").block("s", "ranking").connect("c", "s", "request")
    assert one(on_path, "no-latency-slo").blocks == ("s",)
    assert on_path.set("s", mode="batch").findings("no-latency-slo") == []


# --- no-success-metrics ---------------------------------------------------------------------------------------

def test_no_online_metrics_fires_once() -> None:
    finding = one(healthy().require(online_metrics=[]), "no-success-metrics")
    assert finding.severity == "warning" and finding.stage == 1
    assert finding.message.startswith("Step 1, Requirements: no online metric")


def test_no_offline_metrics_anywhere_fires_and_names_the_gates() -> None:
    design = healthy().require(offline_metrics=[" "]).set("eval", metrics=[])
    finding = one(design, "no-success-metrics")
    assert finding.message.startswith("Step 1, Requirements: no offline metric") and finding.blocks == ("eval",)
    assert healthy().require(offline_metrics=[]).findings("no-success-metrics") == []  # the gate has nDCG


def test_both_missing_give_two_findings_and_a_design_without_a_model_none() -> None:
    design = healthy().require(offline_metrics=[], online_metrics=[]).set("eval", metrics=[])
    assert len(design.findings("no-success-metrics")) == 2
    assert Design(business_objective="x").block("c", "client").findings("no-success-metrics") == []


# --- implausible-scale -----------------------------------------------------------------------------------------

def test_peak_qps_ten_times_the_daily_users_fires() -> None:
    design = healthy().require(dau=1_000_000, qps_peak=10_000_000)
    finding = one(design, "implausible-scale")
    assert finding.severity == "warning" and finding.stage == 1 and finding.blocks == ()
    assert "10,000,000 QPS at peak from 1,000,000 daily users" in finding.message
    assert "288,000 requests per user per day even with a 3x peak (plausible: up to 100)" in finding.message


def test_the_ceiling_is_dau_times_requests_per_user_over_a_day_times_the_peak_factor() -> None:
    # 8,640,000 users x 100 / 86,400 x 3 = 30,000 QPS
    assert healthy().require(dau=8_640_000, qps_peak=30_000).findings("implausible-scale") == []
    assert healthy().require(dau=8_640_000, qps_peak=30_001).findings("implausible-scale")
    tuned = healthy().require(dau=8_640_000, qps_peak=60_000)
    tuned.rules = {"params": {"peak_factor": 6}}
    assert tuned.findings("implausible-scale") == []
    tuned.rules = {"params": {"max_requests_per_user_day": 10}}
    assert tuned.findings("implausible-scale")


def test_a_peak_below_the_average_of_the_designs_own_requests_per_user_fires() -> None:
    # 8,640,000 users x 10 requests / 86,400 = 1,000 QPS on average
    design = healthy().require(dau=8_640_000, qps_peak=500)
    assert design.findings("implausible-scale") == []  # no requests per user stated: no average to compare
    design.estimates = {"requests_per_user_per_day": 10}
    finding = one(design, "implausible-scale")
    assert finding.severity == "warning" and finding.stage == 1 and finding.blocks == ()
    assert ("500 QPS at peak is below the average of 1,000 QPS that 8,640,000 daily users x 10 requests per user "
            "per day make") in finding.message
    assert design.require(qps_peak=900).findings("implausible-scale") == []  # rounding slack
    assert design.require(qps_peak=899).findings("implausible-scale")
    assert design.require(qps_peak=2_500).findings("implausible-scale") == []


def test_missing_numbers_are_not_implausible() -> None:
    assert healthy().require(dau=None, qps_peak=10**9).findings("implausible-scale") == []
    assert healthy().require(dau=0, qps_peak=1).findings("implausible-scale")


def test_more_candidates_than_the_corpus_fires_at_step_6() -> None:
    design = healthy().require(corpus_size=1_000).set("cands", candidates_out=2_000)
    finding = one(design, "implausible-scale")
    assert finding.stage == 6 and finding.blocks == ("cands",)
    assert "“Candidates” passes on 2,000 candidates from a corpus of only 1,000 items" in finding.message
    assert healthy().require(corpus_size=2_000).set("cands", candidates_out=2_000).findings("implausible-scale") == []


@pytest.mark.parametrize(("candidates", "fires"), [(3_000, False), (3_001, True)])
def test_the_ranker_must_score_its_candidates_within_its_p99(candidates: int, fires: bool) -> None:
    design = healthy().set("cands", candidates_out=candidates)  # ranker p99 60 ms x 50 items per ms = 3,000
    found = design.findings("implausible-scale")
    assert bool(found) == fires
    if fires:
        assert found[0].blocks == ("ranker", "cands") and found[0].stage == 6
        assert "“Ranking” must score 3,001 candidates from “Candidates” within its 60 ms p99" in found[0].message


def test_candidates_from_several_sources_add_up_and_precomputed_ones_count() -> None:
    design = healthy().set("cands", candidates_out=2_000)
    design.block("trending", "candidate_generation", "Trending", uses_model=False, candidates_out=500, mode="batch")
    design.block("kv", "data_store", "Trending (KV)", store_type="kv", p99_ms=2)
    design.connect("trending", "kv", "data").connect("kv", "ranker", "data")
    assert design.findings("implausible-scale") == []
    design.set("trending", candidates_out=1_500)
    assert one(design, "implausible-scale").blocks == ("ranker", "cands", "trending")
    design.rules = {"params": {"ranker_items_per_ms": 100}}
    assert design.findings("implausible-scale") == []


def test_findings_about_the_requirements_card_name_its_fields() -> None:
    """Where the app puts the cursor for a finding about no block: the card fields the finding is about."""
    from components.model import Diagram, Requirements
    from components.validate import validate

    by_step = {f.stage: f.fields for f in validate(Diagram()) if f.rule == "stage-coverage"}
    assert by_step[1][:1] == ("business_objective",) and "dau" in by_step[1]
    assert by_step[2] == ("ml_objective", "task_type") and by_step[7] == ()
    framed = Diagram(requirements=Requirements(ml_objective="P(click)"))
    assert {f.stage: f.fields for f in validate(framed) if f.rule == "stage-coverage"}[2] == ("task_type",)
