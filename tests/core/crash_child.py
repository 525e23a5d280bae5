"""Child side of the SIGKILL test: a small fork server whose workers save a big design in a loop.

Starting Python and building a 3,000-block diagram takes about a second, too slow to do 200 times,
so this process does it once and then, for every ``run`` line read on stdin, forks a worker that
saves version A and version B alternately with ``components.io.save`` until it is killed. It prints
``pid N`` for each worker; the test kills that pid with SIGKILL at a random moment and sends
``reap N``, answered by ``reaped N`` once the worker is gone. Run it as
``python -m tests.core.crash_child TARGET BLOCKS``.
"""

from __future__ import annotations

import os
import sys

from components.io import save
from components.synthetic import synthetic_diagram

TITLE_A = "Crash test version A"
TITLE_B = "Crash test version B"


def _versions(blocks: int) -> tuple:
    """Two large diagrams of the same size that differ in title and in every block's position."""
    first = synthetic_diagram(blocks, seed=1).model_copy(update={"title": TITLE_A})
    second = synthetic_diagram(blocks, seed=2).model_copy(update={"title": TITLE_B})
    return first, second


def _worker(target: str, versions: tuple) -> None:
    """Save A, B, A, B, ... forever; only SIGKILL ends it (os._exit guards against anything else)."""
    try:
        turn = 0
        while True:
            save(versions[turn % 2], target)
            turn += 1
    finally:
        os._exit(3)


def main(argv: list[str]) -> int:
    target, blocks = argv[0], int(argv[1])
    versions = _versions(blocks)
    print("ready", flush=True)
    for line in sys.stdin:
        command = line.split()
        if not command:
            continue
        if command[0] == "run":
            pid = os.fork()
            if pid == 0:
                _worker(target, versions)
            print(f"pid {pid}", flush=True)
        elif command[0] == "reap":
            pid = int(command[1])
            os.waitpid(pid, 0)
            print(f"reaped {pid}", flush=True)
        elif command[0] == "quit":
            break
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
