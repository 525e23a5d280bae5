"""Print the benchmark figures from a pytest-benchmark JSON file: every figure as a ratio to a reference
measured in the same run (the judgement that holds on any machine, with issue 17's ratio targets), its
absolute value beside DESIGN.md section 7's absolute target as a second column; then every figure.

    python -m bench.report .benchmarks/latest.json

Output is Markdown, so bench/README.md can quote it as is. A figure whose benchmark did not run (e.g.
``make bench BENCH_ARGS="-k validate"``, or rsvg-convert or dot missing) shows "not run".
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MB = 1_000_000
EDITS = ("move", "rename", "property", "serving-mode", "connect", "disconnect", "add-block", "delete-block",
         "cut-feedback-loop")


@dataclass(frozen=True)
class Figure:
    """One row: our benchmark (file::name), the same-run reference it is compared with (None: no fair
    one exists), the ratio target (issue 17) and the absolute target (DESIGN.md section 7, or the issue
    named in ``source``), both optional; ``key`` reads an extra_info value instead of the median time."""

    what: str
    ours: str
    reference: str | None = None
    reference_what: str = ""
    ratio_limit: float | None = None
    limit: float | None = None
    key: str = ""
    unit: str = "s"  # "s" (shown as ms or s) or "MB"
    source: str = "DESIGN"
    reference_key: str | None = None  # read this from the reference instead of ``key``


STARTUP, CANVAS, VALIDATE, EDIT = ("test_bench_startup.py::", "test_bench_canvas.py::", "test_bench_validate.py::",
                                   "test_bench_edit.py::")
EXPORT, IO, MEMORY, LAYOUT = ("test_bench_export.py::", "test_bench_io.py::", "test_bench_memory.py::",
                              "test_bench_layout.py::")
REFS, CLI, OVERVIEW = "test_bench_references.py::", "test_bench_cli.py::", "test_bench_overview.py::"
FIGURES = (
    Figure("start-up, whole process: `mlsd gui --screenshot` of the default template", STARTUP + "test_screenshot_whole_process",
           STARTUP + "test_bare_window_reference", "bare PySide6 window, grab saved (bench/bare_window.py)", 2.0),
    Figure("floor under it: the bare window in a process that imports the document model first",
           STARTUP + "test_bare_window_with_model_floor", STARTUP + "test_bare_window_reference",
           "bare PySide6 window, grab saved", 2.0, source="issue 17 (floor)"),
    Figure("start-up, whole process: peak memory of the same runs", STARTUP + "test_screenshot_whole_process",
           STARTUP + "test_bare_window_reference", "the bare window's", key="peak_rss_mb", unit="MB"),
    Figure("start -> window painted, default template (own process)", STARTUP + "test_startup_to_first_paint[template]",
           STARTUP + "test_startup_to_first_paint[new]", "the same with a new design", None, 0.5),
    Figure("`mlsd export` PNG of the default template (scale 2)", CLI + "test_mlsd_export[png]",
           CLI + "test_rsvg_convert_reference[png]", "rsvg-convert, same SVG and pixel size", 1.5),
    Figure("`mlsd export` PDF of the default template", CLI + "test_mlsd_export[pdf]",
           CLI + "test_rsvg_convert_reference[pdf]", "rsvg-convert -f pdf, same SVG", 1.5),
    Figure("floor of every `mlsd` command: `python -c 'import components.model'` (pydantic, the model)",
           CLI + "test_export_floor[model]", CLI + "test_rsvg_convert_reference[pdf]", "rsvg-convert -f pdf, same SVG",
           1.5, source="issue 17 (floor)"),
    Figure("floor under PDF: the same + `from PySide6 import QtGui, QtSvg`", CLI + "test_export_floor[model+qt-pdf]",
           CLI + "test_rsvg_convert_reference[pdf]", "rsvg-convert -f pdf, same SVG", 1.5, source="issue 17 (floor)"),
    Figure("`mlsd validate` of the default template (no Qt)", CLI + "test_mlsd_without_qt[validate]",
           CLI + "test_rsvg_convert_reference[png]", "rsvg-convert PNG (a native program's start)"),
    Figure("open 5,000 blocks + 5,000 connectors through first paint", CANVAS + "test_open_through_first_paint[5000]",
           IO + "test_json_loads_reference[5000]", "json.loads of the same text", 10.0, 0.3),
    Figure("open (parse + model) 5,000", IO + "test_parse[5000]", IO + "test_json_loads_reference[5000]",
           "json.loads of the same text"),
    Figure("open (parse + model) 40,000", IO + "test_parse[40000]", IO + "test_json_loads_reference[40000]",
           "json.loads of the same text"),
    *(Figure(f"full validation, {n:,} blocks{how}", VALIDATE + ours, VALIDATE + reference,
             "networkx rebuild + SCC + one reachability", 1.0, limit, key=key, reference_key=reference_key)
      for n, limit in ((1_000, 0.005), (10_000, 0.060))
      for how, ours, reference, key, reference_key in (
          ("", f"test_validate[{n}]", f"test_networkx_reference[{n}]", "", None),
          (" (timed in alternation)", f"test_validate_beside_networkx[{n}]", f"test_validate_beside_networkx[{n}]",
           "ours_median", "reference_median"))),
    *(Figure(f"one edit + live revalidation, 10,000 blocks: {edit}", EDIT + f"test_live_validation_after_one_edit[{edit}]",
             VALIDATE + "test_validate[10000]", "a full validation of the same design", None, 0.005, source="issue 17")
      for edit in EDITS),
    Figure("window: one edit to findings shown, 10,000 blocks", EDIT + "test_window_edit_then_live_validation",
           limit=1 / 60, source="issue 17 (one frame)"),
    Figure("window: the same with ~600 findings shown", EDIT + "test_window_edit_with_findings_shown",
           limit=1 / 60, source="issue 17 (one frame)"),
    Figure("frame while dragging one block, 5,000 visible", CANVAS + "test_drag_frame_one_block[fit]", limit=0.008),
    Figure("full repaint zoomed out, 5,000 visible", CANVAS + "test_full_repaint_zoomed_out",
           CANVAS + "test_reference_qt_builtin_items_zoomed_out", "Qt QGraphicsRectItem + QGraphicsLineItem", None, 0.0167),
    Figure("repaint at 100 %, 5,000-block design", CANVAS + "test_full_repaint_at_100_percent",
           REFS + "test_reference_qt_builtin_items_at_100_percent", "Qt rect + simple text + line items"),
    Figure("SVG export, 5,000 blocks: time", EXPORT + "test_svg_export[5000]", EXPORT + "test_plain_writer_reference",
           "the plainest writer", None, 0.050),
    Figure("SVG export, 5,000 blocks: size", EXPORT + "test_svg_export[5000]", REFS + "test_qsvggenerator_same_scene",
           "QSvgGenerator on the same scene", None, 1.5, "bytes", "MB"),
    Figure("auto-layout dot, 1,000 blocks", LAYOUT + "test_layout_dot[1000]", limit=0.3),
    Figure("auto-layout dot, 5,000 blocks", LAYOUT + "test_layout_dot[5000]", limit=3.0),
    Figure("auto-layout built-in (fallback), 1,000 blocks", LAYOUT + "test_layout_builtin[1000]", limit=0.1),
    Figure("peak memory, 5,000-block document open in the window", MEMORY + "test_peak_rss_with_document_open[5000]",
           STARTUP + "test_bare_window_reference", "peak RSS of the bare PySide6 window", None, 200, "peak_rss_mb", "MB"),
    Figure("zoomed out, one move + canvas and minimap pictures, 10,000-block grid",
           OVERVIEW + "test_zoomed_out_one_move[grid]", OVERVIEW + "test_zoomed_out_everything_afresh_reference[grid]",
           "the same pictures from records made afresh (every edit, before)", 0.5, source="issue 13"),
    Figure("the same, 10,000 blocks + 12,000 far connectors", OVERVIEW + "test_zoomed_out_one_move[far]",
           OVERVIEW + "test_zoomed_out_everything_afresh_reference[far]", "the same, made afresh", source="issue 13"),
    Figure("45,000 blocks + 55,000 far connectors: spawn to first paint", MEMORY + "test_far_connectors_file",
           limit=15.0, source="issue 13"),
    Figure("45,000 blocks + 55,000 far connectors: peak memory", MEMORY + "test_far_connectors_file",
           MEMORY + "test_far_connectors_file", "the file's size", limit=600, key="peak_rss_mb", unit="MB",
           source="issue 13", reference_key="file_bytes"),
    Figure("40,000-block grid open in the window: peak memory", MEMORY + "test_peak_rss_with_document_open[40000]",
           MEMORY + "test_peak_rss_with_document_open[40000]", "the file's size", key="peak_rss_mb", unit="MB",
           reference_key="file_bytes"),
)


def load(path: Path) -> dict[str, dict[str, Any]]:
    """Benchmarks by "file::name" (the file without its folder)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    found = {}
    for bench in data.get("benchmarks", []):
        file_part = bench["fullname"].split("::")[0].rsplit("/", 1)[-1]
        found[f"{file_part}::{bench['name']}"] = bench
    return found


