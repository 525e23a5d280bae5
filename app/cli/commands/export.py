"""`mlsd export FILE -o OUT`: write a design as SVG, PNG, PDF, Mermaid or DOT (Qt only for PNG/PDF)."""

from __future__ import annotations

import argparse

from app.cli.common import (
    EXIT_OK,
    CliError,
    check_output,
    load_input,
    output_name,
    positive_number,
    write_output,
)

MAX_SCALE = 1000.0  # far past any PNG that fits (32,767 px a side); the size check names the real limit


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "export", help="export a design as SVG, PNG, PDF, Mermaid (.mmd) or Graphviz DOT (.dot)",
        description="Export a design file. The format comes from OUT's extension unless --format is given.")
    parser.add_argument("file", metavar="FILE", help="a .mlsd.json file (- reads standard input)")
    parser.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="the file to write (replaced atomically; - writes standard output)")
    parser.add_argument("--format", choices=("svg", "png", "pdf", "mmd", "dot"), help="output format")
    parser.add_argument("--scale", type=positive_number(maximum=MAX_SCALE), default=None, metavar="N",
                        help="PNG pixels per diagram unit (default 2)")
    parser.add_argument("-f", "--force", action="store_true", help="replace OUT even if it is read-only")
    parser.add_argument("--theme", choices=("light", "dark"), default="light", help="colour theme (default light)")
    parser.add_argument("--background", choices=("white", "transparent"), default="white",
                        help="the theme's background, or none (default white)")
    parser.add_argument("--no-badges", action="store_true", help="leave out the validator's findings badges")
    parser.add_argument("--no-title", action="store_true", help="leave out the diagram title")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from app.export.service import DEFAULT_PNG_SCALE, EXTENSIONS, ExportSettings, format_from_path

    fmt = args.format or format_from_path(args.output)
    if fmt is None:
        known = ", ".join(sorted(EXTENSIONS))
        raise CliError(f"{output_name(args.output)}: cannot tell the format from the file name "
                       f"(use {known} or --format)")
    diagram, stamp = load_input(args.file)
    avoid = [stamp] if stamp is not None else []
    check_output(args.output, force=args.force, avoid=avoid)
    settings = ExportSettings(format=fmt, scale=args.scale or DEFAULT_PNG_SCALE, theme=args.theme,
                              background=args.background, badges=not args.no_badges, title=not args.no_title)
    if fmt in ("png", "pdf"):
        from app.export.render import ensure_gui_app

        ensure_gui_app()
    from app.export.errors import ExportError
    from app.export.service import export_bytes

    try:
        payload = export_bytes(diagram, settings)
    except ExportError as exc:
        raise CliError(f"{args.file}: {exc}") from None
    write_output(args.output, payload, force=args.force, avoid=avoid)
    return EXIT_OK
