"""Follow-up questions: the validator rules' own questions for what they found (worst first), a place kept
for a question about what the design shows, the opening questions for a design too early for either."""

from __future__ import annotations

from components.review import review
from components.templates import load_template
from components.validate.rules import RULES_BY_ID
from tests.core.review_helpers import strong
from tests.core.validate_helpers import Design


def question(rule: str) -> str:
    return RULES_BY_ID[rule].question


def test_a_clean_template_is_asked_about_what_it_shows() -> None:
    questions = review(load_template("video-recommendation")).questions
    assert [(q.source, q.rule, q.blocks) for q in questions] == [
        ("design", "index-lineage", ("ann",)), ("design", "training-serving-skew", ("fs_on",)),
        ("design", "", ("cand_tt",))]
    assert questions[0].text == question("index-lineage")  # the rule's own wording, as a probe
    assert questions[0].because == "About “ANN index (sharded HNSW)”"
    assert questions[2].text.startswith("How do you measure the retrieval stage on its own")


def test_findings_come_first_worst_first_and_one_place_stays_for_the_design() -> None:
    design = strong().set("ranker", p99_ms=500).remove("alerts")  # an error (latency) and a warning (alerts)
    questions = review(design.build()).questions
    assert [(q.source, q.rule) for q in questions] == [
        ("finding", "latency-budget"), ("finding", "no-alerting"), ("design", "index-lineage")]
    assert questions[0].text == question("latency-budget")
    assert questions[0].because == ("Asked because of the finding “The request path exceeds the latency SLO” "
                                    "(error, step 6)")
    assert questions[0].blocks[:2] == ("client", "gateway")


def test_a_rule_asked_about_its_finding_is_not_asked_again_as_a_probe() -> None:
    questions = review(strong().remove("indexer").build()).questions  # index-lineage now finds the index unbuilt
    rules = [q.rule for q in questions]
    assert rules[0] == "index-lineage" and questions[0].source == "finding"
    assert rules.count("index-lineage") == 1


def test_findings_fill_every_place_when_the_design_calls_for_no_other_question() -> None:
    d = Design(task_type="regression").block("app", "client").block("svc", "inference_service", "Price model")
    result = review(d.connect("app", "svc", "request").build())
    assert len(result.questions) == 3 and {q.source for q in result.questions} == {"finding"}
    in_order = list(dict.fromkeys(finding.rule for finding in result.findings))  # worst first, by step
    assert [q.rule for q in result.questions] == in_order[:3]
    assert [q.rule for q in result.questions][:2] == ["registry-gap", "missing-monitoring"]  # the two errors


def test_the_skeleton_gets_the_coverage_question_then_the_opening_ones() -> None:
    questions = review(load_template("seven-step-skeleton")).questions
    assert [q.source for q in questions] == ["finding", "opening", "opening"]
    assert questions[0].text == question("stage-coverage")
    assert questions[1].text.startswith("What is the business goal")


def _texts(template: str) -> list[str]:
    return [q.text for q in review(load_template(template)).questions]


def test_probes_say_only_what_is_true_of_the_design() -> None:
    # the continual-training probe does not assume a daily cadence (ad-click retrains hourly)
    assert question("continual-training-gate").startswith("You retrain on a schedule:")
    assert "You retrain every day" not in " ".join(_texts("ad-click-prediction"))
    # one calibrated P(click) is not "several predicted probabilities"
    ranking = next(text for text in _texts("ad-click-prediction") if "ranking score" in text)
    assert ranking.startswith("What does the ranking score stand for: one calibrated probability, or several")
    # exposure bias is asked where what was shown is logged, not of a detector's prediction log
    assert not any("exposure bias" in text for text in _texts("street-view-blurring"))
    assert any("exposure bias" in text for text in _texts("visual-search"))
