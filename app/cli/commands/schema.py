"""`mlsd schema`: the JSON Schema of the `.mlsd.json` format."""

from __future__ import annotations

import argparse
import json

from app.cli.common import print_out


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("schema", help="print the JSON Schema of the .mlsd.json file format",
                            description="Print the JSON Schema of the .mlsd.json file format.")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from components.model import Diagram

    print_out(json.dumps(Diagram.model_json_schema(), indent=2))
    return 0
