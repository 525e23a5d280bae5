"""Auto-layout results: no overlapping blocks with either engine, stages left to right, pinned blocks,
notes and unselected blocks stay put, selections keep their corner, group frames follow."""

from __future__ import annotations

import itertools
import random
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.catalog import KINDS
from components.document import Document
from components.io import dumps, load, parse
from components.layout import auto_layout, layout_command
from components.layout.geometry import overlaps
from components.model import Block, Connector, Diagram, Group, Note
from components.style import block_size
from components.synthetic import synthetic_diagram
from tests.conftest import EXAMPLES

HAVE_DOT = shutil.which("dot") is not None
ENGINES = ["builtin", pytest.param("dot", marks=pytest.mark.skipif(not HAVE_DOT, reason="Graphviz dot not installed"))]
FLOWS = ("request", "data", "model", "feedback", "observe")
KIND_IDS = sorted(KINDS)


def random_diagram(n: int, seed: int, pinned: int = 0, notes: int = 0) -> Diagram:
    """Random kinds, sizes and positions; about 1.3 connectors per block of every flow (so feedback
    and constraining cycles appear); the first ``pinned`` blocks pinned on a grid that never overlaps."""
    rng = random.Random(seed)
    blocks = []
    for i in range(n):
        if i < pinned:
            x, y = 5000.0 + 400 * (i % 4), 300.0 * (i // 4)
            width, height = None, None
        else:
            x, y = rng.uniform(-500, 4000), rng.uniform(-500, 3000)
            width = rng.choice([None, None, 90.0, 150.5, 240.0])
            height = rng.choice([None, None, 40.0, 96.0, 130.25])
        blocks.append(Block(id=f"b{i}", kind=rng.choice(KIND_IDS), label=f"Label {i}", x=x, y=y,
                            width=width, height=height, pinned=i < pinned))
    connectors = []
    for i in range(int(n * 1.3)):
        a, b = rng.randrange(n), rng.randrange(n)
        connectors.append(Connector(id=f"c{i}", source=f"b{a}", target=f"b{b}", flow=rng.choice(FLOWS)))
    note_items = [Note(id=f"n{i}", text="context", x=rng.uniform(0, 3000), y=rng.uniform(0, 2000))
                  for i in range(notes)]
    return Diagram(blocks=blocks, connectors=connectors, notes=note_items)


def rects(diagram: Diagram) -> dict[str, tuple[float, float, float, float]]:
    return {b.id: (b.x, b.y, *block_size(b.kind, b.width, b.height)) for b in diagram.blocks}


def overlapping_pairs(diagram: Diagram, skip_pinned_pairs: bool = True) -> list[tuple[str, str]]:
    """Pairs of blocks whose rectangles overlap (sort and sweep on x)."""
    pinned = {b.id for b in diagram.blocks if b.pinned}
    items = sorted(rects(diagram).items(), key=lambda kv: kv[1][0])
    found = []
    for i, (a, ra) in enumerate(items):
        for b, rb in items[i + 1:]:
            if rb[0] >= ra[0] + ra[2]:
                break
            if overlaps(ra, rb) and not (skip_pinned_pairs and a in pinned and b in pinned):
                found.append((a, b))
    return found


def applied(diagram: Diagram, **kwargs: object) -> tuple[Diagram, object]:
    """A laid-out copy of ``diagram`` (through layout_command) and the LayoutResult."""
    doc = Document(diagram.model_copy(deep=True))
    result = auto_layout(doc.diagram, **kwargs)  # type: ignore[arg-type]  # engine names from the parameters
    layout_command(doc, result).do(doc)
    return doc.diagram, result


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("n", "seed"), [(10, 1), (10, 2), (37, 3), (120, 4), (250, 5), (500, 6)])
def test_random_graphs_never_overlap(engine: str, n: int, seed: int) -> None:
    before = random_diagram(n, seed)
    after, result = applied(before, engine=engine)
    assert result.engine_used == engine and result.reason == ""
    assert overlapping_pairs(after) == []
    assert len(result.positions) > 0
    parse(dumps(after))  # still a valid design file


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("n", [13, 60, 300])
def test_synthetic_designs_never_overlap(engine: str, n: int) -> None:
    after, _ = applied(synthetic_diagram(n, seed=7), engine=engine)
    assert overlapping_pairs(after) == []


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.mlsd.json")), ids=lambda p: p.name.split(".")[0])
def test_every_template_lays_out_without_overlaps(engine: str, path: Path) -> None:
    before = load(path)
    after, result = applied(before, engine=engine)
    assert overlapping_pairs(after) == []
    notes = {(n.id, n.x, n.y) for n in before.notes}
    assert {(n.id, n.x, n.y) for n in after.notes} == notes
    for note in after.notes:
        for block_id, rect in rects(after).items():
            if block_id in result.positions:
                assert not overlaps(rect, (note.x, note.y, note.width, note.height)), (block_id, note.id)
    parse(dumps(after))


