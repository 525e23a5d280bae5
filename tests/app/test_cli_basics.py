"""The `mlsd` command line: help everywhere, schema, one-line errors and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import build_parser, main
from tests.conftest import ROOT


def _subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)


def test_expected_subcommands_exist() -> None:
    assert {"gui", "schema", "validate"} <= set(_subcommands())


@pytest.mark.parametrize("name", _subcommands())
def test_every_subcommand_has_help(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([name, "--help"])
    assert exited.value.code == 0
    assert "usage: mlsd " + name in capsys.readouterr().out


def test_schema_is_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Diagram"
    assert {"blocks", "connectors", "requirements", "rules", "notes", "groups"} <= set(schema["properties"])


def test_unreadable_input_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.mlsd.json"
    bad.write_text('{"schema_version": 1, "blocks": [{"id": "a", "kind": "nope"}]}')
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"{bad}: blocks[0] (id 'a'): unknown block kind 'nope'")


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["validate"])
    assert exited.value.code == 2


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "missing.mlsd.json"
    result = subprocess.run([sys.executable, "-m", "app", "validate", str(missing)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == f"{missing}: no such file"
    assert "Traceback" not in result.stderr


def test_mlsd_file_opens_the_file_in_the_designer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 12: `mlsd FILE` was refused; only `mlsd gui FILE` opened it."""
    import app.main

    calls: list[tuple] = []
    monkeypatch.setattr(app.main, "run_gui", lambda path, screenshot=None, theme=None: calls.append((path, theme)) or 0)
    design = tmp_path / "design.mlsd.json"
    design.write_text("{}")
    assert main([str(design)]) == 0
    assert main(["--debug", str(design), "--theme", "dark"]) == 0
    assert main([]) == 0
    assert calls == [(str(design), None), (str(design), "dark"), (None, None)]


def test_a_subcommand_name_stays_a_subcommand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "validate").write_text("{}")  # a file called like a subcommand
    with pytest.raises(SystemExit) as exited:
        main(["validate"])  # still the subcommand, which wants a FILE
    assert exited.value.code == 2
    with pytest.raises(SystemExit) as exited:
        main(["valdate"])  # a typo is a usage error, not a file to open
    assert exited.value.code == 2
    assert "invalid choice: 'valdate'" in capsys.readouterr().err


def test_mlsd_file_end_to_end_renders_that_file(tmp_path: Path) -> None:
    from components.io import save
    from tests.app.window_helpers import monitored_design

    design = tmp_path / "design.mlsd.json"
    save(monitored_design(), design)
    picture = tmp_path / "window.png"
    result = subprocess.run([sys.executable, "-m", "app", str(design), "--screenshot", str(picture)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert picture.stat().st_size > 10_000
