"""`mlsd compare FILE --with TEMPLATE_ID|FILE [--format text|json]`: a design against a reference, by role."""

from __future__ import annotations

import argparse
import json

from app.cli.common import EXIT_OK, CliError, load_or_fail, print_out


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "compare", help="compare a design with a template or another design, block role by block role",
        description="Match the blocks of a design with those of a reference by role (kind, settings, place on "
                    "the request path and in the data and model flows), never by id or label, and list what "
                    "the reference has that the design lacks, what the design adds and the requirements that "
                    "differ.")
    parser.add_argument("file", metavar="FILE", help="a .mlsd.json design file (- reads standard input)")
    parser.add_argument("--with", dest="reference", required=True, metavar="TEMPLATE_ID|FILE",
                        help="a template id (see `mlsd templates`) or a design file")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from components.compare import compare
    from components.compare.report import text_lines
    from components.io import DocumentError
    from components.templates import TEMPLATE_IDS, load_template

    diagram = load_or_fail(args.file)
    if args.reference in TEMPLATE_IDS:
        try:
            reference = load_template(args.reference)
        except DocumentError as exc:
            raise CliError(str(exc)) from None
        name = f"the template {args.reference!r} ({' '.join(reference.title.split())})"
    else:
        reference = load_or_fail(args.reference)
        name = args.reference
    result = compare(diagram, reference)
    if args.format == "json":
        print_out(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print_out("\n".join(text_lines(result, name)))
    return EXIT_OK
