"""What each `mlsd` subcommand loads, seen from a fresh interpreter: only PNG and PDF exports may load
Qt, and then not its widgets; the others start without PySide6 at all (and without networkx when the
design has no request cycle), so a command line run pays only for what it uses."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import build_parser
from tests.conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]
DESIGN = EXAMPLES / "video-recommendation.mlsd.json"
CHILD = """
import json, sys
from app.cli import main
try:
    code = main(sys.argv[2:])
except SystemExit as exc:
    code = exc.code
with open(sys.argv[1], "w", encoding="utf-8") as handle:
    json.dump({"code": code, "modules": sorted(sys.modules)}, handle)
"""
# (arguments, whether Qt's GUI module may load); FILE and OUT are filled in per run
RUNS = {
    "validate": (["validate", "FILE"], False),
    "validate-explain": (["validate", "--explain", "latency-budget"], False),
    "export-svg": (["export", "FILE", "-o", "OUT.svg"], False),
    "export-mmd": (["export", "FILE", "-o", "OUT.mmd"], False),
    "export-dot": (["export", "FILE", "-o", "OUT.dot"], False),
    "export-png": (["export", "FILE", "-o", "OUT.png"], True),
    "export-pdf": (["export", "FILE", "-o", "OUT.pdf"], True),
    "layout": (["layout", "FILE", "-o", "OUT.mlsd.json"], False),
    "templates": (["templates"], False),
    "new": (["new", "video-recommendation", "OUT.mlsd.json"], False),
    "schema": (["schema"], False),
    "review": (["review", "FILE"], False),
    "review-html": (["review", "FILE", "--format", "html", "-o", "OUT.html"], False),
    "compare": (["compare", "FILE", "--with", "video-search"], False),
    "estimate": (["estimate", "FILE"], False),
    "version": (["--version"], False),
    "practice-list": (["practice", "list"], False),
}


def _subcommands() -> set[str]:
    parser = build_parser()
    return {name for action in parser._actions if action.dest == "command" for name in action.choices}  # type: ignore[union-attr]  # the subparsers action has choices


def test_every_subcommand_but_the_designer_is_checked() -> None:
    checked = {arguments[0] for arguments, _ in RUNS.values()}
    assert _subcommands() - {"gui", "serve"} <= checked  # serve runs until stopped (tests/core/test_collab_server.py)


@pytest.mark.parametrize("name", sorted(RUNS))
def test_what_a_subcommand_imports(name: str, tmp_path: Path) -> None:
    arguments, draws = RUNS[name]
    if not arguments[0].startswith("-") and arguments[0] not in _subcommands():
        pytest.skip(f"no `mlsd {arguments[0]}` in this build")
    design = tmp_path / DESIGN.name
    shutil.copyfile(DESIGN, design)
    args = [str(design) if a == "FILE" else a.replace("OUT", str(tmp_path / "out")) for a in arguments]
    report = tmp_path / "report.json"
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", CHILD, str(report), *args], capture_output=True, text=True,
                            env=env, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(report.read_text(encoding="utf-8"))
    assert outcome["code"] in (0, None), (outcome["code"], result.stderr)
    modules = set(outcome["modules"])
    qt = {m for m in modules if m.split(".")[0] in ("PySide6", "shiboken6")}
    if draws:
        assert "PySide6.QtGui" in qt and "PySide6.QtSvg" in qt  # the check would pass vacuously otherwise
        assert "PySide6.QtWidgets" not in qt
    else:
        assert not qt, sorted(qt)[:10]
    if name not in ("layout", "compare"):  # the built-in layout engine and the matching by role use networkx
        assert "networkx" not in modules
    assert "asyncio" not in modules  # only `mlsd serve` and a live session need it (~30 ms to import)
    commands = {m.rpartition(".")[2] for m in modules if m.startswith("app.cli.commands.")}
    if not arguments[0].startswith("-"):  # only the chosen subcommand's module (its parser) is loaded
        assert commands == {arguments[0]}, sorted(commands)


def test_the_designer_registers_only_its_own_subcommand(tmp_path: Path) -> None:
    """`mlsd gui --help` (the designer's parser) loads no other subcommand's module; `mlsd --help`
    lists them all."""
    report = tmp_path / "report.json"
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    for arguments, expected in ((["gui", "--help"], {"gui"}), (["--help"], set(_subcommands()))):
        result = subprocess.run([sys.executable, "-c", CHILD, str(report), *arguments], capture_output=True,
                                text=True, env=env, cwd=ROOT, timeout=120)
        assert result.returncode == 0, result.stderr
        modules = json.loads(report.read_text(encoding="utf-8"))["modules"]
        assert {m.rpartition(".")[2] for m in modules if m.startswith("app.cli.commands.")} == expected