@settings(max_examples=40)
@given(n=st.integers(1, 30), seed=st.integers(0, 10**6), pinned=st.integers(0, 5), notes=st.integers(0, 3),
       engine=st.sampled_from(["builtin", "dot"] if HAVE_DOT else ["builtin"]))
def test_any_design_no_overlap_pinned_and_notes_stay(n: int, seed: int, pinned: int, notes: int, engine: str) -> None:
    before = random_diagram(n, seed, pinned=min(pinned, n), notes=notes)
    after, result = applied(before, engine=engine)
    assert overlapping_pairs(after) == []
    old = rects(before)
    for block in after.blocks:
        if block.pinned:
            assert (block.x, block.y) == old[block.id][:2]
            assert block.id not in result.positions
    assert [(n.x, n.y) for n in after.notes] == [(n.x, n.y) for n in before.notes]
    assert set(result.positions) <= {b.id for b in before.blocks if not b.pinned}


def pipeline(with_feedback: bool = True) -> Diagram:
    """A small ML system whose stages the layout must show left to right."""
    chain = [("src", "data_source"), ("fp", "feature_pipeline"), ("fs", "feature_store"),
             ("train", "training_pipeline"), ("eval", "offline_evaluation"), ("reg", "model_registry"),
             ("serve", "inference_service")]
    blocks = [Block(id=i, kind=k, label=i) for i, k in chain]
    blocks += [Block(id="client", kind="client"), Block(id="mon", kind="monitoring"),
               Block(id="alert", kind="alerting"), Block(id="log", kind="logging")]
    flows = {"train": "model", "eval": "model", "reg": "model"}
    connectors = [Connector(id=f"e{i}", source=a, target=b, flow=flows.get(a, "data"))
                  for i, ((a, _), (b, _)) in enumerate(itertools.pairwise(chain))]
    connectors += [Connector(id="r1", source="client", target="serve", flow="request"),
                   Connector(id="o1", source="serve", target="mon", flow="observe"),
                   Connector(id="o2", source="mon", target="alert", flow="observe")]
    if with_feedback:
        connectors += [Connector(id="f1", source="serve", target="log", flow="feedback"),
                       Connector(id="f2", source="log", target="src", flow="feedback"),
                       Connector(id="f3", source="mon", target="train", flow="feedback")]
    return Diagram(blocks=blocks, connectors=connectors)


@pytest.mark.parametrize("engine", ENGINES)
def test_stages_read_left_to_right_and_feedback_does_not_rank(engine: str) -> None:
    after, _ = applied(pipeline(), engine=engine)
    x = {b.id: b.x for b in after.blocks}
    order = ["src", "fp", "fs", "train", "eval", "reg", "serve", "mon", "alert"]
    assert [x[a] < x[b] for a, b in itertools.pairwise(order)] == [True] * (len(order) - 1), x
    assert x["client"] < x["serve"]
    without, _ = applied(pipeline(with_feedback=False), engine=engine)
    x2 = {b.id: b.x for b in without.blocks}
    columns = sorted(set(x.values()))
    columns2 = sorted(set(x2.values()))
    assert [columns.index(x[k]) for k in order] == [columns2.index(x2[k]) for k in order]


@pytest.mark.parametrize("engine", ENGINES)
def test_constraining_cycles_are_broken_not_fatal(engine: str) -> None:
    blocks = [Block(id=f"b{i}", kind="custom") for i in range(6)]
    connectors = [Connector(id=f"c{i}", source=f"b{i}", target=f"b{(i + 1) % 6}", flow="data") for i in range(6)]
    connectors.append(Connector(id="self", source="b0", target="b0", flow="request"))
    after, _result = applied(Diagram(blocks=blocks, connectors=connectors), engine=engine)
    assert overlapping_pairs(after) == []
    assert len({b.x for b in after.blocks}) == 6  # a ring of six reads as six columns


