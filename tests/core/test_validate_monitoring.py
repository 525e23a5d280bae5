"""Step 7: missing-monitoring, what a monitor watches (quality, data drift, system health), no-alerting."""

from __future__ import annotations

import pytest

from tests.core.validate_helpers import Design, healthy, one


def serving_with_monitor(flow: str, towards_monitor: bool = True, kind: str = "ranking", **props) -> Design:
    d = Design().block("s", kind, "Scorer", **props).block("m", "monitoring", "Monitor")
    return d.connect("s", "m", flow) if towards_monitor else d.connect("m", "s", flow)


def test_missing_monitoring_fires_for_an_unwatched_serving_block() -> None:
    design = healthy().disconnect("ranker", "monitor")
    finding = one(design, "missing-monitoring")
    assert finding.severity == "error" and finding.stage == 7
    assert finding.blocks == ("ranker",)
    assert finding.message.startswith("Step 7, Monitoring: nobody watches “Ranking” in production")
    assert finding.hint == "connect “Ranking” to a Monitoring block (observe), or feed its prediction log to one"


def test_missing_monitoring_accepts_observe_either_way() -> None:
    assert serving_with_monitor("observe").findings("missing-monitoring") == []
    assert serving_with_monitor("observe", towards_monitor=False).findings("missing-monitoring") == []


def test_missing_monitoring_needs_the_observe_flow_and_a_monitoring_block() -> None:
    for flow in ("data", "request", "feedback", "model"):
        assert serving_with_monitor(flow).findings("missing-monitoring"), flow
    not_a_monitor = Design().block("s", "ranking").block("log", "logging").connect("s", "log", "observe")
    assert not_a_monitor.findings("missing-monitoring")


def monitored_through_a_log() -> Design:
    """The ranker is watched only through its prediction log: serving -> logging -> monitoring."""
    design = healthy().disconnect("ranker", "monitor")
    design.block("plog", "logging", "Prediction log", logs=["predictions", "outcomes"])
    return design.connect("ranker", "plog", "feedback").connect("plog", "monitor", "observe")


def test_a_monitor_fed_by_the_prediction_log_watches_the_model() -> None:
    assert [f for f in monitored_through_a_log().findings() if f.severity != "info"] == []


def test_a_log_counts_only_when_the_model_writes_to_it_and_it_feeds_a_monitor() -> None:
    assert monitored_through_a_log().disconnect("plog", "monitor").findings("missing-monitoring")
    assert monitored_through_a_log().disconnect("ranker", "plog").findings("missing-monitoring")
    design = monitored_through_a_log().disconnect("plog", "monitor").connect("plog", "monitor", "data")
    assert design.findings("missing-monitoring") == []  # any connector from the log into the monitor


def test_missing_monitoring_covers_every_serving_kind_and_batch_too() -> None:
    for kind in ("inference_service", "ranking", "candidate_generation"):
        assert Design().block("s", kind).findings("missing-monitoring"), kind
    assert Design().block("s", "inference_service", mode="batch").findings("missing-monitoring")


def test_rule_based_candidate_generation_needs_no_monitoring_rule() -> None:
    assert Design().block("s", "candidate_generation", uses_model=False).findings("missing-monitoring") == []
    assert Design().block("s", "reranking").findings("missing-monitoring") == []


def test_one_finding_per_unwatched_block() -> None:
    design = healthy().disconnect("ranker", "monitor").disconnect("cands", "monitor")
    found = design.findings("missing-monitoring")
    assert [f.blocks for f in found] == [("cands",), ("ranker",)]


def test_no_alerting_fires_per_silent_monitor() -> None:
    design = healthy().disconnect("monitor", "alerts")
    finding = one(design, "no-alerting")
    assert finding.severity == "warning" and finding.stage == 7 and finding.blocks == ("monitor",)
    assert finding.message.startswith("Step 7, Monitoring: “Monitor” alerts nobody")
    design.block("drift", "monitoring", "Drift").connect("features", "drift", "observe")
    assert [f.blocks for f in design.findings("no-alerting")] == [("drift",), ("monitor",)]  # sorted by block ids


