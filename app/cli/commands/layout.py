"""`mlsd layout FILE [-o OUT]`: auto-layout a design left to right (Graphviz dot, or the built-in engine)."""

from __future__ import annotations

import argparse

from app.cli.common import (
    EXIT_OK,
    CliError,
    check_output,
    load_input,
    note,
    output_name,
    positive_number,
    write_output,
)

MAX_TIMEOUT = 86_400.0  # a day; past it the number only overflows the clocks of the timeout


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "layout", help="lay a design out left to right (in place unless -o is given)",
        description="Lay out every block of a design left to right, stages in order, with Graphviz dot when it "
                    "is installed and the built-in engine otherwise. Pinned blocks and sticky notes stay where "
                    "they are. The engine that ran is reported on stderr. In place, the file is replaced only "
                    "if nobody changed it meanwhile and it is not read-only (--force overrides both).")
    parser.add_argument("file", metavar="FILE", help="a .mlsd.json file (- reads standard input and, without -o, "
                                                     "writes standard output)")
    parser.add_argument("-o", "--output", metavar="OUT",
                        help="write here instead of replacing FILE (atomically; - writes standard output)")
    parser.add_argument("--engine", choices=("auto", "dot", "builtin"), default="auto",
                        help="auto: dot, or the built-in engine when dot is missing, slow or fails (default); "
                             "dot: fail instead of falling back")
    parser.add_argument("--timeout", type=positive_number("seconds", maximum=MAX_TIMEOUT), default=10.0, metavar="S",
                        help="seconds dot may run before it is stopped (default 10)")
    parser.add_argument("-f", "--force", action="store_true",
                        help="replace a read-only file, or one changed on disk since it was read")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from components.commands import History
    from components.document import Document
    from components.io.files import encode
    from components.layout import LayoutError, auto_layout, layout_command

    diagram, stamp = load_input(args.file)
    in_place = args.output is None
    target = args.file if in_place else args.output
    # In place: the file must still be the one read. With -o: anything but the input itself.
    expected = stamp if in_place else None
    avoid = [stamp] if stamp is not None and not in_place else []
    check_output(target, force=args.force, expected=expected, avoid=avoid)
    try:
        result = auto_layout(diagram, engine=args.engine, timeout=args.timeout)
    except LayoutError as exc:
        raise CliError(f"{args.file}: {exc}") from None
    doc = Document(diagram)
    History(doc).push(layout_command(doc, result))
    write_output(target, encode(doc.diagram), force=args.force, expected=expected, avoid=avoid)
    note(f"{output_name(target)}: {result.summary()}")
    return EXIT_OK

