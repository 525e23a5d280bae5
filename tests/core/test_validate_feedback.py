"""no-feedback-loop: the served model's outcomes must find a way back to its training pipelines."""

from __future__ import annotations

from tests.core.correct_designs import precomputed_candidates
from tests.core.validate_helpers import Design, healthy, one


def loop(*back: tuple[str, str, str]) -> Design:
    """train -model-> reg -model-> s, plus the given connectors (the candidate ways back)."""
    d = (Design().block("lake", "data_store").block("t", "training_pipeline", "Trainer")
         .block("r", "model_registry").block("s", "inference_service", "Scorer")
         .connect("lake", "t", "data").chain("model", "t", "r", "s"))
    for source, target, flow in back:
        for block_id in (source, target):
            if block_id not in d.blocks:
                kinds = {"log": "logging", "client": "client", "mon": "monitoring", "x": "custom", "gw": "api_gateway"}
                d.block(block_id, kinds[block_id])
        d.connect(source, target, flow)
    return d


def test_healthy_loop_passes_and_breaking_it_fires() -> None:
    assert healthy().findings("no-feedback-loop") == []
    design = healthy().disconnect("logs", "events")
    found = design.findings("no-feedback-loop")
    assert [f.blocks for f in found] == [("cands", "train"), ("ranker", "train")]
    finding = found[1]
    assert finding.severity == "error" and finding.stage == 7
    assert finding.message == ("Step 7, Monitoring: what “Ranking” serves never flows back to “Training”: the model is never "
                               "retrained on what users did with its predictions")
    assert "Logging" in finding.hint


def test_a_feedback_path_from_the_serving_block_closes_the_loop() -> None:
    assert loop(("s", "log", "feedback"), ("log", "lake", "feedback")).findings("no-feedback-loop") == []
    assert loop(("s", "log", "feedback"), ("log", "t", "data")).findings("no-feedback-loop") == []


def test_request_and_data_connectors_count_as_a_way_back() -> None:
    assert loop(("s", "x", "request"), ("x", "t", "data")).findings("no-feedback-loop") == []


def test_a_model_only_path_is_not_a_feedback_loop() -> None:
    design = loop(("s", "t", "model"))
    assert one(design, "no-feedback-loop").blocks == ("s", "t")
    assert loop(("s", "log", "feedback"), ("log", "t", "model")).findings("no-feedback-loop")


def test_an_observe_only_return_path_is_not_a_feedback_loop() -> None:
    design = loop(("s", "mon", "observe"), ("mon", "t", "observe"))
    assert design.findings("no-feedback-loop")
    mixed = loop(("s", "mon", "observe"), ("mon", "t", "data"))  # observe leg breaks the path
    assert mixed.findings("no-feedback-loop")


def test_a_client_that_reaches_the_serving_block_may_carry_the_loop() -> None:
    design = loop(("client", "s", "request"), ("client", "log", "feedback"), ("log", "lake", "data"))
    assert design.findings("no-feedback-loop") == []


def test_the_client_must_reach_the_serving_block_over_request_connectors() -> None:
    not_calling = loop(("client", "log", "feedback"), ("log", "lake", "data"))
    assert not_calling.findings("no-feedback-loop")
    data_only = loop(("client", "s", "data"), ("client", "log", "feedback"), ("log", "lake", "data"))
    assert data_only.findings("no-feedback-loop")
    through_gateway = loop(("client", "gw", "request"), ("gw", "s", "request"), ("client", "log", "feedback"),
                           ("log", "lake", "data"))
    assert through_gateway.findings("no-feedback-loop") == []


def test_the_way_back_must_reach_the_pipeline_that_trained_this_model() -> None:
    design = loop(("s", "log", "feedback"))
    design.block("other", "training_pipeline", "Other trainer").connect("lake", "other", "data")
    design.connect("log", "other", "data")
    finding = one(design, "no-feedback-loop")
    assert finding.blocks == ("s", "t")
    assert "Trainer" in finding.message and "Other trainer" not in finding.message


def test_one_of_several_training_pipelines_is_enough() -> None:
    design = loop(("s", "log", "feedback"))
    design.block("t2", "training_pipeline").connect("lake", "t2", "data").connect("t2", "r", "model")
    design.connect("log", "t2", "data")
    assert design.findings("no-feedback-loop") == []
    design.disconnect("log", "t2")
    assert one(design, "no-feedback-loop").blocks == ("s", "t", "t2")


