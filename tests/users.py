"""Running a piece of a test as another user: root ignores permission bits, so what an ordinary user
may not read or write is tried as user nobody."""

from __future__ import annotations

import os
from collections.abc import Callable

NOBODY = 65534


def as_nobody(function: Callable[[], str]) -> str:
    """Run ``function`` in a forked child that dropped root for user nobody; returns its text.

    Forking (not running a new interpreter) because nobody cannot read root's Python install.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            os.write(write_end, function().encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        outcome = pipe.read().decode()
    os.waitpid(pid, 0)
    return outcome
