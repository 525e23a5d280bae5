"""A big design's recovery copy is made in slices between turns of the event loop (app/autosave_steps.py):
the same design as the copy made in one go, never made of two states of the design, and made in one go
after all when edits keep cutting it short."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import autosave, autosave_steps
from app.autosave import Autosaver, snapshot
from app.autosave_steps import SteppedSnapshot
from app.editor import Editor
from components.commands import MoveItems
from components.io import parse
from components.model import Diagram, Group, Note
from components.synthetic import synthetic_diagram


def _whole(diagram: Diagram, size: int) -> SteppedSnapshot:
    steps = SteppedSnapshot(diagram, size)
    while not steps.step():
        pass
    return steps


@settings(max_examples=20, deadline=None)
@given(blocks=st.integers(0, 40), size=st.integers(1, 50), notes=st.booleans(), title=st.text(max_size=20))
def test_the_copy_in_steps_is_the_design_the_copy_in_one_go_is(blocks, size, notes, title) -> None:
    diagram = synthetic_diagram(blocks, seed=blocks) if blocks else Diagram()
    extra = {"title": title}
    if notes:
        extra.update(notes=[Note(id="n", text="a\u00e9\U0001f600")], groups=[Group(id="g", label="G")])
    diagram = diagram.model_copy(update=extra)
    steps = _whole(diagram, size)
    total = len(diagram.blocks) + len(diagram.connectors) + len(diagram.notes) + len(diagram.groups)
    assert steps.steps >= 1 + total // size
    assert json.loads(steps.result()) == json.loads(snapshot(diagram))
    assert parse(steps.result().decode()) == diagram


@pytest.fixture
def small_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(autosave_steps, "STEPPED_FROM", 10)
    monkeypatch.setattr(autosave_steps, "STEP_ELEMENTS", 5)
    monkeypatch.setattr(SteppedSnapshot.__init__, "__defaults__", (5,))


def _saver(qtbot, tmp_path: Path) -> tuple[Editor, Autosaver]:
    editor = Editor(synthetic_diagram(60, seed=1))
    saver = Autosaver(editor, folder=tmp_path / "recovery", idle_ms=10, max_interval_ms=10_000)
    return editor, saver


def test_a_big_design_s_copy_is_made_in_steps_between_events(qtbot, tmp_path: Path, small_steps) -> None:
    editor, saver = _saver(qtbot, tmp_path)
    written: list[Path] = []
    saver.written.connect(written.append)
    editor.push(MoveItems.by(editor.doc, [editor.doc.diagram.blocks[0].id], 10, 0))
    qtbot.waitUntil(lambda: saver._stepper is not None)
    assert not written  # one slice per turn of the event loop
    qtbot.waitUntil(lambda: bool(written))
    assert parse(saver.content_path.read_text()) == editor.doc.diagram
    saver.close()


def test_an_edit_between_steps_drops_the_copy_and_a_later_one_is_of_the_new_design(qtbot, tmp_path: Path,
                                                                                   small_steps) -> None:
    editor, saver = _saver(qtbot, tmp_path)
    written: list[Path] = []
    saver.written.connect(written.append)
    mover = editor.doc.diagram.blocks[0].id
    editor.push(MoveItems.by(editor.doc, [mover], 10, 0))
    qtbot.waitUntil(lambda: saver._stepper is not None)
    stepper = saver._stepper
    editor.push(MoveItems.by(editor.doc, [mover], 0, 30))
    qtbot.waitUntil(lambda: bool(written))
    assert not stepper.done  # cut short: never finished from the old design
    assert parse(saver.content_path.read_text()) == editor.doc.diagram
    saver.close()


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[SteppedSnapshot]:
    """Every copy in steps the autosaver starts."""
    started: list[SteppedSnapshot] = []

    class Counted(SteppedSnapshot):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            started.append(self)

    monkeypatch.setattr(autosave, "SteppedSnapshot", Counted)
    return started


def test_edits_cutting_the_steps_short_again_and_again_get_a_copy_in_one_go(qtbot, tmp_path: Path, small_steps,
                                                                            made: list[SteppedSnapshot]) -> None:
    editor = Editor(synthetic_diagram(60, seed=1))
    saver = Autosaver(editor, folder=tmp_path / "recovery", idle_ms=60_000, max_interval_ms=60_000)  # timers by hand
    written: list[Path] = []
    saver.written.connect(written.append)
    mover = editor.doc.diagram.blocks[0].id
    for step in range(autosave.GIVE_UP_STEPPING):
        editor.push(MoveItems.by(editor.doc, [mover], 10, 0))
        saver._due()  # the idle timer
        saver._step()  # some of the copy made, then an edit...
        editor.push(MoveItems.by(editor.doc, [mover], 0, 10 + step))
        saver._step()
        assert saver._stepper is None
    saver._due()
    qtbot.waitUntil(lambda: bool(written))
    assert len(made) == autosave.GIVE_UP_STEPPING and not any(steps.done for steps in made)
    assert parse(saver.content_path.read_text()) == editor.doc.diagram
    saver.close()


def test_continuous_editing_gets_a_copy_by_the_deadline(qtbot, tmp_path: Path, small_steps,
                                                        made: list[SteppedSnapshot]) -> None:
    """Edits that keep coming would cut every copy in steps short; the deadline's copy (at least every
    30 s) is made in one go: before, it came only after GIVE_UP_STEPPING more deadlines (~90 s)."""
    editor = Editor(synthetic_diagram(60, seed=1))
    saver = Autosaver(editor, folder=tmp_path / "recovery", idle_ms=60_000, max_interval_ms=50)
    written: list[Path] = []
    saver.written.connect(written.append)
    editor.push(MoveItems.by(editor.doc, [editor.doc.diagram.blocks[0].id], 1, 0))  # the idle timer never fires
    qtbot.waitUntil(lambda: bool(written), timeout=5000)
    assert made == [] and parse(saver.content_path.read_text()) == editor.doc.diagram
    saver.close()
