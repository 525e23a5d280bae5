"""Where features live: online-reads-offline (step 6), no-feature-source, training-reads-online-store and
training-serving-skew (step 3)."""

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
    what = "a warehouse" if store[0] == "data_store" else "an offline feature store"
    assert finding.message == (f"Step 6, Deployment and serving: “Ranker” reads “Store” ({what}) on every request: "
                               "offline storage answers in seconds, not milliseconds")


@pytest.mark.parametrize("store_type", ["warehouse", "lake", "object_store"])
def test_offline_store_types_fire(store_type: str) -> None:
    assert serving_and_store("data_store", "data", store_type=store_type).findings("online-reads-offline")


@pytest.mark.parametrize("store_type", ["sql", "nosql", "kv", "search_index", "graph"])
def test_online_store_types_are_fine(store_type: str) -> None:
    assert serving_and_store("data_store", "data", store_type=store_type).findings("online-reads-offline") == []
    assert serving_and_store("data_store", "request", into_serving=False,
                             store_type=store_type).findings("online-reads-offline") == []


def test_a_ranker_reading_the_latest_user_state_from_nosql_is_correct() -> None:
    """The seed's "low-latency NoSQL database (like DynamoDB or Redis)" holding the latest user state."""
    design = healthy().block("state", "data_store", "User state (DynamoDB)", store_type="nosql", p99_ms=5)
    design.connect("state", "ranker", "data").connect("features", "state", "data")
    assert [f for f in design.findings() if f.severity != "info"] == []


@pytest.mark.parametrize("kind", ["reranking", "api_gateway"])
def test_rule_based_stages_on_the_request_path_must_not_query_the_warehouse(kind: str) -> None:
    design = healthy().block("wh", "data_store", "Warehouse", store_type="warehouse")
    stage = "rerank" if kind == "reranking" else "gateway"
    design.connect(stage, "wh", "request", "per_request")
    finding = one(design, "online-reads-offline")
    assert finding.blocks == (stage, "wh") and finding.connectors == ("per_request",)


def test_a_cache_in_front_of_an_object_store_serving_images_is_fine() -> None:
    design = Design().block("client", "client").block("cdn", "cache", "Image CDN", p99_ms=30)
    design.block("images", "data_store", "Blurred images", store_type="object_store", p99_ms=60)
    design.chain("request", "client", "cdn", "images")
    assert design.findings("online-reads-offline") == []


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


def test_rule_based_retrieval_counts_once_it_is_on_the_request_path() -> None:
    design = Design().block("c", "candidate_generation", uses_model=False).block("w", "data_store")
    assert design.connect("w", "c", "data").findings("online-reads-offline") == []
    design.block("client", "client").connect("client", "c", "request")
    assert one(design, "online-reads-offline").blocks == ("c", "w")
    design.set("c", mode="batch")  # a batch job reading the warehouse is what batch jobs do
    assert design.findings("online-reads-offline") == []
    design = Design().block("c", "candidate_generation", uses_model=True).block("w", "data_store")
    assert design.connect("w", "c", "data").findings("online-reads-offline")


def test_one_finding_per_serving_block_listing_every_store() -> None:
    design = healthy().connect("lake", "ranker", "data", "x1").connect("offline_fs", "ranker", "request", "x2")
    finding = one(design, "online-reads-offline")
    assert finding.blocks == ("ranker", "lake", "offline_fs") and finding.connectors == ("x1", "x2")
    assert "“Lake” (a data lake) and “Offline store” (an offline feature store)" in finding.message


# --- no-feature-source --------------------------------------------------------------------------------------------

def test_an_online_ranker_without_a_feature_source_fires() -> None:
    design = healthy().disconnect("online_fs", "ranker")
    finding = one(design, "no-feature-source")
    assert finding.severity == "warning" and finding.stage == 3 and finding.blocks == ("ranker",)
    assert finding.message.startswith("Step 3, Data: “Ranking” answers requests online but reads no features")


@pytest.mark.parametrize("source", [("feature_store", {"tier": "online"}), ("data_store", {"store_type": "kv"}),
                                    ("cache", {}), ("prediction_store", {})], ids=["online-fs", "kv", "cache", "pstore"])
@pytest.mark.parametrize("flow", ["data-in", "request-out"])
def test_online_sources_count(source: tuple[str, dict], flow: str) -> None:
    design = healthy().disconnect("online_fs", "ranker").block("src", source[0], p99_ms=2, **source[1])
    if flow == "data-in":
        design.connect("src", "ranker", "data")
    else:
        design.connect("ranker", "src", "request")
    assert design.findings("no-feature-source") == []


@pytest.mark.parametrize("source", [("feature_store", {"tier": "offline"}), ("data_store", {"store_type": "lake"}),
                                    ("vector_index", {})], ids=["offline-fs", "lake", "index"])
def test_offline_stores_and_indexes_are_no_feature_source(source: tuple[str, dict]) -> None:
    design = healthy().disconnect("online_fs", "ranker").block("src", source[0], **source[1])
    design.connect("src", "ranker", "data")
    assert one(design, "no-feature-source").blocks == ("ranker",)


def test_features_in_the_request_or_from_a_streaming_pipeline_count() -> None:
    design = healthy().disconnect("online_fs", "ranker").set("ranker", features_in_request=True)
    assert design.findings("no-feature-source") == []
    design = healthy().disconnect("online_fs", "ranker").block("fly", "feature_pipeline", mode="streaming")
    design.connect("fly", "ranker", "request")
    assert design.findings("no-feature-source") == []
    design.set("fly", mode="batch")
    assert design.findings("no-feature-source")


