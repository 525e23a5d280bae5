"""Core test hooks: the mutation test's kill-rate table goes into pytest's terminal summary."""

from __future__ import annotations

import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from tests.core.test_validate_mutations import KILL_TABLE

    table = terminalreporter.config.stash.get(KILL_TABLE, None)
    if table:
        terminalreporter.section("validator mutation test: kill rate per mistake")
        terminalreporter.write_line(table)
