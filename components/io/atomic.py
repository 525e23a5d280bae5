"""Atomic file replacement: a crash mid-write leaves the old file intact.

Where the file may go (regular files and new names only, links followed as safely as the kernel
would) is components/io/target.py; this module writes a temp file in that folder, through the
folder's handle, and renames it over the final name.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import time
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from components.io.target import (
    ChangedOnDisk,
    FileStamp,
    IsInput,
    ReadOnlyTarget,
    Target,
    is_read_only,
    open_target,
)

STALE_TEMP_SECONDS = 3600.0
_TEMP_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789_"  # as tempfile.mkstemp names
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True)
class Written:
    """The file a write replaced or created (links followed) and its stamp right after."""

    path: Path
    stamp: FileStamp


def write_atomic(path: str | os.PathLike[str], payload: bytes, *, expected: FileStamp | None = None,
                 replace_read_only: bool = False, avoid: Collection[FileStamp] = (),
                 mode: int | None = None) -> Written:
    """Write ``payload`` to a temp file beside the target, fsync it, and rename it over the target.

    Refuses (TargetRefused, before anything is written) a target that is not a regular file or a new
    name, a link planted in a shared sticky folder, a file in ``avoid`` (the input being read), a
    file that is no longer ``expected`` (changed on disk since it was read; a file deleted since is
    simply written again), and a read-only file unless ``replace_read_only``. The target's
    permission bits are kept (``mode`` sets them instead), and its owner too when we may set it.
    Raises OSError on failure, after removing the temp file.
    """
    target = open_target(path)
    try:
        _refuse(target, expected, replace_read_only, avoid)
        stamp = _replace(target, payload, mode)
    finally:
        target.close()
    return Written(target.path, stamp)


def check_target(path: str | os.PathLike[str], *, expected: FileStamp | None = None,
                 replace_read_only: bool = False, avoid: Collection[FileStamp] = ()) -> None:
    """Raise what write_atomic would refuse, without writing: lets a command fail at once rather
    than after seconds of layout or rendering (write_atomic checks again when it writes)."""
    target = open_target(path)
    try:
        _refuse(target, expected, replace_read_only, avoid)
    finally:
        target.close()


def _refuse(target: Target, expected: FileStamp | None, replace_read_only: bool,
            avoid: Collection[FileStamp]) -> None:
    existing = target.existing
    if existing is None:
        return
    if any(stamp.same_file(existing) for stamp in avoid):
        raise IsInput("is the input file; choose another output file")
    if expected is not None and not expected.unchanged(existing):
        raise ChangedOnDisk("changed on disk since it was read")
    if not replace_read_only and is_read_only(existing):
        raise ReadOnlyTarget("the file is read-only")


def _replace(target: Target, payload: bytes, mode: int | None) -> FileStamp:
    existing = target.existing
    # A new file gets the permissions open() gives under the umask; others are set before the rename.
    keep = mode if mode is not None else stat.S_IMODE(existing.st_mode) if existing is not None else None
    temp_name, fd = _create_temp(target, 0o600 if keep is not None else 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            if existing is not None:
                _keep_owner(handle.fileno(), existing)  # first: a change of owner clears set-id bits
            if keep is not None:
                os.fchmod(handle.fileno(), keep)
            os.fsync(handle.fileno())
            stamp = FileStamp.of(os.fstat(handle.fileno()))
        os.replace(temp_name, target.name, src_dir_fd=target.folder_fd, dst_dir_fd=target.folder_fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name, dir_fd=target.folder_fd)
        raise
    with contextlib.suppress(OSError):  # makes the rename durable; not every file system can
        os.fsync(target.folder_fd)
    return stamp


def _create_temp(target: Target, mode: int) -> tuple[str, int]:
    """A new, exclusive temp file ``.NAME.XXXXXXXX.tmp`` in the target's folder (never a link)."""
    for _ in range(100):
        suffix = "".join(secrets.choice(_TEMP_CHARACTERS) for _ in range(8))
        name = f".{target.name}.{suffix}.tmp"
        try:
            return name, os.open(name, _CREATE, mode, dir_fd=target.folder_fd)
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temp file name beside {target.path}")


def _keep_owner(fd: int, existing: os.stat_result) -> None:
    """Give the new file the old one's owner and group when allowed (root, or a group we are in)."""
    info = os.fstat(fd)
    if (info.st_uid, info.st_gid) != (existing.st_uid, existing.st_gid):
        with contextlib.suppress(OSError):
            os.fchown(fd, existing.st_uid, existing.st_gid)


def temp_pattern(target: Path) -> re.Pattern[str]:
    """Names write_atomic gives its temp files beside ``target`` (8 random characters, as mkstemp)."""
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
