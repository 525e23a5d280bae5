"""`mlsd review FILE [--format md|html|json] [-o OUT] [--walkthrough]`: the interview coach's review."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import (
    EXIT_OK,
    STDIO,
    CliError,
    check_output,
    load_input,
    output_name,
    print_out,
    write_output,
)

EPILOG = """\
The review scores each of the seven steps 0-3 with the open rubric in docs/review-rubric.md, with
the evidence and the gaps, the validator's findings, follow-up questions, trade-off coverage, the
back-of-envelope estimates and the walkthrough.

formats (default: from OUT's extension, else md):
  md    Markdown for a code host; with -o FILE, the diagram is written next to it as FILE's name
        with .svg and linked; on standard output, the diagram is a Mermaid block
  html  one self-contained page (the diagram inline, no external reference) that prints well
  json  the review's data: steps with points, evidence and gaps, findings, questions, estimates

--walkthrough  only the story of the diagram: data, features, training, launch, the request path
               hop by hop against the SLO, monitoring and the feedback loop
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "review", help="review a design as an interviewer would: a score per step, gaps, questions",
        description="Review a design file with the open rubric of the seven-step framework.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", metavar="FILE", help="a .mlsd.json design file (- reads standard input)")
    parser.add_argument("--format", choices=("md", "html", "json"), help="output format")
    parser.add_argument("-o", "--output", metavar="OUT",
                        help="write to this file (replaced atomically; - or none: standard output)")
    parser.add_argument("-f", "--force", action="store_true", help="replace OUT even if it is read-only")
    parser.add_argument("--walkthrough", action="store_true", help="only the walkthrough of the diagram")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from components.review.documents import EXTENSIONS, review_document

    out = args.output if args.output not in (None, STDIO) else None
    fmt = args.format
    if fmt is None and out:
        fmt = EXTENSIONS.get(Path(out).suffix.lower())
        if fmt is None:
            raise CliError(f"{output_name(out)}: cannot tell the format from the file name (use .md, .html, "
                           ".json or --format)")
    diagram, stamp = load_input(args.file)
    avoid = [stamp] if stamp is not None else []
    document = review_document(diagram, fmt or "md", out, walkthrough_only=args.walkthrough)
    if out is None:
        print_out(document.text.rstrip("\n"))
        return EXIT_OK
    folder = Path(out).parent
    targets = [(str(folder / name), text) for name, text in document.attachments.items()] + [(out, document.text)]
    for path, _text in targets:  # refuse before writing anything
        check_output(path, force=args.force, avoid=avoid)
    for path, text in targets:
        write_output(path, text.encode("utf-8"), force=args.force, avoid=avoid)
    return EXIT_OK
