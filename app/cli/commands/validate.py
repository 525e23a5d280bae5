"""`mlsd validate FILE...`: load each design and report problems (rules come from components.validate)."""

from __future__ import annotations

import argparse
import sys

from app.cli.common import EXIT_OK, EXIT_USAGE, CliError, load_or_fail


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("validate", help="check design files (exit 1 on errors, 2 on unreadable input)",
                            description="Load each design file and report what is wrong with it.")
    parser.add_argument("files", nargs="+", metavar="FILE", help="a .mlsd.json file")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    code = EXIT_OK
    for path in args.files:
        try:
            load_or_fail(path)
        except CliError as exc:
            print(str(exc), file=sys.stderr)
            code = EXIT_USAGE
            continue
        print(f"{path}: ok")
    return code
