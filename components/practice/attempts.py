"""Attempts on disk: each finished session as ``<id>.attempt.json`` with its design ``<id>.mlsd.json``
beside it, in the ``attempts`` folder of the user data folder.

The design is written first and the record last (both atomically), so a listed attempt always has its
design. Reading never fails as a whole: a record that cannot be read is left out with a problem line.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from components.io import DESIGN_SUFFIX, DocumentError, load, write_atomic
from components.io.files import encode, parse_json, read_file, validate_data
from components.io.migrate import Migration
from components.model import Diagram
from components.practice.records import ATTEMPT_VERSION, Attempt
from components.practice.score import Scored
from components.practice.session import Session
from components.userdata import data_folder

RECORD_SUFFIX = ".attempt.json"
WHAT = "practice attempt"
FOLDER_MODE = 0o700  # attempts hold the user's designs, like recovery copies
MAX_ATTEMPTS = 5000  # records read at most, newest names first
MIGRATIONS: list[Migration] = []


def attempts_folder() -> Path:
    return data_folder() / "attempts"


def new_attempt(session: Session, scored: Scored, attempt_id: str) -> Attempt:
    """The record of a finished session."""
    if session.ended_by is None:
        raise ValueError("the session has not ended")
    result = scored.review
    return Attempt(
        id=attempt_id, prompt_id=session.prompt.id, prompt_title=session.prompt.title, length=session.length,
        started_at=session.started_at, ended_by=session.ended_by, elapsed=round(session.elapsed(), 3),
        pauses=session.pauses, retry=session.retry, phases=session.phase_times(),
        asked=list(session.asked), questions=len(session.prompt.questions), nudges=list(session.nudges),
        total=result.total, maximum=result.maximum, steps=[step.score for step in result.steps],
        review=result.to_dict(), comparison=scored.comparison.to_dict() if scored.comparison is not None else None,
        design=attempt_id + DESIGN_SUFFIX,
    )


def attempt_id(session: Session, folder: Path) -> str:
    """A readable, sortable, unused id: start time (UTC) and prompt, e.g. ``20260101-093000-video-search``."""
    stamp = datetime.fromtimestamp(session.started_at, UTC).strftime("%Y%m%d-%H%M%S")
    base = f"{stamp}-{session.prompt.id}" + (f"-retry-step-{session.retry.step}" if session.retry else "")
    candidate, number = base, 2
    while (folder / (candidate + RECORD_SUFFIX)).exists() or (folder / (candidate + DESIGN_SUFFIX)).exists():
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def save_attempt(session: Session, scored: Scored, design: Diagram, folder: Path | None = None) -> Attempt:
    """Write a finished session's design and record; OSError when the folder cannot be written."""
    folder = folder if folder is not None else attempts_folder()
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    attempt = new_attempt(session, scored, attempt_id(session, folder))
    write_atomic(folder / attempt.design, encode(design))
    write_atomic(folder / (attempt.id + RECORD_SUFFIX), attempt.model_dump_json(indent=2).encode("utf-8"))
    return attempt


def read_attempt(path: Path) -> Attempt:
    payload, _stamp = read_file(path, WHAT)
    return validate_data(Attempt, parse_json(payload, str(path), WHAT), str(path), what=WHAT, version=ATTEMPT_VERSION,
                         migrations=MIGRATIONS)


@dataclass(frozen=True)
class AttemptList:
    attempts: tuple[Attempt, ...]  # oldest first
    problems: tuple[str, ...]
    folder: Path

    def design_of(self, attempt: Attempt) -> Diagram:
        """The attempt's design (DocumentError when its file is gone or damaged)."""
        return load(self.folder / attempt.design)

    def find(self, attempt_id: str) -> Attempt | None:
        return next((attempt for attempt in self.attempts if attempt.id == attempt_id), None)


def list_attempts(folder: Path | None = None) -> AttemptList:
    folder = folder if folder is not None else attempts_folder()
    problems: list[str] = []
    try:
        with os.scandir(folder) as entries:
            names = sorted((entry.name for entry in entries
                            if entry.name.endswith(RECORD_SUFFIX) and not entry.name.startswith(".")), reverse=True)
    except FileNotFoundError:
        names = []
    except OSError as exc:
        names = []
        problems.append(f"{folder}: cannot read the attempts folder: {exc.strerror or exc}")
    if len(names) > MAX_ATTEMPTS:
        problems.append(f"{folder}: {len(names):,} attempts; only the newest {MAX_ATTEMPTS} are read")
    attempts: list[Attempt] = []
    for name in names[:MAX_ATTEMPTS]:
        try:
            attempts.append(read_attempt(folder / name))
        except DocumentError as exc:
            problems.append(str(exc))
    attempts.sort(key=lambda attempt: (attempt.started_at, attempt.id))
    return AttemptList(tuple(attempts), tuple(problems), folder)


def delete_attempt(attempt: Attempt, folder: Path | None = None) -> None:
    """Remove an attempt's record and design (what is already gone is no error)."""
    folder = folder if folder is not None else attempts_folder()
    for name in (attempt.id + RECORD_SUFFIX, attempt.design):
        with contextlib.suppress(FileNotFoundError):
            (folder / name).unlink()
