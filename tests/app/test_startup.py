"""What `mlsd gui` does before its window is on screen, seen from fresh interpreters (issue 17 point 1):
the garbage collector stays paused through the start-up and resumes once the window is shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]
DESIGN = EXAMPLES / "video-recommendation.mlsd.json"

# `mlsd gui --screenshot` through the console script's entry point; reports the collector's passes
# (os._exit is how the screenshot leaves: see app.cli.run).
SCREENSHOT_CHILD = """
import gc, json, os, sys
passes = []
gc.callbacks.append(lambda phase, info: phase == "stop" and passes.append(info["generation"]))
import app.cli
light = not any(m in sys.modules for m in ("pydantic", "components.io", "components.model"))
leave = os._exit
def report(code):
    print(json.dumps({"passes": passes, "light_import": light, "code": code, "modules": sorted(sys.modules)}),
          flush=True)
    leave(code)
os._exit = report
sys.argv = ["mlsd", "gui", "--screenshot", sys.argv[1], sys.argv[2]]
passes.clear()  # (importing the command line itself makes a few hundred objects: a pass or so)
app.cli.run()
"""

# The designer's event loop replaced by a few turns of it; reports whether the collector is back.
INTERACTIVE_CHILD = """
import gc, json, sys
from PySide6.QtWidgets import QApplication
from components.gcpause import pause_start_up
pause_start_up()
from app.main import run_gui
seen = {}
def turns(self):
    for _ in range(5):
        self.processEvents()
    seen.update(enabled=gc.isenabled())
    for window in self.topLevelWidgets():
        window.close()
    return 0
