"""An interview prompt: the interviewer's opening line and what they reveal when asked.

The file format (``*.prompt.json``) is public: people write their own prompts. It is versioned
(``schema_version``), strict (unknown keys are errors, no "12" for 12) and described by a JSON Schema
generated from these models (``docs/prompt.schema.json``, `mlsd practice schema`).
"""

from __future__ import annotations

from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from components.model import Requirements
from components.model.types import MODEL_CONFIG

SCHEMA_VERSION: Final = 1
SUFFIX = ".prompt.json"

Topic = Literal["scale", "latency", "success_metric", "constraints", "data", "other"]
TOPIC_NAMES: dict[str, str] = {
    "scale": "Scale", "latency": "Latency", "success_metric": "Success metric", "constraints": "Constraints",
    "data": "Data", "other": "Other",
}
PromptId = Annotated[str, StringConstraints(min_length=1, max_length=60, pattern=r"^[a-z0-9][a-z0-9-]*$")]


class Question(BaseModel):
    """A clarifying question the candidate may ask, and the interviewer's answer."""

    model_config = MODEL_CONFIG

    id: PromptId = Field(description="Unique within the prompt: lower-case letters, digits and dashes")
    topic: Topic = Field(description="What the question is about")
    ask: str = Field(min_length=1, max_length=300, description="The question, as the candidate would ask it")
    answer: str = Field(min_length=1, max_length=2000, description="What the interviewer answers")
    reveals: Requirements = Field(
        default_factory=Requirements,
        description="The requirements card's values the answer states; asking fills them in (only the keys "
                    "given here are filled)")

    @property
    def revealed(self) -> dict[str, Any]:
        """The requirement fields this answer fills, with their values."""
        return {name: getattr(self.reveals, name) for name in Requirements.model_fields
                if name in self.reveals.model_fields_set and name != "notes"}

    @property
    def note(self) -> str:
        """The line the answer adds to the requirements card's notes: 'Scale: About 100 million...'."""
        return f"{TOPIC_NAMES[self.topic]}: {' '.join(self.answer.split())}"

    def fill(self, requirements: Requirements) -> Requirements:
        """The requirements card once the answer is known: the revealed values set (the interviewer's word
        over a guess already there) and the answer added to the notes, once."""
        notes = requirements.notes.rstrip()
        if self.note not in notes.splitlines():
            notes = f"{notes}\n{self.note}" if notes else self.note
        return requirements.model_copy(update={**self.revealed, "notes": notes})


class Prompt(BaseModel):
    """One mock-interview prompt."""

    model_config = MODEL_CONFIG

    schema_version: Literal[1] = Field(description="The version of this file format (1)")
    id: PromptId = Field(description="Names the prompt in attempts and on the command line")
    title: str = Field(min_length=1, max_length=200, description="A short name for lists")
    opening: str = Field(min_length=1, max_length=1000, description="The interviewer's opening line")
    reference: str | None = Field(
        default=None, min_length=1, max_length=300,
        description="The reference design the attempt is compared with: a template id (`mlsd templates`), or "
                    "a design file's path relative to the prompt file; none for no comparison")
    questions: list[Question] = Field(min_length=1, max_length=30,
                                      description="The clarifying questions the candidate can pick from")

    @model_validator(mode="after")
    def _unique_questions(self) -> Prompt:
        seen: set[str] = set()
        for index, question in enumerate(self.questions):
            if question.id in seen:
                raise PydanticCustomError("duplicate", f"questions[{index}]: duplicate question id {question.id!r}")
            seen.add(question.id)
        return self

    def question(self, question_id: str) -> Question:
        """The question with this id; KeyError when there is none."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)


def prompt_schema() -> dict[str, Any]:
    """The JSON Schema of a prompt file."""
    schema = Prompt.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "MLSD Whiteboard interview prompt"
    return schema
