"""the cyclic collector must stay off while any first-validation worker runs
(app/window/validation.py collector_off_while). A dropped first run is built again at once, while the
dropped job's poll is still pending; that poll then switches the collector back on under the second worker."""

from __future__ import annotations

import gc
import threading

from app.window import validation
from app.window.validation import LiveValidator
from components.commands import RemoveItems
from tests.app.window_helpers import make_window


def test_collector_stays_off_while_a_rebuilt_first_run_is_on_its_worker(qtbot, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(validation, "BIG_DESIGN", 1)
    releases = [threading.Event(), threading.Event()]
    started: list[int] = []
    build = validation.build_live

    def held_build(doc):
        n = len(started)
        started.append(n)
        assert releases[min(n, 1)].wait(10)
        return build(doc)

    monkeypatch.setattr(validation, "build_live", held_build)
    assert gc.isenabled()
    window = make_window(qtbot, tmp_path)
    window.validator.close()
    started.clear()
    validator = LiveValidator(window.editor, delay_ms=0)
    try:
        validator.schedule()
        qtbot.waitUntil(lambda: validator.in_background)
        assert not gc.isenabled()
        window.editor.push(RemoveItems(["mon"]))  # the first worker's read is now worthless
        releases[0].set()
        qtbot.waitUntil(lambda: len(started) == 2, timeout=5000)  # dropped, built again on a worker
        assert validator.in_background
        qtbot.wait(3 * validation.GC_POLL_MS)  # the first job's poll comes meanwhile
        assert not gc.isenabled(), "collector switched on while the second worker builds"
    finally:
        releases[1].set()
        qtbot.waitUntil(lambda: validator.runs == 1, timeout=5000)
        validator.close()
        qtbot.waitUntil(gc.isenabled, timeout=5000)
        gc.enable()
