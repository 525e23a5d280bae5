"""a big design whose text holds a lone surrogate (the stepped serialiser raises ValueError,
app/autosave.py Autosaver._step falls back to write_now) must never leave a partial recovery copy: the
step timer and the stepper are left running after the fallback, the exhausted generator then reports
done, and its half-made bytes are queued over the good copy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app import autosave_steps
from app.autosave import Autosaver
from app.autosave_steps import SteppedSnapshot
from app.editor import Editor
from components.commands import MoveItems
from components.synthetic import synthetic_diagram


@pytest.fixture
def small_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(autosave_steps, "STEPPED_FROM", 10)
    monkeypatch.setattr(autosave_steps, "STEP_ELEMENTS", 5)
    monkeypatch.setattr(SteppedSnapshot.__init__, "__defaults__", (5,))


def test_a_lone_surrogate_never_leaves_a_partial_copy(qtbot, tmp_path: Path, small_steps) -> None:
    diagram = synthetic_diagram(60, seed=1)
    blocks = list(diagram.blocks)
    blocks[-1] = blocks[-1].model_copy(update={"label": "bad \ud800 text"})  # in a late slice
    editor = Editor(diagram.model_copy(update={"blocks": blocks}))
    saver = Autosaver(editor, folder=tmp_path / "recovery", idle_ms=10, max_interval_ms=10_000)
    written: list[Path] = []
    saver.written.connect(written.append)
    editor.push(MoveItems.by(editor.doc, [blocks[0].id], 10, 0))
    qtbot.waitUntil(lambda: bool(written))
    qtbot.wait(300)  # any further step of the dropped stepper
    saver.wait()
    text = saver.content_path.read_text(encoding="utf-8", errors="surrogateescape")
    try:
        json.loads(text)
    finally:
        saver.close()
    assert len(written) == 1, f"{len(written)} copies written for one edit"
