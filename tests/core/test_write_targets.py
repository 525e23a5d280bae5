"""Where a save or export may write (components/io/target.py): only a regular file or a new name,
never the input, a planted link or a device; read-only and changed-on-disk files only when asked.

As root, the device tests use device nodes made in the test's own folder (same major/minor numbers
as /dev/null and /dev/full, so the same driver answers) rather than the system's: a regression
must not be able to replace the machine's /dev/null. Unprivileged, they use the real ones, which
the kernel protects anyway.
"""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from components.io import ChangedOnDisk, DocumentError, ReadOnlyTarget, SaveRefused, load, load_stamped, save
from components.io.atomic import write_atomic
from components.io.target import MAX_LINKS, IsInput, NotAFile, UnsafeLink, open_target
from components.model import Diagram
from tests.users import NOBODY

ROOT = os.geteuid() == 0

OLD = Diagram(title="Old")
NEW = Diagram(title="New")
needs_root = pytest.mark.skipif(not ROOT, reason="making device nodes and other users' links needs root")


def device(tmp_path: Path, name: str, minor: int) -> Path:
    """A character device like /dev/null (minor 3) or /dev/full (minor 7)."""
    if not ROOT:
        return Path("/dev") / name
    node = tmp_path / "dev" / name
    node.parent.mkdir(exist_ok=True)
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    return node


def leftovers(folder: Path, *keep: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


@pytest.mark.parametrize(("name", "minor"), [("null", 3), ("full", 7)])
def test_a_device_is_refused_and_stays_a_device(tmp_path: Path, name: str, minor: int) -> None:
    node = device(tmp_path, name, minor)
    with pytest.raises(NotAFile, match=r"^not a regular file \(a character device\)"):
        write_atomic(node, b"payload")
    assert stat.S_ISCHR(node.stat().st_mode) and os.major(node.stat().st_rdev) == 1
    if ROOT:
        assert leftovers(node.parent) == [name]  # no temp file left beside it either


def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(NotAFile, match="a named pipe"):
        write_atomic(fifo, b"payload")
    assert stat.S_ISFIFO(fifo.stat().st_mode) and leftovers(tmp_path) == ["pipe"]


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(NotAFile, match="a socket"):
            write_atomic(path, b"payload")
    assert stat.S_ISSOCK(path.stat().st_mode)


def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    node = device(tmp_path, "null", 3)
    link = tmp_path / "out.svg"
    link.symlink_to(node)
    with pytest.raises(NotAFile):
        write_atomic(link, b"payload")
    assert link.is_symlink() and stat.S_ISCHR(node.stat().st_mode)


@pytest.mark.parametrize("path", ["folder/", "folder/.", "folder/..", "."])
def test_a_path_that_names_a_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: str) -> None:
    (tmp_path / "folder").mkdir()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(IsADirectoryError):
        write_atomic(path, b"payload")
    assert leftovers(tmp_path) == ["folder"] and leftovers(tmp_path / "folder") == []


def test_relative_paths_dot_dot_and_links_resolve_like_the_kernel(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "c").mkdir()
    (tmp_path / "a" / "to-c").symlink_to(Path("..") / "c")
    monkeypatch.chdir(tmp_path / "a" / "b")
    written = write_atomic("../to-c/../c/./x.txt", b"one")
    assert written.path == tmp_path.resolve() / "c" / "x.txt" and (tmp_path / "c" / "x.txt").read_bytes() == b"one"


def test_a_link_loop_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(OSError, match="Too many levels of symbolic links"):
        write_atomic(tmp_path / "a", b"x")
    chain = tmp_path / "chain0"
    for index in range(MAX_LINKS + 1):
        (tmp_path / f"chain{index}").symlink_to(f"chain{index + 1}")
    with pytest.raises(OSError, match="Too many levels"):
        write_atomic(chain, b"x")


# ---------------------------------------------------------------- the input itself


def test_the_input_file_is_refused_by_any_name(tmp_path: Path) -> None:
    design = tmp_path / "d.mlsd.json"
    save(OLD, design)
    _, stamp = load_stamped(design)
    hard = tmp_path / "hard.mlsd.json"
    os.link(design, hard)
    soft = tmp_path / "soft.svg"
    soft.symlink_to(design.name)
    for name in (design, hard, soft):
        with pytest.raises(IsInput, match="is the input file"):
            write_atomic(name, b"<svg/>", avoid=[stamp])
    assert load(design) == OLD and soft.is_symlink()


# ---------------------------------------------------------------- links in shared sticky folders


def shared_folder(tmp_path: Path, mode: int = 0o1777) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(mode)
    return folder


def planted_link(folder: Path, name: str, target: Path, owner: int) -> Path:
    link = folder / name
    link.symlink_to(target)
    os.lchown(link, owner, owner)
    return link


@needs_root
@pytest.mark.parametrize("mode", [0o1777, 0o1770])
def test_a_link_another_user_planted_in_a_sticky_folder_is_refused(tmp_path: Path, mode: int) -> None:
    victim = tmp_path / "home" / "notes.txt"
    victim.parent.mkdir()
    victim.write_text("precious")
    link = planted_link(shared_folder(tmp_path, mode), "out.svg", victim, NOBODY)
    with pytest.raises(UnsafeLink, match=rf"another user \(uid {NOBODY}\) made in the shared folder"):
        write_atomic(link, b"<svg/>")
    assert victim.read_text() == "precious" and link.is_symlink()
    assert leftovers(link.parent) == ["out.svg"]


