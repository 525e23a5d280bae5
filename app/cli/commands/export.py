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
from app.export.service import ORIENTATIONS, PAPERS, PICTURE_FORMATS
from components.layers import LAYER_IDS, LayerView, parse_layers

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
    parser.add_argument("--legend", action="store_true", help="add the legend of the five connector flows")
    parser.add_argument("--requirements", action="store_true", help="add the requirements card beside the legend")
    parser.add_argument("--paper", choices=PAPERS, default=None,
                        help="PDF page: the diagram's own size (default), or A4 or Letter with the diagram fitted")
    parser.add_argument("--orientation", choices=ORIENTATIONS, default=None,
                        help="PDF on paper: portrait, landscape, or auto (default: landscape for a wide diagram)")
    layers = ", ".join(LAYER_IDS)
    parser.add_argument("--hide", action="append", default=[], metavar="LAYER",
                        help=f"leave out a layer's blocks and their connectors (repeatable; {layers}; "
                             "a stage also by number)")
    parser.add_argument("--dim", action="append", default=[], metavar="LAYER", help="draw a layer's blocks faint")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from app.export.service import DEFAULT_PNG_SCALE, EXTENSIONS, ExportSettings, format_from_path

    fmt = args.format or format_from_path(args.output)
    if fmt is None:
        known = ", ".join(sorted(EXTENSIONS))
        raise CliError(f"{output_name(args.output)}: cannot tell the format from the file name "
                       f"(use {known} or --format)")
    _check_options(args, fmt)
    diagram, stamp = load_input(args.file)
    avoid = [stamp] if stamp is not None else []
    check_output(args.output, force=args.force, avoid=avoid)
    settings = ExportSettings(format=fmt, scale=args.scale or DEFAULT_PNG_SCALE, theme=args.theme,
                              background=args.background, badges=not args.no_badges, title=not args.no_title,
                              legend=args.legend, requirements=args.requirements, paper=args.paper or "diagram",
                              orientation=args.orientation or "auto", layers=_layers(args))
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


def _check_options(args: argparse.Namespace, fmt: str) -> None:
    """Options that do not apply to the format are a usage error, not silently ignored."""
    if fmt != "pdf" and (args.paper or args.orientation):
        raise CliError(f"--paper and --orientation apply to PDF only, not {fmt}")
    if args.orientation and args.paper in (None, "diagram"):
        raise CliError("--orientation needs --paper a4 or --paper letter (a diagram-sized page has no orientation)")
    if fmt not in PICTURE_FORMATS and (args.legend or args.requirements):
        raise CliError(f"--legend and --requirements apply to SVG, PNG and PDF, not {fmt}")


def _layers(args: argparse.Namespace) -> LayerView | None:
    if not (args.hide or args.dim):
        return None
    try:
        return parse_layers(args.hide, args.dim)
    except ValueError as exc:
        raise CliError(f"--hide/--dim: {exc}") from None
