"""The `mlsd` command line. Qt is imported only by the subcommands that draw (gui, png, pdf).

Each module in ``app.cli.commands`` adds one subcommand through ``register(subparsers)``; the
subcommand's handler returns the exit code: 0 ok, 1 findings of severity error, 2 bad input.
A reader that closes the pipe early (``mlsd schema | head``) ends the program quietly with 141, the
status of a program stopped by SIGPIPE; SIGPIPE itself stays ignored, so a write to dot's input
can never kill us.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.metadata
import os
import pkgutil
import sys
import traceback
from collections.abc import Sequence

from app.cli import commands as _commands_pkg
from app.cli.common import EXIT_USAGE, CliError, StdoutError, flush_stdout

EXIT_PIPE_CLOSED = 141  # 128 + SIGPIPE


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 with one line, like other errors
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="mlsd",
        description="MLSD Whiteboard: design ML systems on a canvas; validate and export them headless.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks for unexpected errors")
    parser.add_argument("--version", action="version", version=f"mlsd {version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for info in sorted(pkgutil.iter_modules(_commands_pkg.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{_commands_pkg.__name__}.{info.name}")
        module.register(sub)
    return parser


def version() -> str:
    """The installed package's version (pyproject.toml is its one definition)."""
    try:
        return importlib.metadata.version("mlsd-whiteboard")
    except importlib.metadata.PackageNotFoundError:
        return "(not installed: run from a source tree without pip install)"


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not [a for a in args_list if not a.startswith("-")] and not ({"-h", "--help"} & set(args_list)):
        args_list = [*args_list, "gui"]  # bare `mlsd` starts the designer
    args = parser.parse_args(args_list)
    try:
        code = int(args.handler(args) or 0)
        flush_stdout()  # now, while a failure can still be reported and change the exit code
    except BrokenPipeError:
        return _stdout_gone(EXIT_PIPE_CLOSED)
    except StdoutError as exc:
        print(str(exc), file=sys.stderr)
        return _stdout_gone(exc.code)
    except CliError as exc:
        print(str(exc), file=sys.stderr)
        code = exc.code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # never a traceback for a user unless asked
        if args.debug:
            traceback.print_exc()
        else:
            print(f"mlsd: unexpected error: {exc} (run with --debug for details)", file=sys.stderr)
        code = EXIT_USAGE
    return code


def _stdout_gone(code: int) -> int:
    """Point standard output at /dev/null so the interpreter's last flush of what is still buffered
    cannot fail again (a warning and exit 120); returns ``code``."""
    with contextlib.suppress(OSError, ValueError):  # no real descriptor (captured output): nothing to do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return code
