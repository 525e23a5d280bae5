"""The window closed while a big design's first validation is built on the
worker: nothing is delivered to the dead window, and the collector comes back on once the worker ends."""

from __future__ import annotations

import gc
import threading

from app.window import validation
from tests.app.window_helpers import make_window


def test_closing_the_window_while_the_first_run_builds(qtbot, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(validation, "BIG_DESIGN", 1)
    release = threading.Event()
    build = validation.build_live

    def held_build(doc):
        assert release.wait(10)
        return build(doc)

    monkeypatch.setattr(validation, "build_live", held_build)
    window = make_window(qtbot, tmp_path)
    validator = window.validator
    qtbot.waitUntil(lambda: validator.in_background, timeout=10_000)
    reported: list[object] = []
    validator.updated.connect(lambda *args: reported.append(args))
    window.editor.undo_stack.setClean()
    window.close()
    qtbot.wait(20)
    release.set()
    qtbot.waitUntil(gc.isenabled, timeout=5_000)
    qtbot.wait(100)
    assert reported == []
