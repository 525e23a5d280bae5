"""The walkthrough: the story of a design from its graph, in interview order."""

from __future__ import annotations

from components.model.estimates import EstimateInputs
from components.review import walkthrough
from components.templates import load_template
from tests.core.review_helpers import strong


def test_sections_come_in_interview_order() -> None:
    story = walkthrough(strong().build())
    assert [section.title for section in story.sections] == [
        "Ingestion and data", "Features", "Training and evaluation", "Registry and launch", "Online request path",
        "Monitoring and the feedback loop"]


def test_the_request_path_hop_by_hop_with_running_total_against_the_slo() -> None:
    story = walkthrough(strong().build())
    assert [(hop.name, hop.p99_ms, hop.total_ms) for hop in story.hops] == [
        ("App", None, 0), ("Gateway", 5, 5), ("Candidates", 30, 35), ("Ranking", 60, 95), ("Re-ranking", 10, 105)]
    assert story.hops[2].call_texts == ("ANN index (10 ms)",)
    assert story.budget_line == "105 ms of the 200 ms SLO: 95 ms to spare"
    assert story.hop_lines() == [
        "1. App", "2. Gateway: 5 ms, 5 ms so far", "3. Candidates: 30 ms, 35 ms so far; also calls ANN index (10 ms)",
        "4. Ranking: 60 ms, 95 ms so far", "5. Re-ranking: 10 ms, 105 ms so far"]
    over = walkthrough(strong().set("ranker", p99_ms=160).build())
    assert over.budget_line == "205 ms of the 200 ms SLO: 5 ms over"


def test_funnel_and_feedback_loop() -> None:
    design = strong().require(corpus_size=10_000_000)
    diagram = design.build().model_copy(update={"estimates": _shown(20)})
    story = walkthrough(diagram)
    assert story.funnel == ("10,000,000 items", "500 candidates", "ranked by Ranking", "20 shown")
    assert story.loop == ("Impression logs", "Events", "Lake", "Features", "Offline store", "Training")
    request = next(section for section in story.sections if section.has_hops)
    assert request.lines == ("Total: 105 ms of the 200 ms SLO: 95 ms to spare.",
                             "Funnel: 10,000,000 items → 500 candidates → ranked by Ranking → 20 shown.")


def _shown(count: int) -> EstimateInputs:
    return EstimateInputs(items_shown=count)


def test_sentences_describe_blocks_by_their_flows_and_settings() -> None:
    story = walkthrough(strong().build())
    lines = {line for section in story.sections for line in section.lines}
    assert "Features (streaming) reads Lake and feeds Offline store and Online store." in lines
    assert "Training (retrained daily) reads Offline store and feeds Tracker; passes its model to Offline eval." in lines
    assert "A/B test (A/B test, 5% of traffic) passes its model to Candidates and Ranking." in lines
    assert ("Monitor watches Candidates and Ranking for system, data drift and model quality and alerts Alerts."
            in lines)
    assert "Impression logs logs impressions and outcomes from Re-ranking." in lines


def test_unlabelled_blocks_are_named_by_kind_never_by_id() -> None:
    design = strong()
    for block_id, (kind, props, _label) in list(design.blocks.items()):
        design.blocks[block_id] = (kind, props, "")
    text = "\n".join(walkthrough(design.build()).text_lines())
    assert "Candidate generation: 30 ms" in text and "Model registry passes its model to Indexing pipeline and Online experiment" in text
    for block_id in ("cands", "ranker", "offline_fs", "online_fs"):
        assert block_id not in text


def test_every_block_is_told_somewhere() -> None:
    for template_id in ("video-recommendation", "harmful-content-detection", "people-you-may-know"):
        diagram = load_template(template_id)
        text = "\n".join(walkthrough(diagram).text_lines())
        for block in diagram.blocks:
            assert " ".join(block.label.split()) in text, (template_id, block.label)


def test_an_empty_design_has_no_story() -> None:
    story = walkthrough(load_template("seven-step-skeleton"))
    assert story.sections == () and story.hops == () and story.text_lines() == []
