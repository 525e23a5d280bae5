"""The designer on a real X11 display: `mlsd` under its own Xvfb with Qt's xcb platform, driven with
real keys (xdotool) and checked on screenshots of the display (issue 12).

It opens the File menu, then File > New from template and cancels it, then the File menu again: the
menu's lines of text must keep their size (the gallery once made every menu's text 5x bigger, which
only a real display showed), then a dialog (Help > Keyboard shortcuts) whose rows must be of normal
height. Skipped, with the reason, only where Xvfb, xdotool or ImageMagick's import is not installed
(`make` installs them). Every wait is bounded and every process is killed at the end.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage

from tests.app.rendered_text import ink_bands
from tests.conftest import EXAMPLES

SCREEN = (1600, 1000)
TOOLS = {"Xvfb": "xvfb", "xdotool": "xdotool", "import": "imagemagick"}
MISSING = [tool for tool in TOOLS if shutil.which(tool) is None]
pytestmark = pytest.mark.skipif(
    bool(MISSING), reason=f"no {', '.join(MISSING)} to run the designer on a real display (make installs them as "
                          f"root; else: sudo apt-get install {' '.join(TOOLS[t] for t in MISSING)})")
TEXT_LINE = (5, 20)  # px: the height of a line of 9-10 pt menu text at 96 dpi, a little either way
WAIT = 30.0  # seconds, for anything to appear
FRAME = 4  # px of a popup's or window's border, left out when reading its text


@dataclass
class Display:
    """An Xvfb of our own (a free display number, chosen by Xvfb itself) and what runs on it."""

    number: str
    folder: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    shots: int = 0
    main: str = ""  # the designer's window, given the keyboard before each key press

    def focus(self) -> None:
        """Give the designer's window the keyboard (without a window manager nobody gives it back
        when a dialog closes)."""
        if shutil.which("openbox"):
            self.run("xdotool", "windowactivate", "--sync", self.main)
        self.run("xdotool", "windowfocus", "--sync", self.main)

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "DISPLAY": f":{self.number}"}

    def run(self, *args: str) -> str:
        result = subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=WAIT)
        return result.stdout.strip()

    def start(self, args: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(args, env=kwargs.pop("env", self.env), stdout=subprocess.DEVNULL,  # type: ignore[call-overload]  # **kwargs of Popen's own keywords
                                   stderr=kwargs.pop("stderr", subprocess.DEVNULL), **kwargs)
        self.processes.append(process)
        return process

    def key(self, *keys: str, to_main: bool = False) -> None:
        if to_main:
            self.focus()
        self.run("xdotool", "key", "--clearmodifiers", *keys)

    def windows(self, name: str = "") -> list[str]:
        """The visible windows whose title matches ``name`` (a regular expression), or all of them
        (popup menus included: they have a class, not always a title)."""
        which = ["--name", name] if name else ["--classname", "."]
        return self.run("xdotool", "search", "--onlyvisible", *which).split()

    def geometry(self, window: str) -> QRect:
        """Where a window's content is on the screen."""
        values = dict(line.split("=", 1) for line in self.run("xdotool", "getwindowgeometry", "--shell", window).split())
        return QRect(int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"]))

    def popup_after(self, keys: str, before: list[str], what: str) -> QRect:
        """Press ``keys`` in the designer's window and wait for a new window (a menu is a window of
        its own); where it is."""
        self.key(keys, to_main=True)
        new = wait_until(lambda: [w for w in self.windows() if w not in before], what)
        time.sleep(0.5)  # let it finish painting
        return self.geometry(new[0])  # type: ignore[index]  # waited for: not None here

    def screenshot(self, name: str) -> QImage:
        self.shots += 1
        path = self.folder / f"{self.shots:02d}-{name}.png"
        self.run("import", "-window", "root", str(path))
        image = QImage(str(path))
        assert not image.isNull(), f"no screenshot {path}"
        return image.convertToFormat(QImage.Format.Format_RGB32)


def wait_until(condition: Callable[[], object], what: str, timeout: float = WAIT) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


@pytest.fixture
def display(tmp_path: Path) -> Iterator[Display]:
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24",
                             "-nolisten", "tcp"], pass_fds=(write_end,), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    os.close(write_end)
    screen = Display("", tmp_path)
    screen.processes.append(xvfb)
    try:
        ready, _, _ = select.select([read_end], [], [], WAIT)
        number = os.read(read_end, 32).decode().strip() if ready else ""
        if not number:
            pytest.fail("Xvfb did not start")
        screen.number = number
        if shutil.which("openbox"):  # a window manager places and activates windows as on a desktop
            screen.start(["openbox"])
        yield screen
    finally:
        os.close(read_end)
        for process in reversed(screen.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(5)


def text_lines(image: QImage, area: QRect) -> list[int]:
    """The heights of the lines of text in a menu or dialog (its frame, rules and underlines of 1-2 px
    left out; a highlighted row counts by its text, not its fill)."""
    inside = area.adjusted(FRAME, FRAME, -FRAME, -FRAME)
    return [last - first + 1 for first, last in ink_bands(image, inside, per_row=True) if last - first + 1 > 2]


def file_menu_lines(screen: Display, name: str) -> tuple[QRect, list[int]]:
    """Open the File menu with Alt+F; where it is and its lines of text; closed again."""
    before = screen.windows()
    area = screen.popup_after("alt+f", before, "the File menu")
    lines = text_lines(screen.screenshot(name), area)
    screen.key("Escape")
    wait_until(lambda: sorted(screen.windows()) == sorted(before), "the File menu to close")
    return area, lines


def test_menus_and_dialogs_keep_normal_text_after_the_gallery(display: Display, tmp_path: Path) -> None:
    design = EXAMPLES / "video-recommendation.mlsd.json"
    home = tmp_path / "home"
    env = {**display.env, "QT_QPA_PLATFORM": "xcb", "XDG_CONFIG_HOME": str(home / "config"),
           "MLSD_DATA_DIR": str(home / "data"), "MLSD_THEME": "light"}
    mlsd = Path(sys.executable).with_name("mlsd")
    command = [str(mlsd)] if mlsd.exists() else [sys.executable, "-m", "app"]
    log = (tmp_path / "mlsd.log").open("wb")
    app = display.start([*command, str(design)], env=env, stderr=log)  # `mlsd FILE`
    window = wait_until(lambda: app.poll() is None and display.windows("MLSD Whiteboard"), "the designer's window")
    assert app.poll() is None, (tmp_path / "mlsd.log").read_text()
    display.main = window[0]  # type: ignore[index]  # waited for: not None here
    display.focus()
    display.run("xdotool", "mousemove", str(SCREEN[0] - 5), str(SCREEN[1] - 5))  # hovering nothing
    time.sleep(2.0)  # the first validation and zoom to fit
    display.screenshot("window")

    area, lines_before = file_menu_lines(display, "file-menu")
    assert area.width() > 150 and area.height() > 150, area
    assert len(lines_before) >= 9, lines_before  # New, New from Template, Open, ... Quit
    assert all(TEXT_LINE[0] <= h <= TEXT_LINE[1] for h in lines_before), lines_before

    display.key("ctrl+shift+n", to_main=True)  # File > New from template
    gallery = wait_until(lambda: display.windows("New from template"), "the template gallery")
    time.sleep(3.0)  # its thumbnails are drawn one per event-loop turn
    display.screenshot("gallery")
    assert display.geometry(gallery[0]).width() > 600  # type: ignore[index]  # waited for: not None here
    display.key("Escape")
    wait_until(lambda: not display.windows("New from template"), "the gallery to close")

    area_after, lines_after = file_menu_lines(display, "file-menu-after-gallery")
    assert area_after == area, (area, area_after)
    assert lines_after == lines_before, f"menu text changed size after the gallery: {lines_before} -> {lines_after}"

    before = display.windows()
    dialog = display.popup_after("F1", before, "Help > Keyboard shortcuts")
    lines = text_lines(display.screenshot("shortcuts-dialog"), dialog)
    assert len(lines) > 15, lines  # its table's rows
    assert sorted(lines)[len(lines) // 2] <= TEXT_LINE[1] and max(lines) <= 2 * TEXT_LINE[1], lines
    display.key("Escape")
    wait_until(lambda: not display.windows("Keyboard shortcuts"), "the dialog to close")
    assert app.poll() is None, "the designer quit unexpectedly"
