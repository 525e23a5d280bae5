"""Follow-up questions an interviewer would ask about this design: from what the design shows (its blocks
and settings), and from what it lacks (its gaps)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from components.review.result import Question

if TYPE_CHECKING:
    from components.review.facts import DesignFacts

QUESTIONS_WANTED = 3


@dataclass(frozen=True)
class Prompt:
    """A question asked when ``about`` finds blocks (or, for a design-wide one, returns the empty tuple
    on a match: ``None`` means it does not apply)."""

    text: str
    about: Callable[[DesignFacts], tuple[str, ...] | None]


def _kinds(*kinds: str) -> Callable[[DesignFacts], tuple[str, ...] | None]:
    def find(facts: DesignFacts) -> tuple[str, ...] | None:
        return tuple(facts.of_kind(*kinds)) or None

    return find


def _where(kind: str, test: Callable[[DesignFacts, str], bool]) -> Callable[[DesignFacts], tuple[str, ...] | None]:
    def find(facts: DesignFacts) -> tuple[str, ...] | None:
        return tuple(block_id for block_id in facts.of_kind(kind) if test(facts, block_id)) or None

    return find


def _prop(name: str, *values: object) -> Callable[[DesignFacts, str], bool]:
    return lambda facts, block_id: facts.graph.prop(block_id, name) in values


def _task(*tasks: str) -> Callable[[DesignFacts], tuple[str, ...] | None]:
    return lambda facts: () if facts.requirements.task_type in tasks else None


# In the order an interviewer would reach for them on a design that has all of these.
PROMPTS: tuple[Prompt, ...] = (
    Prompt("When the embedding model changes, how do you rebuild the index and switch over without serving "
           "vectors from two different models?", _kinds("vector_index")),
    Prompt("What continuous-training guardrails stop a bad hourly model from reaching users before anyone "
           "looks?", _where("training_pipeline", _prop("cadence", "hourly", "continuous"))),
    Prompt("How do you keep the features served online identical to the ones the model was trained on?",
           _where("feature_store", _prop("tier", "online"))),
    Prompt("How do you measure the retrieval stage on its own, and what recall@k does ranking need from it?",
           _where("candidate_generation", _prop("uses_model", True))),
    Prompt("How do several predicted probabilities become one ranking score, and who sets the weights?",
           _kinds("ranking")),
    Prompt("How stale may precomputed predictions get, and what do new users or items see before the next run?",
           _kinds("prediction_store")),
    Prompt("What does a brand-new user or item get, before there is any history to learn from?",
           _task("recommendation", "ranking")),
    Prompt("How do you choose the decision threshold, and who decides between precision and recall?",
           _task("binary_classification", "multiclass_classification", "multilabel_classification",
                 "classification")),
    Prompt("What minimum detectable effect do you need, and how long must the test run at this traffic?",
           _where("online_experiment", _prop("strategy", "ab_test"))),
    Prompt("How do you keep the feedback loop from only reinforcing what was already shown (position and "
           "exposure bias)?", _kinds("logging")),
    Prompt("How do you trade relevance against freshness and diversity, and how would you measure that trade?",
           _kinds("reranking")),
    Prompt("How fast do human labels come back, and how do you keep labellers consistent?", _kinds("labeling")),
    Prompt("Which metric would page someone at 3 a.m., and at what threshold?", _kinds("alerting")),
    Prompt("What happens when the cache is cold or stale, and how long may a cached result live?", _kinds("cache")),
)

# For a design that has not got that far: the questions that open the interview.
OPENERS: tuple[str, ...] = (
    "What is the business goal, and which single metric tells you the system meets it?",
    "Who uses this, how many of them a day, and how fast must it answer?",
    "How would you frame it as an ML task: what is predicted, from which inputs, and where do labels come from?",
)


def follow_up_questions(facts: DesignFacts, limit: int = QUESTIONS_WANTED) -> tuple[Question, ...]:
    """Up to ``limit`` questions: those the blocks present call for, in the table's order; the opening
    questions fill in for a design too early to have any."""
    asked: list[Question] = []
    for prompt in PROMPTS:
        if len(asked) == limit:
            break
        about = prompt.about(facts)
        if about is not None:
            asked.append(Question(prompt.text, "design", about))
    for text in OPENERS:
        if len(asked) == limit:
            break
        asked.append(Question(text, "design"))
    return tuple(asked)