@pytest.mark.parametrize("engine", ENGINES)
def test_layout_keeps_the_top_left_and_is_deterministic(engine: str) -> None:
    before = synthetic_diagram(40, seed=2)
    after, first = applied(before, engine=engine)
    _, second = applied(before, engine=engine)
    assert first.positions == second.positions
    assert min(b.x for b in after.blocks) == round(min(b.x for b in before.blocks))
    assert min(b.y for b in after.blocks) == round(min(b.y for b in before.blocks))


@pytest.mark.parametrize("engine", ENGINES)
def test_layout_is_arranged_around_a_pinned_block(engine: str) -> None:
    before = pipeline()
    before.blocks[5].pinned = True  # the registry
    before.blocks[5].x, before.blocks[5].y = 3000.0, -700.0
    after, _result = applied(before, engine=engine)
    reg = next(b for b in after.blocks if b.id == "reg")
    assert (reg.x, reg.y) == (3000.0, -700.0)
    x = {b.id: b.x for b in after.blocks}
    assert x["eval"] < 3000.0 < x["serve"]  # the others were placed around it, in order
    assert overlapping_pairs(after) == []


@pytest.mark.parametrize("engine", ENGINES)
def test_selection_moves_only_selected_blocks_and_keeps_its_corner(engine: str) -> None:
    before = synthetic_diagram(26, seed=1)
    chosen = {b.id for b in before.blocks[:13]}
    # Move the selection far away from everything else so it has room where it is.
    for block in before.blocks[:13]:
        block.x += 20_000
    corner = (min(b.x for b in before.blocks[:13]), min(b.y for b in before.blocks[:13]))
    after, result = applied(before, ids=chosen, engine=engine)
    assert set(result.positions) <= chosen and result.positions
    for old, new in zip(before.blocks[13:], after.blocks[13:], strict=True):
        assert (old.x, old.y) == (new.x, new.y)
    moved = [b for b in after.blocks if b.id in chosen]
    assert (min(b.x for b in moved), min(b.y for b in moved)) == (round(corner[0]), round(corner[1]))
    assert overlapping_pairs(after) == []


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("seed", range(6))
def test_selection_is_cleared_of_unselected_neighbours(engine: str, seed: int) -> None:
    before = random_diagram(40, seed)
    rng = random.Random(seed)
    chosen = set(rng.sample([b.id for b in before.blocks], 15))
    # Unselected blocks must not overlap each other to start with: lay those out first.
    others = [b.id for b in before.blocks if b.id not in chosen]
    start, _ = applied(before, ids=others, engine="builtin")
    after, result = applied(start, ids=chosen, engine=engine)
    assert set(result.positions) <= chosen
    assert overlapping_pairs(after) == []
    for old, new in zip(start.blocks, after.blocks, strict=True):
        if old.id not in chosen:
            assert (old.x, old.y) == (new.x, new.y)


def test_group_frames_are_refitted_around_their_members() -> None:
    before = pipeline()
    before.groups = [Group(id="g_data", label="Data", members=["src", "fp", "fs"], x=-999, y=-999),
                     Group(id="g_empty", label="Empty", x=10, y=10, width=50, height=50)]
    after, result = applied(before, engine="builtin")
    assert set(result.groups) == {"g_data"}
    frame = next(g for g in after.groups if g.id == "g_data")
    for block_id, (x, y, w, h) in rects(after).items():
        if block_id in frame.members:
            assert frame.x < x and frame.y < y
            assert x + w < frame.x + frame.width and y + h < frame.y + frame.height
    assert next(g for g in after.groups if g.id == "g_empty").x == 10


def test_nothing_to_lay_out_and_bad_engine() -> None:
    assert auto_layout(Diagram()).positions == {}
    assert auto_layout(Diagram()).reason == "no blocks to lay out"
    only_pinned = Diagram(blocks=[Block(id="a", kind="client", pinned=True)])
    assert auto_layout(only_pinned).positions == {}
    assert auto_layout(pipeline(), ids=["nope"]).positions == {}
    with pytest.raises(ValueError, match="unknown layout engine"):
        auto_layout(pipeline(), engine="neato")  # type: ignore[arg-type]  # the test: an unknown engine is refused


def test_summary_names_the_engine_and_the_reason() -> None:
    from components.layout import LayoutResult

    assert LayoutResult({"a": (0, 0)}, {}, "dot", "").summary() == "Auto-layout with Graphviz dot: 1 block moved"
    text = LayoutResult({}, {}, "builtin", "dot not found").summary()
    assert text == "Auto-layout with built-in engine (dot not found): 0 blocks moved"
