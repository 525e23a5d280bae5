"""`mlsd gui` where no window can be opened: one line and exit 2, never Qt's six-line abort."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.display import display_problem
from tests.conftest import ROOT

HINT = "run it in a desktop session, under xvfb-run, or with QT_QPA_PLATFORM=offscreen"


def gui_child(env_changes: dict[str, str | None], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MLSD_DATA_DIR": str(tmp_path)}
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run([sys.executable, "-m", "app", "gui"], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120, check=False)


def unused_display() -> str:
    number = next(n for n in range(9876, 9999) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    return f":{number}"


def test_xcb_without_display_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = gui_child({"QT_QPA_PLATFORM": "xcb", "DISPLAY": None, "WAYLAND_DISPLAY": None}, tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"mlsd gui: cannot open a window: no X display (DISPLAY is not set); {HINT}\n"


def test_an_x_display_nobody_answers_is_one_line_and_exit_2(tmp_path: Path) -> None:
    display = unused_display()
    result = gui_child({"QT_QPA_PLATFORM": "xcb", "DISPLAY": display}, tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"mlsd gui: cannot open a window: cannot connect to the X display {display!r}; {HINT}\n"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's default platform on Linux is xcb")
def test_linux_default_platform_is_checked_too() -> None:
    assert display_problem({"XDG_SESSION_TYPE": "x11"}) == f"cannot open a window: no X display (DISPLAY is not set); {HINT}"


def test_platforms_we_cannot_check_are_left_to_qt() -> None:
    for platform in ("offscreen", "minimal", "vnc", "offscreen:fontengine=freetype", "xcb;offscreen"):
        assert display_problem({"QT_QPA_PLATFORM": platform}) is None


@pytest.fixture
def wayland_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "wayland-1"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        server.listen(1)
        yield path


def test_wayland_needs_a_compositor_that_answers(tmp_path: Path, wayland_socket: Path) -> None:
    env = {"QT_QPA_PLATFORM": "wayland", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert display_problem({**env, "WAYLAND_DISPLAY": "wayland-1"}) is None
    assert display_problem({**env, "WAYLAND_DISPLAY": str(wayland_socket)}) is None
    assert display_problem({**env, "WAYLAND_DISPLAY": "wayland-9"}) == (
        f"cannot open a window: no Wayland compositor answers at {tmp_path / 'wayland-9'}; {HINT}")
    assert display_problem({"QT_QPA_PLATFORM": "wayland"}) == (
        f"cannot open a window: no Wayland compositor (XDG_RUNTIME_DIR is not set); {HINT}")


def test_a_wayland_session_falls_back_to_x_like_qt(tmp_path: Path) -> None:
    env = {"XDG_SESSION_TYPE": "wayland", "XDG_RUNTIME_DIR": str(tmp_path), "DISPLAY": unused_display()}
    problem = display_problem(env) if sys.platform.startswith("linux") else None
    assert problem is not None and "no Wayland compositor answers" in problem and "cannot connect to the X display" in problem


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="no Xvfb to connect to")
def test_a_running_x_server_is_accepted() -> None:
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0", "64x64x24"],
                              pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        with os.fdopen(read_end) as numbers:
            number = numbers.readline().strip()
        assert number.isdigit()
        assert display_problem({"QT_QPA_PLATFORM": "xcb", "DISPLAY": f":{number}"}) is None
    finally:
        server.terminate()
        server.wait(timeout=30)
