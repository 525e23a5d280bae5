"""Atomic file replacement: a crash mid-write leaves the old file intact."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path

STALE_TEMP_SECONDS = 3600.0


def write_atomic(path: str | os.PathLike[str], payload: bytes) -> Path:
    """Write ``payload`` to a temp file beside the target, fsync it, and rename it over the target.

    A symlinked target is followed (the link stays a link); the target's permission bits are kept.
    Returns the real path written. Raises OSError on failure, after removing the temp file.
    """
    target = Path(os.path.realpath(path))
    folder = target.parent
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _fsync_folder(folder)
    return target


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (not possible on every platform, hence best effort)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def temp_pattern(target: Path) -> re.Pattern[str]:
    """Names write_atomic gives its temp files beside ``target`` (mkstemp: 8 random characters)."""
    return re.compile(rf"^\.{re.escape(target.name)}\.[A-Za-z0-9_]{{8}}\.tmp$")


def remove_stale_temps(target: Path, older_than: float = STALE_TEMP_SECONDS) -> int:
    """Delete temp files of ``target`` that a killed save left behind; returns how many.

    Best effort and conservative: only our own name pattern, only files older than an hour (a save
    in progress in another process is never that old), never anything else in the folder.
    """
    pattern = temp_pattern(target)
    prefix = f".{target.name}."
    cutoff = time.time() - older_than
    removed = 0
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return 0
    for entry in entries:
        if not entry.name.startswith(prefix) or not pattern.match(entry.name):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                os.unlink(entry.path)
                removed += 1
    return removed
