"""Applying a layout: one undoable "Auto-layout" step that undo reverses exactly; `mlsd layout`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.cli import main
from components.commands import History, Macro
from components.document import Document
from components.io import load, save
from components.layout import auto_layout, layout_command
from components.layout.geometry import clear_shift, overlaps, push_down
from components.model import Group, Note
from tests.core.test_layout_engines import HAVE_DOT, overlapping_pairs, pipeline, random_diagram


def snapshot(doc: Document) -> dict[str, tuple[float, ...]]:
    state: dict[str, tuple[float, ...]] = {b.id: (b.x, b.y) for b in doc.diagram.blocks}
    state |= {g.id: (g.x, g.y, g.width, g.height) for g in doc.diagram.groups}
    state |= {n.id: (n.x, n.y) for n in doc.diagram.notes}
    return state


@settings(max_examples=25)
@given(n=st.integers(2, 40), seed=st.integers(0, 10**6), pinned=st.integers(0, 4),
       engine=st.sampled_from(["builtin", "dot"] if HAVE_DOT else ["builtin"]))
def test_undo_restores_every_position_and_redo_reapplies(n: int, seed: int, pinned: int, engine: str) -> None:
    diagram = random_diagram(n, seed, pinned=min(pinned, n), notes=1)
    diagram.groups = [Group(id="g", label="Group", members=[b.id for b in diagram.blocks[: n // 2]])]
    doc = Document(diagram)
    history = History(doc)
    before = snapshot(doc)
    result = auto_layout(doc.diagram, engine=engine)
    command = layout_command(doc, result)
    assert isinstance(command, Macro) and command.text == "Auto-layout"
    history.push(command)
    after = snapshot(doc)
    for block_id, (x, y) in result.positions.items():
        assert after[block_id] == (x, y)
    for group_id, frame in result.groups.items():
        assert after[group_id] == frame
    assert history.undo_text == "Auto-layout"
    assert history.undo()
    assert snapshot(doc) == before
    assert not history.can_undo  # one step, not one per block
    assert history.redo()
    assert snapshot(doc) == after


def test_layout_command_skips_elements_that_are_gone() -> None:
    doc = Document(pipeline())
    result = auto_layout(doc.diagram, engine="builtin")
    result.positions["ghost"] = (1.0, 2.0)
    result.groups["ghost_group"] = (0.0, 0.0, 10.0, 10.0)
    history = History(doc)
    history.push(layout_command(doc, result))
    assert doc.find("ghost") is None and history.undo()


def test_push_down_clears_everything_and_only_moves_down() -> None:
    fixed = [(0.0, 0.0, 100.0, 100.0), (150.0, 130.0, 80.0, 80.0)]
    movable = {"a": (10.0, 10.0, 50.0, 50.0), "b": (20.0, 40.0, 50.0, 50.0), "c": (160.0, 120.0, 40.0, 40.0),
               "far": (900.0, 900.0, 10.0, 10.0)}
    placed = push_down(movable, fixed, fixed_margin=24)
    assert placed["far"] == (900.0, 900.0)
    rects = {k: (x, y, movable[k][2], movable[k][3]) for k, (x, y) in placed.items()}
    for key, rect in rects.items():
        assert rect[0] == movable[key][0] and rect[1] >= movable[key][1]
        assert not any(overlaps(rect, f, 24) for f in fixed)
    keys = sorted(rects)
    assert not any(overlaps(rects[a], rects[b]) for i, a in enumerate(keys) for b in keys[i + 1:])


@settings(max_examples=60)
@given(st.lists(st.tuples(st.integers(-300, 300), st.integers(-300, 300), st.integers(1, 200), st.integers(1, 200)),
                min_size=1, max_size=30),
       st.lists(st.tuples(st.integers(-300, 300), st.integers(-300, 300), st.integers(1, 200), st.integers(1, 200)),
                max_size=6),
       st.integers(0, 40))
def test_push_down_never_leaves_an_overlap(movable: list, fixed: list, margin: int) -> None:
    named = {f"m{i}": tuple(map(float, r)) for i, r in enumerate(movable)}
    placed = push_down(named, [tuple(map(float, r)) for r in fixed], fixed_margin=margin)
    rects = [(x, y, named[k][2], named[k][3]) for k, (x, y) in placed.items()]
    for i, a in enumerate(rects):
        assert not any(overlaps(a, f, margin) for f in fixed)
        assert not any(overlaps(a, b) for b in rects[i + 1:])


def test_clear_shift_moves_a_selection_as_a_whole_when_it_can() -> None:
    moving = [(0.0, 0.0, 100.0, 50.0), (0.0, 80.0, 100.0, 50.0)]
    assert clear_shift(moving, [(500.0, 500.0, 10.0, 10.0)]) == (0.0, 0.0)
    dx, dy = clear_shift(moving, [(90.0, 100.0, 60.0, 60.0)], margin=10)  # type: ignore[misc]  # not None: the box must move
    assert (dx, dy) != (0.0, 0.0)
    assert not any(overlaps((x + dx, y + dy, w, h), (90.0, 100.0, 60.0, 60.0), 10) for x, y, w, h in moving)


# ----- mlsd layout ------------------------------------------------------------------------------------------
def test_cli_lays_out_in_place_and_reports_the_engine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "design.mlsd.json"
    diagram = random_diagram(30, seed=3)
    diagram.notes = [Note(id="note", text="hi", x=-2000, y=-2000)]
    save(diagram, path)
    os.chmod(path, 0o640)
    assert main(["layout", str(path), "--engine", "builtin"]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"{path}: Auto-layout with built-in engine:")
    laid = load(path)
    assert overlapping_pairs(laid) == [] and laid.notes[0].x == -2000
    assert [b.id for b in laid.blocks] == [b.id for b in diagram.blocks]
    assert (path.stat().st_mode & 0o777) == 0o640  # written through the atomic save, mode kept


def test_cli_output_file_leaves_the_input_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "in.mlsd.json", tmp_path / "out.mlsd.json"
    save(pipeline(), source)
    original = source.read_bytes()
    assert main(["layout", str(source), "-o", str(target), "--timeout", "5"]) == 0
    assert source.read_bytes() == original
    assert load(target).blocks != load(source).blocks
    assert "Auto-layout with" in capsys.readouterr().err


def test_cli_says_why_it_fell_back(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "d.mlsd.json"
    save(pipeline(), path)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["layout", str(path)]) == 0
    assert "built-in engine (dot not found)" in capsys.readouterr().err
    assert main(["layout", str(path), "--engine", "dot"]) == 2
    assert capsys.readouterr().err.strip() == f"{path}: dot not found"


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such file"), ("{", "not valid JSON"), ('{"blocks": 3}', ""),
])
def test_cli_bad_input_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             content: str | None, message: str) -> None:
    path = tmp_path / "bad.mlsd.json"
    if content is not None:
        path.write_text(content)
    assert main(["layout", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"{path}: ") and message in err and "\n" not in err
    if content is not None:
        assert path.read_text() == content


def test_cli_rejects_a_bad_timeout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["layout", str(tmp_path / "x.mlsd.json"), "--timeout", "-1"])
    assert exc.value.code == 2
    assert "positive number of seconds" in capsys.readouterr().err


def test_auto_layout_clears_the_waypoints_of_connectors_it_pulls_apart_and_undo_brings_them_back() -> None:
    from components.commands import SetWaypoints
    from components.io import dumps

    doc = Document(pipeline())  # every block starts at (0, 0): the layout moves each by its own offset
    history = History(doc)
    for connector in doc.diagram.connectors:
        history.push(SetWaypoints(connector.id, [(-300, -300)]))
    before = dumps(doc.diagram)
    history.push(layout_command(doc, auto_layout(doc.diagram, engine="builtin")))
    assert all(c.waypoints is None for c in doc.diagram.connectors)
    history.undo()
    assert dumps(doc.diagram) == before
