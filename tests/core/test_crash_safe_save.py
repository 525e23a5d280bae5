"""Saves survive SIGKILL: a worker saves a big design in a loop and is killed at random moments.

After every kill the file on disk must load and be exactly version A or version B, and the only
other files left in the folder are our own ``.NAME.*.tmp`` temp files. 200 kills by default (about
half a minute); ``MLSD_STRESS=1`` raises it to 2,000 (or ``MLSD_STRESS=N`` for N kills).
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from components.io import dumps, load, save
from tests.conftest import ROOT
from tests.core.crash_child import TITLE_A, TITLE_B, _versions

BLOCKS = 3000


def _kills() -> int:
    stress = os.environ.get("MLSD_STRESS", "")
    if not stress or stress == "0":
        return 200
    return 2000 if stress == "1" else int(stress)


class ForkServer:
    """Talks to tests/core/crash_child.py over its stdin/stdout."""

    def __init__(self, target: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.core.crash_child", str(target), str(BLOCKS)],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        assert self._read() == "ready"

    def _read(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        if not line:
            raise AssertionError(f"crash child stopped (exit code {self.process.poll()})")
        return line

    def _send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def start_worker(self) -> int:
        self._send("run")
        word, pid = self._read().split()
        assert word == "pid"
        return int(pid)

    def reap(self, pid: int) -> None:
        self._send(f"reap {pid}")
        assert self._read() == f"reaped {pid}"

    def close(self) -> None:
        try:
            self._send("quit")
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[ForkServer, Path]]:
    target = tmp_path / "design.mlsd.json"
    fork_server = ForkServer(target)
    try:
        yield fork_server, target
    finally:
        fork_server.close()


def _temp_pattern(target: Path) -> re.Pattern[str]:
    """tempfile.mkstemp(prefix=".NAME.", suffix=".tmp") names: 8 random characters in between."""
    return re.compile(rf"^\.{re.escape(target.name)}\.[A-Za-z0-9_]{{8}}\.tmp$")


def test_sigkill_during_save_leaves_old_or_new_version(server: tuple[ForkServer, Path]) -> None:
    fork_server, target = server
    version_a, version_b = _versions(BLOCKS)
    expected = {dumps(version_a).encode(): TITLE_A, dumps(version_b).encode(): TITLE_B}
    started = time.monotonic()
    save(version_a, target)
    # Kill anywhere in the first ~2.5 saves; timing one here adapts that to how busy the machine is.
    window = max(0.05, 2.5 * (time.monotonic() - started))
    pattern = _temp_pattern(target)
    rng = random.Random(8)
    seen = {TITLE_A: 0, TITLE_B: 0}
    leftovers = 0
    replaced = 0  # rounds in which at least one save completed (the target is a new inode)
    inode = target.stat().st_ino
    kills = _kills()
    for round_number in range(kills):
        pid = fork_server.start_worker()
        time.sleep(rng.uniform(0.0, window))
        os.kill(pid, signal.SIGKILL)
        fork_server.reap(pid)
        payload = target.read_bytes()
        title = expected.get(payload)
        assert title is not None, f"round {round_number}: the file is neither version ({len(payload)} bytes)"
        loaded = load(target)
        assert loaded.title == title
        assert len(loaded.blocks) == BLOCKS
        seen[loaded.title] += 1
        replaced += target.stat().st_ino != inode
        inode = target.stat().st_ino
        for entry in target.parent.iterdir():
            if entry != target:
                assert pattern.match(entry.name), f"unexpected file beside the target: {entry.name}"
                leftovers += 1
                entry.unlink()  # ours: a temp file of a save that was killed before its rename
    # Saves must have completed in many rounds, or the kills never raced a rename at all.
    assert replaced >= max(1, kills // 8) and seen[TITLE_B] > 0, (replaced, seen)
    print(f"\n{kills} kills: file was A {seen[TITLE_A]}x, B {seen[TITLE_B]}x; {replaced} rounds saved at least once;"
          f" {leftovers} temp files left by kills")
