"""A real `mlsd serve` in a subprocess on 127.0.0.1 (a free port), and core clients driven until a
condition holds, every wait bounded."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from components.collab.link import Link
from components.collab.server_process import ServerProcess
from components.collab.session import LiveSession
from components.document import Document
from components.model import Diagram

ROOT = Path(__file__).resolve().parents[2]


class Server(ServerProcess):
    """`mlsd serve --port 0 --store FILE` run from this checkout; ``port`` is what it printed."""

    def __init__(self, store: Path, *extra: str) -> None:
        super().__init__(store, *extra, cwd=ROOT, env={"PYTHONPATH": str(ROOT)})

    def start(self, port: int = 0) -> Server:  # type: ignore[override]  # chained in the tests
        super().start(port)
        return self


def client(link: Link, name: str, diagram: Diagram | None = None, publish: bool = False) -> LiveSession:
    session = LiveSession(Document(diagram), link, name=name, colour="#4363d8", publish=publish)
    session.start()
    return session


def drive(sessions: Iterable[LiveSession], until: Callable[[], object], seconds: float = 20.0,
          tick: bool = True) -> bool:
    """Pump every session until ``until()`` is true; False after ``seconds``. Without ``tick`` no
    presence is renewed (what a client learns then, it learned from a message)."""
    sessions = list(sessions)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for session in sessions:
            session.pump()
            if tick:
                session.tick()
        if until():
            return True
        time.sleep(0.02)
    return False
