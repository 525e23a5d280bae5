"""orphan-block and disconnected-design, and the odd-but-legal designs that must never raise."""

from __future__ import annotations

from components.model import Diagram, Group, Note
from components.validate import validate
from tests.core.validate_helpers import Design, healthy, one, rules_of

# --- orphan-block --------------------------------------------------------------------------------------------


def test_orphan_block_fires_with_the_blocks_own_stage() -> None:
    design = healthy().block("lonely", "cache", "Lonely cache")
    finding = one(design, "orphan-block")
    assert finding.severity == "warning" and finding.stage == 6 and finding.blocks == ("lonely",)
    assert finding.message == "Step 6, Deployment and serving: “Lonely cache” is connected to nothing: what does it do in this design?"
    assert design.block("t2", "labeling").findings("orphan-block")[0].stage == 3


def test_custom_orphans_use_the_rule_stage() -> None:
    assert one(Design().block("x", "custom"), "orphan-block").stage == 6


def test_a_connector_of_any_flow_or_direction_or_a_self_loop_is_not_an_orphan() -> None:
    for flow in ("request", "data", "model", "feedback", "observe"):
        design = Design().block("a", "custom").block("b", "custom").connect("b", "a", flow)
        assert design.findings("orphan-block") == [], flow
    assert Design().block("a", "custom").connect("a", "a", "data").findings("orphan-block") == []


def test_every_orphan_is_reported() -> None:
    design = Design().block("a", "custom").block("b", "cache").block("c", "client")
    assert [f.blocks for f in design.findings("orphan-block")] == [("a",), ("b",), ("c",)]


# --- disconnected-design --------------------------------------------------------------------------------------

def test_two_separate_parts_fire_naming_the_smaller_one() -> None:
    design = healthy().block("x", "custom", "Side A").block("y", "custom", "Side B").connect("x", "y", "data")
    finding = one(design, "disconnected-design")
    assert finding.severity == "warning" and finding.stage == 6 and finding.blocks == ("x", "y")
    assert finding.message == ("Step 6, Deployment and serving: the design falls into 2 separate parts; outside the "
                               "main part: “Side A” and “Side B” (2 blocks)")


def test_orphans_are_left_to_their_own_rule() -> None:
    design = healthy().block("x", "custom")
    assert design.findings("disconnected-design") == []
    assert Design().block("a", "custom").block("b", "custom").findings("disconnected-design") == []


def test_direction_does_not_matter_for_connectedness() -> None:
    design = Design().block("a", "custom").block("b", "custom").block("c", "custom")
    design.connect("a", "b", "data").connect("c", "b", "data")
    assert design.findings("disconnected-design") == []


def test_a_block_connected_only_to_itself_is_a_separate_part() -> None:
    design = healthy().block("self", "cache", "Self cache").connect("self", "self", "request")
    finding = one(design, "disconnected-design")
    assert finding.blocks == ("self",)
    assert design.findings("orphan-block") == []


def test_three_parts_list_everything_outside_the_largest() -> None:
    design = Design()
    for block_id in "abcdefg":
        design.block(block_id, "custom")
    design.chain("data", "a", "b", "c").chain("data", "d", "e").chain("data", "f", "g")
    finding = one(design, "disconnected-design")
    assert finding.blocks == ("d", "e", "f", "g") and "3 separate parts" in finding.message


def test_equal_parts_keep_the_first_in_diagram_order_as_the_main_part() -> None:
    design = Design().block("a", "custom").block("b", "custom").block("c", "custom").block("d", "custom")
    design.connect("c", "d", "data").connect("a", "b", "data")
    assert one(design, "disconnected-design").blocks == ("c", "d")


# --- odd but legal designs ---------------------------------------------------------------------------------------

def test_empty_and_notes_only_diagrams_only_miss_steps() -> None:
    assert set(rules_of(validate(Diagram()))) == {"stage-coverage"}
    notes = Diagram(notes=[Note(id="n", text="todo")], groups=[Group(id="g", label="Serving")])
    assert validate(notes) == validate(Diagram())


def test_self_loops_of_every_flow_on_every_serving_kind_do_not_raise() -> None:
    for kind in ("inference_service", "ranking", "candidate_generation", "training_pipeline", "monitoring"):
        design = Design(latency_slo_ms=50, corpus_size=10**9).block("x", kind, p99_ms=80)
        for flow in ("request", "data", "model", "feedback", "observe"):
            design.connect("x", "x", flow)
        found = rules_of(design.findings())
        assert "request-cycle" in found and "latency-budget" not in found


def test_parallel_connectors_do_not_double_count() -> None:
    design = healthy()
    for _ in range(3):
        design.connect("gateway", "cands", "request").connect("ranker", "monitor", "observe")
    assert design.findings() == []
    design.require(latency_slo_ms=124)  # the heaviest path is 125 ms, counted once
    assert "takes 125 ms" in one(design, "latency-budget").message


def test_a_cycle_of_model_connectors_gives_findings_not_exceptions() -> None:
    design = (Design().block("t", "training_pipeline").block("r", "model_registry").block("s", "ranking")
              .chain("model", "t", "r", "s", "t"))
    found = set(rules_of(design.findings()))
    assert {"no-training-data", "no-evaluation-gate", "no-feedback-loop", "missing-monitoring"} <= found


def test_a_block_connected_only_to_itself_alone() -> None:
    design = Design().block("s", "ranking").connect("s", "s", "model")
    found = set(rules_of(design.findings()))
    assert "orphan-block" not in found and "disconnected-design" not in found
    assert "registry-gap" in found
