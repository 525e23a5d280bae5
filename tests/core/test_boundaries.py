"""Boundaries checked on every test run (`make test`, so CI): ruff is clean, and the import contract
in pyproject.toml ([tool.importlinter]) holds: components never imports app, PySide6 or shiboken6,
not even inside a function (test_no_qt.py checks one process; this checks every import statement)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

LINTED = ("app", "components", "tests", "bench", "setup.py")


def tool(name: str) -> str:
    """A console script of the test environment (a test dependency: never skipped when missing)."""
    path = Path(sys.executable).parent / name
    assert path.exists(), f"{name} is missing: install the test dependencies (pip install -e '.[test]')"
    return str(path)


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([tool("lint-imports"), "--no-cache"], cwd=root, env=env, capture_output=True, text=True,
                          timeout=120)


def test_ruff_is_clean() -> None:
    result = subprocess.run([tool("ruff"), "check", *LINTED], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_import_contract_is_kept() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 1 kept, 0 broken." in result.stdout


def test_the_import_contract_notices_the_core_importing_the_app(tmp_path: Path) -> None:
    """The control: in a copy where one core function imports the app, the contract breaks."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in ("app", "components"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=ignore)
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    leaking = tmp_path / "components" / "style" / "text.py"
    leaking.write_text(leaking.read_text(encoding="utf-8") + "\n\ndef _leak() -> None:\n    from app.editor import Editor\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "components.style.text -> app.editor" in result.stdout
