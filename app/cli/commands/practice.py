"""`mlsd practice list|score|check|schema`: practice prompts for scripts and graders (no Qt).

    mlsd practice list                         the prompts: built-in (one per case study) and yours
    mlsd practice score DESIGN --prompt ID     the review and the comparison with the prompt's reference, as JSON
    mlsd practice check FILE                   is FILE a valid prompt? (the error names the item when not)
    mlsd practice schema                       the JSON Schema of prompt files
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from app.cli.common import EXIT_OK, CliError, load_or_fail, note, print_out

if TYPE_CHECKING:
    from components.practice import PromptCatalog

EPILOG = """\
Your own prompts are the *.json files of the prompts folder in the user data folder ($MLSD_DATA_DIR/prompts
when MLSD_DATA_DIR is set); `mlsd practice list` prints where it is. The format is in docs/practice.md, its
JSON Schema in docs/prompt.schema.json (and `mlsd practice schema`).
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "practice", help="practice prompts: list them, score a design against one, check a prompt file",
        description="Practice mode's prompts on the command line: list them, score an answer (the review and "
                    "the comparison with the prompt's reference design, as JSON), check a prompt file.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(parser))
    listing = actions.add_parser("list", help="list the prompts (id, title, where it comes from)",
                                 description="List the built-in prompts and yours; files that cannot be read are "
                                             "named on standard error.")
    listing.add_argument("-l", "--long", action="store_true", help="also print each prompt's opening line")
    listing.set_defaults(handler=run_list)
    scoring = actions.add_parser("score", help="review a design as an answer to a prompt, as JSON",
                                 description="Review a design and compare it with the prompt's reference design; "
                                             "prints the score, the review and the comparison as JSON.")
    scoring.add_argument("design", metavar="DESIGN", help="a .mlsd.json design file (- reads standard input)")
    scoring.add_argument("--prompt", required=True, metavar="ID", help="the prompt's id (see `mlsd practice list`)")
    scoring.set_defaults(handler=run_score)
    check = actions.add_parser("check", help="check a prompt file", description="Read a prompt file as practice "
                               "mode does; a problem is one line naming the item, with exit code 2.")
    check.add_argument("file", metavar="FILE", help="a prompt file")
    check.set_defaults(handler=run_check)
    schema = actions.add_parser("schema", help="print the JSON Schema of prompt files",
                                description="Print the JSON Schema of prompt files.")
    schema.set_defaults(handler=run_schema)


def _catalog() -> PromptCatalog:
    from components.practice import prompt_catalog

    catalog = prompt_catalog()
    for problem in catalog.problems:
        note(f"mlsd practice: left out: {problem}")
    return catalog


def run_list(args: argparse.Namespace) -> int:
    catalog = _catalog()
    width = max((len(loaded.id) for loaded in catalog.prompts), default=0)
    for loaded in catalog.prompts:
        where = "built-in" if loaded.builtin else str(loaded.path)
        print_out(f"{loaded.id:<{width}}  {loaded.title}  ({where})")
        if args.long:
            print_out(f"{'':<{width}}  {loaded.prompt.opening}")
    note(f"your prompts folder: {catalog.user_folder}")
    return EXIT_OK


def run_score(args: argparse.Namespace) -> int:
    from components.practice import UnknownPromptError, score

    catalog = _catalog()
    try:
        loaded = catalog.find(args.prompt)
    except UnknownPromptError as exc:
        raise CliError(f"mlsd practice score: {exc}") from None
    design = load_or_fail(args.design)
    print_out(json.dumps(score(design, loaded).to_dict(loaded), indent=2, ensure_ascii=False))
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    from components.io import DocumentError
    from components.practice.prompts import load_prompt

    try:
        prompt = load_prompt(args.file)
    except DocumentError as exc:
        raise CliError(str(exc)) from None
    print_out(f"{args.file}: a valid prompt: {prompt.id!r}, {len(prompt.questions)} questions")
    return EXIT_OK


def run_schema(_args: argparse.Namespace) -> int:
    from components.practice.docs import schema_text

    print_out(schema_text().rstrip("\n"))
    return EXIT_OK
