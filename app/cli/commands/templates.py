"""`mlsd templates`: list the templates `mlsd new` (and File > New from template) can start from."""

from __future__ import annotations

import argparse

from app.cli.common import EXIT_OK, CliError, print_out


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("templates", help="list the templates (ids and titles) for `mlsd new`",
                            description="List the design templates: the ten case studies and a blank "
                                        "seven-step skeleton.")
    parser.add_argument("-l", "--long", action="store_true", help="also print each template's description")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from components.io import DocumentError
    from components.templates import list_templates

    try:
        infos = list_templates()
    except DocumentError as exc:
        raise CliError(f"mlsd templates: a template is unreadable: {exc}") from None
    width = max(len(info.id) for info in infos)
    for info in infos:
        print_out(f"{info.id:<{width}}  {info.title}")
        if args.long and info.description:
            print_out(f"{'':<{width}}  {info.description}")
    return EXIT_OK
