"""Print the DESIGN.md section 7 table from a pytest-benchmark JSON file: each target beside its median,
PASS or "over"; then same-run ratios that do not depend on the machine's speed; then every figure.

    python -m bench.report .benchmarks/latest.json

Output is Markdown, so bench/README.md can quote it as is. A target whose benchmark did not run (e.g.
``make bench BENCH_ARGS="-k validate"``, or dot missing) shows "not run".
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MB = 1_000_000


@dataclass(frozen=True)
class Target:
    """One row of DESIGN.md section 7: a benchmark (file::name), what to read from it, the limit."""

    figure: str
    bench: str
    limit: float
    extra: str = ""  # read this extra_info key instead of the median time
    unit: str = "s"  # "s" (shown as ms or s) or "MB"


TARGETS = (
    Target("start -> window painted, default template (own process)",
           "test_bench_startup.py::test_startup_to_first_paint[template]", 0.5),
    Target("open 5,000 blocks + 5,000 connectors through first paint",
           "test_bench_canvas.py::test_open_through_first_paint[5000]", 0.3),
    Target("full validation, 1,000 blocks", "test_bench_validate.py::test_validate[1000]", 0.005),
    Target("full validation, 10,000 blocks", "test_bench_validate.py::test_validate[10000]", 0.060),
    Target("frame while dragging one block, 5,000 visible", "test_bench_canvas.py::test_drag_frame_one_block[fit]",
           0.008),
    Target("full repaint zoomed out, 5,000 visible", "test_bench_canvas.py::test_full_repaint_zoomed_out", 0.0167),
    Target("SVG export, 5,000 blocks: time", "test_bench_export.py::test_svg_export[5000]", 0.050),
    Target("SVG export, 5,000 blocks: size", "test_bench_export.py::test_svg_export[5000]", 1.5, "bytes", "MB"),
    Target("auto-layout dot, 1,000 blocks", "test_bench_layout.py::test_layout_dot[1000]", 0.3),
    Target("auto-layout dot, 5,000 blocks", "test_bench_layout.py::test_layout_dot[5000]", 3.0),
    Target("auto-layout built-in (fallback), 1,000 blocks", "test_bench_layout.py::test_layout_builtin[1000]", 0.1),
    Target("peak memory, 5,000-block document open in the window",
           "test_bench_memory.py::test_peak_rss_with_document_open[5000]", 200, "peak_rss_mb", "MB"),
)

# (what, ours, reference, value): value "median" compares times, an extra_info key compares that.
RATIOS = (
    ("SVG export 5,000: our writer / QSvgGenerator on the same scene, time",
     "test_bench_export.py::test_svg_export[5000]", "test_bench_references.py::test_qsvggenerator_same_scene", "median"),
    ("SVG export 5,000: our writer / QSvgGenerator on the same scene, bytes",
     "test_bench_export.py::test_svg_export[5000]", "test_bench_references.py::test_qsvggenerator_same_scene", "bytes"),
    ("SVG export 5,000: our writer / the plainest writer, time",
     "test_bench_export.py::test_svg_export[5000]", "test_bench_export.py::test_plain_writer_reference", "median"),
    ("repaint zoomed out 5,000: our items / Qt QGraphicsRectItem + QGraphicsLineItem",
     "test_bench_canvas.py::test_full_repaint_zoomed_out",
     "test_bench_canvas.py::test_reference_qt_builtin_items_zoomed_out", "median"),
    ("repaint at 100 %: our items / Qt QGraphicsRectItem + QGraphicsSimpleTextItem + QGraphicsLineItem",
     "test_bench_canvas.py::test_full_repaint_at_100_percent",
     "test_bench_references.py::test_reference_qt_builtin_items_at_100_percent", "median"),
    ("open (parse + model) 5,000 / json.loads of the same text",
     "test_bench_io.py::test_parse[5000]", "test_bench_io.py::test_json_loads_reference[5000]", "median"),
    ("open (parse + model) 40,000 / json.loads of the same text",
     "test_bench_io.py::test_parse[40000]", "test_bench_io.py::test_json_loads_reference[40000]", "median"),
    ("open through first paint 5,000 / json.loads of the same text",
     "test_bench_canvas.py::test_open_through_first_paint[5000]", "test_bench_io.py::test_json_loads_reference[5000]",
     "median"),
    ("full validation 1,000 / networkx rebuild + SCC + one reachability",
     "test_bench_validate.py::test_validate[1000]", "test_bench_validate.py::test_networkx_reference[1000]", "median"),
    ("full validation 10,000 / networkx rebuild + SCC + one reachability",
     "test_bench_validate.py::test_validate[10000]", "test_bench_validate.py::test_networkx_reference[10000]", "median"),
    ("start-up with the template / start-up with a new design",
     "test_bench_startup.py::test_startup_to_first_paint[template]",
     "test_bench_startup.py::test_startup_to_first_paint[new]", "median"),
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


def _value(bench: dict[str, Any], target: Target) -> float | None:
    if not target.extra:
        return float(bench["stats"]["median"])
    raw = bench.get("extra_info", {}).get(target.extra)
    if raw is None:
        return None
    return float(raw) / MB if target.extra == "bytes" else float(raw)


def _show(value: float, target: Target) -> str:
    return seconds(value) if target.unit == "s" else f"{value:.2f} MB" if value < 10 else f"{value:.0f} MB"


def _limit(target: Target) -> str:
    value = target.limit
    if target.unit == "MB":
        return f"{value:g} MB"
    return f"{value:g} s" if value >= 1 else f"{value * 1000:g} ms"


def targets_table(found: dict[str, dict[str, Any]]) -> list[str]:
    lines = ["| figure (DESIGN.md section 7) | median | target | result |", "|---|---:|---:|---|"]
    for target in TARGETS:
        bench = found.get(target.bench)
        value = _value(bench, target) if bench else None
        if value is None:
            lines.append(f"| {target.figure} | not run | <= {_limit(target)} | |")
            continue
        verdict = "PASS" if value <= target.limit else f"over (x{value / target.limit:.1f})"
        lines.append(f"| {target.figure} | {_show(value, target)} | <= {_limit(target)} | {verdict} |")
    return lines


def ratios_table(found: dict[str, dict[str, Any]]) -> list[str]:
    lines = ["| same-run ratio | ours | reference | ratio |", "|---|---:|---:|---:|"]
    for what, ours_name, ref_name, key in RATIOS:
        ours, ref = found.get(ours_name), found.get(ref_name)
        if ours is None or ref is None:
            lines.append(f"| {what} | | | not run |")
            continue
        if key == "median":
            a, b = ours["stats"]["median"], ref["stats"]["median"]
            shown = (seconds(a), seconds(b))
        else:
            a, b = ours["extra_info"].get(key), ref["extra_info"].get(key)
            if not a or not b:
                lines.append(f"| {what} | | | not recorded |")
                continue
            shown = (f"{a / MB:.2f} MB", f"{b / MB:.2f} MB")
        lines.append(f"| {what} | {shown[0]} | {shown[1]} | {a / b:.2f} |")
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
    print("## Targets\n", *targets_table(found), "", "## Same-run ratios (machine-free)\n", *ratios_table(found), "",
          "## All figures\n", *all_figures(found), sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
