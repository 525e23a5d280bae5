"""A practice session survives a crash: its state is kept with the design's recovery copy, and restoring
the copy brings the session back, paused where it was, with its questions, nudges and clock."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QLabel

from app.practice import running, start_practice
from app.recovery import RESTORE, RecoveryDialog, offer_recovery
from app.recovery_folder import list_recoveries
from components.practice import FakeClock, list_attempts
from tests.app.practice_helpers import advance, answer_yes, click, controller, practice_window
from tests.conftest import ROOT


def crash_a_session(tmp_path: Path) -> None:
    env = {**os.environ, "MLSD_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    child = subprocess.run([sys.executable, "-m", "tests.app.practice_crash_child", str(tmp_path / "child.ini")],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert child.returncode == -signal.SIGKILL and "saved" in child.stdout, child.stderr


def test_a_crashed_session_comes_back_paused_with_its_clock_and_questions(qtbot, tmp_path: Path, monkeypatch) -> None:
    crash_a_session(tmp_path)
    [entry] = [entry for entry in list_recoveries(tmp_path / "data" / "recovery") if entry.orphaned]
    kept = json.loads(entry.extras()["practice"])
    assert kept["prompt_id"] == "video-search" and kept["elapsed"] == 420
    clock = FakeClock()
    window = practice_window(qtbot, tmp_path, monkeypatch, clock)
    listed = RecoveryDialog([entry], window)
    assert listed.tree.topLevelItem(0).text(0) == "Video search (practice session in progress)"
    listed.deleteLater()
    assert offer_recovery(window, choose=lambda _parent, entries: (RESTORE, entries[0])) == RESTORE
    session = controller(window).session
    assert window.statusBar().currentMessage() == "Recovered, paused at 7:00"  # short: the clock shares the bar
    assert session.state == "paused" and session.elapsed() == 420 and session.length == 30
    assert [asked.id for asked in session.asked] == ["scale"] and len(session.nudges) == 1
    assert [block.kind for block in window.editor.doc.diagram.blocks] == ["data_source"]
    assert window.editor.doc.diagram.requirements.dau == 50_000_000  # the answer is on the card again
    assert window.inspector.form.field("title").widget.text() == "Video search"  # the inspector shows it
    assert window.findChild(QLabel, "answer_scale").isVisible()
    bar = window.statusBar().findChild(QLabel, "practiceClock")
    assert bar.text() == "<b>23:00 left · paused</b>"
    window.autosaver.wait()
    assert not entry.content.exists() and list(entry.extras()) == []  # taken over by this window's own copy
    assert json.loads(window.autosaver.extra_path("practice").read_bytes())["elapsed"] == 420
    click(qtbot, window, "practicePause")  # Resume
    advance(window, clock, 120)  # 9:00: the next boundary, data and features, already on the canvas
    assert bar.text() == "<b>21:00 left</b>" and len(session.nudges) == 1
    answer_yes(monkeypatch)
    click(qtbot, window, "practiceSubmit")
    [attempt] = list_attempts().attempts
    assert attempt.elapsed == 540 and [asked.id for asked in attempt.asked] == ["scale"]
    window.autosaver.wait()
    assert not window.autosaver.extra_path("practice").exists()  # nothing left to recover


def test_a_session_keeps_its_state_with_the_copy_even_before_any_edit(qtbot, tmp_path: Path, monkeypatch) -> None:
    clock = FakeClock()
    window = practice_window(qtbot, tmp_path, monkeypatch, clock)
    start_practice(window, window, "visual-search", 45)
    window.autosaver.wait()
    assert not window.editor.modified
    state = json.loads(window.autosaver.extra_path("practice").read_bytes())
    assert state["prompt_id"] == "visual-search" and window.autosaver.content_path.exists()
    controller(window).abandon("stop")
    window.autosaver.wait()
    assert not window.autosaver.extra_path("practice").exists() and not window.autosaver.content_path.exists()
    assert running(window) is None


def test_a_damaged_kept_session_leaves_the_design_recovered_and_says_why(qtbot, tmp_path: Path, monkeypatch) -> None:
    crash_a_session(tmp_path)
    [entry] = [entry for entry in list_recoveries(tmp_path / "data" / "recovery") if entry.orphaned]
    (entry.content.parent / f"{entry.content.name.removesuffix('.mlsd.json')}.practice.json").write_text(
        '{"prompt_id": "video-search", "elapsed": "lots"}', encoding="utf-8")
    window = practice_window(qtbot, tmp_path, monkeypatch, FakeClock())
    assert offer_recovery(window, choose=lambda _parent, entries: (RESTORE, entries[0])) == RESTORE
    assert running(window) is None and len(window.editor.doc.diagram.blocks) == 1
    assert window.statusBar().currentMessage().startswith("The practice session could not be resumed: the saved "
                                                          "practice session cannot be read: ")
