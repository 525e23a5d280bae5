"""Where a write may land: the target's folder as an open handle, the final name in it, and what is
there now. Every save and export goes through ``open_target`` (components/io/atomic.py writes).

Output goes only to a regular file or to a name that does not exist yet: a device (``-o /dev/null``
as root would otherwise swap the device node for a plain file), a named pipe or a socket is refused
with one line saying what it is; a folder is EISDIR.

Symbolic links. A link the user made (``design.mlsd.json -> real/design.mlsd.json``) is followed:
the link stays a link and the file it names is replaced, as QSaveFile and emacs' file-precious-flag
do (both resolve the link in user space, then rename a temp file over the resolved name). Because
that rename never *opens* the link, the kernel's fs.protected_symlinks check, which stops a process
from following a link another user planted in a shared sticky folder such as /tmp, never runs; a
planted ``/tmp/out.svg -> /home/victim/notes.txt`` would have the victim's file replaced. Vim
(backupcopy=auto) and plain emacs avoid that by writing through the link in place, giving up the
atomic replace. We keep the atomic replace (a kill -9 mid-save leaves the old file) and apply the
kernel's rule ourselves, to every link on the path (the final name and the folders on the way,
so it holds where fs.protected_symlinks is off, as in many containers): in a sticky folder that
others may write to (world- or group-writable), a link is followed only when we or the folder's
owner made it. Links elsewhere are followed as usual.

The path is walked one name at a time through open folder handles (``dir_fd``, O_NOFOLLOW), and
the temp file is created and renamed through the last one, so swapping a folder or a link on the
path after it was checked cannot redirect the file. POSIX only (Linux, macOS).
"""

from __future__ import annotations

import errno
import os
import stat
from collections import deque
from dataclasses import dataclass
from pathlib import Path

MAX_LINKS = 40  # as the kernel's limit on links followed in one lookup (ELOOP beyond)
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_KINDS = ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"))


@dataclass(frozen=True)
class FileStamp:
    """Which file a path named when it was read, to notice it was replaced or rewritten since."""

    device: int
    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, info: os.stat_result) -> FileStamp:
        return cls(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)

    def same_file(self, info: os.stat_result) -> bool:
        return (self.device, self.inode) == (info.st_dev, info.st_ino)

    def unchanged(self, info: os.stat_result) -> bool:
        return self == FileStamp.of(info)


class TargetRefused(OSError):
    """A write the target forbids; ``str()`` is the one-line reason (without the path)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


class NotAFile(TargetRefused):
    """The target is a device, a named pipe or a socket."""


class UnsafeLink(TargetRefused):
    """A link in a shared sticky folder made by someone else (see the module docstring)."""


class IsInput(TargetRefused):
    """The target is the file being read (``export d.mlsd.json -o d.mlsd.json``)."""


class ReadOnlyTarget(TargetRefused):
    """The target exists and has no write permission for us; replaced only when asked to."""


class ChangedOnDisk(TargetRefused):
    """The target was replaced or rewritten since it was read; replaced only when asked to."""


@dataclass
class Target:
    """An open handle on the folder that holds (or will hold) the file, and the file's name there."""

    folder_fd: int
    name: str
    path: Path  # the file the name resolves to, for messages and the caller (links followed)
    existing: os.stat_result | None  # what is at ``name`` now (never a link), None when nothing

    def close(self) -> None:
        os.close(self.folder_fd)


def open_target(path: str | os.PathLike[str]) -> Target:
    """Resolve ``path`` to a folder handle and a final name, one component at a time from ``/`` or
    the working folder, following only the links the rule above allows (whatever the kernel's
    fs.protected_symlinks setting is).

    Raises TargetRefused (NotAFile, UnsafeLink), IsADirectoryError, or the OSError of the failing
    step (FileNotFoundError for a missing folder, ELOOP past MAX_LINKS links). The caller closes it.
    """
    text = os.fspath(path)
    if not text:
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), text)
    if _names_folder(text):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), text)
    walker = _Walker(text)
    try:
        return walker.walk(_components(text))
    except BaseException:
        os.close(walker.fd)
        raise


def _names_folder(text: str) -> bool:
    """``a/``, ``a/.``, ``..``: a path that can only name a folder, whatever is there."""
    return text.endswith("/") or text.rsplit("/", 1)[-1] in (".", "..")


def _components(text: str) -> deque[str]:
    return deque(part for part in text.split("/") if part not in ("", "."))


class _Walker:
    """The folder reached so far (an open handle, and its names for messages) and links followed."""

    def __init__(self, text: str) -> None:
        self.text = text
        absolute = text.startswith("/")
        self.fd = os.open("/" if absolute else ".", _DIR_FLAGS)
        self.names: list[str] = [] if absolute else [name for name in os.getcwd().split("/") if name]
        self.links = 0

    def walk(self, parts: deque[str]) -> Target:
        while True:
            part = parts.popleft()
            final = not parts
            if part == "..":
                self._enter(part)
                continue
            try:
                info: os.stat_result | None = os.stat(part, dir_fd=self.fd, follow_symlinks=False)
            except FileNotFoundError:
                if not final:
                    raise
                info = None
            if info is not None and stat.S_ISLNK(info.st_mode):
                target = self._follow(part, info)
                if final and _names_folder(target):
                    raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), self.text)
                parts = _components(target) + parts
                if not parts:  # a link to "/" on the way: nothing left to walk
                    raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), self.text)
                continue
            if final:
                _check_kind(info, self.text)
                return Target(self.fd, part, Path("/" + "/".join([*self.names, part])), info)
            self._enter(part)

    def _enter(self, name: str) -> None:
        inner = os.open(name, _DIR_FLAGS | getattr(os, "O_NOFOLLOW", 0), dir_fd=self.fd)
        os.close(self.fd)
        self.fd = inner
        if name != "..":
            self.names.append(name)
        elif self.names:
            self.names.pop()

    def _follow(self, name: str, link: os.stat_result) -> str:
        """The link's text, once the sticky-folder rule allows following it; an absolute one moves
        the walk back to ``/``."""
        self.links += 1
        if self.links > MAX_LINKS:
            raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), self.text)
        holder = os.fstat(self.fd)
        shared = holder.st_mode & stat.S_ISVTX and holder.st_mode & (stat.S_IWOTH | stat.S_IWGRP)
        if shared and link.st_uid not in (os.geteuid(), holder.st_uid):
            raise UnsafeLink(f"a symbolic link that another user (uid {link.st_uid}) made in the shared "
                             f"folder /{'/'.join(self.names)}; not following it")
        target = os.readlink(name, dir_fd=self.fd)
        if target.startswith("/"):
            root = os.open("/", _DIR_FLAGS)
            os.close(self.fd)
            self.fd = root
            self.names = []
        return target


def _check_kind(info: os.stat_result | None, path: str) -> None:
    if info is None or stat.S_ISREG(info.st_mode):
        return
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
    kind = next((text for test, text in _KINDS if test(info.st_mode)), "something other than a file")
    raise NotAFile(f"not a regular file ({kind}); only a regular file or a new name is written")


def is_read_only(info: os.stat_result) -> bool:
    """Whether the permission bits deny us writing (root, whom the kernel lets write anyway, is
    held to the bits too: a 0444 file was made read-only on purpose)."""
    mode = info.st_mode
    uid = os.geteuid()
    if uid == 0:
        return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    if uid == info.st_uid:
        return not mode & stat.S_IWUSR
    if info.st_gid == os.getegid() or info.st_gid in os.getgroups():
        return not mode & stat.S_IWGRP
    return not mode & stat.S_IWOTH