def seconds(value: float) -> str:
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 0.01:
        return f"{value * 1000:.1f} ms"
    if value >= 0.001:
        return f"{value * 1000:.2f} ms"
    return f"{value * 1e6:.0f} µs"


def _value(bench: dict[str, Any] | None, key: str) -> float | None:
    if bench is None:
        return None
    if not key:
        return float(bench["stats"]["median"])
    raw = bench.get("extra_info", {}).get(key)
    if raw is None:
        return None
    return float(raw) / MB if key.endswith("bytes") else float(raw)


def _show(value: float, unit: str) -> str:
    return seconds(value) if unit == "s" else f"{value:.2f} MB" if value < 10 else f"{value:.0f} MB"


def _verdict(value: float, limit: float) -> str:
    return "PASS" if value <= limit else f"over (x{value / limit:.2f})"


def figures_table(found: dict[str, dict[str, Any]]) -> list[str]:
    lines = ["| figure | ours (median) | same-run reference | ratio | ratio target | absolute target |",
             "|---|---:|---|---:|---|---|"]
    for figure in FIGURES:
        ours = _value(found.get(figure.ours), figure.key)
        if ours is None:
            lines.append(f"| {figure.what} | not run | | | | |")
            continue
        reference_key = figure.key if figure.reference_key is None else figure.reference_key
        reference = _value(found.get(figure.reference), reference_key) if figure.reference else None
        if figure.reference and reference is None:
            reference_cell, ratio_cell = f"{figure.reference_what}: not run", ""
        elif reference is not None:
            reference_cell = f"{_show(reference, figure.unit)} ({figure.reference_what})"
            ratio_cell = f"{ours / reference:.2f}"
        else:
            reference_cell, ratio_cell = "(none)", ""
        ratio_target = ""
        if figure.ratio_limit is not None and reference:
            ratio_target = f"<= {figure.ratio_limit:g}: {_verdict(ours / reference, figure.ratio_limit)}"
        absolute = ""
        if figure.limit is not None:
            shown = _show(figure.limit, figure.unit)
            absolute = f"<= {shown} ({figure.source}): {_verdict(ours, figure.limit)}"
        lines.append(f"| {figure.what} | {_show(ours, figure.unit)} | {reference_cell} | {ratio_cell} | {ratio_target} "
                     f"| {absolute} |")
    return lines