def test_serving_without_a_training_pipeline_upstream_is_left_to_other_rules() -> None:
    design = Design().block("r", "model_registry").block("s", "ranking").connect("r", "s", "model")
    assert design.findings("no-feedback-loop") == []
    only_data = Design().block("t", "training_pipeline").block("s", "ranking").connect("t", "s", "data")
    assert only_data.findings("no-feedback-loop") == []


def test_batch_serving_needs_a_loop_too() -> None:
    design = loop()
    design.set("s", mode="batch")
    assert design.findings("no-feedback-loop")


def test_cycles_of_model_connectors_do_not_confuse_it() -> None:
    design = loop(("s", "r", "model"), ("r", "t", "model"))
    assert one(design, "no-feedback-loop").blocks == ("s", "t")
    design.connect("s", "s", "feedback")
    assert one(design, "no-feedback-loop").blocks == ("s", "t")


def test_a_batch_model_closes_its_loop_through_the_online_path_that_reads_its_output() -> None:
    """Precomputed candidates: the batch retrieval's loop runs through the clients of the ranker reading them."""
    assert precomputed_candidates().findings("no-feedback-loop") == []
    cut = precomputed_candidates().disconnect("kv", "rank")
    assert one(cut, "no-feedback-loop").blocks == ("retrieve", "tr_tt")
    via_request = precomputed_candidates().disconnect("kv", "rank").connect("rank", "kv", "request")
    assert via_request.findings("no-feedback-loop") == []


def test_reading_an_online_model_s_store_does_not_close_its_loop() -> None:
    design = loop()  # online s writing to a store some client reads is not how online models are served
    design.block("p", "prediction_store").block("c", "client").connect("s", "p", "data").connect("c", "p", "request")
    design.block("l", "logging").connect("c", "l", "feedback").connect("l", "t", "data")
    assert design.findings("no-feedback-loop")


def test_reading_a_store_on_the_request_path_writes_nothing_back() -> None:
    """A re-ranker reading the live social graph per request: the graph store feeds training, but the read
    carries no outcome back."""
    design = loop(("client", "x", "request"))
    design.block("graph", "data_store", "Social graph", store_type="graph").connect("graph", "lake", "data")
    design.connect("x", "graph", "request")
    assert one(design, "no-feedback-loop").blocks == ("s", "t")
    design.connect("client", "s", "request")
    assert one(design, "no-feedback-loop").blocks == ("s", "t")
    design.block("events", "event_stream").connect("x", "events", "request").connect("events", "lake", "data")
    assert design.findings("no-feedback-loop") == []  # a call that writes an event is a way back


# --- no-impression-logging (step 3: the ranker's labels) ---------------------------------------------------------

def test_a_ranker_trained_on_logged_clicks_without_impressions_fires() -> None:
    design = healthy().set("logs", logs=["outcomes"])
    finding = one(design, "no-impression-logging")
    assert finding.severity == "warning" and finding.stage == 3 and finding.blocks == ("ranker", "logs")
    assert finding.message == ("Step 3, Data: “Impression logs” records what users did but not what they were shown, "
                               "so “Ranking” learns from clicks with no negatives (shown but skipped) and no position "
                               "to correct for")
    assert "add 'impressions' to the Logs of “Impression logs”" in finding.hint


def test_impressions_logged_anywhere_or_no_outcome_log_on_the_way_to_training_is_fine() -> None:
    assert healthy().findings("no-impression-logging") == []
    split = healthy().set("logs", logs=["outcomes"]).block("shown", "logging", logs=["impressions"])
    assert split.connect("rerank", "shown", "feedback").findings("no-impression-logging") == []
    # the outcome log does not lead to training (no-feedback-loop's concern), or only predictions are logged
    assert healthy().set("logs", logs=["outcomes"]).disconnect("logs", "events").findings("no-impression-logging") == []
    assert healthy().set("logs", logs=["predictions"]).findings("no-impression-logging") == []
    # no online ranker: a retrieval model may train on clicks with in-batch negatives
    batch = healthy().set("logs", logs=["outcomes"]).set("ranker", mode="batch")
    assert batch.findings("no-impression-logging") == []
