"""Run one command and report its wall time and peak RSS, for ``bench.processes.run``.

    python -S bench/launch.py COMMAND [ARG...]   # prints "WALL_SECONDS PEAK_KIB" on stdout at the end

Why a launcher: Linux carries a process's peak RSS across exec, so a child forked by pytest (1 GB by
the time the benchmarks run) reports pytest's peak, not its own. This small interpreter forks the
command instead, so its peak is the command's (or this launcher's ~10 MB, whichever is larger); the
wall time is measured here too, from fork to exit, so the launcher's own start is not counted.
Standard library only, no site (-S): it must start in a few milliseconds.
"""

import os
import subprocess
import sys
import time


def main(command: list[str]) -> int:
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # stderr passes through to the caller
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    print(f"{wall:.6f} {usage.ru_maxrss}", flush=True)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
