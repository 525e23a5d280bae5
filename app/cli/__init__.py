"""The `mlsd` command line. Qt is imported only by the subcommands that draw (gui, png, pdf).

Each module in ``app.cli.commands`` adds one subcommand through ``register(subparsers)``; the
subcommand's handler returns the exit code: 0 ok, 1 findings of severity error, 2 bad input.
A reader that closes the pipe early (``mlsd schema | head``) ends the program quietly with 141, the
status of a program stopped by SIGPIPE; SIGPIPE itself stays ignored, so a write to dot's input
can never kill us.

``mlsd`` alone starts the designer, and ``mlsd FILE`` opens FILE in it (as ``mlsd gui FILE``). A
subcommand's name always means the subcommand: a design file called ``validate`` opens with
``mlsd gui validate`` or ``mlsd ./validate``. A word that is neither a subcommand nor looks like a
file (no such file, no folder, no .json) stays a usage error, so a mistyped subcommand is reported.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from app.cli import commands as _commands_pkg
from components.gcpause import end_start_up, pause_start_up

EXIT_PIPE_CLOSED = 141  # 128 + SIGPIPE


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors exit 2 with one line, like other errors
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {message}", file=sys.stderr)
        from app.cli.common import EXIT_USAGE  # (it loads the document model: not before ``run`` pauses the collector)

        raise SystemExit(EXIT_USAGE)


def command_names() -> list[str]:
    """Every subcommand's name: one module per subcommand in ``app.cli.commands``, named after it (read
    from the folder: pkgutil would cost ~3 ms of every start to import)."""
    return sorted({entry.name.partition(".")[0] for folder in _commands_pkg.__path__ for entry in os.scandir(folder)
                   if entry.name.endswith((".py", ".pyc")) and not entry.name.startswith("_")})


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The `mlsd` parser; ``only`` names the one subcommand to register (its module alone is imported:
    the export command's module costs ~20 ms, the parsers of all ~25 ms), None registers them all."""
    parser = _Parser(
        prog="mlsd",
        description="MLSD Whiteboard: design ML systems on a canvas; validate and export them headless.",
        epilog="`mlsd` alone starts the designer; `mlsd FILE` opens FILE in it (as `mlsd gui FILE`). "
               "A subcommand's name always means the subcommand: open a file called like one with "
               "`mlsd gui NAME` or `mlsd ./NAME`.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks for unexpected errors")
    parser.add_argument("--version", action=_Version, help="show the program's version number and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in [only] if only else command_names():
        module = importlib.import_module(f"{_commands_pkg.__name__}.{name}")
        module.register(sub)
    return parser


def version() -> str:
    """The installed package's version (pyproject.toml is its one definition)."""
    import importlib.metadata  # only for --version: it costs ~25 ms to import

    try:
        return importlib.metadata.version("mlsd-whiteboard")
    except importlib.metadata.PackageNotFoundError:
        return "(not installed: run from a source tree without pip install)"


class _Version(argparse.Action):
    """``--version``, looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        print(f"mlsd {version()}")
        parser.exit()
def chosen_command(args: list[str], subcommands: set[str]) -> str | None:
    """The subcommand a command line (after ``with_gui_default``) runs, when the parser needs no other:
    None when there is none, or an option other than ``--debug`` comes before it (help and the version,
    perhaps abbreviated, list or need every subcommand)."""
    for arg in args:
        if not arg.startswith("-"):
            return arg if arg in subcommands else None
        if arg != "--debug":
            return None
    return None


def looks_like_a_file(word: str) -> bool:
    """Whether a word that is no subcommand means a design file: it exists, names a folder, or ends in .json."""
    return Path(word).exists() or "/" in word or "\\" in word or word.lower().endswith(".json")


def with_gui_default(args: list[str], subcommands: set[str]) -> list[str]:
    """``mlsd [--debug]`` and ``mlsd [--debug] FILE [gui options]`` as the ``gui`` subcommand."""
    if {"-h", "--help"} & set(args):
        return args
    first = next((i for i, a in enumerate(args) if not a.startswith("-")), None)
    if first is None:
        return [*args, "gui"]  # bare `mlsd` starts the designer
    if args[first] not in subcommands and looks_like_a_file(args[first]):
        return [*args[:first], "gui", *args[first:]]
    return args


def run() -> NoReturn:
    """The `mlsd` program (console script and ``python -m app``): ``main`` on the command line, then,
    for every subcommand but the designer, leave without tearing the interpreter down. Freeing every
    module, pydantic's validators and Qt's fonts and platform plugin cost 20-60 ms after the work was
    done (an eighth of a PNG export); outputs are written and flushed by then, and the designer, whose
    Qt objects save settings as they are destroyed, exits the ordinary way (but for a screenshot).
    The garbage collector is paused for the start-up (``components.gcpause.pause_start_up``): a command
    other than the designer resumes it before it runs, the designer once its window is on screen."""
    pause_start_up()
    sys.exit(main(leave=True))


def main(argv: Sequence[str] | None = None, *, leave: bool = False) -> int:
    """Run one command line; returns the exit code (``leave``: see ``run``)."""
    from app.cli.common import EXIT_USAGE, CliError, StdoutError, flush_stdout

    args_list = list(sys.argv[1:] if argv is None else argv)
    subcommands = set(command_names())
    words = with_gui_default(args_list, subcommands)
    args = build_parser(only=chosen_command(words, subcommands)).parse_args(words)
    if args.command != "gui":
        end_start_up()
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
            import traceback

            traceback.print_exc()
        else:
            print(f"mlsd: unexpected error: {exc} (run with --debug for details)", file=sys.stderr)
        code = EXIT_USAGE
    if leave and (args.command != "gui" or getattr(args, "screenshot", None)):
        _leave_now(code)  # a screenshot's window kept nothing (fresh settings in a folder already removed)
    return code


def _leave_now(code: int) -> NoReturn:
    """Exit with ``code`` at once, once standard output and error are flushed (see ``run``)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def _stdout_gone(code: int) -> int:
    """Point standard output at /dev/null so the interpreter's last flush of what is still buffered
    cannot fail again (a warning and exit 120); returns ``code``."""
    with contextlib.suppress(OSError, ValueError):  # no real descriptor (captured output): nothing to do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return code
