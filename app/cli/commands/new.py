"""`mlsd new TEMPLATE OUT`: start a design file from a template (see `mlsd templates`)."""

from __future__ import annotations

import argparse
import os

from app.cli.common import EXIT_OK, STDIO, CliError, note, output_name, write_output


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("new", help="write a new design file from a template (see `mlsd templates`)",
                            description="Copy a template to OUT, written atomically. An existing OUT is kept "
                                        "unless --force is given. What was written is reported on stderr.")
    parser.add_argument("template", metavar="TEMPLATE", help="a template id, e.g. video-recommendation")
    parser.add_argument("output", metavar="OUT", help="the .mlsd.json file to create (- writes standard output)")
    parser.add_argument("-f", "--force", action="store_true", help="replace OUT if it already exists (even read-only)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from components.io import DocumentError
    from components.io.files import encode
    from components.templates import UnknownTemplateError, load_template

    try:
        diagram = load_template(args.template)
    except UnknownTemplateError as exc:
        raise CliError(f"mlsd new: {exc}") from None
    except DocumentError as exc:
        raise CliError(f"mlsd new: template {args.template!r} is unreadable: {exc}") from None
    out = args.output
    if out != STDIO:
        if os.path.isdir(out):
            raise CliError(f"{out}: is a folder; give the path of the file to create")
        if os.path.lexists(out) and not args.force:
            raise CliError(f"{out}: already exists; use --force to replace it")
    write_output(out, encode(diagram), force=args.force)
    # On stderr: standard output carries data only (the design, with -), so `> /dev/full` cannot
    # fail a command whose file is already written.
    note(f"{output_name(out)}: new design from template {args.template!r} ({diagram.title})")
    return EXIT_OK
