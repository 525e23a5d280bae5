"""File > Share live session's "start a server on this computer": `mlsd serve` as a child process,
its rooms kept next to the recovery copies, stopped when the window that started it closes."""

from __future__ import annotations

import os
import selectors
import subprocess
import sys
from pathlib import Path

START_SECONDS = 15.0


class LocalServerError(Exception):
    """The server could not start (a one-line message for the user)."""


def store_path() -> Path:
    base = os.environ.get("MLSD_DATA_DIR")
    if not base:
        import platformdirs

        base = platformdirs.user_data_dir("mlsd-whiteboard", appauthor=False)
    folder = Path(base)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder / "sessions.db"


class LocalServer:
    """One `mlsd serve` child; ``port`` once started."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.port = 0
        self.host = ""

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, host: str = "127.0.0.1", port: int = 0) -> int:
        """Start it and wait (at most START_SECONDS) for the port it listens on."""
        if self.running:
            return self.port
        command = [sys.executable, "-m", "app", "serve", "--host", host, "--port", str(port),
                   "--store", str(store_path())]
        try:
            self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        except OSError as exc:
            raise LocalServerError(f"cannot start the session server: {exc.strerror or exc}") from None
        assert self.process.stdout is not None
        selector = selectors.DefaultSelector()
        selector.register(self.process.stdout, selectors.EVENT_READ)
        line = self.process.stdout.readline() if selector.select(timeout=START_SECONDS) else ""
        selector.close()
        if "listening on" not in line:
            self.stop()
            raise LocalServerError("the session server did not start: " + (line.strip() or "no answer"))
        self.host = host
        self.port = int(line.rsplit(":", 1)[1].split()[0])
        return self.port

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        self.process = None