def test_no_alerting_accepts_any_flow_but_only_outgoing_to_alerting() -> None:
    d = Design().block("m", "monitoring").block("a", "alerting")
    assert d.connect("m", "a", "data").findings("no-alerting") == []
    backwards = Design().block("m", "monitoring").block("a", "alerting").connect("a", "m", "observe")
    assert backwards.findings("no-alerting")
    assert Design().block("a", "alerting").findings("no-alerting") == []


# --- what the monitors watch ------------------------------------------------------------------------------------

def with_targets(*targets: str) -> Design:
    return healthy().set("monitor", target=list(targets))


def test_only_system_monitoring_on_a_model_misses_quality_and_drift() -> None:
    design = with_targets("system")
    assert {f.rule for f in design.findings()} == {"no-quality-monitoring", "no-drift-monitoring"}
    quality = design.findings("no-quality-monitoring")
    assert [f.blocks for f in quality] == [("cands", "monitor"), ("ranker", "monitor")]
    assert all(f.severity == "warning" and f.stage == 7 for f in quality)
    assert quality[1].message.startswith("Step 7, Monitoring: “Ranking” is watched, but not for the quality of its "
                                       "predictions")


def test_prediction_drift_counts_as_quality_monitoring() -> None:
    assert with_targets("system", "data_drift", "prediction_drift").findings() == []


def test_a_model_without_data_drift_monitoring_fires_once_per_model() -> None:
    design = with_targets("system", "model_quality")
    assert [(f.rule, f.blocks) for f in design.findings()] == [
        ("no-drift-monitoring", ("cands",)), ("no-drift-monitoring", ("ranker",))]


def test_data_drift_may_be_watched_on_the_feature_store_or_its_pipeline() -> None:
    for watched in ("online_fs", "features"):
        design = with_targets("system", "model_quality")
        design.block("drift", "monitoring", "Drift", target=["data_drift"]).connect(watched, "drift", "observe")
        design.connect("drift", "alerts", "observe")
        assert design.findings() == [], watched
    design = with_targets("system", "model_quality")  # the offline store is not what the model reads
    design.block("drift", "monitoring", "Drift", target=["data_drift"]).connect("offline_fs", "drift", "observe")
    design.connect("drift", "alerts", "observe")
    assert design.findings("no-drift-monitoring")


def test_system_monitoring_may_sit_anywhere_on_the_request_path() -> None:
    design = with_targets("data_drift", "model_quality")
    assert [f.blocks for f in design.findings("no-system-monitoring")] == [("cands",), ("ranker",)]
    assert design.findings("no-system-monitoring")[0].message.startswith(
        "Step 7, Monitoring: nothing watches the system health of the request path through “Candidates”")
    design.block("ops", "monitoring", "Service health", target=["system"]).connect("gateway", "ops", "observe")
    design.connect("ops", "alerts", "observe")
    assert design.findings() == []


def test_a_system_monitor_on_another_request_path_does_not_count() -> None:
    design = with_targets("data_drift", "model_quality")
    design.block("other_client", "client").block("other_gw", "api_gateway", p99_ms=1)
    design.connect("other_client", "other_gw", "request")
    design.block("ops", "monitoring", target=["system"]).connect("other_gw", "ops", "observe")
    assert len(design.findings("no-system-monitoring")) == 2


def test_batch_models_need_quality_and_drift_but_not_system_monitoring() -> None:
    design = Design().block("s", "inference_service", mode="batch").block("m", "monitoring", target=["system"])
    design.connect("s", "m", "observe")
    assert {f.rule for f in design.findings() if f.rule.endswith("-monitoring")} == {
        "no-quality-monitoring", "no-drift-monitoring"}
    design.set("m", target=["model_quality", "data_drift"])
    assert not [f for f in design.findings() if f.rule.endswith("-monitoring")]


def test_an_unwatched_model_gets_missing_monitoring_alone() -> None:
    design = healthy().disconnect("ranker", "monitor")
    assert [f.rule for f in design.findings() if f.blocks[:1] == ("ranker",)] == ["missing-monitoring"]


