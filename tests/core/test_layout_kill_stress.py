"""Stress (slow, `make stress`): `mlsd layout` in place on a 3,000-block design, killed with SIGKILL
200 times at random moments; after every kill the file is the old design or the laid-out one, byte
for byte, and loads. The built-in engine keeps the laid-out bytes the same on every run (dot could
time out on a busy machine and fall back, which would make a third, equally valid file).

A third of the kills fall anywhere in a run, a third in its second half, and a third while the save
is writing (the test watches for the temp file to appear, then waits 0-3 ms): the write of 1.2 MB
takes milliseconds, and random moments alone would almost never land in it. ``MLSD_STRESS_KILLS=N``
changes the number of kills.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from components.io import load, save
from components.io.atomic import temp_pattern
from components.synthetic import synthetic_diagram
from tests.conftest import ROOT

BLOCKS = 3000
pytestmark = pytest.mark.slow


def _command(target: Path) -> list[str]:
    script = Path(sys.executable).with_name("mlsd")  # the console script `make` installs
    program = [str(script)] if script.exists() else [sys.executable, "-m", "app"]
    return [*program, "layout", str(target), "--engine", "builtin"]


def _run(target: Path) -> float:
    """Lay out ``target`` in place without interruption; the seconds it took."""
    started = time.monotonic()
    subprocess.run(_command(target), check=True, capture_output=True, cwd=ROOT, timeout=300)
    return time.monotonic() - started


def test_killing_layout_in_place_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    target = tmp_path / "big.mlsd.json"
    save(synthetic_diagram(BLOCKS, seed=5), target)
    old = target.read_bytes()
    first = _run(target)
    new = target.read_bytes()
    target.write_bytes(old)
    duration = max(first, _run(target))
    assert target.read_bytes() == new != old, "two layouts of the same file differ, or nothing moved"
    kills = int(os.environ.get("MLSD_STRESS_KILLS", "200"))
    rng = random.Random(13)
    pattern = temp_pattern(target)
    outcomes = {"old": 0, "new": 0}
    finished_before_kill = temp_files = 0
    for round_number in range(kills):
        target.write_bytes(old)
        process = subprocess.Popen(_command(target), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        moment = round_number % 3
        if moment == 2:
            _wait_for_temp_file(process, tmp_path, pattern)
            time.sleep(rng.uniform(0.0, 0.003))
        else:
            time.sleep(rng.uniform(0.5 * duration if moment == 1 else 0.0, duration))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        else:
            finished_before_kill += 1
        process.wait()
        payload = target.read_bytes()
        assert payload in (old, new), f"round {round_number}: neither the old nor the new file ({len(payload)} bytes)"
        outcomes["old" if payload == old else "new"] += 1
        assert len(load(target).blocks) == BLOCKS
        for entry in tmp_path.iterdir():
            if entry != target:
                assert pattern.match(entry.name), f"round {round_number}: unexpected file {entry.name}"
                temp_files += 1
                entry.unlink()
    assert outcomes["old"] > 0 and outcomes["new"] > 0, outcomes
    print(f"\n{kills} kills of `mlsd layout` on {BLOCKS:,} blocks (a run takes {duration:.2f} s): "
          f"file was the old design {outcomes['old']}x, the laid-out one {outcomes['new']}x; "
          f"{finished_before_kill} runs had finished before their kill; {temp_files} temp files left by "
          "kills during the write (removed); every file loaded")


def _wait_for_temp_file(process: subprocess.Popen[bytes], folder: Path, pattern: re.Pattern[str]) -> None:
    """Poll until the save's temp file exists (the write has begun) or the process has ended."""
    while process.poll() is None:
        if any(pattern.match(name) for name in os.listdir(folder)):
            return
        time.sleep(0.0001)
