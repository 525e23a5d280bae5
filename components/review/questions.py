"""Follow-up questions an interviewer would ask about this design: first about what the validator found
(each rule's own `question`, worst finding first), then about what the design shows (its blocks and
settings), and the opening questions of an interview for a design too early for either."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from components.review.result import Question
from components.validate.rules import RULES_BY_ID
from components.validate.rules.base import listing

if TYPE_CHECKING:
    from components.review.facts import DesignFacts

QUESTIONS_WANTED = 3

About = Callable[["DesignFacts"], "tuple[str, ...] | None"]


@dataclass(frozen=True)
class Prompt:
    """A question asked when ``about`` finds blocks (or, for a design-wide one, returns the empty tuple
    on a match: ``None`` means it does not apply). ``rule``: ask that validator rule's question (its
    wording lives with the rule), as a probe of what the design shows even when the rule passes."""

    about: About
    text: str = ""
    rule: str = ""

    @property
    def question(self) -> str:
        return RULES_BY_ID[self.rule].question if self.rule else self.text


def _kinds(*kinds: str) -> About:
    def find(facts: DesignFacts) -> tuple[str, ...] | None:
        return tuple(facts.of_kind(*kinds)) or None

    return find


def _where(kind: str, test: Callable[[DesignFacts, str], bool]) -> About:
    def find(facts: DesignFacts) -> tuple[str, ...] | None:
        return tuple(block_id for block_id in facts.of_kind(kind) if test(facts, block_id)) or None

    return find


def _prop(name: str, *values: object) -> Callable[[DesignFacts, str], bool]:
    return lambda facts, block_id: facts.graph.prop(block_id, name) in values


def _logs(kind: str) -> Callable[[DesignFacts, str], bool]:
    """A log that holds ``kind`` (what was shown: only there do position and exposure bias arise)."""
    return lambda facts, block_id: kind in facts.graph.prop(block_id, "logs", ())


def _task(*tasks: str) -> About:
    return lambda facts: () if facts.requirements.task_type in tasks else None


def _request_path(facts: DesignFacts) -> tuple[str, ...] | None:
    """The slowest request path, when there is one to walk through against an SLO."""
    graph = facts.graph
    if not facts.requirements.latency_slo_ms or not graph.request_nodes or graph.request_cycle:
        return None
    return tuple(graph.heaviest_request_path()[0]) or None


# In the order an interviewer would reach for them on a design that has all of these.
PROMPTS: tuple[Prompt, ...] = (
    Prompt(_kinds("vector_index"), rule="index-lineage"),
    Prompt(_where("training_pipeline", _prop("cadence", "hourly", "continuous")), rule="continual-training-gate"),
    Prompt(_where("feature_store", _prop("tier", "online")), rule="training-serving-skew"),
    Prompt(_where("candidate_generation", _prop("uses_model", True)),
           "How do you measure the retrieval stage on its own, and what recall@k does ranking need from it?"),
    Prompt(_kinds("ranking"), "What does the ranking score stand for: one calibrated probability, or several "
                              "predictions combined, and who sets their weights?"),
    Prompt(_kinds("prediction_store"), "How stale may precomputed predictions get, and what do new users or items "
                                       "see before the next run?"),
    Prompt(_task("recommendation", "ranking"), "What does a brand-new user or item get, before there is any history "
                                                "to learn from?"),
    Prompt(_task("binary_classification", "multiclass_classification", "multilabel_classification", "classification"),
           "How do you choose the decision threshold, and who decides between precision and recall?"),
    Prompt(_where("online_experiment", _prop("strategy", "ab_test")),
           "What minimum detectable effect do you need, and how long must the test run at this traffic?"),
    Prompt(_where("logging", _logs("impressions")), "How do you keep the feedback loop from only reinforcing what "
                                                    "was already shown (position and exposure bias)?"),
    Prompt(_kinds("reranking"), "How do you trade relevance against freshness and diversity, and how would you "
                                "measure that trade?"),
    Prompt(_kinds("labeling"), "How fast do human labels come back, and how do you keep labellers consistent?"),
    Prompt(_request_path, rule="latency-budget"),
    Prompt(_kinds("alerting"), "Which metric would page someone at 3 a.m., and at what threshold?"),
    Prompt(_kinds("cache"), "What happens when the cache is cold or stale, and how long may a cached result live?"),
)

# For a design that has not got that far: the questions that open the interview.
OPENERS: tuple[str, ...] = (
    "What is the business goal, and which single metric tells you the system meets it?",
    "Who uses this, how many of them a day, and how fast must it answer?",
    "How would you frame it as an ML task: what is predicted, from which inputs, and where do labels come from?",
)


def _about(facts: DesignFacts, blocks: tuple[str, ...]) -> str:
    return f"About {listing(facts.names(blocks), 3)}" if blocks else ""


def from_findings(facts: DesignFacts) -> list[Question]:
    """One question per rule that found something, in the validator's order (worst first)."""
    asked: dict[str, Question] = {}
    for finding in facts.findings:
        if finding.rule in asked or finding.rule not in RULES_BY_ID:
            continue
        rule = RULES_BY_ID[finding.rule]
        because = f"Asked because of the finding “{rule.title}” ({finding.severity}, step {finding.stage})"
        asked[finding.rule] = Question(rule.question, "finding", finding.blocks, because, finding.rule)
    return list(asked.values())


def from_design(facts: DesignFacts, skip: set[str]) -> list[Question]:
    """The questions the blocks present call for, in the table's order (a rule already asked about is
    not asked twice)."""
    asked = []
    for prompt in PROMPTS:
        if prompt.rule in skip:
            continue
        about = prompt.about(facts)
        if about is not None:
            asked.append(Question(prompt.question, "design", about, _about(facts, about), prompt.rule))
    return asked


def follow_up_questions(facts: DesignFacts, limit: int = QUESTIONS_WANTED) -> tuple[Question, ...]:
    """Up to ``limit`` questions: the findings' first (worst first), keeping one place for a question about
    what the design shows when it has any; the opening questions fill in for a design too early for both."""
    found = from_findings(facts)
    shown = from_design(facts, {question.rule for question in found})
    first = found[: limit - 1] if shown else found[:limit]
    asked = [*first, *shown, *found[len(first):]][:limit]
    asked += [Question(text, "opening") for text in OPENERS[: limit - len(asked)]]
    return tuple(asked)
