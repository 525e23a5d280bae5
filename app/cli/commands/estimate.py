"""`mlsd estimate FILE [--format text|json]`: the back-of-envelope numbers of a design."""

from __future__ import annotations

import argparse
import json

from app.cli.common import EXIT_OK, load_or_fail, print_out


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "estimate", help="back-of-envelope estimates: QPS, storage, index memory, scores/s, replicas",
        description="Work out the standard interview estimates of a design from its requirements card, its "
                    "estimate inputs and its diagram; each figure shows its formula and its numbers.")
    parser.add_argument("file", metavar="FILE", help="a .mlsd.json design file (- reads standard input)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from components.estimate import estimate
    from components.estimate.report import text_lines

    diagram = load_or_fail(args.file)
    result = estimate(diagram)
    if args.format == "json":
        print_out(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print_out("\n".join(text_lines(result, " ".join(diagram.title.split()))))
    return EXIT_OK
