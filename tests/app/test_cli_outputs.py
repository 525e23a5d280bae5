"""What `mlsd` writes where: `-` for standard input and output, refusals with one line (devices,
the input itself, read-only or changed files without --force), quiet exits on a closed pipe, and
no half-done work when standard output is full."""

from __future__ import annotations

import importlib.metadata
import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import components.layout
from app.cli import EXIT_PIPE_CLOSED, main
from components.io import dumps, load, save
from components.model import Diagram
from components.templates import load_template
from tests.conftest import ROOT
from tests.core.test_write_targets import device

TEMPLATE = "video-recommendation"


@pytest.fixture
def design(tmp_path: Path) -> Path:
    path = tmp_path / "d.mlsd.json"
    save(load_template(TEMPLATE), path)
    return path


def run_mlsd(*args: str, stdin: bytes | None = None, stdout: int | None = subprocess.PIPE,
             cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "app", *args], input=stdin, stdout=stdout, stderr=subprocess.PIPE,
                          env=env, cwd=cwd, timeout=120, check=False)


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


# ---------------------------------------------------------------- devices and the input itself


@pytest.mark.parametrize("command", [
    ["export", "{design}", "-o", "{node}", "--format", "svg"],
    ["layout", "{design}", "-o", "{node}"],
    ["new", TEMPLATE, "{node}", "--force"],
])
@pytest.mark.parametrize(("name", "minor"), [("null", 3), ("full", 7)])
def test_devices_are_refused_and_stay_devices(design: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               command: list[str], name: str, minor: int) -> None:
    node = device(tmp_path, name, minor)
    before = design.read_bytes()
    args = [part.format(design=design, node=node) for part in command]
    assert main(args) == 2
    assert one_line(capsys.readouterr().err) == (f"{node}: not a regular file (a character device); only a regular "
                                                 "file or a new name is written (- writes to standard output)")
    assert stat.S_ISCHR(node.stat().st_mode) and design.read_bytes() == before


