"""What a practice session remembers, as strict models: the questions asked, the nudges given, the time
per phase, and the attempt saved at the end (a versioned file of its own, like a design)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, Literal

from pydantic import BaseModel, Field

from components.model.types import MODEL_CONFIG, NonNegative

ATTEMPT_VERSION: Final = 1
EndedBy = Literal["submit", "time_up"]


def weakest_step(scores: Sequence[int]) -> int:
    """The number (1-7) of the step with the fewest points, the earliest of equals: the step the results
    name and "retry this step" reopens, in the app, the trend and `mlsd practice score` alike."""
    return min(range(1, len(scores) + 1), key=lambda number: (scores[number - 1], number))


class AskedQuestion(BaseModel):
    model_config = MODEL_CONFIG

    id: str
    at: NonNegative  # seconds into the session


class NudgeRecord(BaseModel):
    model_config = MODEL_CONFIG

    phase: str
    at: NonNegative
    text: str


class PhaseTime(BaseModel):
    """The time a phase was suggested and the time the candidate's edits spent on it."""

    model_config = MODEL_CONFIG

    phase: str  # a phase key, or "" for the time before the first edit
    name: str
    suggested: NonNegative  # seconds
    spent: NonNegative  # seconds


class RetryOf(BaseModel):
    """What a retry of one step started from."""

    model_config = MODEL_CONFIG

    attempt: str  # the attempt whose design was reopened
    step: int = Field(ge=1, le=7)  # the step retried (the weakest of that attempt)
    before: int = Field(ge=0)  # its score in that attempt


class Attempt(BaseModel):
    """One finished session: the prompt, the timings, the review's scores, and the files beside it."""

    model_config = MODEL_CONFIG

    schema_version: Literal[1] = ATTEMPT_VERSION
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=120)
    prompt_id: str
    prompt_title: str
    length: int  # minutes chosen
    started_at: float  # seconds since the epoch
    ended_by: EndedBy
    elapsed: NonNegative  # seconds of session, pauses left out
    pauses: int = 0
    retry: RetryOf | None = None  # None: a whole session
    phases: list[PhaseTime]
    asked: list[AskedQuestion]
    questions: int  # how many the prompt offered
    nudges: list[NudgeRecord]
    total: int
    maximum: int
    steps: list[int]  # the score of each of the seven steps
    review: dict[str, Any]  # the review's JSON (as `mlsd review --format json`)
    comparison: dict[str, Any] | None  # the comparison's JSON; None without a reference design
    design: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.mlsd\.json$", max_length=160)  # a file beside the record

    @property
    def is_retry(self) -> bool:
        return self.retry is not None
