"""no-training-data, registry-gap, no-evaluation-gate and no-online-experiment: the model's life cycle."""

from __future__ import annotations

import pytest

from components.catalog import kinds_of_stage
from tests.core.validate_helpers import Design, healthy, one

# --- no-training-data ----------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", [spec.kind for spec in kinds_of_stage(3)])
def test_any_stage_3_ancestor_feeds_training(kind: str) -> None:
    design = Design().block("src", kind).block("t", "training_pipeline").connect("src", "t", "data")
    assert design.findings("no-training-data") == []


def test_training_without_data_fires() -> None:
    design = healthy().disconnect("offline_fs", "train")
    finding = one(design, "no-training-data")
    assert finding.severity == "error" and finding.stage == 3 and finding.blocks == ("train",)
    assert finding.message == "Step 3, Data: “Training” trains on nothing: no data, labels or features lead to it"


def test_training_data_may_be_a_distant_ancestor_over_any_flow() -> None:
    design = (Design().block("lake", "data_store").block("x", "custom").block("y", "orchestrator")
              .block("t", "training_pipeline").connect("lake", "x", "observe").connect("x", "y", "request")
              .connect("y", "t", "feedback"))
    assert design.findings("no-training-data") == []


def test_training_data_must_lead_to_training_not_away_from_it() -> None:
    design = Design().block("t", "training_pipeline").block("lake", "data_store").connect("t", "lake", "data")
    assert design.findings("no-training-data")
    looped = Design().block("t", "training_pipeline").connect("t", "t", "data")
    assert looped.findings("no-training-data")
    other_stage = Design().block("t", "training_pipeline").block("r", "model_registry").connect("r", "t", "data")
    assert other_stage.findings("no-training-data")


# --- registry-gap ---------------------------------------------------------------------------------------

def test_serving_straight_from_training_fires_even_with_a_registry() -> None:
    design = healthy().connect("train", "ranker", "model", "shortcut")
    finding = one(design, "registry-gap")
    assert finding.severity == "error" and finding.stage == 6
    assert finding.blocks == ("ranker", "train") and finding.connectors == ("shortcut",)
    assert "bypassing the model registry" in finding.message and finding.message.startswith("Step 6, Deployment and serving: “Ranking” takes")


def test_a_direct_connector_of_any_flow_from_training_counts() -> None:
    design = healthy().connect("train", "ranker", "data", "leak")
    assert one(design, "registry-gap").connectors == ("leak",)


def test_serving_without_a_registry_upstream_fires() -> None:
    design = healthy().disconnect("ab", "ranker")
    finding = one(design, "registry-gap")
    assert finding.blocks == ("ranker",) and finding.connectors == ()
    assert "no model registry" in finding.message


def test_registry_must_be_upstream_over_model_connectors_only() -> None:
    design = Design().block("r", "model_registry").block("s", "inference_service").connect("r", "s", "data")
    assert design.findings("registry-gap")
    through = (Design().block("r", "model_registry").block("e", "online_experiment").block("s", "inference_service")
               .chain("model", "r", "e", "s"))
    assert through.findings("registry-gap") == []


def test_registry_gap_ignores_rule_based_retrieval_and_applies_to_batch() -> None:
    assert Design().block("c", "candidate_generation", uses_model=False).findings("registry-gap") == []
    assert Design().block("b", "inference_service", mode="batch").findings("registry-gap")


# --- no-evaluation-gate -----------------------------------------------------------------------------------

def test_model_path_around_the_gate_fires() -> None:
    design = healthy().connect("train", "registry", "model")
    found = design.findings("no-evaluation-gate")
    assert found and all(f.severity == "warning" and f.stage == 5 for f in found)
    assert "Offline evaluation" in found[0].hint


def test_every_model_path_must_pass_an_evaluation() -> None:
    design = healthy().connect("train", "registry", "model")
    found = design.findings("no-evaluation-gate")
    assert [f.blocks for f in found] == [("cands", "train"), ("ranker", "train")]
    assert found[1].message == ("Step 5, Evaluation: a model from “Training” can reach “Ranking” without passing an offline "
                                "evaluation: nothing stops a bad training run")


def test_gate_only_matters_on_model_connectors() -> None:
    design = healthy().connect("train", "registry", "data")  # a data connector is not a model path
    assert design.findings("no-evaluation-gate") == []


def test_no_gate_at_all_fires_and_a_gate_anywhere_on_the_path_is_enough() -> None:
    bare = (Design().block("t", "training_pipeline").block("r", "model_registry").block("s", "ranking")
            .chain("model", "t", "r", "s"))
    assert bare.findings("no-evaluation-gate")
    gated = (Design().block("t", "training_pipeline").block("r", "model_registry").block("e", "offline_evaluation")
             .block("s", "ranking").chain("model", "t", "r", "e", "s"))
    assert gated.findings("no-evaluation-gate") == []


# --- no-online-experiment -----------------------------------------------------------------------------------

def test_online_serving_without_experiment_fires_once() -> None:
    design = healthy().remove("ab").connect("registry", "ranker", "model").connect("registry", "cands", "model")
    finding = one(design, "no-online-experiment")
    assert finding.severity == "warning" and finding.stage == 5
    assert finding.blocks == ("cands", "ranker")
    assert "no online experiment before" in finding.message


def test_experiment_off_the_model_path_does_not_count() -> None:
    design = healthy().disconnect("ab", "ranker").disconnect("ab", "cands")
    design.connect("registry", "ranker", "model").connect("registry", "cands", "model")
    finding = one(design, "no-online-experiment")
    assert "“A/B test” is not on the model path" in finding.message
    assert "ab" in finding.blocks


def test_experiment_needs_a_registry_upstream() -> None:
    design = (Design().block("e", "online_experiment").block("s", "ranking").connect("e", "s", "model"))
    assert design.findings("no-online-experiment")
    design.block("r", "model_registry").connect("r", "e", "model")
    assert design.findings("no-online-experiment") == []


def test_batch_only_serving_needs_no_online_experiment() -> None:
    design = Design().block("b", "inference_service", mode="batch").block("r", "model_registry")
    assert design.connect("r", "b", "model").findings("no-online-experiment") == []
