"""`mlsd layout FILE [-o OUT]`: auto-layout a design left to right (Graphviz dot, or the built-in engine)."""

from __future__ import annotations

import argparse
import sys

from app.cli.common import EXIT_OK, CliError, load_or_fail, positive_number


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "layout", help="lay a design out left to right (in place unless -o is given)",
        description="Lay out every block of a design left to right, stages in order, with Graphviz dot when it "
                    "is installed and the built-in engine otherwise. Pinned blocks and sticky notes stay where "
                    "they are. The engine that ran is reported on stderr.")
    parser.add_argument("file", metavar="FILE", help="a .mlsd.json file")
    parser.add_argument("-o", "--output", metavar="OUT", help="write here instead of replacing FILE (atomically)")
    parser.add_argument("--engine", choices=("auto", "dot", "builtin"), default="auto",
                        help="auto: dot, or the built-in engine when dot is missing, slow or fails (default); "
                             "dot: fail instead of falling back")
    parser.add_argument("--timeout", type=positive_number("seconds"), default=10.0, metavar="S",
                        help="seconds dot may run before it is stopped (default 10)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from components.commands import History
    from components.document import Document
    from components.io import DocumentError, save
    from components.layout import LayoutError, auto_layout, layout_command

    diagram = load_or_fail(args.file)
    try:
        result = auto_layout(diagram, engine=args.engine, timeout=args.timeout)
    except LayoutError as exc:
        raise CliError(f"{args.file}: {exc}") from None
    doc = Document(diagram)
    History(doc).push(layout_command(doc, result))
    target = args.output or args.file
    try:
        save(doc.diagram, target)
    except DocumentError as exc:
        raise CliError(str(exc)) from None
    print(f"{target}: {result.summary()}", file=sys.stderr)
    return EXIT_OK