def test_export_over_its_own_input_is_refused(design: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = design.read_bytes()
    alias = tmp_path / "alias.mlsd.json"
    os.link(design, alias)
    for out in (design, alias):
        assert main(["export", str(design), "-o", str(out), "--format", "svg"]) == 2
        assert one_line(capsys.readouterr().err) == f"{out}: is the input file; choose another output file"
    assert main(["layout", str(design), "-o", str(design)]) == 2
    assert "is the input file" in capsys.readouterr().err
    assert design.read_bytes() == before


# ---------------------------------------------------------------- read-only and changed on disk


def test_layout_keeps_a_read_only_file_unless_forced(design: Path, capsys: pytest.CaptureFixture[str]) -> None:
    design.chmod(0o444)
    before = design.read_bytes()
    assert main(["layout", str(design), "--engine", "builtin"]) == 2
    assert one_line(capsys.readouterr().err) == (f"{design}: the file is read-only; use --force to replace it "
                                                 "(it stays read-only)")
    assert design.read_bytes() == before
    assert main(["layout", str(design), "--engine", "builtin", "--force"]) == 0
    assert design.read_bytes() != before and stat.S_IMODE(design.stat().st_mode) == 0o444


def test_export_and_new_keep_a_read_only_target_unless_forced(design: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "o.mmd"
    out.write_text("mine")
    out.chmod(0o444)
    assert main(["export", str(design), "-o", str(out)]) == 2
    assert "read-only; use --force" in capsys.readouterr().err and out.read_text() == "mine"
    assert main(["export", str(design), "-o", str(out), "--force"]) == 0
    assert out.read_text().startswith("%%") and stat.S_IMODE(out.stat().st_mode) == 0o444
    mine = tmp_path / "mine.mlsd.json"
    save(Diagram(title="mine"), mine)
    mine.chmod(0o444)
    assert main(["new", TEMPLATE, str(mine), "--force"]) == 0
    assert load(mine).title == load_template(TEMPLATE).title and stat.S_IMODE(mine.stat().st_mode) == 0o444


def test_layout_in_place_refuses_a_file_changed_while_it_ran(design: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    real_layout = components.layout.auto_layout
    theirs = Diagram(title="Saved by someone else meanwhile")

    def layout_while_someone_saves(*args: object, **kwargs: object) -> object:
        save(theirs, design)
        return real_layout(*args, **kwargs)

    monkeypatch.setattr(components.layout, "auto_layout", layout_while_someone_saves)
    assert main(["layout", str(design), "--engine", "builtin"]) == 2
    assert one_line(capsys.readouterr().err) == (f"{design}: changed on disk since it was read; use --force to "
                                                 "replace it anyway")
    assert load(design) == theirs
    monkeypatch.setattr(components.layout, "auto_layout", real_layout)
    assert main(["layout", str(design), "--engine", "builtin"]) == 0  # read afresh: fine
    save(load_template(TEMPLATE), design)
    monkeypatch.setattr(components.layout, "auto_layout", layout_while_someone_saves)
    assert main(["layout", str(design), "--engine", "builtin", "--force"]) == 0
    assert load(design).title == load_template(TEMPLATE).title  # forced: the layout of what it read wins


# ---------------------------------------------------------------- standard input and output


def test_dash_reads_standard_input_and_writes_standard_output(design: Path) -> None:
    text = design.read_bytes()
    result = run_mlsd("export", "-", "-o", "-", "--format", "mmd", stdin=text)
    assert result.returncode == 0 and result.stdout.startswith(b"%% Video recommendation"), result.stderr
    result = run_mlsd("layout", "-", "--engine", "builtin", stdin=text)
    assert result.returncode == 0 and load_template(TEMPLATE).title in result.stdout.decode()
    assert result.stderr.decode().startswith("<stdout>: Auto-layout with built-in engine")
    result = run_mlsd("validate", "-", stdin=text)
    assert result.returncode == 0 and result.stdout.decode().startswith("<stdin>: 0 errors")
    result = run_mlsd("validate", "-", stdin=b'{"schema_version": 1, "title": "a", "title": "b"}')
    assert result.returncode == 2 and one_line(result.stderr.decode()) == (
        "<stdin>: duplicate key 'title' (a key may appear only once in an object)")
    result = run_mlsd("new", TEMPLATE, "-")
    assert result.returncode == 0 and result.stdout.decode() == dumps(load_template(TEMPLATE))
    assert not (ROOT / "-").exists()


def test_export_to_standard_output_needs_a_format(design: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(design), "-o", "-"]) == 2
    assert one_line(capsys.readouterr().err).startswith("<stdout>: cannot tell the format")


def test_dash_in_process_uses_the_real_streams(design: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(design.read_bytes())))
    assert main(["export", "-", "-o", "-", "--format", "dot"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"digraph")


def test_new_with_full_standard_output_still_succeeds(tmp_path: Path) -> None:
    """The status line is on stderr, so `> /dev/full` cannot fail a command whose file is written."""
    out = tmp_path / "n.mlsd.json"
    with open("/dev/full", "wb") as full:
        result = run_mlsd("new", TEMPLATE, str(out), stdout=full.fileno())
    assert result.returncode == 0 and load(out).title == load_template(TEMPLATE).title
    assert one_line(result.stderr.decode()) == f"{out}: new design from template '{TEMPLATE}' (Video recommendation)"


@pytest.mark.parametrize("args", [["new", TEMPLATE, "-"], ["export", "{design}", "-o", "-", "--format", "svg"],
                                  ["layout", "{design}", "-o", "-"], ["schema"], ["validate", "{design}"]])
def test_a_full_standard_output_is_one_line_and_exit_2(design: Path, tmp_path: Path, args: list[str]) -> None:
    before = design.read_bytes()
    with open("/dev/full", "wb") as full:
        result = run_mlsd(*[arg.format(design=design) for arg in args], stdout=full.fileno(), cwd=tmp_path)
    assert result.returncode == 2
    line = one_line(result.stderr.decode())
    assert line.endswith("No space left on device") and "unexpected" not in line
    assert design.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == [design.name]


@pytest.mark.parametrize("args", [["schema"], ["templates", "--long"], ["validate", "{design}"],
                                  ["export", "{design}", "-o", "-", "--format", "svg"], ["new", TEMPLATE, "-"],
                                  ["layout", "{design}", "-o", "-", "--engine", "builtin"]])
def test_a_closed_pipe_ends_quietly(design: Path, args: list[str]) -> None:
    """`mlsd schema | head -c 10`: the reader went away; no message, the status of SIGPIPE."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte
    try:
        result = run_mlsd(*[arg.format(design=design) for arg in args], stdout=write_end)
    finally:
        os.close(write_end)
    assert result.stderr.decode() == "" and result.returncode == EXIT_PIPE_CLOSED


def test_head_of_the_schema_exits_quietly() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(f"'{sys.executable}' -m app schema | head -c 10", shell=True, capture_output=True,
                            env=env, cwd=ROOT, timeout=120, check=False)
    assert result.stdout == b'{\n  "$defs' and result.stderr == b""


# ---------------------------------------------------------------- usage


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"mlsd {importlib.metadata.version('mlsd-whiteboard')}\n"


@pytest.mark.parametrize(("args", "message"), [
    (["export", "{design}", "-o", "x.png", "--scale", "1e308"], "--scale: must be a positive number up to 1000"),
    (["export", "{design}", "-o", "x.png", "--scale", "inf"], "--scale: must be a positive number up to 1000"),
    (["layout", "{design}", "--timeout", "1e300"], "--timeout: must be a positive number of seconds up to 86400"),
])
def test_huge_numbers_are_usage_errors(design: Path, capsys: pytest.CaptureFixture[str], args: list[str],
                                       message: str) -> None:
    with pytest.raises(SystemExit) as exited:
        main([arg.format(design=design) for arg in args])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "unexpected" not in err
