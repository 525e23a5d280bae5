"""`mlsd serve` as a child process (the Share dialog's own server; the end-to-end tests' server):
started on 127.0.0.1 or wherever asked, its port read from the line it prints, stopped for sure."""

from __future__ import annotations

import os
import selectors
import subprocess
import sys
from pathlib import Path

START_SECONDS = 30.0


class ServerStartError(Exception):
    """The server did not start (a one-line message for the user)."""


class ServerProcess:
    """One `mlsd serve` child; ``port`` once started."""

    def __init__(self, store: Path, *extra: str, host: str = "127.0.0.1", cwd: Path | None = None,
                 env: dict[str, str] | None = None) -> None:
        self.store, self.extra, self.host, self.cwd, self.env = store, extra, host, cwd, env
        self.process: subprocess.Popen[str] | None = None
        self.port = 0

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, port: int = 0) -> int:
        """Start it and wait (at most START_SECONDS) for the port it listens on."""
        if self.running:
            return self.port
        command = [sys.executable, "-m", "app", "serve", "--host", self.host, "--port", str(port),
                   "--store", str(self.store), *self.extra]
        try:
            self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                            cwd=self.cwd, env={**os.environ, **(self.env or {})})
        except OSError as exc:
            raise ServerStartError(f"cannot start the session server: {exc.strerror or exc}") from None
        assert self.process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            line = self.process.stdout.readline() if selector.select(timeout=START_SECONDS) else ""
        if "listening on" not in line:
            said = (line.strip() or self.stop()).strip().splitlines()
            self.stop()
            raise ServerStartError("the session server did not start: " + (said[-1] if said else "no answer"))
        self.port = int(line.rsplit(":", 1)[1].split()[0])
        return self.port

    def alive(self) -> bool:
        return self.running

    def stop(self, kill: bool = False) -> str:
        """Stop it (SIGTERM, then SIGKILL after 10 s; at once with ``kill``); returns its stderr."""
        process, self.process = self.process, None
        if process is None:
            return ""
        if process.poll() is None:
            if kill:
                process.kill()
            else:
                process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)
        errors = process.stderr.read() if process.stderr else ""
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
        return errors
