"""The recovery folder and the copies found in it: where autosave (app/autosave.py) writes, kept
private, and what a start finds there to offer (app/recovery.py).

The folder is ``platformdirs.user_data_dir("mlsd-whiteboard")/recovery``, or ``$MLSD_DATA_DIR/recovery``.
It is private: the folder 0700 and every copy 0600 whatever the umask or the original file's mode
(copies hold the user's unsaved work); ``secure_folder`` tightens what older versions left 0755/0644.
Each copy ``<token>.mlsd.json`` has a sidecar ``<token>.meta.json`` naming the original file, title,
time and process (``RecoveryEntry``), and may have state kept beside it as ``<token>.<name>.json``.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import stat
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from components.io import DESIGN_SUFFIX
from components.io.atomic import remove_stale_temps
from components.userdata import data_folder

CONTENT_SUFFIX = DESIGN_SUFFIX
META_SUFFIX = ".meta.json"
FOLDER_MODE = 0o700
COPY_MODE = 0o600


def recovery_folder() -> Path:
    """Where recovery copies live (created on first write)."""
    return data_folder() / "recovery"


def make_folder(folder: Path) -> None:
    """Create the recovery folder private (0700), or make an existing one so."""
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    _private(folder)


def secure_folder(folder: Path | None = None) -> None:
    """Take every permission for other users off an existing recovery folder and the files in it
    (older versions made them 0755/0644). Only what we own, never adding a permission; best effort."""
    folder = folder or recovery_folder()
    if not folder.is_dir():
        return
    _private(folder)
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.is_file(follow_symlinks=False):
                _private(Path(entry.path))


def _private(path: Path) -> None:
    with contextlib.suppress(OSError):
        info = path.lstat()
        mode = stat.S_IMODE(info.st_mode)
        if info.st_uid == os.geteuid() and mode & 0o077:
            path.chmod(mode & ~0o077)


def unreadable_copies(folder: Path | None = None) -> list[tuple[Path, str]]:
    """Recovery copies (or the folder itself) that exist but cannot be read, with the reason:
    typically left by a run as another user (sudo), so the work in them would be silently lost."""
    folder = folder or recovery_folder()
    try:
        names = sorted(os.listdir(folder))
    except FileNotFoundError:
        return []
    except OSError as exc:
        return [(folder, exc.strerror or str(exc))]
    found: list[tuple[Path, str]] = []
    for name in names:
        if not name.endswith(CONTENT_SUFFIX) or name.startswith("."):
            continue
        try:
            os.close(os.open(folder / name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)))
        except OSError as exc:
            found.append((folder / name, exc.strerror or str(exc)))
    return found


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name (Linux), or None where unreadable."""
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat_line.rsplit(")", 1)[-1].split()


def process_start(pid: int) -> str | None:
    """The kernel's start time of a process (Linux), to tell a live owner from a reused pid."""
    fields = _stat_fields(pid)
    return fields[19] if fields is not None and len(fields) > 19 else None


# A process in these states has ended; it only waits for its parent to reap it (kill(pid, 0) still succeeds).
_ENDED_STATES = frozenset({"Z", "X", "x"})


def process_alive(pid: int, started: str | None) -> bool:
    """Whether the process that wrote a recovery copy still runs (then the copy is not offered).
    A zombie (crashed, not yet reaped) has ended: its copy is offered."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # someone else's process with that pid: alive, unless /proc says otherwise
    except OSError:
        return False
    fields = _stat_fields(pid)
    if fields is None:
        return True  # no /proc (not Linux) or unreadable: kill(pid, 0) is all we know
    if fields and fields[0] in _ENDED_STATES:
        return False
    now_started = fields[19] if len(fields) > 19 else None
    return started is None or now_started is None or now_started == started


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


@dataclass(frozen=True)
class RecoveryEntry:
    """One recovery copy found on disk."""

    content: Path
    meta: Path
    title: str
    saved_at: float  # seconds since the epoch
    original: Path | None
    pid: int | None
    started: str | None

    def extras(self) -> dict[str, bytes]:
        """The state kept with the copy (``Autosaver.keep_with_copy``), by name; unreadable ones left out."""
        token = self.content.name[: -len(CONTENT_SUFFIX)]
        found: dict[str, bytes] = {}
        for path in self.content.parent.glob(f"{glob.escape(token)}.*.json"):
            name = path.name[len(token) + 1: -len(".json")]
            if path not in (self.content, self.meta) and "." not in name:
                with contextlib.suppress(OSError):
                    found[name] = path.read_bytes()
        return found

    @property
    def orphaned(self) -> bool:
        """Left by a process that is gone (crashed or killed): the copy to offer."""
        return self.pid is None or not process_alive(self.pid, self.started)

    def time_text(self) -> str:
        return datetime.fromtimestamp(self.saved_at).strftime("%Y-%m-%d %H:%M:%S")

    def remove(self) -> None:
        token = self.content.name[: -len(CONTENT_SUFFIX)]
        for path in {self.content, self.meta, *self.content.parent.glob(f"{glob.escape(token)}.*.json")}:
            remove_quietly(path)


def list_recoveries(folder: Path | None = None) -> list[RecoveryEntry]:
    """Every recovery copy in the folder, newest first (sidecars without a copy are deleted)."""
    folder = folder or recovery_folder()
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    entries: list[RecoveryEntry] = []
    for name in names:
        if name.endswith(META_SUFFIX) and not name.startswith("."):
            token = name[: -len(META_SUFFIX)]
            content, meta = folder / (token + CONTENT_SUFFIX), folder / name
            if not content.exists():
                with contextlib.suppress(OSError):
                    meta.unlink()
                continue
            entries.append(_read_entry(content, meta))
        elif name.endswith(CONTENT_SUFFIX) and not name.startswith("."):
            token = name[: -len(CONTENT_SUFFIX)]
            if not (folder / (token + META_SUFFIX)).exists():  # killed before its first sidecar
                entries.append(_read_entry(folder / name, folder / (token + META_SUFFIX)))
            remove_stale_temps(folder / name)
    return sorted(entries, key=lambda entry: entry.saved_at, reverse=True)


def _read_entry(content: Path, meta: Path) -> RecoveryEntry:
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not an object")
    except (OSError, ValueError):
        data = {}
    try:
        mtime = content.stat().st_mtime
    except OSError:
        mtime = time.time()
    original = data.get("original_path")
    pid = data.get("pid")
    saved_at = data.get("saved_at")
    return RecoveryEntry(
        content=content, meta=meta,
        title=str(data.get("title") or "(untitled)"),
        saved_at=float(saved_at) if isinstance(saved_at, (int, float)) else mtime,
        original=Path(original) if isinstance(original, str) and original else None,
        pid=pid if isinstance(pid, int) else None,
        started=str(data["started"]) if data.get("started") is not None else None,
    )

