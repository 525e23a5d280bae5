"""bench/report.py: every figure beside its same-run reference as a ratio, the ratio target judged, the
absolute target as a second column, and "not run" where a benchmark is missing."""

from __future__ import annotations

import json
from pathlib import Path

from bench.report import figures_table, load


def _bench(name: str, median: float, **extra: float) -> dict:
    return {"fullname": f"bench/{name.replace('::', '.py::', 1)}", "name": name.split("::")[1],
            "stats": {"median": median, "min": median, "rounds": 3}, "extra_info": extra}


def _row(lines: list[str], figure: str) -> list[str]:
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    found = [row for row in rows if row[0] == figure]
    assert len(found) == 1, figure
    return found[0]


def test_ratios_targets_and_missing_benchmarks(tmp_path: Path) -> None:
    results = {"benchmarks": [
        _bench("test_bench_validate::test_validate[10000]", 0.050),
        _bench("test_bench_validate::test_networkx_reference[10000]", 0.080),
        _bench("test_bench_startup::test_screenshot_whole_process", 0.9, peak_rss_mb=120.0),
        _bench("test_bench_startup::test_bare_window_reference", 0.3, peak_rss_mb=60.0),
        _bench("test_bench_memory::test_far_connectors_file", 4.0, peak_rss_mb=550.0, file_bytes=11_000_000),
    ]}
    path = tmp_path / "latest.json"
    path.write_text(json.dumps(results), encoding="utf-8")
    lines = figures_table(load(path))
    validation = _row(lines, "full validation, 10,000 blocks")
    assert validation[3] == "0.62" and validation[4] == "<= 1: PASS" and "over (x1.00)" not in validation[5]
    assert validation[5] == "<= 60.0 ms (DESIGN): PASS"
    start = _row(lines, "start-up, whole process: `mlsd gui --screenshot` of the default template")
    assert start[3] == "3.00" and start[4] == "<= 2: over (x1.50)"
    memory = _row(lines, "start-up, whole process: peak memory of the same runs")
    assert memory[1] == "120 MB" and memory[3] == "2.00"
    far = _row(lines, "45,000 blocks + 55,000 far connectors: peak memory")
    assert far[2].startswith("11 MB") and far[3] == "50.00" and far[5] == "<= 600 MB (issue 13): PASS"
    assert _row(lines, "full validation, 1,000 blocks")[1] == "not run"
    alternating = [_bench("test_bench_validate::test_validate_beside_networkx[10000]", 0.13, ours_median=0.054,
                          reference_median=0.072)]
    path.write_text(json.dumps({"benchmarks": alternating}), encoding="utf-8")
    paired = _row(figures_table(load(path)), "full validation, 10,000 blocks (timed in alternation)")
    assert paired[1] == "54.0 ms" and paired[3] == "0.75" and paired[4] == "<= 1: PASS"


def test_floor_rows_judged_against_the_goal_they_sit_under(tmp_path: Path) -> None:
    """The floors (issue 17): what every command pays before reading a byte, beside rsvg-convert's PDF and
    judged with the PDF goal's ratio; the start-up floor beside the bare window."""
    results = {"benchmarks": [
        _bench("test_bench_cli::test_export_floor[model]", 0.160),
        _bench("test_bench_cli::test_export_floor[model+qt-pdf]", 0.230),
        _bench("test_bench_cli::test_rsvg_convert_reference[pdf]", 0.080),
        _bench("test_bench_startup::test_bare_window_with_model_floor", 0.290),
        _bench("test_bench_startup::test_bare_window_reference", 0.200),
    ]}
    path = tmp_path / "latest.json"
    path.write_text(json.dumps(results), encoding="utf-8")
    lines = figures_table(load(path))
    model = _row(lines, "floor of every `mlsd` command: `python -c 'import components.model'` (pydantic, the model)")
    assert model[3] == "2.00" and model[4] == "<= 1.5: over (x1.33)"
    assert _row(lines, "floor under PDF: the same + `from PySide6 import QtGui, QtSvg`")[3] == "2.88"
    start = _row(lines, "floor under it: the bare window in a process that imports the document model first")
    assert start[3] == "1.45" and start[4] == "<= 2: PASS"


def test_report_into_a_pipe_closed_early(tmp_path: Path) -> None:
    """`python -m bench.report FILE | head -1`: no traceback when the reader stops early."""
    import subprocess
    import sys

    path = tmp_path / "latest.json"
    many = [_bench(f"test_bench_validate::test_validate[{n}]", 0.05) for n in range(3000)]  # past a pipe's buffer
    path.write_text(json.dumps({"benchmarks": many}), encoding="utf-8")
    reader = subprocess.Popen([sys.executable, "-m", "bench.report", str(path)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, cwd=Path(__file__).resolve().parents[2])
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.readline()
    reader.stdout.close()
    assert reader.wait(timeout=60) == 0
    assert b"Traceback" not in reader.stderr.read()