def all_figures(found: dict[str, dict[str, Any]]) -> list[str]:
    lines = ["| benchmark | median | min | rounds | notes |", "|---|---:|---:|---:|---|"]
    for name in sorted(found):
        bench = found[name]
        stats, extra = bench["stats"], bench.get("extra_info", {})
        notes = []
        if "bytes" in extra:
            notes.append(f"{extra['bytes'] / MB:.2f} MB")
        if "peak_rss_mb" in extra:
            notes.append(f"peak RSS {extra['peak_rss_mb']} MB")
        if extra.get("loaded_at_first_paint"):
            notes.append("loaded at first paint: " + ", ".join(extra["loaded_at_first_paint"]))
        lines.append(f"| {name.replace('test_bench_', '')} | {seconds(stats['median'])} | {seconds(stats['min'])} "
                     f"| {stats['rounds']} | {'; '.join(notes)} |")
    return lines


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m bench.report BENCHMARK.json", file=sys.stderr)
        return 2
    path = Path(argv[1])
    try:
        found = load(path)
    except (OSError, ValueError, KeyError) as exc:
        print(f"{path}: cannot read benchmark results ({exc})", file=sys.stderr)
        return 2
    try:
        print("## Figures: same-run ratios, absolute targets beside\n", *figures_table(found), "", "## All figures\n",
              *all_figures(found), sep="\n")
    except BrokenPipeError:  # `... | head`: the reader has what it wanted
        sys.stderr.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
