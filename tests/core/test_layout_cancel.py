"""Cancelling a layout from another thread: dot's process group is killed at once and nothing is
returned (no fall-back to the built-in engine, which would waste the time the user wanted back)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from components.layout import LayoutCancelled, auto_layout
from components.layout.dot import run_dot
from tests.core.test_layout_dot import _alive, fake_dot, needs_dot
from tests.core.test_layout_engines import pipeline


def test_cancel_kills_a_running_dot_and_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pids = tmp_path / "pids"
    fake_dot(tmp_path, monkeypatch, f"echo $$ > {pids}\n/bin/sleep 60 &\necho $! >> {pids}\nwait\n")
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    with pytest.raises(LayoutCancelled):
        auto_layout(pipeline(), timeout=60.0, cancel=stop.is_set)
    assert stop.is_set()  # it ended because of the cancel, not on its own
    script_pid, sleep_pid = (int(line) for line in pids.read_text().split())
    deadline = time.monotonic() + 5
    while (_alive(script_pid) or _alive(sleep_pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(script_pid) and not _alive(sleep_pid)


def test_a_cancel_before_the_engine_runs_stops_the_builtin_too() -> None:
    with pytest.raises(LayoutCancelled):
        auto_layout(pipeline(), engine="builtin", cancel=lambda: True)


def test_a_cancel_that_never_fires_changes_nothing() -> None:
    plain = auto_layout(pipeline(), engine="builtin")
    polled = auto_layout(pipeline(), engine="builtin", cancel=lambda: False)
    assert (polled.positions, polled.groups) == (plain.positions, plain.groups)


@needs_dot
def test_dot_read_in_slices_gives_the_same_layout() -> None:
    plain = auto_layout(pipeline())
    polled = auto_layout(pipeline(), cancel=lambda: False)
    assert polled.engine_used == "dot"
    assert (polled.positions, polled.groups) == (plain.positions, plain.groups)


def test_input_bigger_than_the_pipe_buffer_reaches_dot_whole_while_cancel_is_polled(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """dot that starts reading late gets all of a 1 MB input (a communicate() retried in slices once
    stopped feeding stdin after the first slice and hung until the timeout)."""
    program = fake_dot(tmp_path, monkeypatch, "/bin/sleep 0.3\n/usr/bin/wc -c\n")
    source = "n0;\n" * 250_000
    output = run_dot(str(program), source, timeout=20.0, cancel=lambda: False)
    assert int(output.split()[0]) == len(source)
