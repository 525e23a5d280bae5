"""Practice mode: a timed mock interview on a prompt, with phases, nudges and a scored review at the end.

    from components.practice import prompt_catalog, Session, SystemClock, nudge_text, score, save_attempt
    catalog = prompt_catalog()                       # built-in prompts (one per case study) and the user's
    loaded = catalog.find("video-recommendation")
    session = Session(loaded.prompt, 45, SystemClock())
    session.ask("scale")                             # the answer's values go on the requirements card
    session.tick(lambda phase: nudge_text(phase, design))   # nudges at the phase boundaries passed
    session.submit()
    scored = score(design, loaded)                   # the coach's review and the comparison with the reference
    save_attempt(session, scored, design)            # in the user data folder; list_attempts() and trend() read them

Qt-free: the app's status-bar timer, question card, nudges and windows are built on this.
"""

from components.practice.attempts import AttemptList, attempts_folder, list_attempts, save_attempt
from components.practice.clock import Clock, FakeClock, SystemClock
from components.practice.nudges import nudge_text
from components.practice.phases import DEFAULT_LENGTH, LENGTHS, PHASES, Phase, PlannedPhase
from components.practice.prompt import Prompt, Question
from components.practice.prompts import LoadedPrompt, PromptCatalog, UnknownPromptError, prompt_catalog
from components.practice.records import Attempt
from components.practice.score import Scored, score
from components.practice.session import Session, SessionError, Tick
from components.practice.trend import Trend, trend

__all__ = [
    "DEFAULT_LENGTH", "LENGTHS", "PHASES", "Attempt", "AttemptList", "Clock", "FakeClock", "LoadedPrompt", "Phase",
    "PlannedPhase", "Prompt", "PromptCatalog", "Question", "Scored", "Session", "SessionError", "SystemClock", "Tick",
    "Trend", "UnknownPromptError", "attempts_folder", "list_attempts", "nudge_text", "prompt_catalog", "save_attempt",
    "score", "trend",
]