@needs_root
def test_a_planted_link_on_the_way_to_the_target_is_refused_too(tmp_path: Path) -> None:
    """fs.protected_symlinks is often off in containers; the rule must not depend on it."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "out.svg").write_text("precious")
    link = planted_link(shared_folder(tmp_path), "dir", home, NOBODY)
    with pytest.raises(UnsafeLink):
        write_atomic(link / "out.svg", b"<svg/>")
    with pytest.raises(UnsafeLink):
        write_atomic(link / "new.svg", b"<svg/>")
    assert leftovers(home) == ["out.svg"] and (home / "out.svg").read_text() == "precious"


@needs_root
def test_links_we_or_the_folder_owner_made_are_followed(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    folder = shared_folder(tmp_path)
    ours = planted_link(folder, "mine.svg", real / "mine.svg", os.geteuid())
    written = write_atomic(ours, b"mine")
    assert written.path == real / "mine.svg" and (real / "mine.svg").read_bytes() == b"mine" and ours.is_symlink()
    os.chown(folder, NOBODY, NOBODY)  # the folder's owner may place links in it (the kernel's rule too)
    theirs = planted_link(folder, "owner.svg", real / "owner.svg", NOBODY)
    write_atomic(theirs, b"owner")
    assert (real / "owner.svg").read_bytes() == b"owner"


@needs_root
def test_a_foreign_link_outside_sticky_folders_is_followed(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    folder.chmod(0o777)  # world-writable but not sticky: anyone could replace the file anyway
    link = planted_link(folder, "out.svg", tmp_path / "real.svg", NOBODY)
    write_atomic(link, b"x")
    assert (tmp_path / "real.svg").read_bytes() == b"x"


# ---------------------------------------------------------------- read-only and changed on disk


def test_a_read_only_file_is_kept_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "d.mlsd.json"
    save(OLD, path)
    path.chmod(0o444)
    with pytest.raises(SaveRefused) as caught:
        save(NEW, path)
    assert isinstance(caught.value.reason, ReadOnlyTarget)
    assert str(caught.value) == f"{path}: the file is read-only"
    assert load(path) == OLD and leftovers(tmp_path) == ["d.mlsd.json"]
    save(NEW, path, replace_read_only=True)
    assert load(path) == NEW and stat.S_IMODE(path.stat().st_mode) == 0o444  # still read-only


def test_a_file_changed_on_disk_since_it_was_read_is_kept_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "d.mlsd.json"
    save(OLD, path)
    _, stamp = load_stamped(path)
    other = save(Diagram(title="Saved by another window"), path).stamp
    with pytest.raises(SaveRefused) as caught:
        save(NEW, path, expected=stamp)
    assert isinstance(caught.value.reason, ChangedOnDisk)
    assert load(path).title == "Saved by another window"
    written = save(NEW, path, expected=other)  # the stamp of what is there now: allowed
    assert load(path) == NEW and written.stamp != other


def test_a_file_rewritten_in_place_counts_as_changed(tmp_path: Path) -> None:
    path = tmp_path / "d.mlsd.json"
    save(OLD, path)
    _, stamp = load_stamped(path)
    with path.open("ab") as handle:  # same inode, new size and time
        handle.write(b" ")
    with pytest.raises(SaveRefused):
        save(NEW, path, expected=stamp)


def test_a_file_deleted_since_it_was_read_is_simply_written_again(tmp_path: Path) -> None:
    path = tmp_path / "d.mlsd.json"
    save(OLD, path)
    _, stamp = load_stamped(path)
    path.unlink()
    save(NEW, path, expected=stamp)
    assert load(path) == NEW


def test_the_stamp_after_a_save_matches_a_fresh_read(tmp_path: Path) -> None:
    path = tmp_path / "d.mlsd.json"
    written = save(OLD, path)
    assert load_stamped(path)[1] == written.stamp


# ---------------------------------------------------------------- owner and permissions


@needs_root
def test_root_saving_a_users_file_keeps_its_owner(tmp_path: Path) -> None:
    path = tmp_path / "d.mlsd.json"
    save(OLD, path)
    os.chown(path, NOBODY, NOBODY)
    path.chmod(0o640)
    save(NEW, path)
    info = path.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (NOBODY, NOBODY, 0o640)


def test_the_temp_file_is_private_while_it_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Between create and rename the copy is 0600 (an existing 0600 file's content must not be
    readable by others through its temp file), then gets the target's bits."""
    import components.io.atomic as atomic

    path = tmp_path / "d.mlsd.json"
    save(OLD, path)
    path.chmod(0o600)
    modes: list[int] = []
    real_replace = os.replace

    def replace(src: str, dst: str, **kwargs: int) -> None:
        modes.append(stat.S_IMODE(os.stat(src, dir_fd=kwargs["src_dir_fd"]).st_mode))
        real_replace(src, dst, **kwargs)

    monkeypatch.setattr(atomic.os, "replace", replace)
    save(NEW, path)
    assert modes == [0o600] and stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_explicit_mode_wins(tmp_path: Path) -> None:
    path = tmp_path / "copy.json"
    path.write_text("old")
    path.chmod(0o644)
    write_atomic(path, b"new", mode=0o600)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    write_atomic(tmp_path / "fresh.json", b"new", mode=0o600)
    assert stat.S_IMODE((tmp_path / "fresh.json").stat().st_mode) == 0o600


def test_the_target_handle_is_the_folder_of_the_final_name(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    link = tmp_path / "link.json"
    link.symlink_to(Path("real") / "file.json")
    target = open_target(link)
    try:
        assert target.name == "file.json" and target.existing is None
        assert os.fstat(target.folder_fd).st_ino == (tmp_path / "real").stat().st_ino
    finally:
        target.close()


def test_a_missing_folder_is_no_such_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="could not save: No such file or directory"):
        save(NEW, tmp_path / "gone" / "d.mlsd.json")
    with pytest.raises(FileNotFoundError):
        write_atomic("", b"x")