QApplication.exec = turns
code = run_gui(sys.argv[1])
print(json.dumps({**seen, "code": code}), flush=True)
"""


def _child(script: str, *args: str, tmp_path: Path) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MLSD_DATA_DIR": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_screenshot_runs_without_a_collector_pass(tmp_path: Path) -> None:
    """Importing the command line loads no document model (so ``run`` pauses the collector before
    pydantic's ~100,000 objects are made), and no pass runs until the picture is written."""
    outcome = _child(SCREENSHOT_CHILD, str(tmp_path / "shot.png"), str(DESIGN), tmp_path=tmp_path)
    assert outcome["code"] == 0 and (tmp_path / "shot.png").stat().st_size > 10_000
    assert outcome["light_import"]
    assert outcome["passes"] == []


def test_a_screenshot_loads_only_the_png_encoder(tmp_path: Path) -> None:
    """The window's picture needs the PNG encoder, not the export renderer (its PDF writer, page sizes)."""
    outcome = _child(SCREENSHOT_CHILD, str(tmp_path / "shot.png"), str(DESIGN), tmp_path=tmp_path)
    assert "app.export.png" in outcome["modules"]
    assert "app.export.render" not in outcome["modules"]
    assert not {"ctypes", "socket"} & set(outcome["modules"])  # the display check needs them for X11 or Wayland only
    assert "importlib.resources" not in outcome["modules"]  # the shipped icons are found from components' own folder
    assert "concurrent.futures" not in outcome["modules"]  # no autosave writer thread: nothing was written


def test_the_designer_resumes_the_collector_once_shown(tmp_path: Path) -> None:
    outcome = _child(INTERACTIVE_CHILD, str(DESIGN), tmp_path=tmp_path)
    assert outcome == {"enabled": True, "code": 0}


def test_other_commands_resume_the_collector_before_they_run(tmp_path: Path) -> None:
    script = """
import gc, json, sys
import app.cli.commands.templates as templates
seen = []
real = templates.run
templates.run = lambda args: seen.append(gc.isenabled()) or real(args)
import os
leave = os._exit
os._exit = lambda code: (print(json.dumps(seen), flush=True), leave(code))
sys.argv = ["mlsd", "templates"]
import app.cli
app.cli.run()
"""
    assert _child(script, tmp_path=tmp_path) == [True]


# The window painted the ordinary way (every pass paints the canvas) before the grab, as a person's
# screen shows it; the screenshot mode paints the canvas only in the grab and must give the same picture.
ORDINARY_CHILD = """
import sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from app.editor import Editor
from app.export import png
from app.main import SCREENSHOT_SIZE
from app.window.main_window import MainWindow
from components.io import load
app = QApplication([])
window = MainWindow(Editor(load(sys.argv[2])), settings=QSettings(sys.argv[3], QSettings.Format.IniFormat),
                    theme_name="light")
window.resize(*SCREENSHOT_SIZE)
window.show()
for _ in range(3):
    app.processEvents()
window.settle()
window.view.zoom_to_fit()
app.processEvents()
with open(sys.argv[1], "wb") as handle:
    handle.write(png.encode(window.grab().toImage()))
window.editor.undo_stack.setClean()
print("{}")
"""

PAINTS_CHILD = """
import json, os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from app.canvas.view import CanvasView
paints = []
draw = CanvasView.drawBackground
CanvasView.drawBackground = lambda self, *args: paints.append("canvas") or draw(self, *args)
class Palette(QObject):  # paints of the palette's list, a panel: the rest of the window is painted with it
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched.parent() and watched.parent().objectName() == "paletteTree":
            paints.append("palette")
        return False
watcher = Palette()
start = QApplication.__init__
def started(self, *args):
    start(self, *args)
    self.installEventFilter(watcher)
QApplication.__init__ = started
leave = os._exit
os._exit = lambda code: (print(json.dumps({"paints": sorted(paints), "code": code}), flush=True), leave(code))
sys.argv = ["mlsd", "gui", "--screenshot", sys.argv[1], sys.argv[2]]
import app.cli
app.cli.run()
"""


def test_a_screenshot_paints_the_window_once_and_shows_what_the_screen_does(tmp_path: Path) -> None:
    outcome = _child(PAINTS_CHILD, str(tmp_path / "shot.png"), str(DESIGN), tmp_path=tmp_path)
    assert outcome == {"paints": ["canvas", "palette"], "code": 0}
    _child(ORDINARY_CHILD, str(tmp_path / "ordinary.png"), str(DESIGN), str(tmp_path / "settings.ini"),
           tmp_path=tmp_path)
    assert (tmp_path / "shot.png").read_bytes() == (tmp_path / "ordinary.png").read_bytes()


# The designer started as `mlsd gui FILE` does, its event loop replaced by a few turns; reports what
# was imported when the canvas was first painted.
FIRST_PAINT_CHILD = """
import json, sys
from PySide6.QtWidgets import QApplication
from app.canvas.view import CanvasView
seen = {}
draw = CanvasView.drawBackground
def first(self, *args):
    seen.setdefault("modules", sorted(sys.modules))
    return draw(self, *args)
CanvasView.drawBackground = first
def turns(self):
    for _ in range(5):
        self.processEvents()
    for window in self.topLevelWidgets():
        window.close()
    return 0
QApplication.exec = turns
from app.main import run_gui
run_gui(sys.argv[1])
print(json.dumps(seen))
"""
# What the first paint does not need: live sessions (collab), the shortcuts dialog, auto-layout, the
# validator's rules (validation starts right after the first paint), reviews, practice, exports, the
# in-place label editor, the autosaver's writer thread (made at its first write).
NOT_BEFORE_FIRST_PAINT = ("app.live", "components.collab", "app.window.shortcuts_dialog", "app.background",
                          "components.layout", "components.validate", "app.review", "components.review",
                          "app.practice", "components.practice", "app.export", "networkx", "asyncio",
                          "app.canvas.tools.label_edit", "concurrent.futures")


def test_the_first_paint_loads_nothing_it_does_not_draw(tmp_path: Path) -> None:
    modules = _child(FIRST_PAINT_CHILD, str(DESIGN), tmp_path=tmp_path)["modules"]
    assert "app.canvas.view" in modules  # the report is from the first paint
    early = [m for m in modules if m.startswith(NOT_BEFORE_FIRST_PAINT)]
    assert early == []


def test_the_command_line_imports_little_before_its_command_runs(tmp_path: Path) -> None:
    """`import app.cli` (what the console script does first) loads argparse and the collector switch,
    not pkgutil (the subcommands are the files of app/cli/commands) nor traceback (only for --debug)."""
    script = "import json, sys\nbefore = set(sys.modules)\nimport app.cli\nprint(json.dumps(sorted(set(sys.modules) - before)))"
    loaded = _child(script, tmp_path=tmp_path)
    assert "argparse" in loaded
    assert not {"pkgutil", "traceback", "pydantic"} & set(loaded)


def test_pyside_reads_no_source_file_of_ours_at_start_up(tmp_path: Path) -> None:
    """PySide's __feature__ hook read every module's source after it was imported (130 of ours, kept in
    linecache); app.main.skip_feature_scan answers from the module's name instead."""
    script = SCREENSHOT_CHILD.replace('"modules": sorted(sys.modules)', '"modules": sorted(__import__("linecache").cache)')
    outcome = _child(script, str(tmp_path / "shot.png"), str(DESIGN), tmp_path=tmp_path)
    assert outcome["code"] == 0
    read = [name for name in outcome["modules"] if f"{os.sep}app{os.sep}" in name or f"{os.sep}components{os.sep}" in name]
    assert read == []


def test_a_module_that_selects_a_pyside_feature_still_gets_it(tmp_path: Path) -> None:
    """The scan no longer reads sources, but a module importing __feature__ is registered by that
    import: snake_case works there, and our modules, called after it, keep Qt's names."""
    (tmp_path / "snaky.py").write_text("from __feature__ import snake_case  # noqa\nfrom PySide6.QtCore import QSize\n"
                                       "def named():\n    return hasattr(QSize(3, 4), 'is_empty')\n", encoding="utf-8")
    script = f"""
import json, sys
sys.path.insert(0, {str(tmp_path)!r})
from PySide6.QtGui import QImage
from app.main import skip_feature_scan
skip_feature_scan()
from app.export import png
import snaky
print(json.dumps({{"snake": snaky.named(), "ours": png.encode(QImage(3, 2, QImage.Format.Format_RGB32))[:4].hex()}}))
"""
    assert _child(script, tmp_path=tmp_path) == {"snake": True, "ours": "89504e47"}
