"""Shared bits of the subcommands: exit codes, one-line errors, reading input and writing output.

``-`` names standard input (as FILE) or standard output (as OUT). Every other output goes through
the atomic writer (components/io/atomic.py): only to a regular file or a new name, never over the
input, a read-only file only with ``--force``.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import sys
from collections.abc import Callable, Collection, Iterator

from components.io import DocumentError, FileStamp, load_stamped, parse, write_atomic
from components.io.atomic import check_target, remove_stale_temps
from components.io.limits import MAX_FILE_BYTES
from components.io.target import ChangedOnDisk, NotAFile, ReadOnlyTarget, TargetRefused
from components.model import Diagram

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
STDIO = "-"  # standard input as FILE, standard output as OUT
STDIN_NAME = "<stdin>"
STDOUT_NAME = "<stdout>"


class CliError(Exception):
    """A one-line message for stderr and the exit code to leave with."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def load_or_fail(path: str) -> Diagram:
    """Load a design (``-``: from standard input); a DocumentError becomes a CliError whose text
    is ``FILE: message``."""
    return load_input(path)[0]


def load_input(path: str) -> tuple[Diagram, FileStamp | None]:
    """A design and the stamp of the file it came from (None for standard input)."""
    try:
        if path == STDIO:
            return parse(sys.stdin.buffer.read(MAX_FILE_BYTES + 1), STDIN_NAME), None
        return load_stamped(path)
    except DocumentError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:  # reading standard input failed
        raise CliError(f"{STDIN_NAME}: cannot read: {exc.strerror or exc}") from None


def output_name(path: str) -> str:
    return STDOUT_NAME if path == STDIO else path


def write_output(path: str, payload: bytes, *, force: bool = False, expected: FileStamp | None = None,
                 avoid: Collection[FileStamp] = ()) -> None:
    """Write ``payload`` to standard output (``-``) or atomically to a file; ``force`` replaces a
    read-only file or one changed since ``expected``. Every refusal is a one-line CliError."""
    if path == STDIO:
        write_stdout(payload)
        return
    with _output_errors(path):
        written = write_atomic(path, payload, expected=None if force else expected, replace_read_only=force,
                               avoid=avoid)
    remove_stale_temps(written.path)


def check_output(path: str, *, force: bool = False, expected: FileStamp | None = None,
                 avoid: Collection[FileStamp] = ()) -> None:
    """Fail now, as write_output would later, before seconds of layout or rendering."""
    if path != STDIO:
        with _output_errors(path):
            check_target(path, expected=None if force else expected, replace_read_only=force, avoid=avoid)


@contextlib.contextmanager
def _output_errors(path: str) -> Iterator[None]:
    try:
        yield
    except TargetRefused as exc:
        raise CliError(f"{path}: {_refusal_text(exc)}") from None
    except OSError as exc:
        raise CliError(f"{path}: cannot write: {exc.strerror or exc}; nothing was changed") from None


def _refusal_text(exc: TargetRefused) -> str:
    if isinstance(exc, ReadOnlyTarget):
        return f"{exc}; use --force to replace it (it stays read-only)"
    if isinstance(exc, ChangedOnDisk):
        return f"{exc}; use --force to replace it anyway"
    if isinstance(exc, NotAFile):
        return f"{exc} (- writes to standard output)"
    return str(exc)  # IsInput, UnsafeLink: nothing to force


class StdoutError(CliError):
    """Standard output cannot be written (a full disk); main also stops the interpreter's last flush
    from failing again. A closed pipe is not this: BrokenPipeError goes up to main, which ends quietly."""


@contextlib.contextmanager
def _stdout_errors() -> Iterator[None]:
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise StdoutError(f"{STDOUT_NAME}: cannot write: {exc.strerror or exc}") from None


def write_stdout(payload: bytes) -> None:
    """Write bytes to standard output and flush."""
    with _stdout_errors():
        sys.stdout.flush()  # anything printed as text goes first
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()


def print_out(text: str) -> None:
    """Print a line of data on standard output, without dying on a terminal whose encoding cannot
    show a label's characters (they become '?')."""
    encoding = sys.stdout.encoding or "utf-8"
    with _stdout_errors():
        sys.stdout.write(text.encode(encoding, "replace").decode(encoding) + "\n")


def flush_stdout() -> None:
    with _stdout_errors():
        sys.stdout.flush()


def note(message: str) -> None:
    """A status line on stderr (what happened, not data); a stderr that cannot be written is no
    reason to fail a command that already did its work."""
    with contextlib.suppress(OSError, ValueError):
        print(message, file=sys.stderr, flush=True)


def positive_number(unit: str = "", maximum: float = math.inf) -> Callable[[str], float]:
    """An argparse type for --scale, --timeout and the like: a finite number above zero (and up to
    ``maximum``, so 1e308 is a usage error rather than an overflow deep inside)."""
    what = f"a positive number of {unit}" if unit else "a positive number"
    if math.isfinite(maximum):
        what += f" up to {maximum:g}"

    def parse_number(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if not math.isfinite(value) or value <= 0 or value > maximum:
            raise argparse.ArgumentTypeError(f"must be {what}, not {text!r}")
        return value

    return parse_number
