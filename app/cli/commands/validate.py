"""`mlsd validate FILE... [--format text|json|sarif]`: check designs like code, in a terminal or in CI.
`mlsd validate --explain RULE`: what a rule checks, why an interviewer cares, how to fix it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, STDIN_NAME, STDIO, CliError, load_or_fail, print_out

EPILOG = """\
output formats:
  text   one line per finding, "FILE: severity rule-id: message [block ids]", then per file a
         summary "FILE: N errors, N warnings, N info; steps: ..." with a check mark or a cross
         after each of the seven step numbers (+ and - where the terminal cannot show those)
  json   one file: {"findings": [{"rule", "severity", "message", "blocks", "connectors", "stage",
         "hint"}, ...], "coverage": {"covered", "total", "steps": [{"number", "name", "covered", "by"}]}}
         several files: a list of such objects, each with an extra "file" key (unreadable files left out)
  sarif  SARIF 2.1.0, one run for all files (for code-scanning tools)

exit status: 0 no finding of severity error, 1 some finding is an error, 2 a file could not be read
(the reason goes to stderr as "FILE: message"; the other files are still checked)

explain a rule: mlsd validate --explain latency-budget  (title, severity, step, why it matters, what
an interviewer would ask, what it checks, how to fix it, what it reads, its parameters); the full
list is docs/rules.md
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "validate",
        help="check design files (exit 1 on errors, 2 on unreadable input)",
        description="Load each design file and report what an experienced ML system designer would flag.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="a .mlsd.json design file")
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text",
                        help="output format (default: text)")
    parser.add_argument("--explain", metavar="RULE", help="explain one rule instead of checking files")
    parser.set_defaults(handler=run, parser=parser)


def _can_show(text: str) -> bool:
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except UnicodeEncodeError:
        return False
    return True


def explain(rule_id: str) -> int:
    """Print one rule's explanation; an unknown id is a usage error naming the closest ids."""
    import difflib

    from components.model import RULE_IDS
    from components.validate.docs import explain as explain_rule

    if rule_id not in RULE_IDS:
        close = difflib.get_close_matches(rule_id, RULE_IDS, n=3, cutoff=0.5)
        hint = f"; did you mean {' or '.join(close)}?" if close else f"; rules: {', '.join(RULE_IDS)}"
        raise CliError(f"mlsd validate: unknown rule {rule_id!r}{hint}")
    print_out(explain_rule(rule_id))
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    if args.explain is not None:
        if args.files:
            args.parser.error("give either design files or --explain RULE, not both")  # exits 2 with the usage
        return explain(args.explain)
    if not args.files:
        args.parser.error("no design file given (or use --explain RULE)")
    from components.validate import coverage, validate
    from components.validate.report import FileReport, json_reports, sarif_log, text_report

    reports: list[FileReport] = []
    load_errors: list[tuple[str, str]] = []
    for path in args.files:
        try:
            diagram = load_or_fail(path)
        except CliError as exc:
            print(str(exc), file=sys.stderr)
            load_errors.append((path, str(exc)))
            continue
        text = ""
        if args.format == "sarif" and path != STDIO:  # standard input was read once, by the loader
            try:
                text = Path(path).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):  # only used for line numbers
                text = ""
        name = STDIN_NAME if path == STDIO else path
        reports.append(FileReport(name, validate(diagram), coverage(diagram), text))

    if args.format == "text":
        ascii_only = not _can_show("✓✗")
        for report in reports:
            for line in text_report(report, ascii_only):
                print_out(line)
    elif args.format == "json":
        many = len(args.files) > 1
        if reports or many:  # a single unreadable file prints nothing on stdout
            print_out(json.dumps(json_reports(reports, many), indent=2, ensure_ascii=False))
    else:
        print_out(json.dumps(sarif_log(reports, load_errors), indent=2, ensure_ascii=False))

    if load_errors:
        return EXIT_USAGE
    if any(finding.severity == "error" for report in reports for finding in report.findings):
        return EXIT_FINDINGS
    return EXIT_OK
