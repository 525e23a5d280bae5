"""The child process of the start-up and memory benchmarks: starts the designer the way `mlsd gui FILE`
does (``app.main.run_gui``) and reports, as one JSON line on stdout, the moment the canvas is first
painted. It runs in its own interpreter so the parent's imports, caches and Qt state do not help it.

    python bench/probe.py startup FILE   # print at the first canvas paint, then exit at once
    python bench/probe.py memory FILE    # also validate and repaint, then print VmHWM / VmRSS
    python bench/probe.py startup -      # no file: a new, empty design

Run with QT_QPA_PLATFORM=offscreen, MLSD_DATA_DIR and XDG_CONFIG_HOME pointing at empty folders (the
benchmarks do), so no saved window layout or recovery copy changes what is measured.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Modules whose import start-up must not pay for before the first paint (DESIGN.md section 7).
HEAVY = ("networkx", "graphviz", "components.export.svg", "components.export.dot", "components.export.mermaid",
         "components.validate.engine", "components.layout", "app.export.render", "PySide6.QtSvg", "pycrdt",
         "asyncio", "components.collab", "app.live.controller", "app.window.shortcuts_dialog", "app.background",
         "components.validate.rules")


def status_kib(field: str) -> int:
    """A ``VmHWM`` / ``VmRSS`` line of /proc/self/status, in KiB (0 where /proc is missing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) if field == "VmHWM" else 0


def child_env(folder: Path) -> dict[str, str]:
    """The child's environment: offscreen Qt, empty settings and recovery folders, and bytecode cached in
    ``folder`` as an installed app would have it (this shell may set PYTHONDONTWRITEBYTECODE)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME")}
    env.update(QT_QPA_PLATFORM="offscreen", MLSD_DATA_DIR=str(folder / "data"), XDG_CONFIG_HOME=str(folder / "config"),
               PYTHONPYCACHEPREFIX=str(folder / "pycache"))
    return env


def run_probe(mode: str, design: Path | None, folder: Path | None = None, timeout: float = 120.0) -> tuple[float, dict]:
    """Start the probe in a fresh interpreter; return (wall seconds from spawn to its report, report)."""
    with tempfile.TemporaryDirectory() as scratch:
        env = child_env(folder or Path(scratch))
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, str(Path(__file__)), mode, str(design or "-")], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert child.stdout is not None
        line = child.stdout.readline()
        wall = time.perf_counter() - started
        child.wait(timeout=timeout)
    report = json.loads(line) if line.strip() else {"error": f"no report (exit code {child.returncode})"}
    if "error" in report:
        raise RuntimeError(f"probe {mode} {design}: {report['error']}")
    return wall, report


def main(argv: list[str]) -> int:
    mode, path = argv[1], (argv[2] if argv[2] != "-" else None)  # "-": no file, a new design
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])  # run_gui reuses it; created here only to watch its events

    class FirstPaint(QObject):
        """Reports the first paint of the canvas viewport (whose parent is the view "canvasView")."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
                parent = watched.parentWidget()
                if parent is not None and parent.objectName() == "canvasView":
                    app.removeEventFilter(self)
                    report(parent.window())
            return False

    def report(window: QWidget) -> None:
        painted = time.perf_counter()
        result: dict[str, object] = {"heavy_at_first_paint": sorted(m for m in HEAVY if m in sys.modules)}
        if mode == "memory":
            window.validator.run_now()  # what the debounced validation does a moment later
            blocks = len(window.editor.doc.diagram.blocks)
            window.view.zoom_to_fit()
            for _ in range(3):
                app.processEvents()
            window.view.viewport().repaint()
            result.update(blocks=blocks, findings=len(window.validator.findings),
                          vm_hwm_kib=status_kib("VmHWM"), vm_rss_kib=status_kib("VmRSS"))
        result["after_paint_s"] = time.perf_counter() - painted
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()
        os._exit(0)  # the parent has its figure; no teardown to wait for

    watcher = FirstPaint()
    app.installEventFilter(watcher)
    from app.main import run_gui

    run_gui(path)
    sys.stdout.write(json.dumps({"error": "the event loop ended before the canvas was painted"}) + "\n")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
