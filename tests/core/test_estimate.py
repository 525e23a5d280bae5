"""Back-of-envelope estimates against values worked out by hand, text (units, rounding) included."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from components.commands import History, SetEstimates
from components.document import Document
from components.estimate import Figure, Input, estimate, units
from components.estimate.report import text_lines
from components.io import dumps, parse
from components.model import Diagram
from components.model.estimates import EstimateInputs
from components.templates import TEMPLATE_IDS, load_template
from tests.core.validate_helpers import Design


def with_inputs(diagram: Diagram, **inputs: object) -> Diagram:
    return diagram.model_copy(update={"estimates": EstimateInputs(**inputs)})


def served(**requirements: object) -> Design:
    """client -> two retrievers -> ranker (reads the online store; one retriever reads it too)."""
    d = Design(**requirements)
    d.block("client", "client")
    d.block("a", "candidate_generation", "Retriever A", candidates_out=300)
    d.block("b", "candidate_generation", "Retriever B", candidates_out=200)
    d.block("rank", "ranking", "Ranker")
    d.block("store", "feature_store", "Online store", tier="online")
    d.block("wh", "data_store", "Warehouse", store_type="warehouse")
    d.connect("client", "a", "request").connect("client", "b", "request")
    d.connect("a", "rank", "request").connect("b", "rank", "request")
    d.connect("store", "rank", "data").connect("store", "a", "data")
    d.connect("wh", "b", "data")  # an offline store is no per-request lookup
    return d


def texts(diagram: Diagram) -> dict[str, str]:
    return {figure.key: figure.text for figure in estimate(diagram).figures}


def test_traffic_from_dau_with_the_typical_inputs() -> None:
    # 2,000,000 DAU x 10 = 20,000,000 requests/day; / 86,400 = 231.48 QPS; x 2 = 462.96 QPS at peak
    found = texts(served(dau=2_000_000).build())
    assert found["requests_per_day"] == ("Requests per day ≈ 20 million requests/day = DAU × requests per user per "
                                         "day = 2,000,000 × 10")
    assert found["average_qps"] == ("Average QPS ≈ 231 QPS = requests per day ÷ seconds per day = "
                                    "20 million requests/day ÷ 86,400 s")
    assert found["peak_qps"] == "Peak QPS ≈ 463 QPS = average QPS × peak / average = 231 QPS × 2"
    figures = estimate(served(dau=2_000_000).build())
    assert figures.get("average_qps").value == pytest.approx(231.4815, rel=1e-6)
    assert figures.get("peak_qps").value == pytest.approx(462.963, rel=1e-6)
    assumed = [term.name for term in figures.assumed]
    assert assumed[:2] == ["requests per user per day", "peak / average"]


def test_stated_inputs_replace_the_typical_ones() -> None:
    # 50,000,000 x 4 = 200,000,000/day; / 86,400 = 2,314.8 QPS; x 3 = 6,944.4; / 250 per replica = 27.8 -> 28
    diagram = with_inputs(served(dau=50_000_000).build(), requests_per_user_per_day=4, peak_to_average=3,
                          replica_qps=250)
    result = estimate(diagram)
    found = texts(diagram)
    assert found["average_qps"].startswith("Average QPS ≈ 2,310 QPS")
    assert found["peak_qps"] == "Peak QPS ≈ 6,940 QPS = average QPS × peak / average = 2,310 QPS × 3"
    assert found["serving_replicas"] == ("Serving replicas per model stage ≈ 28 replicas = peak QPS ÷ QPS per replica "
                                         "= 6,940 QPS ÷ 250 QPS")
    sources = {term.name: term.source for figure in result.figures for term in figure.inputs}
    assert sources["requests per user per day"] == "stated" and sources["DAU"] == "requirements"
    assert "requests per user per day" not in [term.name for term in result.assumed]


def test_a_stated_peak_is_the_peak_and_the_average_comes_back_from_it() -> None:
    # no DAU: 12,000 / 2 = 6,000 QPS average; x 86,400 = 518,400,000 requests/day
    found = texts(served(qps_peak=12_000).build())
    assert found["peak_qps"] == "Peak QPS: 12,000 QPS (requirements card)"
    assert found["average_qps"] == "Average QPS ≈ 6,000 QPS = peak QPS ÷ peak / average = 12,000 QPS ÷ 2"
    assert found["requests_per_day"].startswith("Requests per day ≈ 518 million requests/day")
    # with the DAU too, the stated peak stays and the note compares: 20,000 / 11,574 = 1.728
    both = texts(served(qps_peak=20_000, dau=100_000_000).build())
    assert both["peak_qps"] == "Peak QPS: 20,000 QPS (requirements card); 1.73× the average QPS the DAU gives"


def test_log_storage_per_day_and_over_the_retention() -> None:
    # 20,000,000 requests x 2,000 B = 40 GB/day; x 90 days = 3.6 TB
    found = texts(served(dau=2_000_000).build())
    assert found["log_storage_per_day"] == ("Log storage per day ≈ 40 GB/day = requests per day × bytes logged per "
                                            "request = 20 million requests/day × 2 KB")
    assert found["log_storage_retained"] == ("Log storage over the retention ≈ 3.6 TB = log storage per day × "
                                             "retention = 40 GB/day × 90 days")
    # 20,000,000 x 1,500 B = 30 GB/day; x 30 days = 900 GB
    found = texts(with_inputs(served(dau=2_000_000).build(), log_bytes_per_request=1_500, retention_days=30))
    assert found["log_storage_per_day"].startswith("Log storage per day ≈ 30 GB/day")
    assert "= 20 million requests/day × 1.5 KB" in found["log_storage_per_day"]
    assert found["log_storage_retained"].startswith("Log storage over the retention ≈ 900 GB")


def index_design(**inputs: object) -> Diagram:
    d = Design(corpus_size=1_000_000_000)
    d.block("index", "vector_index")
    return with_inputs(d.build(), **inputs) if inputs else d.build()


def test_ann_index_memory_at_three_precisions() -> None:
    # 1e9 x 128 x 4 B = 512 GB; x 1 B = 128 GB; PQ 1e9 x 64 B = 64 GB; corpus 1e9 x 1,000 B = 1 TB
    found = texts(index_design(embedding_dim=128))
    assert found["corpus_storage"] == ("Corpus storage ≈ 1 TB = corpus size × bytes per item = "
                                       "1,000,000,000 items × 1 KB")
    assert found["index_memory_float32"] == (
        "ANN index memory, float32 ≈ 512 GB = corpus size × embedding dimension × bytes per dimension (float32) = "
        "1,000,000,000 items × 128 × 4 B; the design's precision; vectors only, HNSW links add more")
    assert found["index_memory_int8"].startswith("ANN index memory, int8 ≈ 128 GB = ")
    assert found["index_memory_pq"] == ("ANN index memory, PQ ≈ 64 GB = corpus size × PQ code bytes = "
                                        "1,000,000,000 items × 64 B")
    assert "index_memory_float16" not in found and "index_hosts" not in found


def test_the_designs_own_precision_is_shown_and_sizes_the_hosts() -> None:
    # float16: 1e9 x 128 x 2 B = 256 GB; on 100 GB hosts: 2.56 -> 3 hosts
    found = texts(index_design(embedding_dim=128, embedding_precision="float16", memory_gb_per_host=100))
    assert found["index_memory_float16"].startswith("ANN index memory, float16 ≈ 256 GB")
    assert found["index_memory_float16"].endswith("the design's precision; vectors only, HNSW links add more")
    assert not found["index_memory_float32"].endswith("more")
    assert found["index_hosts"] == ("Index hosts needed ≈ 3 hosts = index memory (float16) ÷ memory per host = "
                                    "256 GB ÷ 100 GB")
    # float32 at 64 GB per host: 512 / 64 = exactly 8, no rounding up
    exact_fit = estimate(index_design(embedding_dim=128, memory_gb_per_host=64, index_shards=8))
    assert exact_fit.get("index_hosts").result == "8 hosts"
    assert exact_fit.get("index_hosts").note == "the design states 8 shards"


def test_scores_and_feature_reads_follow_the_funnel() -> None:
    # 10,000 QPS x (300 + 200) candidates = 5,000,000 scores/s
    # lookups: the ranker reads 1 + 500 rows, retriever A 1 row: 502 x 10,000 = 5,020,000 reads/s
    result = estimate(served(qps_peak=10_000).build())
    scores = result.get("ranking_scores")
    assert scores.text == ("Ranking scores per second ≈ 5 million scores/s = peak QPS × candidates ranked per request "
                           "= 10,000 QPS × 500; 300 from “Retriever A”, 200 from “Retriever B”")
    reads = result.get("feature_reads")
    assert reads.result == "5.02 million reads/s"
    assert reads.note == "“Retriever A” reads 1 row from “Online store”; “Ranker” reads 501 rows from “Online store”"


def test_batch_throughput_workers_and_storage() -> None:
    # 50,000,000 images in 8 h: 50e6 / 8 / 3,600 = 1,736.1 items/s; / 500 per worker = 3.47 -> 4 workers
    d = Design(volume_per_run=50_000_000, run_window_hours=8)
    d.block("detector", "inference_service", mode="batch")
    found = texts(d.build())
    assert found["batch_throughput"] == ("Batch throughput ≈ 1,740 items/s = volume per run ÷ run window ÷ seconds "
                                         "per hour = 50,000,000 items ÷ 8 h ÷ 3,600 s/h")
    assert found["batch_workers"] == ("Batch workers ≈ 4 workers = batch throughput ÷ items/s per worker = "
                                      "1,740 items/s ÷ 500 items/s")
    assert found["batch_storage"] == "Storage per run ≈ 50 GB = volume per run × bytes per item = 50,000,000 items × 1 KB"


def test_what_cannot_be_estimated_is_named_with_what_to_state() -> None:
    result = estimate(served().build())
    assert result.figures == ()
    assert result.missing == ("Traffic, log storage and serving replicas: state the DAU or the peak QPS on the "
                              "requirements card",
                              "Corpus storage and index memory: state the corpus size on the requirements card")
    no_funnel = served(qps_peak=1_000).unset("a", "candidates_out").unset("b", "candidates_out").build()
    assert estimate(no_funnel).missing[-1] == ("Ranking scores per second: set Candidates out on the candidate "
                                               "generation that feeds the ranking")
    batch = Design().block("job", "inference_service", mode="batch").build()
    assert estimate(batch).missing == ("Batch throughput: state the volume per run and the run window on the "
                                       "requirements card",)


def test_the_skeleton_has_nothing_to_estimate_and_says_so() -> None:
    lines = text_lines(estimate(load_template("seven-step-skeleton")), "Skeleton")
    assert lines == ["Skeleton: back-of-envelope estimates", "", "No figure can be worked out yet."]


def test_text_report_lists_formula_numbers_and_assumptions() -> None:
    lines = text_lines(estimate(served(dau=2_000_000).build()), "Feed")
    at = lines.index("Average QPS                         231 QPS")
    assert lines[at + 1:at + 3] == ["  = requests per day ÷ seconds per day", "  = 20 million requests/day ÷ 86,400 s"]
    assert lines[-3].startswith("Assumed (state your own in the design's estimate inputs): requests per user per day "
                                "10, peak / average 2, bytes logged per request 2 KB, retention 90 days")
    assert lines[-1] == "Missing: Corpus storage and index memory: state the corpus size on the requirements card"


def test_a_formula_alternates_inputs_and_operators() -> None:
    one = Input("a", 2, "", "constant")
    with pytest.raises(ValueError, match="alternate"):
        Figure("bad", "Bad", "", (one, one))
    with pytest.raises(ValueError, match="alternate"):
        Figure("bad", "Bad", "", (one, "+", one))
    with pytest.raises(ValueError, match="starts with an input"):
        Figure("bad", "Bad", "", ("×", one))
    assert Figure("ok", "Ok", "", (one, "×", one, "÷", Input("b", 8, "", "constant"))).value == 0.5


@given(st.floats(min_value=1e-3, max_value=1e14, allow_nan=False))
def test_approx_keeps_three_significant_figures(value: float) -> None:
    text = units.approx(value)
    words = {"million": 1e6, "billion": 1e9, "trillion": 1e12}
    number, _, word = text.partition(" ")
    parsed = float(number.replace(",", "")) * words.get(word, 1)
    assert math.isclose(parsed, value, rel_tol=5e-3)
    assert len(number.replace(",", "").replace(".", "").lstrip("0").rstrip("0")) <= 3


@given(st.floats(min_value=1, max_value=1e20, allow_nan=False))
def test_sizes_scale_to_a_unit_below_a_thousand(value: float) -> None:
    number, unit = units.size(value).split(" ")
    assert unit in ("B", "KB", "MB", "GB", "TB", "PB", "EB")
    assert float(number) < 1000 or unit == "EB"
    scale = 1000 ** ("B", "KB", "MB", "GB", "TB", "PB", "EB").index(unit)
    assert math.isclose(float(number) * scale, value, rel_tol=5e-3)


def test_units_round_up_whole_counts_and_scale_bytes_at_the_boundary() -> None:
    assert units.whole(40.0) == "40" and units.whole(40.2) == "41"
    assert units.size(999.6) == "1 KB" and units.size(640) == "640 B"
    assert units.approx(999_999) == "1 million" and units.approx(1.2345e16) == "1.23 × 10^16"


def test_one_counted_thing_is_singular() -> None:
    assert units.quantity(1.0, "hosts", units.whole) == "1 host"
    assert units.quantity(0.4, "replicas", units.whole) == "1 replica"
    assert units.quantity(2.0, "workers", units.whole) == "2 workers"
    assert units.quantity(1.0, "QPS", units.whole) == "1 QPS"


def test_old_files_load_unchanged_and_save_without_the_section() -> None:
    unstated = load_template("street-view-blurring").model_copy(update={"estimates": None})
    for diagram in (load_template("seven-step-skeleton"), parse(dumps(unstated))):  # no estimate input stated
        assert diagram.estimates is None
        assert '"estimates"' not in dumps(diagram)
    stated = with_inputs(Diagram(), embedding_dim=64, embedding_precision="int8")
    again = parse(dumps(stated))
    assert again.estimates == EstimateInputs(embedding_dim=64, embedding_precision="int8")
    assert '"estimates": {\n    "embedding_dim": 64,\n    "embedding_precision": "int8"\n  }' in dumps(again)


def test_estimate_inputs_are_checked_on_load() -> None:
    from components.io import DocumentError

    with pytest.raises(DocumentError, match="estimates"):
        parse('{"schema_version": 2, "estimates": {"peak_to_average": 0.5}}')
    with pytest.raises(DocumentError, match="estimates"):
        parse('{"schema_version": 2, "estimates": {"embedding_precision": "float8"}}')
    with pytest.raises(DocumentError, match="estimates"):
        parse('{"schema_version": 2, "estimates": {"shards": 2}}')


def test_set_estimates_is_one_undoable_command() -> None:
    doc = Document(Diagram())
    history = History(doc)
    history.push(SetEstimates(EstimateInputs(replica_qps=300)))
    assert doc.diagram.estimates == EstimateInputs(replica_qps=300)
    history.push(SetEstimates(EstimateInputs()))  # nothing stated: no section at all
    assert doc.diagram.estimates is None
    history.undo()
    assert doc.diagram.estimates == EstimateInputs(replica_qps=300)
    history.undo()
    assert doc.diagram.estimates is None and history.undo_text == ""


def test_index_fit_weighs_the_index_at_the_designs_precision_against_the_memory_stated() -> None:
    from components.estimate import index_fit

    assert index_fit(index_design(embedding_dim=128)) is None  # no memory stated: nothing to contradict
    assert index_fit(Design().block("index", "vector_index").build()) is None  # no corpus either
    # 1e9 x 128 x 4 B = 512 GB against 2 shards of 200 GB = 400 GB: does not fit; 3 hosts would do
    tight = index_fit(index_design(embedding_dim=128, memory_gb_per_host=200, index_shards=2))
    assert tight is not None and not tight.fits and tight.hosts_needed == 3
    assert tight.needed.result == "512 GB" and tight.capacity == 400e9
    # int8: 128 GB fits in one 200 GB host; PQ at 64 B: 64 GB
    assert index_fit(index_design(embedding_dim=128, memory_gb_per_host=200, embedding_precision="int8")).fits
    pq = index_fit(index_design(memory_gb_per_host=50, embedding_precision="pq"))
    assert pq.needed.result == "64 GB" and not pq.fits and pq.hosts_needed == 2


ONLINE_TEMPLATES = [template_id for template_id in TEMPLATE_IDS if load_template(template_id).requirements.dau]


@pytest.mark.parametrize("template_id", ONLINE_TEMPLATES)
def test_templates_estimate_their_traffic_from_their_own_requests_per_user(template_id: str) -> None:
    """A template states the requests per user per day its notes work from, so the estimated average and the
    stated peak agree (the peak 1-4x the average) instead of contradicting each other on a default."""
    diagram = load_template(template_id)
    assert diagram.estimates is not None and diagram.estimates.stated("requests_per_user_per_day")
    result = estimate(diagram)
    ratio = result.get("peak_qps").value / result.get("average_qps").value
    assert 1 <= ratio <= 4, ratio


def test_a_peak_below_the_average_says_which_number_to_check() -> None:
    # 1,000,000 users x 10 / 86,400 = 116 QPS on average; a stated peak of 50 is below it
    peak = estimate(served(dau=1_000_000, qps_peak=50).build()).get("peak_qps")
    assert peak.note == ("0.432× the average QPS the DAU gives (a peak below the average: check the requests per "
                         "user per day)")
