"""A big design's first validation (seconds at 45,000 blocks) is built on a worker thread while the window
keeps handling input; it is taken only when the design did not change meanwhile (app/window/validation.py)."""

from __future__ import annotations

import gc
import threading

import pytest

from app.window import validation
from app.window.validation import LiveValidator
from components.commands import MoveItems, RemoveItems
from components.validate import validate
from tests.app.window_helpers import make_window


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch, qtbot):
    """Every design counts as big, and the worker's build waits for ``release`` (and notes its thread)."""
    monkeypatch.setattr(validation, "BIG_DESIGN", 1)
    release = threading.Event()
    threads: list[threading.Thread] = []
    build = validation.build_live

    def held_build(doc):
        threads.append(threading.current_thread())
        assert release.wait(10)
        return build(doc)

    monkeypatch.setattr(validation, "build_live", held_build)
    yield release, threads
    release.set()
    qtbot.waitUntil(gc.isenabled, timeout=5000)  # the workers' hold let go: the next test starts as this one did


def _own_validator(qtbot, tmp_path, threads: list[threading.Thread]) -> tuple[object, LiveValidator]:
    """A window whose own validator is closed, and a validator of its design made here (the only one that
    builds), scheduled by the test."""
    window = make_window(qtbot, tmp_path)
    window.validator.close()
    threads.clear()
    return window, LiveValidator(window.editor, delay_ms=0)


def test_the_first_run_of_a_big_design_is_built_off_the_ui_thread(qtbot, tmp_path, held) -> None:
    release, threads = held
    window, validator = _own_validator(qtbot, tmp_path, threads)
    validator.schedule()
    qtbot.waitUntil(lambda: validator.in_background)
    assert validator.findings == [] and validator.runs == 0  # the window goes on meanwhile
    release.set()
    qtbot.waitUntil(lambda: validator.runs == 1)
    assert threads and threads[0] is not threading.main_thread()
    assert validator.findings == validate(window.editor.doc.diagram)
    window.editor.push(RemoveItems(["mon"]))  # then it follows edits as before
    validator.run_now()
    assert validator.findings == validate(window.editor.doc.diagram)
    validator.close()


def test_a_first_run_read_while_the_design_changed_is_dropped_and_built_again(qtbot, tmp_path, held) -> None:
    release, threads = held
    window, validator = _own_validator(qtbot, tmp_path, threads)
    reported: list[list] = []
    validator.updated.connect(lambda findings, _coverage: reported.append(findings))
    validator.schedule()
    qtbot.waitUntil(lambda: validator.in_background)
    window.editor.push(RemoveItems(["mon"]))  # while the worker reads the design
    release.set()
    qtbot.waitUntil(lambda: validator.runs == 1, timeout=5000)
    assert validator.discarded == 1 and len(threads) == 2  # built again, from the design as it is now
    assert reported == [validator.findings] == [validate(window.editor.doc.diagram)]
    assert "missing-monitoring" in {finding.rule for finding in validator.findings}
    validator.close()


def test_run_now_waits_for_the_worker_instead_of_building_twice(qtbot, tmp_path, held) -> None:
    release, threads = held
    window, validator = _own_validator(qtbot, tmp_path, threads)
    validator.schedule()
    qtbot.waitUntil(lambda: validator.in_background)
    release.set()
    validator.run_now()
    assert validator.runs == 1 and len(threads) == 1 and not validator.pending
    window.editor.push(MoveItems({"alert": (900.0, 300.0)}))
    validator.run_now()
    assert validator.findings == validate(window.editor.doc.diagram)
    validator.close()


def test_a_big_design_opened_in_a_window_already_validating_is_built_off_the_ui_thread(qtbot, tmp_path,
                                                                                       held) -> None:
    """File > Open of a big design after another: its whole validation went on the UI thread (the live
    state of the one before ran everything again there), freezing the window for seconds at 45,000 blocks."""
    release, threads = held
    release.set()
    window = make_window(qtbot, tmp_path)
    qtbot.waitUntil(lambda: window.validator.runs == 1, timeout=5000)
    release.clear()
    threads.clear()
    small = window.editor.doc.diagram
    opened = small.model_copy(update={  # another design: no monitoring
        "blocks": [block for block in small.blocks if block.id != "mon"],
        "connectors": [c for c in small.connectors if "mon" not in (c.source, c.target)]}, deep=True)
    window.editor.replace(opened, None)
    qtbot.waitUntil(lambda: window.validator.in_background, timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: window.validator.runs == 2, timeout=5000)
    assert threads and threads[0] is not threading.main_thread()
    assert window.validator.findings == validate(window.editor.doc.diagram) != []
