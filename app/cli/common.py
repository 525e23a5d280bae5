"""Shared bits of the subcommands: exit codes, one-line errors, loading files for the CLI."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable

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


def positive_number(unit: str = "") -> Callable[[str], float]:
    """An argparse type for --scale, --timeout and the like: a finite number above zero."""
    what = f"a positive number of {unit}" if unit else "a positive number"

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if not math.isfinite(value) or value <= 0:
            raise argparse.ArgumentTypeError(f"must be {what}, not {text!r}")
        return value

    return parse


def write_output(path: str, text: str) -> None:
    """Write a text output file atomically; a failure becomes a CliError naming the file."""
    from components.io import write_atomic

    try:
        write_atomic(path, text.encode("utf-8", "replace"))
    except OSError as exc:
        raise CliError(f"{path}: cannot write: {exc.strerror or exc}") from None


def emit(text: str) -> None:
    """Print without dying on a terminal whose encoding cannot show a label's characters."""
    import sys

    encoding = sys.stdout.encoding or "utf-8"
    sys.stdout.write(text.encode(encoding, "replace").decode(encoding) + ("" if text.endswith("\n") else "\n"))
