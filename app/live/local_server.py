"""File > Share live session's "start a server on this computer": `mlsd serve` as a child process,
its rooms kept next to the recovery copies, stopped when the window that started it closes."""

from __future__ import annotations

import os
from pathlib import Path

from components.collab.server_process import ServerProcess, ServerStartError

__all__ = ["LocalServer", "ServerStartError", "store_path"]


def store_path() -> Path:
    base = os.environ.get("MLSD_DATA_DIR")
    if not base:
        import platformdirs

        base = platformdirs.user_data_dir("mlsd-whiteboard", appauthor=False)
    folder = Path(base)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder / "sessions.db"


class LocalServer:
    """At most one `mlsd serve` child of this window, on 127.0.0.1."""

    def __init__(self) -> None:
        self.process: ServerProcess | None = None

    def start(self, port: int = 0) -> int:
        if self.process is None or not self.process.running:
            self.process = ServerProcess(store_path())
            return self.process.start(port)
        return self.process.port

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
            self.process = None
