"""The Graphviz engine: run ``dot`` on opaque node numbers and sizes, read back the positions.

dot never sees an id or a label: nodes are ``n0``, ``n1``... with a width and a height, so nothing a
user typed can reach it. Columns come from ``ranks`` (one ``rank=same`` group per layer, chained
left to right, through an invisible anchor per column); dot orders the blocks in each column and
spaces them. Feedback and observe connectors, and connectors reversed to break a cycle, are
``constraint=false`` when they run backwards; those running forwards stay ordinary edges so dot's
crossing reduction keeps a monitor next to what it watches (the columns are fixed either way).
It runs in its own process group with a timeout and is killed, with everything it started, when
the time is up; a process that escaped the group (``setsid``) cannot make us wait past the timeout.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import threading
from collections.abc import Callable

from components.layout.geometry import COLUMN_GAP, ROW_GAP
from components.layout.graph import LayoutGraph
from components.layout.ranks import rank

MAX_DOT_BLOCKS = 20_000
# Above this many blocks dot's own spacing (a network simplex) grows to seconds; dot then only orders
# the columns (a capped simplex) and the built-in engine's coordinate pass spaces them.
FULL_DOT_BLOCKS = 400
_FAST = ", mclimit=0.5, remincross=false, nslimit=0.001"
POINTS_PER_INCH = 72.0
REAP_SECONDS = 5.0


class DotError(RuntimeError):
    """dot could not lay the graph out; the message says why, for the user (e.g. "dot not found")."""


def dot_source(graph: LayoutGraph, dag: list[tuple[int, int]], layer: list[int], fast: bool = False) -> str:
    """The DOT text for a graph whose columns are already decided: only numbers, never text."""
    inch = POINTS_PER_INCH
    lines = [
        "digraph G {",
        f"graph [rankdir=LR, nodesep={ROW_GAP / inch:.4f}, ranksep={COLUMN_GAP / inch:.4f}, splines=false"
        f"{_FAST if fast else ''}];",
        'node [shape=box, fixedsize=true, label=""];',
        "edge [arrowhead=none];",
    ]
    for v in range(graph.n):
        lines.append(f"n{v} [width={graph.widths[v] / inch:.4f}, height={graph.heights[v] / inch:.4f}];")
    # One invisible, tiny anchor per column, chained left to right and ranked with the column, pins
    # every column to its layer even where no edge links it to the previous one.
    count = max(layer, default=-1) + 1
    columns: list[list[int]] = [[] for _ in range(count)]
    for v, value in enumerate(layer):
        columns[value].append(v)
    for index, members in enumerate(columns):
        lines.append(f'a{index} [width=0.01, height=0.01, style=invis];')
        lines.append(f"{{rank=same; a{index}; " + " ".join(f"n{v};" for v in members) + "}")
    for index in range(count - 1):
        lines.append(f"a{index} -> a{index + 1} [style=invis];")
    # The anchors fix the columns; edges only steer the order. Edges running backwards (reversed to
    # break a cycle, or feedback toward earlier columns) are constraint=false so they never rank.
    forward = set(dag)
    for u, v in graph.edges:
        constraint = "" if (u, v) in forward else " [constraint=false]"
        lines.append(f"n{u} -> n{v}{constraint};")
    for u, v in graph.loose:
        lines.append(f"n{u} -> n{v} [constraint=false];" if layer[u] >= layer[v] else f"n{u} -> n{v};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def dot_layout(graph: LayoutGraph, timeout: float, cancel: Callable[[], bool] | None = None) -> list[tuple[float, float]]:
    """Top-left corners (scene units, y down) for every node; raises DotError when dot cannot."""
    if graph.n > MAX_DOT_BLOCKS:
        raise DotError(f"too many blocks for dot ({graph.n:,} > {MAX_DOT_BLOCKS:,})")
    program = shutil.which("dot")
    if program is None:
        raise DotError("dot not found")
    dag, layer = rank(graph)
    fast = graph.n > FULL_DOT_BLOCKS
    output = run_dot(program, dot_source(graph, dag, layer, fast), timeout, cancel)
    centres = parse_plain(output, graph.n)
    if not fast:
        return [(x - graph.widths[v] / 2, y - graph.heights[v] / 2) for v, (x, y) in enumerate(centres)]
    from components.layout.builtin import place_rows

    rows: list[list[int]] = [[] for _ in range(max(layer) + 1)]
    for v in sorted(range(graph.n), key=lambda v: centres[v][1]):
        rows[layer[v]].append(v)
    out: list[tuple[float, float]] = [(0.0, 0.0)] * graph.n
    place_rows(graph, rows, layer, [*graph.edges, *graph.loose], out)
    return out


def run_dot(program: str, source: str, timeout: float, cancel: Callable[[], bool] | None = None) -> str:
    """dot's ``-Tplain`` output for ``source``; the process group is killed after ``timeout`` s, or
    as soon as ``cancel()`` turns true (polled every 50 ms by a watcher thread; raises LayoutCancelled)."""
    try:
        process = subprocess.Popen(
            [program, "-Tplain"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as exc:
        raise DotError(f"dot failed: {exc.strerror or exc}") from None
    try:
        out, err = _communicate(process, source.encode("ascii"), timeout, cancel)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise DotError(f"dot timed out after {timeout:g} s") from None
    except BaseException:
        _kill_group(process)
        raise
    if process.returncode != 0:
        detail = err.decode("utf-8", "replace").strip().splitlines()
        why = detail[0] if detail else f"exit status {process.returncode}"
        raise DotError(f"dot failed: {why}")
    return out.decode("utf-8", "replace")


def _communicate(process: subprocess.Popen[bytes], data: bytes, timeout: float,
                 cancel: Callable[[], bool] | None) -> tuple[bytes, bytes]:
    """``communicate`` in one call (a retried one would stop feeding dot its input), while a
    watcher thread polls ``cancel`` and kills dot's process group, which ends the call at once."""
    if cancel is None:
        return process.communicate(data, timeout=timeout)
    finished = threading.Event()
    killed: list[bool] = []

    def watch() -> None:
        while not finished.wait(0.05):
            if cancel() and process.returncode is None:
                killed.append(True)
                _signal_group(process)
                return

    watcher = threading.Thread(target=watch, name="dot-cancel", daemon=True)
    watcher.start()
    try:
        out = process.communicate(data, timeout=timeout)
    finally:
        finished.set()
        watcher.join()
    if killed:
        from components.layout.api import LayoutCancelled

        raise LayoutCancelled("auto-layout cancelled")
    return out


