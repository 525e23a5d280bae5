"""`make` finds the system packages a fresh Debian machine lacks (issue 12: Qt's xcb platform needed
libxcb-cursor0 and friends that `make` did not install, so `mlsd` did not start on a real X11 display)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "missing-system-packages.sh"
TOOLS = ("awk", "tr", "sort", "sed", "grep", "cat")  # what the script itself runs


def _fake_machine(tmp_path: Path, present: list[str], ldd_output: str) -> dict[str, str]:
    """A PATH with only the script's own tools, the commands in ``present``, a PySide6 whose xcb
    plugin is a dummy file, and an ``ldd`` that answers ``ldd_output`` for it."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in TOOLS:
        found = shutil.which(tool)
        if found is None:
            pytest.skip(f"{tool} is not installed")
        (bin_dir / tool).symlink_to(found)
    for command in present:
        (bin_dir / command).write_text("#!/bin/sh\necho 'DejaVu Sans'\n")
        (bin_dir / command).chmod(0o755)
    platforms = tmp_path / "PySide6" / "Qt" / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    (platforms / "libqxcb.so").write_text("")
    (bin_dir / "python").write_text(f"#!/bin/sh\necho '{platforms}'\n")
    (bin_dir / "python").chmod(0o755)
    (bin_dir / "ldd").write_text(f"#!/bin/sh\ncat <<'END'\n{ldd_output}\nEND\n")
    (bin_dir / "ldd").chmod(0o755)
    return {"PATH": str(bin_dir)}


def _missing(env: dict[str, str]) -> list[str]:
    sh = shutil.which("sh") or "/bin/sh"
    result = subprocess.run([sh, str(SCRIPT), "python"], env=env, capture_output=True, text=True, timeout=30, check=True)
    return result.stdout.split()


def test_a_fresh_machine_gets_xvfb_and_the_xcb_libraries_qt_cannot_load(tmp_path: Path) -> None:
    ldd = "\n".join([
        "\tlibxcb-cursor.so.0 => not found", "\tlibxcb-icccm.so.4 => not found", "\tlibxcb-keysyms.so.1 => not found",
        "\tlibxkbcommon-x11.so.0 => not found", "\tlibX11-xcb.so.1 => not found", "\tlibdbus-1.so.3 => not found",
        "\tlibglib-2.0.so.0 => not found", "\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f)",
    ])
    env = _fake_machine(tmp_path, ["dot", "rsvg-convert", "fc-list"], ldd)
    assert _missing(env) == sorted([
        "imagemagick", "libdbus-1-3", "libglib2.0-0", "libx11-xcb1", "libxcb-cursor0", "libxcb-icccm4",
        "libxcb-keysyms1", "libxkbcommon-x11-0", "xdotool", "xvfb"])


def test_a_complete_machine_needs_nothing(tmp_path: Path) -> None:
    present = ["dot", "rsvg-convert", "fc-list", "Xvfb", "xvfb-run", "xdotool", "import"]
    env = _fake_machine(tmp_path, present, "\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f)")
    assert _missing(env) == []
