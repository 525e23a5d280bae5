"""Request path rules: request-cycle, latency-budget, latency-unestimated, retrieval-before-ranking,
index-lineage, batch-serving-path, batch-on-request-path."""

from __future__ import annotations

import pytest

from tests.core.validate_helpers import Design, healthy, one

S6 = "Step 6, Deployment and serving: "


def path(slo: float | None = 100, **p99: float | None) -> Design:
    """client -> a -> b -> ... over request connectors, each block a custom block with the given p99."""
    d = Design(latency_slo_ms=slo) if slo is not None else Design()
    d.block("client", "client", "App")
    previous = "client"
    for block_id, value in p99.items():
        props = {} if value is None else {"p99_ms": value}
        d.block(block_id, "reranking", block_id.upper(), **props).connect(previous, block_id, "request")
        previous = block_id
    return d


# --- request-cycle -------------------------------------------------------------------------------------------

def test_request_cycle_reports_one_cycle_with_its_connectors() -> None:
    design = path(a=10, b=10, c=10).connect("c", "a", "request", "back")
    finding = one(design, "request-cycle")
    assert finding.severity == "error" and finding.stage == 6
    assert set(finding.blocks) == {"a", "b", "c"} and "back" in finding.connectors and len(finding.connectors) == 3
    assert finding.message.startswith(f"{S6}the request path loops: ")
    assert finding.message.count("→") == 3


def test_a_request_self_loop_is_a_cycle() -> None:
    finding = one(path(a=10).connect("a", "a", "request", "self"), "request-cycle")
    assert finding.blocks == ("a",) and finding.connectors == ("self",)
    assert finding.message == f"{S6}the request path loops: “A” → “A”"


def test_cycles_over_other_flows_are_not_request_cycles() -> None:
    assert healthy().findings("request-cycle") == []
    for flow in ("data", "feedback", "model", "observe"):
        assert path(a=1, b=1).connect("b", "a", flow).findings("request-cycle") == []


def test_a_cycle_behind_an_acyclic_part_is_found_and_latency_is_skipped() -> None:
    design = path(slo=10, a=50, b=50, c=50).connect("c", "b", "request")
    assert one(design, "request-cycle").blocks in (("b", "c"), ("c", "b"))
    assert design.findings("latency-budget") == []


# --- latency-budget --------------------------------------------------------------------------------------------

def test_latency_budget_fires_over_the_slo_with_path_and_sum() -> None:
    design = path(slo=100, a=40, b=50, c=20)
    finding = one(design, "latency-budget")
    assert finding.severity == "error" and finding.stage == 6
    assert finding.blocks == ("client", "a", "b", "c") and finding.connectors == ("c1", "c2", "c3")
    assert finding.message == f"{S6}the slowest request path “App” → “A” → “B” → “C” takes 110 ms at p99, over the 100 ms latency SLO"
    assert "“B”: 50 ms" in finding.hint


def test_latency_at_or_under_the_slo_passes() -> None:
    assert path(slo=110, a=40, b=50, c=20).findings("latency-budget") == []
    assert path(slo=None, a=400).findings("latency-budget") == []


def test_latency_takes_the_heaviest_path_not_the_sum_of_all_blocks() -> None:
    # client -> a(40) -> {b(50), c(30)} -> d(10): heaviest 100, sum of all blocks 130
    design = path(slo=100, a=40, b=50, d=10)
    design.block("c", "reranking", "C", p99_ms=30).connect("a", "c", "request").connect("c", "d", "request")
    assert design.findings("latency-budget") == []
    design.require(latency_slo_ms=99.5)
    finding = one(design, "latency-budget")
    assert finding.blocks == ("client", "a", "b", "d") and "takes 100 ms" in finding.message


def test_blocks_off_the_request_subgraph_do_not_count() -> None:
    design = path(slo=100, a=40)
    design.block("slow", "training_pipeline", p99_ms=10_000).connect("a", "slow", "data")
    design.block("lonely", "cache", p99_ms=10_000)
    assert design.findings("latency-budget") == []


def test_unset_p99_counts_as_zero() -> None:
    assert path(slo=100, a=None, b=90).findings("latency-budget") == []
    assert path(slo=100, a=None, b=101).findings("latency-budget")


def test_fractional_latencies_are_summed_exactly() -> None:
    finding = one(path(slo=10, a=5.5, b=5.25), "latency-budget")
    assert "takes 10.75 ms" in finding.message


# --- latency-unestimated ---------------------------------------------------------------------------------------

