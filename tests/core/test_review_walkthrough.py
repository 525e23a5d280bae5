"""The walkthrough: the story of a design from its graph, in interview order."""

from __future__ import annotations

import pytest

from components.model.estimates import EstimateInputs
from components.review import walkthrough
from components.templates import TEMPLATE_IDS, load_template
from components.validate import validate
from components.validate.graph import DiagramGraph
from components.validate.rules.base import ms
from tests.core.review_helpers import strong


def test_sections_come_in_interview_order() -> None:
    story = walkthrough(strong().build())
    assert [section.title for section in story.sections] == [
        "Ingestion and data", "Features", "Training and evaluation", "Registry and launch", "Online request path",
        "Monitoring and the feedback loop"]


def test_the_request_path_hop_by_hop_with_running_total_against_the_slo() -> None:
    # each hop adds its own p99 and the lookups it waits for: Candidates 30 + ANN index 10 + Online store 5
    story = walkthrough(strong().build())
    assert [(hop.name, hop.p99_ms, hop.cost_ms, hop.total_ms) for hop in story.hops] == [
        ("“App”", None, 0, 0), ("“Gateway”", 5, 5, 5), ("“Candidates”", 30, 45, 50), ("“Ranking”", 60, 65, 115),
        ("“Re-ranking”", 10, 10, 125)]
    assert story.hops[2].waits == ("index", "online_fs")
    assert story.hops[2].wait_texts == ("“ANN index” 10 ms", "“Online store” 5 ms")
    assert story.budget_line == "125 ms of the 200 ms SLO: 75 ms to spare"
    assert story.hop_lines() == [
        "1. “App”", "2. “Gateway”: 5 ms, 5 ms so far",
        "3. “Candidates”: 30 ms + “ANN index” 10 ms + “Online store” 5 ms, 50 ms so far",
        "4. “Ranking”: 60 ms + “Online store” 5 ms, 115 ms so far", "5. “Re-ranking”: 10 ms, 125 ms so far"]
    over = walkthrough(strong().set("ranker", p99_ms=160).build())
    assert over.budget_line == "225 ms of the 200 ms SLO: 25 ms over"


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_the_running_total_is_the_latency_budget_rules_total(template_id: str) -> None:
    """The walkthrough adds up exactly what latency-budget adds up: the rule fires one millisecond under the
    walkthrough's total, names that total, and is quiet at it."""
    diagram = load_template(template_id)
    story = walkthrough(diagram)
    if not story.hops:
        assert not DiagramGraph(diagram).request_nodes
        return
    graph = DiagramGraph(diagram)
    path, total = graph.heaviest_request_path()
    assert [hop.block for hop in story.hops] == path and story.total_ms == total
    assert [hop.cost_ms for hop in story.hops] == [graph.request_cost(block) for block in path]

    def budget_findings(slo: float) -> list:
        requirements = diagram.requirements.model_copy(update={"latency_slo_ms": slo})
        found = validate(diagram.model_copy(update={"requirements": requirements}))
        return [finding for finding in found if finding.rule == "latency-budget"]

    assert budget_findings(total) == []
    [finding] = budget_findings(total - 1)
    assert f"takes {ms(total)} at p99" in finding.message


def test_a_parallel_branch_is_named_but_not_counted() -> None:
    story = walkthrough(load_template("video-search"))
    gateway = next(hop for hop in story.hops if hop.parallel)
    assert gateway.cost_ms == gateway.p99_ms  # the text search branch runs beside the slower visual branch
    lines = [line for section in story.sections for line in section.lines]
    assert any(line.startswith(f"{gateway.name} also calls ") and "in parallel" in line for line in lines)


def test_funnel_and_feedback_loop() -> None:
    design = strong().require(corpus_size=10_000_000)
    diagram = design.build().model_copy(update={"estimates": _shown(20)})
    story = walkthrough(diagram)
    assert story.funnel == ("10,000,000 items", "500 candidates", "ranked by “Ranking”", "20 shown")
    assert story.loop == ("“Impression logs”", "“Events”", "“Lake”", "“Features”", "“Offline store”", "“Training”")
    request = next(section for section in story.sections if section.has_hops)
    assert request.lines == ("Total: 125 ms of the 200 ms SLO: 75 ms to spare.",
                             "Funnel: 10,000,000 items → 500 candidates → ranked by “Ranking” → 20 shown.")


def _shown(count: int) -> EstimateInputs:
    return EstimateInputs(items_shown=count)


def test_sentences_describe_blocks_by_their_flows_and_settings() -> None:
    story = walkthrough(strong().build())
    lines = {line for section in story.sections for line in section.lines}
    assert "“Features” (streaming) reads “Lake” and feeds “Offline store” and “Online store”." in lines
    assert ("“Training” (retrained on demand) reads “Offline store” and feeds “Tracker”; passes its model to "
            "“Offline eval”.") in lines
    assert "“A/B test” (A/B test, 5% of traffic) passes its model to “Candidates”, “Indexer” and “Ranking”." in lines
    assert ("“Monitor” watches “Candidates”, “Ranking” and “Impression logs” for system health, data drift and model "
            "quality and alerts “Alerts”.") in lines
    assert "“Impression logs” logs impressions and outcomes from “Re-ranking”." in lines


def test_unlabelled_blocks_are_named_by_kind_never_by_id() -> None:
    design = strong()
    for block_id, (kind, props, _label) in list(design.blocks.items()):
        design.blocks[block_id] = (kind, props, "")
    text = "\n".join(walkthrough(design.build()).text_lines())
    assert "Candidate generation: 30 ms + Vector index 10 ms + Feature store 5 ms" in text
    assert "Online experiment (A/B test, 5% of traffic) passes its model to Candidate generation, Indexing pipeline" in text
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
