"""The Graphviz side of auto-layout: what dot receives, and falling back when dot is missing,
hangs, fails, prints garbage, or the design is too big for it."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import stat
import time
from pathlib import Path

import pytest

import components.layout.dot as dot_engine
from components.layout import LayoutError, auto_layout
from components.layout.graph import build_graph
from components.layout.ranks import rank
from components.model import Block, Connector, Diagram
from components.synthetic import synthetic_diagram
from tests.core.test_layout_engines import applied, overlapping_pairs, pipeline, random_diagram

REAL_DOT = shutil.which("dot")
needs_dot = pytest.mark.skipif(REAL_DOT is None, reason="Graphviz dot not installed")


def fake_dot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> Path:
    """Put an executable ``dot`` (a shell script) first and alone on PATH."""
    folder = tmp_path / "bin"
    folder.mkdir()
    program = folder / "dot"
    program.write_text("#!/bin/sh\n" + script)
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(folder))
    return program


def test_builtin_runs_when_dot_is_not_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder
    after, result = applied(pipeline())
    assert (result.engine_used, result.reason) == ("builtin", "dot not found")
    assert result.positions and overlapping_pairs(after) == []
    with pytest.raises(LayoutError, match="dot not found"):
        auto_layout(pipeline(), engine="dot")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers signal 0; it is dead for our purpose.
    status = Path(f"/proc/{pid}/stat")
    return status.exists() and status.read_text().split(")")[-1].split()[0] != "Z"


def test_a_hung_dot_is_killed_by_the_timeout_and_the_builtin_takes_over(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pids = tmp_path / "pids"
    fake_dot(tmp_path, monkeypatch, f"echo $$ > {pids}\n/bin/sleep 60 &\necho $! >> {pids}\nwait\n")
    start = time.monotonic()
    after, result = applied(pipeline(), timeout=1.0)
    elapsed = time.monotonic() - start
    assert (result.engine_used, result.reason) == ("builtin", "dot timed out after 1 s")
    assert elapsed < 30  # far less than the fake's 60 s sleep: it was cut off, not waited for
    assert overlapping_pairs(after) == [] and result.positions
    script_pid, sleep_pid = (int(line) for line in pids.read_text().split())
    deadline = time.monotonic() + 5
    while (_alive(script_pid) or _alive(sleep_pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(script_pid) and not _alive(sleep_pid)  # the whole process group is gone


def test_a_grandchild_that_left_the_group_cannot_hold_the_timeout_open(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """setsid puts the grandchild out of reach of the group kill, and it keeps dot's stdout open:
    the layout must still return at the timeout, while that grandchild is alive (not after it
    exits, which is what waiting for the pipe to close would do)."""
    pid_file = tmp_path / "grandchild"
    setsid = shutil.which("setsid")
    if setsid is None:
        pytest.skip("no setsid program")
    fake_dot(tmp_path, monkeypatch,
             f"{setsid} /bin/sh -c 'echo $$ > {pid_file}; exec /bin/sleep 30' &\n/bin/sleep 60\n")
    try:
        after, result = applied(pipeline(), timeout=1.0)
        assert (result.engine_used, result.reason) == ("builtin", "dot timed out after 1 s")
        assert overlapping_pairs(after) == [] and result.positions
        grandchild = int(pid_file.read_text())
        assert _alive(grandchild)  # still holding the pipe, and we did not wait for it
    finally:
        if pid_file.exists() and pid_file.read_text().strip():
            with contextlib.suppress(OSError):
                os.kill(int(pid_file.read_text()), signal.SIGKILL)


@pytest.mark.parametrize(("script", "reason"), [
    ("echo 'Error: syntax error in line 1' >&2\nexit 1\n", "dot failed: Error: syntax error in line 1"),
    ("exit 3\n", "dot failed: exit status 3"),
    ("/bin/cat > /dev/null\necho 'node n0 1.0 oops'\n", "dot failed: unreadable output"),
    ("/bin/cat > /dev/null\necho 'graph 1 2 3'\n", "dot failed: no position for"),
])
def test_a_failing_dot_falls_back_with_its_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  script: str, reason: str) -> None:
    fake_dot(tmp_path, monkeypatch, script)
    result = auto_layout(pipeline())
    assert result.engine_used == "builtin"
    assert result.reason.startswith(reason)
    with pytest.raises(LayoutError, match="dot failed"):
        auto_layout(pipeline(), engine="dot")


def test_a_design_too_big_for_dot_uses_the_builtin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dot_engine, "MAX_DOT_BLOCKS", 5)
    result = auto_layout(pipeline())
    assert (result.engine_used, result.reason) == ("builtin", "too many blocks for dot (11 > 5)")


@needs_dot
def test_dot_receives_only_numbers_and_sizes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    captured = tmp_path / "input.dot"
    fake_dot(tmp_path, monkeypatch, f'/bin/cat > {captured}\nexec {REAL_DOT} "$@" < {captured}\n')
    secret = "Top secret ranker (do not leak)"
    diagram = pipeline()
    for block in diagram.blocks:
        block.label = f"{secret} {block.id}"
        block.notes = "internal note"
    diagram.connectors[0].label = "edge label text"
    after, result = applied(diagram)
    assert result.engine_used == "dot" and result.reason == ""
    text = captured.read_text()
    assert "digraph" in text and "rankdir=LR" in text
    for leak in ("secret", "note", "edge label", "ranker", "src", "serve", "client", "monitoring"):
        assert leak not in text.lower()
    assert 'label=""' in text  # dot's default label (the node name) is switched off too
    assert overlapping_pairs(after) == []


@needs_dot
def test_dot_source_sizes_ranks_and_non_constraining_feedback() -> None:
    diagram = pipeline()
    diagram.blocks[0].width, diagram.blocks[0].height = 216.0, 36.0
    graph = build_graph(diagram, diagram.blocks)
    dag, layer = rank(graph)
    text = dot_engine.dot_source(graph, dag, layer)
    assert "n0 [width=3.0000, height=0.5000];" in text  # 216 / 72 and 36 / 72 inches
    assert "fixedsize=true" in text and "shape=box" in text
    index = {block_id: i for i, block_id in enumerate(graph.ids)}
    # Feedback going back to earlier columns never constrains ranks.
    assert f"n{index['log']} -> n{index['src']} [constraint=false];" in text
    assert f"n{index['mon']} -> n{index['train']} [constraint=false];" in text
    assert text.count("rank=same") == max(layer) + 1


@needs_dot
def test_dot_columns_are_the_computed_layers() -> None:
    diagram = synthetic_diagram(120, seed=4)
    graph = build_graph(diagram, diagram.blocks)
    _, layer = rank(graph)
    corners = dot_engine.dot_layout(graph, timeout=30)
    centres = [x + graph.widths[v] / 2 for v, (x, _) in enumerate(corners)]
    by_layer: dict[int, set[float]] = {}
    for v, value in enumerate(layer):
        by_layer.setdefault(value, set()).add(round(centres[v], 1))
    assert all(len(xs) == 1 for xs in by_layer.values())  # one column per layer
    xs = [next(iter(by_layer[k])) for k in sorted(by_layer)]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)  # in order, left to right


@needs_dot
def test_big_designs_use_dot_for_order_and_stay_overlap_free(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dot_engine, "FULL_DOT_BLOCKS", 20)
    after, result = applied(random_diagram(80, seed=11), engine="dot")
    assert result.engine_used == "dot"
    assert overlapping_pairs(after) == []


def test_parse_plain_converts_inches_and_flips_y() -> None:
    text = "graph 1 4 2\nnode n1 2 1.5 1 0.5 \"\" solid box black lightgrey\nnode a0 0 0 0 0\n" \
           "node n0 0.5 0.25 1 0.5 \"\" solid box black lightgrey\nstop\n"
    assert dot_engine.parse_plain(text, 2) == [(36.0, -18.0), (144.0, -108.0)]


def test_ranks_ignore_loose_edges_for_blocks_with_constraining_ones() -> None:
    base = pipeline(with_feedback=False)
    looped = pipeline(with_feedback=True)
    # Extra feedback from the end to the start of the chain, and observe edges backwards.
    looped.connectors.append(Connector(id="f9", source="serve", target="fp", flow="feedback"))
    looped.connectors.append(Connector(id="o9", source="alert", target="src", flow="observe"))
    graph_a = build_graph(base, base.blocks)
    graph_b = build_graph(looped, looped.blocks)
    _, layer_a = rank(graph_a)
    _, layer_b = rank(graph_b)
    constrained = {u for e in graph_a.edges for u in e}
    assert [layer_a[v] for v in sorted(constrained)] == [layer_b[v] for v in sorted(constrained)]


def test_stage_guides_place_blocks_without_constraining_edges() -> None:
    blocks = [Block(id="rank", kind="ranking"), Block(id="cand", kind="candidate_generation"),
              Block(id="mon", kind="monitoring"), Block(id="alert", kind="alerting"),
              Block(id="tracker", kind="experiment_tracker"), Block(id="src", kind="data_source")]
    connectors = [Connector(id="r", source="cand", target="rank", flow="request"),
                  Connector(id="o1", source="rank", target="mon", flow="observe"),
                  Connector(id="o2", source="mon", target="alert", flow="observe"),
                  Connector(id="f", source="alert", target="src", flow="feedback")]
    diagram = Diagram(blocks=blocks, connectors=connectors)
    graph = build_graph(diagram, diagram.blocks)
    _, layer = rank(graph)
    at = dict(zip(graph.ids, layer, strict=True))
    assert at["cand"] < at["rank"] < at["mon"] < at["alert"]
    assert at["src"] <= at["cand"]  # a data source nothing feeds sits with the earliest stages
