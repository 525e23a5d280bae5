"""Autosave and recovery in the main window: copies appear after edits and never before, never touch
the user's file, go away on save/close/discard; failures show in the status bar and are retried;
what a dead process left is offered at start and restores to the recovered document."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

import app.autosave as autosave_module
from app.autosave import Autosaver
from app.recovery import BESIDE, DISCARD, LATER, RESTORE, RecoveryDialog, offer_recovery
from app.recovery_folder import RecoveryEntry, list_recoveries, process_alive, process_start
from components.commands import MoveItems, Relabel
from components.io import load, save
from components.model import Diagram
from tests.app.window_helpers import click_item, install_answers, make_window, monitored_design


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("MLSD_DATA_DIR", str(folder))
    return folder / "recovery"


@pytest.fixture
def user_file(tmp_path: Path) -> Path:
    path = tmp_path / "work" / "design.mlsd.json"
    path.parent.mkdir()
    save(monitored_design(), path)
    return path


def _window(qtbot: Any, tmp_path: Path, path: Path | None = None) -> Any:
    window = make_window(qtbot, tmp_path, load(path) if path else monitored_design())
    if path is not None:
        window.editor.path = path
    return window


def _move(window: Any, dx: float = 20) -> None:
    assert window.editor.push(MoveItems.by(window.editor.doc, ["client"], dx, 0))


def _fingerprint(path: Path) -> tuple[bytes, int, int]:
    info = path.stat()
    return path.read_bytes(), info.st_mtime_ns, info.st_ino


def _dead_pid() -> int:
    """The pid of a process that has exited (a crashed session's)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _plant_recovery(folder: Path, diagram: Diagram, original: Path | None, pid: int, token: str = "crashed",
                    age: float = 60) -> Path:
    """What a session killed mid-work leaves: a copy and its sidecar."""
    folder.mkdir(parents=True, exist_ok=True)
    content = folder / f"{token}.mlsd.json"
    save(diagram, content)
    meta = {"format": 1, "title": diagram.title, "saved_at": time.time() - age, "pid": pid, "started": None,
            "original_path": str(original) if original else None}
    (folder / f"{token}.meta.json").write_text(json.dumps(meta))
    return content


def _recovered_version() -> Diagram:
    diagram = monitored_design()
    diagram.title = "Recovered work"
    diagram.blocks[0].label = "Edited before the crash"
    return diagram


# ---------------------------------------------------------------- writing copies


def test_copy_written_after_an_edit_and_not_before(qtbot, tmp_path: Path, data_dir: Path, user_file: Path) -> None:
    window = _window(qtbot, tmp_path, user_file)
    before = _fingerprint(user_file)
    qtbot.wait(autosave_module.IDLE_MS + 500)
    assert list_recoveries(data_dir) == []  # nothing to keep: no edit yet
    _move(window)
    assert not window.autosaver.content_path.exists()  # debounced: not at once
    qtbot.waitUntil(window.autosaver.content_path.exists, timeout=10_000)
    window.autosaver.wait()
    assert load(window.autosaver.content_path) == window.editor.doc.diagram
    [entry] = list_recoveries(data_dir)
    assert entry.original == user_file and entry.title == "Window test" and entry.pid == os.getpid()
    assert not entry.orphaned  # this process is alive: not something to offer
    assert _fingerprint(user_file) == before  # the user's file is never written by autosave
    assert [p.name for p in user_file.parent.iterdir()] == [user_file.name]


def test_continuous_editing_still_writes(qtbot, tmp_path: Path, data_dir: Path) -> None:
    """Edits every 100 ms never leave 1.5 s of quiet; the 30 s deadline (shortened here) still writes."""
    window = _window(qtbot, tmp_path)
    window.autosaver.close()
    saver = Autosaver(window.editor, folder=data_dir, idle_ms=400, max_interval_ms=900)
    writes: list[Path] = []
    saver.written.connect(writes.append)
    for _ in range(30):
        _move(window, 1)
        qtbot.wait(100)
        if writes:
            break
    assert writes, "no copy during three seconds of continuous editing"
    saver.close()


def test_save_undo_to_clean_and_close_remove_the_copy(qtbot, tmp_path: Path, data_dir: Path, user_file: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, tmp_path, user_file)
    copy = window.autosaver.content_path
    _move(window)
    window.autosaver.write_now()
    window.autosaver.wait()
    assert copy.exists()
    assert window.documents.save()
    window.autosaver.wait()
    assert not copy.exists() and list_recoveries(data_dir) == []

    _move(window)
    window.autosaver.write_now()
    window.autosaver.wait()
    assert copy.exists()
    window.editor.undo_stack.undo()  # back to what is saved: nothing left to recover
    window.autosaver.wait()
    assert not copy.exists()

    _move(window)
    window.autosaver.write_now()
    window.autosaver.wait()
    answers = install_answers(monkeypatch)
    answers.reply = QMessageBox.StandardButton.Discard
    assert window.close()
    assert answers.questions  # it asked, the user discarded: a clean exit
    assert list(data_dir.iterdir()) == []


