"""`mlsd review FILE [--format md|html|json] [-o OUT] [--walkthrough]`: the interview coach's review."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import EXIT_OK, CliError, emit, load_or_fail, write_output

EPILOG = """\
The review scores each of the seven steps 0-3 with the open rubric in docs/review-rubric.md, with
the evidence and the gaps, the validator's findings, follow-up questions, trade-off coverage, the
back-of-envelope estimates and the walkthrough.

formats (default: from OUT's extension, else md):
  md    Markdown for a code host; with -o, the diagram is written next to it as OUT's name .svg and
        linked; on stdout, the diagram is a Mermaid block
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
    parser.add_argument("file", metavar="FILE", help="a .mlsd.json design file")
    parser.add_argument("--format", choices=("md", "html", "json"), help="output format")
    parser.add_argument("-o", "--output", metavar="OUT", help="write to this file (replaced atomically)")
    parser.add_argument("--walkthrough", action="store_true", help="only the walkthrough of the diagram")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from components.review.documents import EXTENSIONS, review_document

    fmt = args.format
    if fmt is None and args.output:
        fmt = EXTENSIONS.get(Path(args.output).suffix.lower())
        if fmt is None:
            raise CliError(f"{args.output}: cannot tell the format from the file name (use .md, .html, .json "
                           "or --format)")
    diagram = load_or_fail(args.file)
    document = review_document(diagram, fmt or "md", args.output, walkthrough_only=args.walkthrough)
    if not args.output:
        emit(document.text)
        return EXIT_OK
    folder = Path(args.output).parent
    for name, text in document.attachments.items():
        write_output(str(folder / name), text)
    write_output(args.output, document.text)
    return EXIT_OK