def test_latency_unestimated_lists_blocks_without_p99_except_clients() -> None:
    finding = one(path(slo=100, a=None, b=5, c=None), "latency-unestimated")
    assert finding.severity == "info" and finding.stage == 6 and finding.blocks == ("a", "c")
    assert finding.message == f"{S6}2 blocks on the request path have no p99 latency estimate: “A” and “C”"
    single = one(path(slo=100, a=None), "latency-unestimated")
    assert single.message == f"{S6}“A” is on the request path but has no p99 latency estimate"


def test_latency_unestimated_needs_an_slo_and_a_request_path() -> None:
    assert path(slo=None, a=None).findings("latency-unestimated") == []
    assert path(slo=100, a=0).findings("latency-unestimated") == []  # 0 is an estimate
    design = Design(latency_slo_ms=100).block("x", "ranking").block("y", "cache").connect("x", "y", "data")
    assert design.findings("latency-unestimated") == []


# --- retrieval-before-ranking ----------------------------------------------------------------------------------

def funnel(corpus: int | None, *, retrieval: str | None = "candidate_generation", **rules) -> Design:
    d = Design(corpus_size=corpus) if corpus is not None else Design()
    d.rules = rules
    d.block("client", "client").block("rank", "ranking", "Ranker")
    if retrieval:
        d.block("ret", retrieval).chain("request", "client", "ret", "rank")
    else:
        d.connect("client", "rank", "request")
    return d


def test_ranking_a_large_corpus_without_retrieval_fires() -> None:
    finding = one(funnel(10_000_000, retrieval=None), "retrieval-before-ranking")
    assert finding.severity == "warning" and finding.stage == 6 and finding.blocks == ("rank",)
    assert "10,000,000 items" in finding.message


def test_candidate_generation_or_vector_index_upstream_is_enough() -> None:
    assert funnel(10_000_000).findings("retrieval-before-ranking") == []
    assert funnel(10_000_000, retrieval="vector_index").findings("retrieval-before-ranking") == []
    rule_based = funnel(10_000_000)
    rule_based.set("ret", uses_model=False)
    assert rule_based.findings("retrieval-before-ranking") == []


def test_retrieval_must_be_upstream_over_request_connectors() -> None:
    design = funnel(10_000_000, retrieval=None).block("ret", "candidate_generation").connect("ret", "rank", "data")
    assert design.findings("retrieval-before-ranking")


def test_corpus_threshold_default_and_parameter() -> None:
    assert funnel(99_999, retrieval=None).findings("retrieval-before-ranking") == []
    assert funnel(100_000, retrieval=None).findings("retrieval-before-ranking")
    assert funnel(None, retrieval=None).findings("retrieval-before-ranking") == []
    raised = funnel(5_000_000, retrieval=None, params={"corpus_threshold": 10_000_000})
    assert raised.findings("retrieval-before-ranking") == []
    lowered = funnel(500, retrieval=None, params={"corpus_threshold": 500})
    assert lowered.findings("retrieval-before-ranking")


def test_candidates_precomputed_by_a_batch_retrieval_job_count_as_retrieval() -> None:
    design = funnel(10_000_000, retrieval=None)
    design.block("nightly", "candidate_generation", "Nightly two-tower", mode="batch")
    design.block("kv", "data_store", "Candidates (KV)", store_type="kv").connect("nightly", "kv", "data")
    assert design.findings("retrieval-before-ranking")  # written, but the ranker does not read them
    assert design.connect("kv", "rank", "data").findings("retrieval-before-ranking") == []
    design = funnel(10_000_000, retrieval=None).block("batch", "inference_service", mode="batch")
    design.block("p", "prediction_store").connect("batch", "p", "data").connect("rank", "p", "request")
    assert design.findings("retrieval-before-ranking") == []
    design = funnel(10_000_000, retrieval=None).block("p", "prediction_store").connect("rank", "p", "request")
    assert design.findings("retrieval-before-ranking")  # a store nothing writes candidates to


def test_batch_ranking_is_not_held_to_the_online_funnel() -> None:
    design = Design(corpus_size=10_000_000).block("rank", "ranking", mode="batch")
    assert design.findings("retrieval-before-ranking") == []


# --- index-lineage -----------------------------------------------------------------------------------------------

def test_index_without_indexing_pipeline_fires() -> None:
    design = healthy().disconnect("indexer", "index")
    finding = one(design, "index-lineage")
    assert finding.severity == "error" and finding.stage == 6 and finding.blocks == ("index",)
    assert finding.message.startswith(f"{S6}“ANN index” is built by nothing")