def test_batch_and_rule_based_serving_need_no_online_features() -> None:
    assert healthy().disconnect("online_fs", "ranker").set("ranker", mode="batch").findings("no-feature-source") == []
    design = healthy().disconnect("online_fs", "cands").set("cands", uses_model=False)
    assert design.findings("no-feature-source") == []


# --- training-reads-online-store ------------------------------------------------------------------------------

def test_training_reading_the_online_store_fires() -> None:
    design = healthy().connect("online_fs", "train", "data", "bad")
    finding = one(design, "training-reads-online-store")
    assert finding.severity == "warning" and finding.stage == 3
    assert finding.blocks == ("train", "online_fs") and finding.connectors == ("bad",)
    assert finding.message.startswith("Step 3, Data: “Training” trains on “Online store”, the online store")


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
    assert finding.severity == "warning" and finding.stage == 3 and finding.blocks == ("online_fs", "stream_fp")
    assert "“Online store” is filled by a different pipeline than the offline feature store" in finding.message


def log_and_wait() -> Design:
    """The online store has its own streaming pipeline; the features served are logged and trained on."""
    design = healthy().disconnect("features", "online_fs")
    design.block("stream_fp", "feature_pipeline", "Streaming features", mode="streaming")
    design.connect("events", "stream_fp", "data").connect("stream_fp", "online_fs", "data")
    design.block("flog", "logging", "Served-feature log", logs=["features", "predictions"])
    design.connect("ranker", "flog", "feedback").connect("flog", "lake", "data")
    return design


def test_logging_the_served_features_for_training_mitigates_skew() -> None:
    assert [f for f in log_and_wait().findings() if f.severity != "info"] == []


def test_log_and_wait_needs_features_in_the_log_and_a_way_to_training() -> None:
    assert log_and_wait().set("flog", logs=["predictions"]).findings("training-serving-skew")
    assert log_and_wait().disconnect("flog", "lake").findings("training-serving-skew")
    # the log must come from a block that reads this online store
    design = log_and_wait().disconnect("ranker", "flog").connect("rerank", "flog", "feedback")
    assert design.findings("training-serving-skew")


def test_an_online_only_pipeline_beside_a_shared_one_fires_unless_its_features_are_logged() -> None:
    # the shared batch pipeline writes both stores; streaming counters reach only the online store
    design = healthy()
    design.block("stream_fp", "feature_pipeline", "Streaming counters", mode="streaming")
    design.connect("events", "stream_fp", "data").connect("stream_fp", "online_fs", "data")
    finding = one(design, "training-serving-skew")
    assert finding.blocks == ("online_fs", "stream_fp")
    assert finding.message.startswith("Step 3, Data: “Streaming counters” writes “Online store” but no offline "
                                      "feature store, and the features served are not logged")
    assert design.connect("stream_fp", "offline_fs", "data").findings("training-serving-skew") == []
    logged = healthy().block("stream_fp", "feature_pipeline", "Streaming counters", mode="streaming")
    logged.connect("events", "stream_fp", "data").connect("stream_fp", "online_fs", "data")
    logged.block("flog", "logging", "Served-feature log", logs=["features"])
    logged.connect("ranker", "flog", "feedback").connect("flog", "lake", "data")
    assert logged.findings("training-serving-skew") == []


def test_an_online_store_materialised_from_the_offline_store_shares_its_features() -> None:
    design = healthy().disconnect("features", "online_fs").connect("offline_fs", "online_fs", "data")
    assert design.findings("training-serving-skew") == []


def test_online_store_fed_by_nothing_is_unfed_not_skewed() -> None:
    design = healthy().disconnect("features", "online_fs")
    assert design.findings("training-serving-skew") == []
    finding = one(design, "feature-store-unfed")
    assert finding.severity == "warning" and finding.stage == 3 and finding.blocks == ("online_fs",)
    assert finding.message == ("Step 3, Data: nothing writes “Online store”, so the features “Candidates” and "
                               "“Ranking” read there are computed by no job")
    assert "or materialise it from the offline Feature store" in finding.hint


def test_a_fed_or_unconnected_feature_store_is_not_unfed() -> None:
    assert healthy().findings("feature-store-unfed") == []
    alone = Design().block("fs", "feature_store", tier="online")
    assert alone.findings("feature-store-unfed") == []  # orphan-block's
    read = alone.block("t", "training_pipeline").connect("fs", "t", "data")
    assert one(read, "feature-store-unfed").message.endswith("the features “T” reads there are computed by no job")
    assert read.block("job", "feature_pipeline").connect("job", "fs", "data").findings("feature-store-unfed") == []


def test_no_offline_store_means_no_skew_to_report() -> None:
    design = Design().block("fs", "feature_store", tier="online").block("job", "feature_pipeline")
    design.connect("job", "fs", "data")
    assert design.findings("training-serving-skew") == []
    design.block("off", "feature_store", tier="offline")
    assert design.findings("training-serving-skew")


def test_the_shared_feeder_must_be_a_feature_pipeline() -> None:
    design = (Design().block("on", "feature_store", tier="online").block("off", "feature_store", tier="offline")
              .block("job", "custom").connect("job", "on", "data").connect("job", "off", "data"))
    assert design.findings("training-serving-skew")
    design.blocks["job"] = ("feature_pipeline", {}, "Job")
    assert design.findings("training-serving-skew") == []
