"""A real `mlsd serve` in a subprocess on 127.0.0.1 (a free port), and core clients driven until a
condition holds, every wait bounded."""

from __future__ import annotations

import os
import selectors
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from components.collab.link import Link
from components.collab.session import LiveSession
from components.document import Document
from components.model import Diagram

ROOT = Path(__file__).resolve().parents[2]


class Server:
    """`mlsd serve --port 0 --store FILE` in a child process; ``port`` is what it printed."""

    def __init__(self, store: Path, *extra: str) -> None:
        self.store = store
        self.extra = extra
        self.process: subprocess.Popen[str] | None = None
        self.port = 0

    def start(self, port: int = 0) -> Server:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app", "serve", "--port", str(port), "--store", str(self.store), *self.extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        assert self.process.stdout is not None
        selector = selectors.DefaultSelector()
        selector.register(self.process.stdout, selectors.EVENT_READ)
        if not selector.select(timeout=30):
            self.stop()
            raise AssertionError("mlsd serve printed nothing in 30 s")
        line = self.process.stdout.readline()
        assert "listening on ws://127.0.0.1:" in line, line
        self.port = int(line.split("127.0.0.1:")[1].split()[0])
        return self

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, kill: bool = False) -> str:
        """Stop it (SIGTERM, then SIGKILL after 10 s; at once with ``kill``); returns its stderr."""
        if self.process is None:
            return ""
        if self.process.poll() is None:
            if kill:
                self.process.kill()
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        errors = self.process.stderr.read() if self.process.stderr else ""
        self.process = None
        return errors


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
