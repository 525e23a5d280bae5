"""Practice mode in the app: File > Practice (a timed mock interview), File > Practice Attempts, the retry
of a step, and a session brought back after a crash.

The core (prompts, sessions, scoring, attempts, the trend) is ``components.practice``; this layer shows
it: ``controller`` runs a session in the main window (status-bar clock, questions dock, nudges),
``results_window``, ``attempts_window`` and ``interviewer_window`` are the windows around it. The main
window reaches them through the functions below, giving what they need by the ``PracticeHost`` protocol.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow, QMessageBox

if TYPE_CHECKING:
    from app.practice.attempts_window import AttemptsWindow
    from app.practice.controller import PracticeController
    from app.practice.host import PracticeHost
    from components.model import Diagram
    from components.practice import Clock, LoadedPrompt, Session
    from components.practice.records import Attempt

EXTRA = "practice"  # the name the session's state is kept under beside the recovery copy (app/autosave.py)
LAST_PROMPT_KEY = "practice/lastPrompt"  # the settings File > Practice opens with: the last session's choice
LAST_LENGTH_KEY = "practice/lastLength"


def _int_or(value: object, default: int) -> int:
    """A number read back from the settings (QSettings gives strings from an ini file), or ``default``."""
    try:
        return int(str(value))
    except ValueError:
        return default


def running(window: QMainWindow) -> PracticeController | None:
    from app.practice.controller import PracticeController

    # an ended one may linger until its deferred deletion
    return next((found for found in window.findChildren(PracticeController, "practiceController") if found.active),
                None)


def _may_start(window: QMainWindow, host: PracticeHost) -> bool:
    """The open design may be replaced: a running session asks first (end and keep it, or discard it)."""
    return host.documents.maybe_discard("starting another practice session" if running(window) else
                                        "starting a practice session")


def start_practice(window: QMainWindow, host: PracticeHost, prompt_id: str | None = None, length: int | None = None,
                   clock: Clock | None = None) -> PracticeController | None:
    """File > Practice: choose a prompt and a length (asked for when not given), then start on a blank design."""
    from components.practice import DEFAULT_LENGTH, Session, SystemClock, UnknownPromptError, prompt_catalog

    catalog = prompt_catalog()
    if prompt_id is None:
        from app.practice.start_dialog import StartDialog

        settings = host.settings
        dialog = StartDialog(catalog, window, _int_or(settings.value(LAST_LENGTH_KEY), DEFAULT_LENGTH),
                             str(settings.value(LAST_PROMPT_KEY, "")))
        chosen = dialog.choice() if dialog.exec() else None
        entry = dialog.entry()
        dialog.deleteLater()
        if chosen is None:
            return None
        loaded, length = chosen
        settings.setValue(LAST_PROMPT_KEY, entry)
        settings.setValue(LAST_LENGTH_KEY, length)
    else:
        try:
            loaded = catalog.find(prompt_id)
        except UnknownPromptError as exc:
            QMessageBox.warning(window, "Cannot start the session", str(exc))
            return None
    if not _may_start(window, host):
        return None
    from components.model import Diagram

    host.editor.replace(Diagram(title=loaded.title), None)
    session = Session(loaded.prompt, length or DEFAULT_LENGTH, clock or SystemClock())
    return _run(window, host, loaded, session, f"Practice started: {session.length} minutes")


def start_retry(window: QMainWindow, host: PracticeHost, attempt: Attempt, design: Diagram, loaded: LoadedPrompt,
                clock: Clock | None = None) -> PracticeController | None:
    """Retry the weakest step of an attempt: its design reopened, the step's checklist, the step's minutes."""
    from components.practice import Session, SystemClock
    from components.practice.records import RetryOf, weakest_step

    if not _may_start(window, host):
        return None
    step = weakest_step(attempt.steps)
    host.editor.replace(design.model_copy(deep=True), None)
    retry = RetryOf(attempt=attempt.id, step=step, before=attempt.steps[step - 1])
    session = Session(loaded.prompt, attempt.length, clock or SystemClock(), retry=retry)
    return _run(window, host, loaded, session, f"Retry of step {step}: the checklist is in the Retry panel")


def _run(window: QMainWindow, host: PracticeHost, loaded: LoadedPrompt, session: Session,
         message: str) -> PracticeController:
    from app.practice.controller import PracticeController

    controller = PracticeController(window, host, loaded, session)
    host.show_message(message, 15_000)
    return controller


def resume_session(window: QMainWindow, host: PracticeHost, data: bytes) -> PracticeController | None:
    """A session kept with a recovery copy (the design is already restored): back, paused where it was saved."""
    from components.io import DocumentError
    from components.io.files import parse_json
    from components.practice import Session, SessionError, SystemClock, prompt_catalog
    from components.practice.report import clock_text

    try:
        state = parse_json(data, "the saved practice session", "practice session")
        if not isinstance(state, dict):
            raise SessionError("the saved practice session is not a JSON object")
        loaded = prompt_catalog().find(str(state.get("prompt_id")))
        session = Session.restore(state, loaded.prompt, SystemClock())
    except (DocumentError, SessionError, LookupError) as exc:
        host.show_message(f"The practice session could not be resumed: {exc}", 15_000)
        return None
    current = running(window)
    if current is not None:
        current.abandon("Practice session replaced by the recovered one")
    return _run(window, host, loaded, session, f"Recovered, paused at {clock_text(session.elapsed())}")


def open_attempts(window: QMainWindow, host: PracticeHost) -> AttemptsWindow:
    """File > Practice Attempts: show (or bring forward, read again) the attempts window."""
    from app.practice.attempts_window import AttemptsWindow

    attempts = window.findChild(AttemptsWindow, "attemptsWindow")
    if attempts is None:
        attempts = AttemptsWindow(window, host)
    else:
        attempts.reload()
    attempts.show()
    attempts.raise_()
    attempts.activateWindow()
    return attempts