def test_failing_folder_shows_in_status_bar_and_keeps_trying(qtbot, tmp_path: Path, data_dir: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, tmp_path)
    window.autosaver.close()
    saver = Autosaver(window.editor, folder=data_dir, idle_ms=50, retry_ms=200)
    saver.statusMessage.connect(window.show_message)
    real_write = autosave_module.write_atomic
    attempts: list[Path] = []

    def full_disk(path: Path, payload: bytes, **kwargs: Any) -> Any:
        attempts.append(Path(path))
        if len(attempts) <= 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(path, payload, **kwargs)

    monkeypatch.setattr(autosave_module, "write_atomic", full_disk)
    _move(window)
    qtbot.waitUntil(lambda: "Autosave failed" in window.statusBar().currentMessage(), timeout=5000)
    assert "No space left on device" in window.statusBar().currentMessage()
    assert saver.failing
    # No further edit: the retries alone get the copy written once the disk has room again.
    qtbot.waitUntil(saver.content_path.exists, timeout=10_000)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Autosave works again", timeout=5000)
    assert len(attempts) >= 4 and not saver.failing
    saver.wait()
    assert load(saver.content_path) == window.editor.doc.diagram
    saver.close()


def test_read_only_folder_fails_visibly(qtbot, tmp_path: Path) -> None:
    """A folder that cannot be created (a file is in the way) is reported, not ignored."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    window = _window(qtbot, tmp_path)
    window.autosaver.close()
    saver = Autosaver(window.editor, folder=blocker / "recovery", idle_ms=50, retry_ms=60_000)
    saver.statusMessage.connect(window.show_message)
    failures: list[str] = []
    saver.failed.connect(failures.append)
    _move(window)
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert "Autosave failed" in window.statusBar().currentMessage()
    saver.close()


def test_snapshot_is_cheap_and_lone_surrogates_still_save(qtbot, tmp_path: Path, data_dir: Path) -> None:
    window = _window(qtbot, tmp_path)
    assert window.editor.push(Relabel("blocks", "client", "broken \ud800 text")) is False  # labels refuse it
    requirements = window.editor.doc.diagram.requirements.model_copy(update={"notes": "broken \ud800 note"})
    from components.commands import SetRequirements

    assert window.editor.push(SetRequirements(requirements))  # free text accepts it...
    window.autosaver.write_now()
    window.autosaver.wait()
    assert load(window.autosaver.content_path).requirements.notes == "broken \ufffd note"  # ...and it saves


# ---------------------------------------------------------------- recovery at start


class Chooser:
    """Stands in for the dialog: records what it was offered and answers from a script."""

    def __init__(self, *actions: str) -> None:
        self.actions = list(actions)
        self.offered: list[list[RecoveryEntry]] = []

    def __call__(self, _parent: Any, entries: list[RecoveryEntry]) -> tuple[str, RecoveryEntry | None]:
        self.offered.append(list(entries))
        return self.actions.pop(0), entries[0]


def test_crash_copy_is_offered_and_restore_gives_it_back(qtbot, tmp_path: Path, data_dir: Path,
                                                        user_file: Path) -> None:
    recovered = _recovered_version()
    planted = _plant_recovery(data_dir, recovered, user_file, _dead_pid())
    window = _window(qtbot, tmp_path, None)
    chooser = Chooser(RESTORE)
    assert offer_recovery(window, choose=chooser) == RESTORE
    [[entry]] = chooser.offered
    assert entry.title == "Recovered work" and entry.original == user_file
    editor = window.editor
    assert editor.doc.diagram == recovered
    assert editor.path == user_file and editor.modified
    assert window.isWindowModified() and user_file.name in window.windowTitle()
    window.autosaver.wait()
    assert not planted.exists()  # replaced by this session's own copy of the same work
    assert load(window.autosaver.content_path) == recovered
    editor.undo_stack.undo()  # one step back: the file as it is on disk
    assert editor.doc.diagram == load(user_file) and not editor.modified
    editor.undo_stack.redo()
    assert editor.doc.diagram == recovered
    assert window.scene.item_ids() >= {b.id for b in recovered.blocks}
    assert window.documents.save()
    assert load(user_file) == recovered


def test_open_beside_keeps_the_original_untouched(qtbot, tmp_path: Path, data_dir: Path, user_file: Path) -> None:
    before = _fingerprint(user_file)
    _plant_recovery(data_dir, _recovered_version(), user_file, _dead_pid())
    window = _window(qtbot, tmp_path, None)
    assert offer_recovery(window, choose=Chooser(BESIDE)) == BESIDE
    assert window.editor.path is None and window.editor.modified
    assert window.editor.doc.diagram == _recovered_version()
    assert _fingerprint(user_file) == before


def test_discard_removes_it_and_nothing_is_offered_again(qtbot, tmp_path: Path, data_dir: Path,
                                                        user_file: Path) -> None:
    _plant_recovery(data_dir, _recovered_version(), user_file, _dead_pid())
    window = _window(qtbot, tmp_path, None)
    before = window.editor.doc.diagram.model_copy(deep=True)
    assert offer_recovery(window, choose=Chooser(DISCARD)) == DISCARD
    assert list(data_dir.iterdir()) == []
    assert window.editor.doc.diagram == before and not window.editor.modified
    never = Chooser()
    assert offer_recovery(window, choose=never) == "none" and never.offered == []


def test_later_keeps_it_for_the_next_start(qtbot, tmp_path: Path, data_dir: Path) -> None:
    _plant_recovery(data_dir, _recovered_version(), None, _dead_pid())
    window = _window(qtbot, tmp_path, None)
    assert offer_recovery(window, choose=Chooser(LATER)) == LATER
    assert len(list_recoveries(data_dir)) == 1


def test_nothing_offered_after_a_clean_close(qtbot, tmp_path: Path, data_dir: Path, user_file: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    first = _window(qtbot, tmp_path, user_file)
    _move(first)
    qtbot.waitUntil(first.autosaver.content_path.exists, timeout=10_000)
    install_answers(monkeypatch).reply = QMessageBox.StandardButton.Discard
    assert first.close()
    second = _window(qtbot, tmp_path, None)
    never = Chooser()
    assert offer_recovery(second, choose=never) == "none" and never.offered == []


def test_copies_of_running_sessions_are_not_offered(qtbot, tmp_path: Path, data_dir: Path) -> None:
    _plant_recovery(data_dir, _recovered_version(), None, os.getppid(), token="other-window")
    window = _window(qtbot, tmp_path, None)
    never = Chooser()
    assert offer_recovery(window, choose=never) == "none" and never.offered == []
    assert len(list_recoveries(data_dir)) == 1  # still there for its owner


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="process start times come from /proc")
def test_a_reused_pid_does_not_hide_a_crash() -> None:
    assert process_alive(os.getppid(), process_start(os.getppid()))
    assert not process_alive(os.getppid(), "1")  # same pid, another process: the owner is gone


def _zombie_state(pid: int) -> str:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()
    return fields[0]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process states come from /proc (Linux)")
def test_a_crashed_process_not_yet_reaped_is_dead(qtbot, tmp_path: Path, data_dir: Path) -> None:
    """Trial 23 F15: a killed session its launcher has not reaped yet is a zombie; kill(pid, 0) still
    succeeds for it, but its work must be offered now, not at some later start."""
    child = subprocess.Popen(["true"])  # exits at once; not waited for, so it stays a zombie
    try:
        for _ in range(500):  # bounded: until the kernel marks it ended
            if _zombie_state(child.pid) == "Z":
                break
            time.sleep(0.01)
        assert _zombie_state(child.pid) == "Z"
        started = process_start(child.pid)
        assert started is not None  # the same process that wrote the copy, not a reused pid
        assert not process_alive(child.pid, started)
        _plant_recovery(data_dir, _recovered_version(), None, child.pid)
        window = _window(qtbot, tmp_path, None)
        chooser = Chooser(DISCARD)
        offer_recovery(window, choose=chooser)
        assert len(chooser.offered) == 1
    finally:
        child.wait(timeout=10)


def test_unreadable_copy_is_reported_and_kept(qtbot, tmp_path: Path, data_dir: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    content = _plant_recovery(data_dir, _recovered_version(), None, _dead_pid())
    content.write_bytes(b'{"schema_version": 1, "blocks": [')  # cut short by a dying disk
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warnings.append(text))
    window = _window(qtbot, tmp_path, None)
    before = window.editor.doc.diagram.model_copy(deep=True)
    assert offer_recovery(window, choose=Chooser(RESTORE)) == "none"
    assert warnings and "not valid JSON" in warnings[0]
    assert window.editor.doc.diagram == before and content.exists()


def test_dialog_buttons_with_the_mouse(qtbot, tmp_path: Path, data_dir: Path, user_file: Path) -> None:
    """The real dialog: pick the older copy and discard it, then open the other beside its original."""
    older = monitored_design().model_copy(update={"title": "Older"})
    _plant_recovery(data_dir, older, None, _dead_pid(), token="a", age=600)
    _plant_recovery(data_dir, _recovered_version(), user_file, _dead_pid(), token="b", age=60)
    window = _window(qtbot, tmp_path, None)
    steps = iter([("Older", "discardButton"), (None, "besideButton")])
    seen: list[list[str]] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RecoveryDialog) or not dialog.isVisible():
            return
        rows = [dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())]
        if len(seen) and [row.text(0) for row in rows] == seen[-1]:
            return  # the same dialog, already handled
        seen.append([row.text(0) for row in rows])
        title, button_name = next(steps)
        if title is not None:
            click_item(dialog.tree, next(row for row in rows if row.text(0) == title))
        QTest.mouseClick(dialog.findChild(QPushButton, button_name), Qt.MouseButton.LeftButton)

    timer = QTimer()
    timer.timeout.connect(act)
    timer.start(50)
    try:
        assert offer_recovery(window) == BESIDE
    finally:
        timer.stop()
    assert seen == [["Recovered work", "Older"], ["Recovered work"]]  # newest first; then without the discarded
    assert window.editor.doc.diagram == _recovered_version()
    assert window.editor.path is None and window.editor.modified
    window.autosaver.wait()
    assert [e.title for e in list_recoveries(data_dir) if e.orphaned] == []