def _signal_group(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL dot and anything it started (a wrapper script's children hold the pipes open)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        process.kill()


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill dot's process group and reap dot. The pipes are closed, never drained: a grandchild that
    left the group (``setsid``) is out of reach and may hold them open for as long as it likes."""
    _signal_group(process)
    for pipe in (process.stdin, process.stdout, process.stderr):
        if pipe is not None:
            with contextlib.suppress(OSError):
                pipe.close()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=REAP_SECONDS)  # SIGKILL ends dot at once unless the kernel is stuck


def parse_plain(text: str, n: int) -> list[tuple[float, float]]:
    """Node centres from ``-Tplain`` output, converted from inches with y up to units with y down."""
    centres: list[tuple[float, float] | None] = [None] * n
    for line in text.splitlines():
        if not line.startswith("node n"):  # block nodes only, not the column anchors
            continue
        parts = line.split()
        try:
            v = int(parts[1][1:])
            x = float(parts[2]) * POINTS_PER_INCH
            y = -float(parts[3]) * POINTS_PER_INCH
        except (IndexError, ValueError):
            raise DotError("dot failed: unreadable output") from None
        if 0 <= v < n:
            centres[v] = (x, y)
    missing = [v for v, c in enumerate(centres) if c is None]
    if missing:
        raise DotError(f"dot failed: no position for {len(missing)} of {n} blocks")
    return [centre for centre in centres if centre is not None]  # all of them: none is missing