def test_an_online_model_fed_by_events_needs_a_system_monitor_of_its_own() -> None:
    design = Design().block("events", "event_stream").block("fp", "feature_pipeline", mode="streaming")
    design.block("clf", "inference_service", "Classifier").block("m", "monitoring", target=["model_quality"])
    design.chain("data", "events", "fp", "clf").connect("clf", "m", "observe")
    finding = one(design, "no-system-monitoring")
    assert finding.message == ("Step 7, Monitoring: nothing watches the system health of “Classifier”: errors, "
                               "throughput and lag go unseen")
    assert design.set("m", target=["model_quality", "system"]).findings("no-system-monitoring") == []


# --- quality-monitor-blind -------------------------------------------------------------------------------------

def blind() -> Design:
    """healthy() with its monitor watching the two models only: it promises quality but sees no outcomes."""
    return healthy().disconnect("logs", "monitor")


def test_a_quality_monitor_watching_only_the_serving_blocks_fires() -> None:
    finding = one(blind(), "quality-monitor-blind")
    assert finding.severity == "warning" and finding.stage == 7 and finding.blocks == ("monitor",)
    assert finding.message == ("Step 7, Monitoring: “Monitor” watches model quality, but no outcomes reach it (clicks, "
                               "labels, reports): it sees the scores, never whether they were right")
    assert finding.hint.startswith("connect the impression/outcome log, the labels or the event stream")


def test_prediction_and_data_drift_need_no_outcomes() -> None:
    assert blind().set("monitor", target=["system", "data_drift", "prediction_drift"]).findings(
        "quality-monitor-blind") == []


@pytest.mark.parametrize("feeder", ["logs", "events", "lake"])
def test_the_outcome_log_the_feedback_stream_or_the_store_they_fill_is_enough(feeder: str) -> None:
    assert blind().connect(feeder, "monitor", "observe").findings("quality-monitor-blind") == []
    assert blind().connect("monitor", feeder, "observe").findings("quality-monitor-blind") == []  # either way


def test_a_log_of_predictions_only_written_by_the_models_is_no_outcome() -> None:
    design = blind().block("plog", "logging", "Prediction log", logs=["predictions", "features"])
    design.connect("ranker", "plog", "feedback").connect("plog", "monitor", "observe")
    assert design.findings("quality-monitor-blind")
    assert design.set("plog", logs=["predictions", "outcomes"]).findings("quality-monitor-blind") == []
    design.set("plog", logs=["predictions"]).connect("client", "plog", "feedback")  # the app reports what users did
    assert design.findings("quality-monitor-blind") == []


def test_labels_reach_the_monitor_through_labeling() -> None:
    design = blind().block("raters", "labeling", "Sampled human labels").connect("raters", "monitor", "observe")
    assert design.findings("quality-monitor-blind") == []


@pytest.mark.parametrize("holder", ["online_fs", "features", "index", "indexer"])
def test_features_and_indexes_fed_by_the_events_are_not_outcomes(holder: str) -> None:
    """The feature pipeline reads the feedback stream, but what it writes is the model's input."""
    assert blind().connect(holder, "monitor", "observe").findings("quality-monitor-blind")


def test_outcomes_never_travel_through_a_serving_stage() -> None:
    """events -> a store the ranker reads -> ranker -> monitor: the ranker passes on scores, not clicks."""
    design = blind().block("kv", "data_store", "Recent clicks (KV)", store_type="kv", p99_ms=2)
    design.connect("events", "kv", "data").connect("kv", "ranker", "data")
    assert design.findings("quality-monitor-blind")
    assert design.connect("kv", "monitor", "observe").findings("quality-monitor-blind") == []


def test_each_blind_quality_monitor_fires_once() -> None:
    design = blind().block("m2", "monitoring", "Second", target=["model_quality"]).connect("ranker", "m2", "observe")
    design.connect("m2", "alerts", "observe")
    assert sorted(f.blocks for f in design.findings("quality-monitor-blind")) == [("m2",), ("monitor",)]