def test_index_fed_by_something_else_still_fires_and_any_flow_from_an_indexer_passes() -> None:
    design = Design().block("v", "vector_index").block("lake", "data_store").connect("lake", "v", "data")
    assert design.findings("index-lineage")
    design.block("ip", "indexing_pipeline").connect("ip", "v", "model")
    assert design.findings("index-lineage") == []


# --- index-unused ------------------------------------------------------------------------------------------------

def test_an_index_nothing_queries_fires() -> None:
    design = healthy().disconnect("cands", "index")
    finding = one(design, "index-unused")
    assert finding.severity == "warning" and finding.stage == 6 and finding.blocks == ("index",)
    assert finding.message == f"{S6}“ANN index” is built but nothing queries it: which stage looks up the nearest neighbours?"


def test_an_index_queried_or_read_or_unconnected_is_not_unused() -> None:
    assert healthy().findings("index-unused") == []
    alone = Design().block("v", "vector_index")
    assert alone.findings("index-unused") == []  # orphan-block's
    built = alone.block("ip", "indexing_pipeline").connect("ip", "v", "data")
    assert built.findings("index-unused")
    # another index queried by a retrieval stage does not make this one used
    built.block("w", "vector_index").block("svc", "candidate_generation").connect("svc", "w", "request")
    assert [f.blocks for f in built.findings("index-unused")] == [("v",)]
    assert built.block("job", "custom").connect("v", "job", "data").findings("index-unused") == []  # read in bulk


# --- batch-serving-path ------------------------------------------------------------------------------------------

def batch(*sinks: str) -> Design:
    d = Design().block("b", "inference_service", "Nightly scorer", mode="batch")
    for index, kind in enumerate(sinks):
        d.block(f"sink{index}", kind).connect("b", f"sink{index}", "data")
    return d


def test_batch_serving_writing_nowhere_fires() -> None:
    finding = one(batch(), "batch-serving-path")
    assert finding.severity == "warning" and finding.stage == 6 and finding.blocks == ("b",)
    assert "writes its predictions nowhere" in finding.message


def test_batch_serving_writing_to_a_store_passes() -> None:
    for kind in ("prediction_store", "data_store", "cache"):
        assert batch(kind).findings("batch-serving-path") == [], kind
    assert batch("logging").findings("batch-serving-path")
    wrong_flow = batch().block("p", "prediction_store").connect("b", "p", "feedback")
    assert wrong_flow.findings("batch-serving-path")


def test_a_batch_model_called_per_request_is_one_error_on_the_request_path() -> None:
    design = batch("prediction_store").block("client", "client", "App").connect("client", "b", "request", "call")
    assert design.findings("batch-serving-path") == []
    finding = one(design, "batch-on-request-path")
    assert finding.severity == "error" and finding.stage == 6
    assert finding.blocks == ("b", "client") and finding.connectors == ("call",)
    assert finding.message == (f"{S6}“App” calls “Nightly scorer”, a batch model, on the request path: the request "
                               "would wait for a job that runs on a schedule")


def test_online_serving_is_not_held_to_batch_rules() -> None:
    assert Design().block("s", "inference_service").findings("batch-serving-path") == []
    assert healthy().findings("batch-serving-path") == []


# --- batch-on-request-path -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "props", "role"), [
    ("training_pipeline", {}, "a training job"), ("feature_pipeline", {"mode": "batch"}, "a batch feature job"),
    ("indexing_pipeline", {}, "an index build"), ("labeling", {}, "a labeling process"),
    ("orchestrator", {}, "a scheduler"), ("ranking", {"mode": "batch"}, "a batch model"),
])
def test_batch_jobs_called_on_the_request_path_are_errors(kind: str, props: dict, role: str) -> None:
    design = healthy().block("job", kind, "Job", **props).connect("ranker", "job", "request", "call")
    finding = one(design, "batch-on-request-path")
    assert finding.blocks == ("job", "ranker") and finding.connectors == ("call",)
    assert f"“Ranking” calls “Job”, {role}, on the request path" in finding.message


def test_streaming_features_and_online_blocks_on_the_request_path_are_fine() -> None:
    design = healthy().block("fly", "feature_pipeline", mode="streaming").connect("gateway", "fly", "request")
    assert design.findings("batch-on-request-path") == []
    design = healthy().block("job", "training_pipeline").connect("ranker", "job", "data")
    assert design.findings("batch-on-request-path") == []
