"""Boundaries checked on every test run (`make test`, so CI): ruff is clean, and the import contracts
in pyproject.toml ([tool.importlinter]) hold: components never imports app, PySide6 or shiboken6,
not even inside a function (test_no_qt.py checks one process; this checks every import statement);
the app and its canvas are layered as the README's "Layout of the code" says; and mypy passes, strict
on components (the validator at the basic level for now), basic on app, with every `type: ignore`
naming its error code and saying why."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

LINTED = ("app", "components", "tests", "bench", "setup.py")
IGNORE_WITH_REASON = re.compile(r"# type: ignore\[[-a-z, ]+\]  # \S")


def tool(name: str) -> str:
    """A console script of the test environment (a test dependency: never skipped when missing)."""
    path = Path(sys.executable).parent / name
    assert path.exists(), f"{name} is missing: install the test dependencies (pip install -e '.[test]')"
    return str(path)


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([tool("lint-imports"), "--no-cache"], cwd=root, env=env, capture_output=True, text=True,
                          timeout=120)


def copy_of_the_code(tmp_path: Path) -> Path:
    """app, components and pyproject.toml copied into ``tmp_path`` (a control breaks the copy)."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in ("app", "components"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=ignore)
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def mypy(root: Path, cache: Path, *only: str) -> subprocess.CompletedProcess[str]:
    """mypy as configured in pyproject.toml ([tool.mypy]: the files, and how strict per package), on
    ``only`` these files (and what they import) when given."""
    return subprocess.run([tool("mypy"), "--cache-dir", str(cache), *only], cwd=root, capture_output=True,
                          text=True, timeout=600)


def test_ruff_is_clean() -> None:
    result = subprocess.run([tool("ruff"), "check", *LINTED], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_import_contract_is_kept() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(("module", "imported", "broken"), [
    ("components/style/text.py", "app.editor", "components.style.text -> app.editor"),  # the core imports the app
    ("app/canvas/items/block_item.py", "app.canvas.scene", "app.canvas.items.block_item -> app.canvas.scene"),
    ("app/canvas/operations.py", "app.canvas.board", "app.canvas.operations -> app.canvas.board"),
    ("app/panels/palette.py", "app.canvas.view", "app.panels.palette -> app.canvas.view"),
    ("app/canvas/board.py", "app.window.main_window", "app.canvas.board -> app.window.main_window"),
])
def test_the_import_contracts_notice_an_import_back_up(tmp_path: Path, module: str, imported: str,
                                                        broken: str) -> None:
    """The controls: in a copy where one function imports what its layer must not, a contract breaks."""
    leaking = copy_of_the_code(tmp_path) / module
    leaking.write_text(leaking.read_text(encoding="utf-8") + f"\n\ndef _leak() -> None:\n    import {imported}\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert broken in result.stdout
    assert "Contracts: 3 kept" not in result.stdout


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


def test_every_type_ignore_names_its_code_and_says_why() -> None:
    unexplained = []
    for folder in ("app", "components", "tests", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if "# type: ignore" in line and "IGNORE_WITH_REASON" not in line and not IGNORE_WITH_REASON.search(line):
                    unexplained.append(f"{path.relative_to(ROOT)}:{number}")
    assert unexplained == []


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
