"""How long the window stops answering with the 45,000-block / 55,000-connector file (issue 13): the open
until the first validation is taken, then 5 moves and 5 renames zoomed out. Not a pytest benchmark: a
tool to run by hand (its figures are in the issue's closing note), from the checkout's root:

    QT_QPA_PLATFORM=offscreen MLSD_DATA_DIR=$(mktemp -d) HOME=$(mktemp -d) \
        .venv/bin/python bench/stalls45.py [--profile out.prof]

The file is written to the temporary folder on the first run.

For each phase it prints: the longest stall of the UI thread (the longest gap between ticks of a 2 ms
heartbeat timer, i.e. the longest the event loop was not turning), and the UI thread's CPU seconds spent
in the phase. Each edit is pushed from inside the event loop; its phase lasts 2.2 s (past the 1.5 s
autosave), so the stall includes everything the edit causes later (minimap, autosave...).
"""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.getcwd())

FILE = Path(tempfile.gettempdir()) / "far-45000.mlsd.json"


def status_kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def main() -> None:
    profile = sys.argv[2] if len(sys.argv) > 2 and sys.argv[1] == "--profile" else None
    from components.io import load_stamped, save
    from components.synthetic import far_connectors_diagram

    if not FILE.exists():
        save(far_connectors_diagram(45_000, 55_000, seed=1), FILE)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from app.editor import Editor
    from app.window.main_window import MainWindow
    from components.commands import MoveItems, Relabel

    started = time.perf_counter()
    diagram, stamp = load_stamped(FILE)
    editor = Editor(diagram)
    editor.path, editor.stamp = FILE.resolve(), stamp
    window = MainWindow(editor, theme_name="light")
    window.show()
    QTimer.singleShot(0, window.view.zoom_to_fit)  # as run_gui does
    ticks: list[float] = []
    beat = QTimer()
    beat.setInterval(2)
    beat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    beat.start()

    def phase(seconds: float, until=None) -> tuple[float, float]:
        """Turn the event loop for ``seconds`` (or until ``until()``); (longest stall, UI CPU)."""
        ticks.clear()
        ticks.append(time.perf_counter())
        cpu = time.thread_time()
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()
            if until is not None and until():
                break
            time.sleep(0.0005)
        ticks.append(time.perf_counter())
        gaps = [b - a for a, b in itertools.pairwise(ticks)]
        return max(gaps), time.thread_time() - cpu

    def painted() -> bool:
        return window.scene.overview.isVisible() or window.view.zoom > 0

    opening = None
    if os.environ.get("PROFILE_OPEN"):
        import cProfile

        opening = cProfile.Profile()
        opening.enable()
    stall, cpu = phase(120, until=lambda: window.validator.runs > 0)
    print(f"open+first validation: wall {time.perf_counter() - started:.2f} s, longest stall {stall:.3f} s, "
          f"UI cpu {cpu:.2f} s, findings {len(window.validator.findings)}, overview {window.scene.overview_mode}")
    stall, cpu = phase(2.5)
    if opening is not None:
        opening.disable()
        opening.dump_stats(os.environ["PROFILE_OPEN"])
    print(f"settle: longest stall {stall:.3f} s, UI cpu {cpu:.2f} s")
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    blocks = [b.id for b in editor.doc.diagram.blocks]
    edits = []
    for n in range(5):
        block = editor.doc.block(blocks[1000 + n * 7000])
        edits.append((f"move {block.id}", MoveItems({block.id: (block.x + 40, block.y + 20)})))
    for n in range(5):
        edits.append((f"rename {blocks[2000 + n * 7000]}", Relabel("blocks", blocks[2000 + n * 7000], f"Renamed {n}")))
    only = int(os.environ.get("PROFILE_EDIT", "-1"))
    for number, (name, command) in enumerate(edits):
        pushed: list[float] = []
        if number == only:
            import cProfile

            single = cProfile.Profile()
            single.enable()

        def push(command=command, pushed=pushed) -> None:
            t0 = time.perf_counter()
            editor.push(command)
            pushed.append(time.perf_counter() - t0)

        QTimer.singleShot(0, push)
        stall, cpu = phase(2.2)
        if number == only:
            single.disable()
            single.dump_stats(f"/tmp/edit{number}.prof")
        print(f"{name:14s}: push {pushed[0]:.3f} s, longest stall {stall:.3f} s, UI cpu {cpu:.2f} s")
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile)
    print(f"overview {window.scene.overview_mode}, minimap shown {window.navigation.minimap.isVisible()}")
    print(f"peak RSS {status_kib('VmHWM') / 1024:.0f} MB, RSS now {status_kib('VmRSS') / 1024:.0f} MB")
    os._exit(0)


if __name__ == "__main__":
    main()
