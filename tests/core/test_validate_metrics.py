"""The metric table (components/validate/metrics.py) and the rules built on it: offline-metric-fit,
online-metric-fit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from components.model import RuleSettings
from components.validate.metrics import FAMILIES, TASK_EXAMPLES, TASK_FAMILIES, MetricTable, built_in, normalise
from tests.core.correct_designs import rag_assistant
from tests.core.validate_helpers import healthy, one

TABLE = MetricTable()


@pytest.mark.parametrize(("written", "name"), [
    ("nDCG", "nDCG"), ("NDCG@10", "nDCG"), ("ndcg at 20", "nDCG"), ("Recall@100", "recall@k"),
    ("recall at k", "recall@k"), ("hit-rate@50", "recall@k"), ("PR-AUC per class", "PR-AUC"),
    ("pr auc", "PR-AUC"), ("ROC-AUC per task head", "ROC-AUC"), ("AUC", "ROC-AUC"),
    ("Normalised cross-entropy", "normalized cross-entropy"), ("NE", "normalized cross-entropy"),
    ("calibration (predicted / observed CTR)", "calibration"), ("log-loss", "log loss"),
    ("mean average precision", "MAP"), ("mAP@0.5", "MAP"), ("AP@IoU 0.75", "AP@IoU"),
    ("average rank of the booked listing", "mean rank"), ("top-5 accuracy", "accuracy"),
    ("recall at 90% precision", "recall"), ("macro F1", "F1"), ("Click-through rate", "CTR"),
    ("conversion rate (registrations)", "conversion rate"), ("Watch time", "watch time"),
    ("user reports", "user reports"), ("Reports", "user reports"), ("WAPE", "MAPE"), ("RMSE", "RMSE"),
])
def test_names_are_matched_after_normalising(written: str, name: str) -> None:
    found = TABLE.lookup(written)
    assert found is not None and found[0] == name, written


@pytest.mark.parametrize("written", ["completed videos", "north star index", "keystrokes saved", "", "  "])
def test_unknown_names_are_not_recognised(written: str) -> None:
    assert TABLE.lookup(written) is None


@given(st.text(max_size=40))
def test_normalise_never_raises_and_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


def test_every_family_and_task_is_described() -> None:
    assert {family for metric in built_in() for family in metric.families} == set(FAMILIES)
    assert set(TASK_EXAMPLES) == set(TASK_FAMILIES)
    for metric in built_in():
        assert TABLE.lookup(metric.name) is not None, metric.name


def test_a_design_adds_names_per_family() -> None:
    table = MetricTable({"ranking": ["share of booked listings in the top 10"], "outcome": ["precision"]})
    assert table.lookup("Share of booked listings in the top 10")[1] == {"ranking"}
    assert table.lookup("precision")[1] == {"decision", "detection", "segmentation", "outcome"}


# --- offline-metric-fit ----------------------------------------------------------------------------------------

def test_classification_metrics_on_a_ranking_task_fire_once_per_place() -> None:
    design = healthy().require(offline_metrics=["nDCG@10", "accuracy", "RMSE"]).set("eval", metrics=["BLEU"])
    found = design.findings("offline-metric-fit")
    assert [(f.stage, f.blocks) for f in found] == [(5, ()), (5, ("eval",))]
    assert found[0].message == ("Step 5, Evaluation: accuracy (a classification metric at a threshold), RMSE (a "
                                "regression error) cannot tell whether a ranking model is any good: measure it with "
                                f"{TASK_EXAMPLES['ranking']}")
    assert found[1].message.startswith("Step 5, Evaluation: “Offline eval” gates on BLEU (a text generation metric), "
                                       "which cannot tell")
    assert "rules.params.metric_families" in found[0].hint


@pytest.mark.parametrize(("task", "good", "bad"), [
    ("binary_classification", ["PR-AUC", "log loss", "recall at 1% FPR"], ["nDCG@10"]),
    ("regression", ["MAE", "MAPE"], ["ROC-AUC"]),
    ("object_detection", ["mAP", "AP@IoU 0.5", "recall"], ["accuracy"]),
    ("segmentation", ["Dice", "mIoU"], ["MRR"]),
    ("generation", ["ROUGE-L", "human eval"], ["F1"]),
    ("retrieval", ["recall@10", "MRR"], ["log loss"]),
])
def test_metrics_fit_their_task(task: str, good: list[str], bad: list[str]) -> None:
    design = healthy().require(task_type=task, offline_metrics=good).set("eval", metrics=good)
    design.set("cands", uses_model=False).remove("indexer").remove("index")  # no learned retrieval stage
    assert design.findings("offline-metric-fit") == []
    assert one(design.require(offline_metrics=good + bad), "offline-metric-fit").message.count("(") == 1


def test_accuracy_alone_on_a_rare_positive_task_fires_once_per_place() -> None:
    design = healthy().require(task_type="binary_classification", offline_metrics=["Accuracy"])
    design.set("eval", metrics=["accuracy"]).set("cands", uses_model=False).remove("indexer").remove("index")
    found = design.findings("offline-metric-fit")
    assert [(f.stage, f.blocks) for f in found] == [(5, ()), (5, ("eval",))]
    assert found[0].message == ("Step 5, Evaluation: Accuracy alone cannot judge a binary classification model (when "
                                "positives are rare, predicting 'no' for everything scores 99%): measure it with "
                                f"{TASK_EXAMPLES['binary_classification']}")
    assert found[1].message.startswith("Step 5, Evaluation: “Offline eval” gates on accuracy alone, which cannot judge")
    # with another metric beside it, balanced accuracy, or a multiclass task, accuracy is fine
    assert design.require(offline_metrics=["accuracy", "PR-AUC"]).set("eval", metrics=["accuracy", "recall"]) \
        .findings("offline-metric-fit") == []
    assert design.require(offline_metrics=["balanced accuracy"]).set("eval", metrics=["balanced accuracy"]) \
        .findings("offline-metric-fit") == []
    multiclass = design.require(task_type="multiclass_classification", offline_metrics=["accuracy"])
    assert multiclass.set("eval", metrics=["accuracy"]).findings("offline-metric-fit") == []


def test_a_learned_retrieval_stage_may_be_judged_by_ranking_metrics_whatever_the_task() -> None:
    assert rag_assistant().findings("offline-metric-fit") == []
    design = rag_assistant().require(offline_metrics=["recall@5", "RMSE"])
    assert "RMSE" in one(design, "offline-metric-fit").message


def test_unknown_names_untyped_tasks_and_declared_names_are_never_reported() -> None:
    assert healthy().require(offline_metrics=["our own quality score"]).findings("offline-metric-fit") == []
    assert healthy().require(task_type="other", offline_metrics=["BLEU"]).findings("offline-metric-fit") == []
    declared = healthy().require(offline_metrics=["BLEU"])
    declared.rules = {"params": {"metric_families": {"ranking": ["BLEU"]}}}
    assert declared.findings("offline-metric-fit") == []


# --- online-metric-fit --------------------------------------------------------------------------------------------

def test_model_metrics_online_fire() -> None:
    finding = one(healthy().require(online_metrics=["CTR", "accuracy", "AUC"]), "online-metric-fit")
    assert finding.severity == "warning" and finding.stage == 5
    assert finding.message.startswith("Step 5, Evaluation: accuracy, AUC are model metrics, not a product outcome")


def test_outcomes_and_unknown_names_online_are_fine() -> None:
    design = healthy().require(online_metrics=["CTR", "watch time", "revenue lift", "diversity", "our north star"])
    assert design.findings("online-metric-fit") == []


def test_metric_families_is_checked_on_load() -> None:
    with pytest.raises(ValueError, match="metric_families"):
        RuleSettings(params={"metric_families": {"rankingg": ["x"]}})
    with pytest.raises(ValueError, match="metric_families"):
        RuleSettings(params={"metric_families": {"ranking": "x"}})
