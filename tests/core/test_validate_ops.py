"""missing-monitoring and no-alerting (step 7)."""

from __future__ import annotations

from tests.core.validate_helpers import Design, healthy, one


def serving_with_monitor(flow: str, towards_monitor: bool = True, kind: str = "ranking", **props) -> Design:
    d = Design().block("s", kind, "Scorer", **props).block("m", "monitoring", "Monitor")
    return d.connect("s", "m", flow) if towards_monitor else d.connect("m", "s", flow)


def test_missing_monitoring_fires_for_an_unwatched_serving_block() -> None:
    design = healthy().disconnect("ranker", "monitor")
    finding = one(design, "missing-monitoring")
    assert finding.severity == "error" and finding.stage == 7
    assert finding.blocks == ("ranker",)
    assert finding.message == "Ranking has no observe connector to a monitoring block"
    assert finding.hint == "connect Ranking to a Monitoring block with an observe connector"


def test_missing_monitoring_accepts_observe_either_way() -> None:
    assert serving_with_monitor("observe").findings("missing-monitoring") == []
    assert serving_with_monitor("observe", towards_monitor=False).findings("missing-monitoring") == []


def test_missing_monitoring_needs_the_observe_flow_and_a_monitoring_block() -> None:
    for flow in ("data", "request", "feedback", "model"):
        assert serving_with_monitor(flow).findings("missing-monitoring"), flow
    not_a_monitor = Design().block("s", "ranking").block("log", "logging").connect("s", "log", "observe")
    assert not_a_monitor.findings("missing-monitoring")


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
    assert finding.message == "Monitor sends nothing to an alerting block"
    design.block("drift", "monitoring", "Drift").connect("features", "drift", "observe")
    assert [f.blocks for f in design.findings("no-alerting")] == [("drift",), ("monitor",)]  # sorted by block ids


def test_no_alerting_accepts_any_flow_but_only_outgoing_to_alerting() -> None:
    d = Design().block("m", "monitoring").block("a", "alerting")
    assert d.connect("m", "a", "data").findings("no-alerting") == []
    backwards = Design().block("m", "monitoring").block("a", "alerting").connect("a", "m", "observe")
    assert backwards.findings("no-alerting")
    assert Design().block("a", "alerting").findings("no-alerting") == []
