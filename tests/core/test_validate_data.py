"""online-reads-offline, training-reads-online-store and training-serving-skew: where features live."""

from __future__ import annotations

import pytest

from tests.core.validate_helpers import Design, healthy, one


def serving_and_store(store_kind: str, flow: str, into_serving: bool = True, mode: str = "online",
                      **store_props) -> Design:
    d = Design().block("s", "ranking", "Ranker", mode=mode).block("st", store_kind, "Store", **store_props)
    return d.connect("st", "s", flow) if into_serving else d.connect("s", "st", flow)


# --- online-reads-offline ---------------------------------------------------------------------------------

@pytest.mark.parametrize("flow", ["data", "request"])
@pytest.mark.parametrize("store", [("data_store", {}), ("feature_store", {"tier": "offline"})], ids=["warehouse", "offline-fs"])
def test_online_serving_reading_offline_storage_fires(flow: str, store: tuple[str, dict]) -> None:
    design = serving_and_store(store[0], flow, **store[1])
    finding = one(design, "online-reads-offline")
    assert finding.severity == "error" and finding.stage == 6
    assert finding.blocks == ("s", "st") and finding.connectors == ("c1",)
    assert finding.message == "Ranker serves online but reads Store, offline storage, on the request path"


def test_online_serving_calling_offline_storage_fires() -> None:
    assert serving_and_store("data_store", "request", into_serving=False).findings("online-reads-offline")
    # writing results to a store is fine (a data connector out of serving)
    assert serving_and_store("data_store", "data", into_serving=False).findings("online-reads-offline") == []


@pytest.mark.parametrize("flow", ["feedback", "observe", "model"])
def test_other_flows_from_offline_storage_are_not_reads(flow: str) -> None:
    assert serving_and_store("data_store", flow).findings("online-reads-offline") == []


def test_online_storage_is_fine() -> None:
    assert serving_and_store("feature_store", "data", tier="online").findings("online-reads-offline") == []
    for kind in ("cache", "prediction_store", "vector_index"):
        assert serving_and_store(kind, "data").findings("online-reads-offline") == []


def test_batch_serving_may_read_the_warehouse() -> None:
    assert serving_and_store("data_store", "data", mode="batch").findings("online-reads-offline") == []


def test_rule_based_retrieval_is_not_model_serving() -> None:
    design = Design().block("c", "candidate_generation", uses_model=False).block("w", "data_store")
    assert design.connect("w", "c", "data").findings("online-reads-offline") == []
    design.set("c", uses_model=True)
    assert design.findings("online-reads-offline")


def test_one_finding_per_serving_block_listing_every_store() -> None:
    design = healthy().connect("lake", "ranker", "data", "x1").connect("offline_fs", "ranker", "request", "x2")
    finding = one(design, "online-reads-offline")
    assert finding.blocks == ("ranker", "lake", "offline_fs") and finding.connectors == ("x1", "x2")
    assert "Lake and Offline store" in finding.message


# --- training-reads-online-store ------------------------------------------------------------------------------

def test_training_reading_the_online_store_fires() -> None:
    design = healthy().connect("online_fs", "train", "data", "bad")
    finding = one(design, "training-reads-online-store")
    assert finding.severity == "warning" and finding.stage == 3
    assert finding.blocks == ("train", "online_fs") and finding.connectors == ("bad",)
    assert finding.message == "Training reads the online feature store Online store"


def test_training_from_the_offline_store_or_other_blocks_is_fine() -> None:
    assert healthy().findings("training-reads-online-store") == []
    design = Design().block("fs", "feature_store", tier="online").block("t", "training_pipeline")
    assert design.connect("t", "fs", "data").findings("training-reads-online-store") == []  # writing, not reading
    design.connect("fs", "t", "feedback")
    assert design.findings("training-reads-online-store")  # any flow in counts


# --- training-serving-skew ---------------------------------------------------------------------------------------

def test_online_store_fed_by_a_separate_pipeline_fires() -> None:
    design = healthy().disconnect("features", "online_fs")
    design.block("stream_fp", "feature_pipeline", "Streaming features", mode="streaming")
    design.connect("events", "stream_fp", "data").connect("stream_fp", "online_fs", "data")
    finding = one(design, "training-serving-skew")
    assert finding.severity == "warning" and finding.stage == 3 and finding.blocks == ("online_fs",)
    assert "Online store is not fed by a feature pipeline that also writes an offline feature store" in finding.message


def test_online_store_fed_by_nothing_fires_when_an_offline_store_exists() -> None:
    design = healthy().disconnect("features", "online_fs")
    assert one(design, "training-serving-skew").blocks == ("online_fs",)


def test_no_offline_store_means_no_skew_to_report() -> None:
    design = Design().block("fs", "feature_store", tier="online")
    assert design.findings("training-serving-skew") == []
    design.block("off", "feature_store", tier="offline")
    assert design.findings("training-serving-skew")


def test_the_shared_feeder_must_be_a_feature_pipeline() -> None:
    design = (Design().block("on", "feature_store", tier="online").block("off", "feature_store", tier="offline")
              .block("job", "custom").connect("job", "on", "data").connect("job", "off", "data"))
    assert design.findings("training-serving-skew")
    design.blocks["job"] = ("feature_pipeline", {}, "Job")
    assert design.findings("training-serving-skew") == []
