"""A practice session: the prompt, the clock, the phases' schedule, the questions asked and the nudges.

The session keeps no timer of its own: whoever shows it (the app's status bar, a test) calls ``tick``
as often as it likes, and the session works out from its clock which phase boundaries have passed
since the last call. Elapsed time leaves pauses out. ``state()`` and ``restore`` carry a session in
progress across a crash: it comes back paused where it was last saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, Literal

from pydantic import BaseModel, ValidationError

from components.io.errors import validation_message
from components.model.types import MODEL_CONFIG, NonNegative
from components.practice.activity import NO_EDIT, ActivityLog
from components.practice.clock import Clock
from components.practice.phases import PHASES, PlannedPhase, check_length, phase_of_step, plan, retry_plan
from components.practice.prompt import Prompt, Question
from components.practice.records import AskedQuestion, EndedBy, NudgeRecord, PhaseTime, RetryOf

State = Literal["running", "paused", "ended"]
STATE_FORMAT: Final = 1
NudgeCheck = Callable[[PlannedPhase], str | None]


class SessionError(ValueError):
    """Something a session cannot do now (ask after the end), or a saved session that cannot be read."""


@dataclass(frozen=True)
class Tick:
    nudges: tuple[NudgeRecord, ...]  # given at the boundaries passed since the last tick
    time_up: bool  # the session ended on this tick


class SessionState(BaseModel):
    """A session in progress as saved beside the recovery copy of its design."""

    model_config = MODEL_CONFIG

    format: Literal[1] = STATE_FORMAT
    prompt_id: str
    length: int
    retry: RetryOf | None = None
    started_at: float
    elapsed: NonNegative
    pauses: int = 0
    boundaries: int = 0
    asked: list[AskedQuestion] = []
    nudges: list[NudgeRecord] = []
    activity: list[list[Any]] = []


class Session:
    """One timed mock interview on one prompt."""

    def __init__(self, prompt: Prompt, length: int, clock: Clock, *, retry: RetryOf | None = None) -> None:
        self.prompt = prompt
        self.length = check_length(length)
        self.retry = retry  # a retry of one step: only its phase is timed
        self.plan: tuple[PlannedPhase, ...] = (retry_plan(length, phase_of_step(retry.step).key) if retry
                                               else plan(length))
        self.clock = clock
        self.started_at = clock.wall()
        self.ended_by: EndedBy | None = None
        self.asked: list[AskedQuestion] = []
        self.nudges: list[NudgeRecord] = []
        self.activity = ActivityLog()
        self.boundaries = 0  # phase ends already handled by tick()
        self.pauses = 0
        self._banked = 0.0  # seconds run before the current stretch
        self._since: float | None = clock.monotonic()  # when the current stretch started; None: stopped

    # ----- time ------------------------------------------------------------------------------------
    @property
    def duration(self) -> float:
        return self.plan[-1].end

    @property
    def state(self) -> State:
        if self.ended_by is not None:
            return "ended"
        return "running" if self._since is not None else "paused"

    def elapsed(self) -> float:
        running = self.clock.monotonic() - self._since if self._since is not None else 0.0
        return min(self.duration, self._banked + max(0.0, running))

    def remaining(self) -> float:
        return self.duration - self.elapsed()

    def current(self) -> PlannedPhase:
        """The phase the schedule says the candidate should be in now."""
        now = self.elapsed()
        return next((planned for planned in self.plan if now < planned.end), self.plan[-1])

    def pause(self) -> None:
        if self.state == "running":
            self._banked = self.elapsed()
            self._since = None
            self.pauses += 1

    def resume(self) -> None:
        if self.state == "paused":
            self._since = self.clock.monotonic()

    def tick(self, check: NudgeCheck) -> Tick:
        """Give the nudges of the phase boundaries passed since the last tick (``check`` says what, if
        anything, the design lacks for a phase that just ended) and end the session when time is up."""
        if self.ended_by is not None:
            return Tick((), False)
        now = self.elapsed()
        given: list[NudgeRecord] = []
        while self.boundaries < len(self.plan) - 1 and self.plan[self.boundaries].end <= now:
            planned = self.plan[self.boundaries]
            self.boundaries += 1
            text = check(planned)
            if text:
                given.append(NudgeRecord(phase=planned.key, at=planned.end, text=text))
        self.nudges.extend(given)
        if now >= self.duration:
            self._end("time_up")
            return Tick(tuple(given), True)
        return Tick(tuple(given), False)

    def submit(self) -> None:
        if self.ended_by is None:
            self._end("submit")

    def _end(self, how: EndedBy) -> None:
        self._banked = self.elapsed()
        self._since = None
        self.ended_by = how

    # ----- what the candidate does -------------------------------------------------------------------
    def ask(self, question_id: str) -> Question:
        """Ask a clarifying question (once; asking again only shows the answer again)."""
        if self.ended_by is not None:
            raise SessionError("the session is over: no more questions")
        try:
            question = self.prompt.question(question_id)
        except KeyError:
            raise SessionError(f"the prompt has no question {question_id!r}") from None
        if not self.was_asked(question_id):
            self.asked.append(AskedQuestion(id=question_id, at=round(self.elapsed(), 3)))
            self.record("requirements")
        return question

    def was_asked(self, question_id: str) -> bool:
        return any(asked.id == question_id for asked in self.asked)

    def record(self, phase: str) -> None:
        """An edit worked on ``phase`` now (see components/practice/activity.py)."""
        if self.ended_by is None and self.state == "running":
            self.activity.record(phase, self.elapsed())

    def phase_times(self) -> list[PhaseTime]:
        """Suggested and spent seconds for each planned phase and each other phase worked on, in
        framework order, then the time without edits (before the first, and long gaps)."""
        spent = self.activity.spent(self.elapsed())
        planned = {entry.key: entry for entry in self.plan}
        rows = [PhaseTime(phase=phase.key, name=phase.name,
                          suggested=planned[phase.key].minutes * 60.0 if phase.key in planned else 0.0,
                          spent=round(spent.get(phase.key, 0.0), 3))
                for phase in PHASES if phase.key in planned or spent.get(phase.key)]
        if spent.get(NO_EDIT, 0.0) > 0.5:
            rows.append(PhaseTime(phase=NO_EDIT, name="Without edits", suggested=0.0, spent=round(spent[NO_EDIT], 3)))
        return rows

    # ----- surviving a crash -------------------------------------------------------------------------
    def state_data(self) -> dict[str, Any]:
        return SessionState(
            prompt_id=self.prompt.id, length=self.length, retry=self.retry,
            started_at=self.started_at, elapsed=self.elapsed(), pauses=self.pauses,
            boundaries=self.boundaries, asked=list(self.asked), nudges=list(self.nudges),
            activity=self.activity.to_list(),
        ).model_dump(mode="json")

    @classmethod
    def restore(cls, data: Any, prompt: Prompt, clock: Clock) -> Session:
        """A saved session, paused at the time it was saved; SessionError when ``data`` is not one."""
        try:
            state = SessionState.model_validate(data, strict=True)
            activity = ActivityLog.from_list(state.activity)
        except ValidationError as exc:
            raise SessionError(f"the saved practice session cannot be read: {validation_message(exc, data)}") from None
        except (TypeError, ValueError) as exc:
            raise SessionError(f"the saved practice session cannot be read: {exc}") from None
        if state.prompt_id != prompt.id:
            raise SessionError(f"the saved session is on prompt {state.prompt_id!r}, not {prompt.id!r}")
        try:
            session = cls(prompt, state.length, clock, retry=state.retry)
        except ValueError as exc:
            raise SessionError(f"the saved practice session cannot be read: {exc}") from None
        session.started_at = state.started_at
        session._banked = min(state.elapsed, session.duration)
        session._since = None
        session.pauses = state.pauses
        session.boundaries = min(state.boundaries, len(session.plan) - 1)
        session.asked = [asked for asked in state.asked if asked.id in {q.id for q in prompt.questions}]
        session.nudges = list(state.nudges)
        session.activity = activity
        return session
