"""A failed save leaves the old file intact and says why; links and permissions survive a save.

Covers a full disk (mocked at each step of the write, and a real 512 KB tmpfs when this process may
mount one), a read-only folder (mocked, and for real as an unprivileged user when running as root,
since root ignores permission bits), symlinked targets, kept permission bits, and the clean-up of
temp files that killed saves leave behind.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from components.io import DocumentError, dumps, load, save
from components.io import atomic as atomic_module
from components.io.atomic import remove_stale_temps, temp_pattern
from components.model import Block, Diagram, Requirements
from components.synthetic import synthetic_diagram
from tests.users import as_nobody

OLD = synthetic_diagram(30, seed=1).model_copy(update={"title": "Old version"})
NEW = synthetic_diagram(40, seed=2).model_copy(update={"title": "New version"})


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    """A folder holding one design file with the OLD version."""
    target = tmp_path / "design.mlsd.json"
    save(OLD, target)
    return target


def _assert_untouched(target: Path) -> None:
    """The old bytes are still there and nothing else was left in the folder."""
    assert target.read_bytes() == dumps(OLD).encode()
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def _enospc(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


# ---------------------------------------------------------------- full disk, mocked


def test_fsync_fails_with_disk_full(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic_module.os, "fsync", _enospc)
    with pytest.raises(DocumentError) as caught:
        save(NEW, saved)
    message = str(caught.value)
    assert message.startswith(f"{saved}: could not save: ") and "No space left on device" in message
    assert "previous file is unchanged" in message
    monkeypatch.undo()
    _assert_untouched(saved)


class _FullDiskFile(io.BufferedWriter):
    """Accepts the first 1,000 bytes, then fails like a disk that filled up mid-write."""

    def write(self, data: bytes) -> int:  # type: ignore[override]  # a file that takes bytes only
        if self.tell() + len(data) > 1000:
            super().write(bytes(data)[: max(0, 1000 - self.tell())])
            _enospc()
        return super().write(data)


def test_write_fails_halfway_with_disk_full(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fdopen = os.fdopen

    def fdopen(fd: int, mode: str = "r", *args: object, **kwargs: object) -> io.BufferedWriter:
        if "w" not in mode:
            return real_fdopen(fd, mode, *args, **kwargs)
        return _FullDiskFile(io.FileIO(fd, "w"))

    monkeypatch.setattr(atomic_module.os, "fdopen", fdopen)
    with pytest.raises(DocumentError, match="No space left on device"):
        save(NEW, saved)
    monkeypatch.undo()
    _assert_untouched(saved)


def test_rename_fails(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def replace(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(atomic_module.os, "replace", replace)
    with pytest.raises(DocumentError, match="Input/output error"):
        save(NEW, saved)
    monkeypatch.undo()
    _assert_untouched(saved)


# ---------------------------------------------------------------- full disk, for real


@pytest.fixture
def tiny_tmpfs() -> Iterator[Path]:
    """A 512 KB tmpfs, or a skip when this process may not mount one (not root, or a container)."""
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root on Linux")
    folder = Path(tempfile.mkdtemp(prefix="mlsd-tmpfs-"))
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(folder)],
                             capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        folder.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)
        folder.rmdir()


def test_real_full_disk_keeps_old_file(tiny_tmpfs: Path) -> None:
    target = tiny_tmpfs / "design.mlsd.json"
    save(OLD, target)
    big = synthetic_diagram(3000)  # ~1.2 MB: cannot fit in 512 KB
    assert len(dumps(big)) > 512 * 1024
    with pytest.raises(DocumentError, match="No space left on device"):
        save(big, target)
    _assert_untouched(target)
    assert load(target) == OLD


# ---------------------------------------------------------------- read-only folder


def test_read_only_folder_mocked(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def create_temp(*_args: object, **_kwargs: object) -> tuple[str, int]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(atomic_module, "_create_temp", create_temp)
    with pytest.raises(DocumentError, match="could not save: Permission denied"):
        save(NEW, saved)
    monkeypatch.undo()
    _assert_untouched(saved)


def _save_as_nobody(diagram: Diagram, target: Path) -> str:
    """Save as user nobody; "saved" or the error message."""
    def attempt() -> str:
        try:
            save(diagram, target)
        except DocumentError as exc:
            return str(exc)
        return "saved"

    return as_nobody(attempt)


def test_read_only_folder_for_real() -> None:
    """chmod 0o555 on the folder; as root (which ignores the bits) the save runs as user nobody."""
    folder = Path(tempfile.mkdtemp(prefix="mlsd-readonly-"))
    try:
        target = folder / "design.mlsd.json"
        save(OLD, target)
        target.chmod(0o666)  # writable file, read-only folder: the atomic rename must still fail
        folder.chmod(0o555)
        if os.geteuid() != 0:
            with pytest.raises(DocumentError) as caught:
                save(NEW, target)
            outcome = str(caught.value)
        elif hasattr(os, "fork"):
            outcome = _save_as_nobody(NEW, target)
        else:
            pytest.skip("no unprivileged user to try as")
        assert outcome == f"{target}: could not save: Permission denied; the previous file is unchanged"
        folder.chmod(0o755)
        _assert_untouched(target)
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_target_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "design.mlsd.json").mkdir()
    with pytest.raises(DocumentError, match="could not save: Is a directory"):
        save(NEW, tmp_path / "design.mlsd.json")
    assert [p.name for p in tmp_path.iterdir()] == ["design.mlsd.json"]


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="could not save: No such file or directory"):
        save(NEW, tmp_path / "gone" / "design.mlsd.json")


def test_lone_surrogate_is_saved_as_replacement_character(saved: Path) -> None:
    """Unconstrained text fields accept a lone surrogate; the save must still work (never an
    unsaveable document), writing U+FFFD in its place, and a surrogate pair stays one character."""
    edited = OLD.model_copy(update={"requirements": Requirements(notes="bad \ud800 note", inputs="\ud83d\ude80")})
    save(edited, saved)
    reloaded = load(saved)
    assert reloaded.requirements.notes == "bad \ufffd note"
    assert reloaded.requirements.inputs == "\U0001f680"
    assert sorted(p.name for p in saved.parent.iterdir()) == [saved.name]


def test_constrained_fields_refuse_lone_surrogates() -> None:
    with pytest.raises(ValueError, match="unicode"):
        Block(id="b", kind="custom", label="\udfff")
    with pytest.raises(ValueError, match="unicode"):
        Diagram(title="x\ud800")


# ---------------------------------------------------------------- links and permissions


def test_symlink_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real" / "design.mlsd.json"
    real.parent.mkdir()
    save(OLD, real)
    link = tmp_path / "link.mlsd.json"
    link.symlink_to(Path("real") / "design.mlsd.json")  # a relative link, as users make them
    written = save(NEW, link)
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "design.mlsd.json")
    assert written.path == real.resolve()
    assert load(real) == NEW and load(link) == NEW
    assert sorted(p.name for p in real.parent.iterdir()) == ["design.mlsd.json"]


def test_chain_of_symlinks_and_dangling_link(tmp_path: Path) -> None:
    real = tmp_path / "real.mlsd.json"
    first = tmp_path / "first.mlsd.json"
    second = tmp_path / "second.mlsd.json"
    first.symlink_to(real)  # dangling until the save creates the real file
    second.symlink_to(first)
    save(NEW, second)
    assert first.is_symlink() and second.is_symlink() and not real.is_symlink()
    assert load(real) == NEW


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o644, 0o660])
def test_permissions_are_kept(saved: Path, mode: int) -> None:
    saved.chmod(mode)
    save(NEW, saved)
    assert saved.stat().st_mode & 0o7777 == mode
    assert load(saved) == NEW


def test_new_file_follows_umask(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        save(NEW, tmp_path / "fresh.mlsd.json")
    finally:
        os.umask(previous)
    assert (tmp_path / "fresh.mlsd.json").stat().st_mode & 0o777 == 0o640


# ---------------------------------------------------------------- temp files killed saves leave


def test_stale_temp_files_are_removed_only_if_ours_and_old(saved: Path) -> None:
    folder = saved.parent
    stale = folder / f".{saved.name}.abcd1234.tmp"
    fresh = folder / f".{saved.name}.wxyz9876.tmp"
    strangers = [folder / f".{saved.name}.abc.tmp", folder / ".other.mlsd.json.abcd1234.tmp",
                 folder / f"{saved.name}.abcd1234.tmp", folder / "notes.txt"]
    for path in [stale, fresh, *strangers]:
        path.write_text("x")
    two_hours_ago = time.time() - 7200
    for path in [stale, *strangers]:
        os.utime(path, (two_hours_ago, two_hours_ago))
    save(NEW, saved)
    assert not stale.exists()
    assert fresh.exists() and all(path.exists() for path in strangers)
    assert remove_stale_temps(saved, older_than=-1) == 1  # now also the fresh one, and nothing else
    assert not fresh.exists() and all(path.exists() for path in strangers)


def test_temp_pattern_matches_what_mkstemp_makes(tmp_path: Path) -> None:
    target = tmp_path / "we[ird] (name).mlsd.json"
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=tmp_path)
    os.close(fd)
    assert temp_pattern(target).match(Path(name).name)
