"""`mlsd gui [FILE]`: start the designer (imports Qt only when run)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("gui", help="start the designer (the default when no command is given)",
                            description="Start the MLSD Whiteboard designer, optionally opening FILE.")
    parser.add_argument("file", nargs="?", metavar="FILE", help="a .mlsd.json file to open")
    parser.add_argument("--screenshot", metavar="OUT.png", help="render the main window to a PNG and exit")
    parser.add_argument("--theme", choices=("light", "dark"), help="window theme (default: the last one used)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from app.main import run_gui

    return run_gui(args.file, screenshot=args.screenshot, theme=getattr(args, "theme", None))
