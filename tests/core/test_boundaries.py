"""Boundaries checked on every test run (`make test`, so CI): ruff is clean, and the import contracts
in pyproject.toml ([tool.importlinter]) hold: components never imports app, PySide6 or shiboken6,
not even inside a function (test_no_qt.py checks one process; this checks every import statement);
the app and its canvas are layered as the README's "Layout of the code" says; every `type: ignore`
names its error code and says why (tests/app/test_type_check.py runs mypy: it needs PySide6's types)."""

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


def test_every_type_ignore_names_its_code_and_says_why() -> None:
    unexplained = []
    for folder in ("app", "components", "tests", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if "# type: ignore" in line and "IGNORE_WITH_REASON" not in line and not IGNORE_WITH_REASON.search(line):
                    unexplained.append(f"{path.relative_to(ROOT)}:{number}")
    assert unexplained == []

