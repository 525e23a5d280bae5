"""mypy passes as configured in pyproject.toml ([tool.mypy]): strict on components, basic on app;
controls add one type error each and must fail. Here, not in tests/core, because checking the app
needs PySide6's types. Also: loading a canvas item pulls in nothing above it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.core.test_boundaries import copy_of_the_code, tool


def mypy(root: Path, cache: Path, *only: str) -> subprocess.CompletedProcess[str]:
    """mypy as configured in pyproject.toml ([tool.mypy]: the files, and how strict per package), on
    ``only`` these files (and what they import) when given."""
    return subprocess.run([tool("mypy"), "--cache-dir", str(cache), *only], cwd=root, capture_output=True,
                          text=True, timeout=600)


def test_the_types_check(tmp_path: Path) -> None:
    result = mypy(ROOT, tmp_path / "cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found")


@pytest.mark.parametrize(("module", "added", "error"), [
    # strict on the core: a function without annotations (the basic level would let it pass)
    ("components/style/text.py", "def _untyped(value):\n    return value\n", "[no-untyped-def]"),
    # basic on the app: a wrong return type
    ("app/canvas/geometry.py", "def _wrong() -> int:\n    return 'sixteen'\n", "[return-value]"),
])
def test_the_type_check_notices_a_type_error(tmp_path: Path, module: str, added: str, error: str) -> None:
    """The controls: in a copy with one type error added, mypy fails and names it."""
    code = copy_of_the_code(tmp_path / "code")
    broken = code / module
    broken.write_text(broken.read_text(encoding="utf-8") + "\n\n" + added)
    result = mypy(code, tmp_path / "cache", module)
    assert result.returncode != 0
    assert f"{module}:" in result.stdout and error in result.stdout


def test_a_canvas_item_loads_without_the_scene_above_it() -> None:
    """app.canvas/__init__.py imports nothing, so loading an item (or painting) pulls in nothing above
    it: no run-time cycle that works only by import order."""
    code = ("import sys, app.canvas.items.block_item, app.canvas.overview;"
            "above = sorted(m for m in sys.modules if m.startswith(('app.canvas.scene', 'app.canvas.view',"
            " 'app.canvas.tools', 'app.canvas.board', 'app.canvas.operations')));"
            "print(above); sys.exit(1 if above else 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stdout + result.stderr
