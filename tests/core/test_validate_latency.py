"""latency-budget with callees: lookups and side calls a stage waits for, and feature reads, add up."""

from __future__ import annotations

from tests.core.validate_helpers import Design, one


def chain(slo: float = 1000, **p99: float) -> Design:
    """client -> a -> b -> ... over request connectors, each a re-ranking block with the given p99."""
    d = Design(latency_slo_ms=slo).block("client", "client", "App")
    previous = "client"
    for block_id, value in p99.items():
        d.block(block_id, "reranking", block_id.upper(), p99_ms=value).connect(previous, block_id, "request")
        previous = block_id
    return d


def total(design: Design) -> str:
    design.require(latency_slo_ms=1)
    return one(design, "latency-budget").message.split(" takes ")[1].split(" at p99")[0]


def test_a_side_call_while_the_chain_goes_on_adds_its_p99() -> None:
    design = chain(a=40, b=50, c=20).block("side", "custom", "Fraud check", p99_ms=150)
    design.connect("a", "side", "request", "sync")
    assert total(design) == "260 ms"  # 40 + 150 + 50 + 20, not max(40 + 150, 110)
    finding = one(design, "latency-budget")
    assert "“App” → “A” (+ “Fraud check” 150 ms) → “B” → “C”" in finding.message
    assert "side" in finding.blocks and "sync" in finding.connectors


def test_a_synchronous_150_ms_side_call_breaks_a_budget_that_fit() -> None:
    design = chain(slo=200, a=40, b=50, c=20)
    assert design.findings("latency-budget") == []
    design.block("side", "custom", p99_ms=150).connect("b", "side", "request")
    assert one(design, "latency-budget").severity == "error"


def test_lookups_are_waited_for_even_at_the_end_of_the_chain_and_add_up() -> None:
    design = chain(a=40, b=50)
    design.block("kv", "data_store", "User state", store_type="kv", p99_ms=10).connect("b", "kv", "request")
    design.block("cache", "cache", "Cache", p99_ms=5).connect("b", "cache", "request")
    assert total(design) == "105 ms"  # 40 + 50 + 10 + 5: the sum, not the slowest lookup
    assert "“B” (+ “User state” 10 ms, “Cache” 5 ms)" in one(design, "latency-budget").message


def test_two_stages_that_each_end_the_chain_are_parallel_branches() -> None:
    design = chain(a=40, b=50).block("c", "reranking", "C", p99_ms=30).connect("a", "c", "request")
    assert total(design) == "90 ms"  # max(40 + 50, 40 + 30)


def test_branches_that_go_on_stay_parallel() -> None:
    design = chain(a=10, b=50, d=5).block("c", "reranking", "C", p99_ms=30).block("e", "reranking", "E", p99_ms=1)
    design.connect("a", "c", "request").connect("c", "e", "request")
    assert total(design) == "65 ms"  # a -> b -> d, not a -> b and c


def test_a_client_s_own_calls_are_not_callees() -> None:
    design = chain(a=40).block("cdn", "cache", "CDN", p99_ms=30).connect("client", "cdn", "request")
    assert total(design) == "40 ms"


def test_online_feature_reads_count_for_online_models() -> None:
    design = Design(latency_slo_ms=1).block("client", "client").block("rank", "ranking", "Ranking", p99_ms=50)
    design.connect("client", "rank", "request")
    design.block("fs", "feature_store", "Online store", tier="online", p99_ms=8).connect("fs", "rank", "data")
    assert total(design) == "58 ms"
    design.set("fs", tier="offline")  # not read at request time (online-reads-offline reports it)
    assert total(design) == "50 ms"
    design.set("fs", tier="online").set("rank", mode="batch")
    assert total(design) == "50 ms"


def test_an_unestimated_feature_read_is_reported() -> None:
    design = Design(latency_slo_ms=100).block("client", "client").block("rank", "ranking", p99_ms=50)
    design.connect("client", "rank", "request")
    design.block("fs", "feature_store", "Online store", tier="online").connect("fs", "rank", "data")
    assert one(design, "latency-unestimated").blocks == ("fs",)


def test_batch_jobs_and_offline_stores_on_the_path_are_not_asked_for_an_estimate() -> None:
    design = chain(slo=100, a=10).block("train", "training_pipeline").block("wh", "data_store", "Warehouse")
    design.connect("a", "train", "request").connect("a", "wh", "request")
    assert design.findings("latency-unestimated") == []
    assert design.findings("batch-on-request-path") and design.findings("online-reads-offline")
