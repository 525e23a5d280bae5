"""Shared bits of the subcommands: exit codes, one-line errors, loading files for the CLI."""

from __future__ import annotations

from components.io import DocumentError, load
from components.model import Diagram

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A one-line message for stderr and the exit code to leave with."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def load_or_fail(path: str) -> Diagram:
    """Load a design; a DocumentError becomes a CliError whose text is ``FILE: message``."""
    try:
        return load(path)
    except DocumentError as exc:
        raise CliError(str(exc)) from None
