"""Recovery copies hold unsaved work: the folder is 0700 and copies 0600 (whatever the umask and the
original's mode), older 0755/0644 ones are tightened at start, and copies that exist but cannot be
read are reported at start and kept, never silently skipped."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

import app.recovery as recovery_module
from app.autosave import Autosaver
from app.recovery import RESTORE, offer_recovery
from app.recovery_folder import secure_folder, unreadable_copies
from components.commands import MoveItems
from components.io import load, save
from tests.app.test_autosave import Chooser, _dead_pid, _plant_recovery, _recovered_version
from tests.app.window_helpers import make_window, monitored_design
from tests.users import NOBODY, as_nobody


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("MLSD_DATA_DIR", str(folder))
    return folder / "recovery"


@pytest.mark.parametrize("umask", [0o000, 0o022])
def test_copies_are_private_whatever_the_umask_and_the_original(qtbot, tmp_path: Path, data_dir: Path,
                                                                umask: int) -> None:
    original = tmp_path / "shared.mlsd.json"
    save(monitored_design(), original)
    original.chmod(0o644)  # a file others may read: its unsaved edits still are not theirs
    window = make_window(qtbot, tmp_path, load(original))
    window.editor.path = original
    window.autosaver.close()
    previous = os.umask(umask)
    try:
        saver = Autosaver(window.editor, folder=data_dir, idle_ms=10)
        assert window.editor.push(MoveItems.by(window.editor.doc, ["client"], 20, 0))
        assert saver.write_now()
        saver.wait()
    finally:
        os.umask(previous)
    assert mode(data_dir) == 0o700
    assert mode(saver.content_path) == 0o600 and mode(saver.meta_path) == 0o600
    saver.close()


def test_start_tightens_what_older_versions_left_open(qtbot, tmp_path: Path, data_dir: Path) -> None:
    content = _plant_recovery(data_dir, _recovered_version(), None, _dead_pid())
    meta = content.with_name("crashed.meta.json")
    data_dir.chmod(0o755)
    content.chmod(0o644)
    meta.chmod(0o664)
    window = make_window(qtbot, tmp_path, monitored_design())
    assert offer_recovery(window, choose=Chooser(RESTORE)) == RESTORE
    assert mode(data_dir) == 0o700
    window.autosaver.wait()
    assert all(mode(path) == 0o600 for path in data_dir.iterdir())


def test_tightening_never_adds_a_permission(tmp_path: Path) -> None:
    folder = tmp_path / "recovery"
    folder.mkdir(mode=0o750)
    locked = folder / "a.mlsd.json"
    locked.write_text("{}")
    locked.chmod(0o040)
    secure_folder(folder)
    assert mode(folder) == 0o700 and mode(locked) == 0o000


def _unreadable_copy(folder: Path) -> Path:
    """A copy this user cannot read: root's 0600 copy in nobody's folder (checked as nobody), or,
    unprivileged, our own copy with every permission taken off."""
    content = _plant_recovery(folder, _recovered_version(), None, _dead_pid(), token="other-user")
    content.chmod(0o000 if os.geteuid() else 0o600)
    return content


@pytest.fixture
def reachable() -> Iterator[Path]:
    """A folder user nobody can reach (pytest's own temp folders are root's 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="mlsd-recovery-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_copy_that_cannot_be_read_is_found(reachable: Path) -> None:
    folder = reachable / "recovery"
    readable = _plant_recovery(folder, _recovered_version(), None, _dead_pid(), token="mine")
    content = _unreadable_copy(folder)
    if os.geteuid() == 0:
        os.chown(folder, NOBODY, NOBODY)
        os.chown(readable, NOBODY, NOBODY)
        found = as_nobody(lambda: repr(unreadable_copies(folder)))
    else:
        found = repr(unreadable_copies(folder))
    assert found == repr([(content, "Permission denied")])


def test_a_folder_that_cannot_be_listed_is_found(reachable: Path) -> None:
    folder = reachable / "recovery"
    _plant_recovery(folder, _recovered_version(), None, _dead_pid())
    folder.chmod(0o000)
    try:
        found = as_nobody(lambda: repr(unreadable_copies(folder))) if os.geteuid() == 0 else repr(unreadable_copies(folder))
    finally:
        folder.chmod(0o700)
    assert found == repr([(folder, "Permission denied")])


def test_start_says_which_copies_cannot_be_read_and_keeps_them(qtbot, tmp_path: Path, data_dir: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    readable = _plant_recovery(data_dir, _recovered_version(), None, _dead_pid(), token="mine")
    content = _unreadable_copy(data_dir)
    if os.geteuid() == 0:  # root reads anything: report the copy as nobody would find it
        monkeypatch.setattr(recovery_module, "unreadable_copies",
                            lambda folder: [(content, "Permission denied")] if folder == data_dir else [])
    warnings: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text, *_a: warnings.append((title, text)))
    chooser = Chooser(RESTORE)
    window = make_window(qtbot, tmp_path, monitored_design())
    assert offer_recovery(window, choose=chooser) == RESTORE
    assert warnings == [("Recovered work cannot be read",
                         f"1 autosaved copy of unsaved work in {data_dir} cannot be read:\n"
                         f"  {content.name}: permission denied\n\n"
                         "It may belong to another user (for example a run with sudo). It is kept: give "
                         "it back to your user (chown) and start again to recover it.")]
    assert [entry.content for entry in chooser.offered[0]] == [readable]  # the unreadable one is not offered
    assert content.exists()
