"""``auto_layout``: pick an engine, run it, and place the result back into the diagram.

Placement rules: the laid-out blocks keep their top-left where their bounding box was (or, when
some are pinned, the layout is moved so the first pinned block's slot is exactly where that block
is); pinned blocks, sticky notes and blocks outside a selection never move, and laid-out blocks
are moved clear of them; group frames are refitted around their members.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from components.gcpause import paused_gc
from components.layout.geometry import OBSTACLE_MARGIN, Rect, clear_shift, fit_frame, push_down
from components.layout.graph import LayoutGraph, build_graph
from components.model import Block, Diagram
from components.style import block_size

Engine = Literal["auto", "dot", "builtin"]
ENGINES: tuple[Engine, ...] = ("auto", "dot", "builtin")
COORDINATE_LIMIT = 1e7  # what the file format accepts


class LayoutError(ValueError):
    """The layout asked for cannot be made (dot requested but unusable, or a result out of range)."""


class LayoutCancelled(Exception):
    """The caller's ``cancel`` callback said stop (dot, if running, was killed); no result."""


@dataclass
class LayoutResult:
    """New top-left corners of the blocks that move, refitted group frames, and which engine ran."""

    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    groups: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    engine_used: Literal["dot", "builtin"] = "builtin"
    reason: str = ""  # why the built-in engine ran instead of dot ("" when nothing fell back)

    def summary(self) -> str:
        """One line for a status bar or stderr, e.g. 'Auto-layout (built-in engine: dot not found)'."""
        engine = "Graphviz dot" if self.engine_used == "dot" else "built-in engine"
        moved = len(self.positions)
        tail = f"{moved} block{'' if moved == 1 else 's'} moved"
        return f"Auto-layout with {engine} ({self.reason}): {tail}" if self.reason else \
            f"Auto-layout with {engine}: {tail}"


def auto_layout(
    diagram: Diagram,
    ids: Iterable[str] | None = None,
    engine: Engine = "auto",
    timeout: float = 10.0,
    cancel: Callable[[], bool] | None = None,
) -> LayoutResult:
    """Lay out the whole diagram, or only the blocks in ``ids``, left to right.

    ``engine="auto"`` tries Graphviz dot and falls back to the built-in engine when dot is missing,
    times out or fails (``reason`` says which); ``"dot"`` raises LayoutError instead of falling back.
    ``cancel`` (polled between steps and while dot runs) lets a caller on another thread stop the
    work early: LayoutCancelled is raised and the dot process group is killed.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown layout engine {engine!r} (choose from {', '.join(ENGINES)})")
    wanted = None if ids is None else set(ids)
    chosen = [b for b in diagram.blocks if wanted is None or b.id in wanted]
    if not chosen or all(b.pinned for b in chosen):
        used: Literal["dot", "builtin"] = "dot" if engine == "dot" else "builtin"
        return LayoutResult(engine_used=used, reason="" if chosen else "no blocks to lay out")
    with paused_gc():  # layout builds many small lists and no cycles
        graph = build_graph(diagram, chosen)
        _check(cancel)
        local, used, reason = _run_engine(graph, engine, timeout, cancel)
        _check(cancel)
        positions = _place(diagram, chosen, local, selection=wanted is not None)
    result = LayoutResult(engine_used=used, reason=reason)
    result.positions = {b.id: positions[b.id] for b in chosen
                        if b.id in positions and positions[b.id] != (b.x, b.y)}
    result.groups = _refit_groups(diagram, result.positions)
    return result


def _check(cancel: Callable[[], bool] | None) -> None:
    if cancel is not None and cancel():
        raise LayoutCancelled("auto-layout cancelled")


def _run_engine(graph: LayoutGraph, engine: Engine, timeout: float, cancel: Callable[[], bool] | None = None
                ) -> tuple[list[tuple[float, float]], Literal["dot", "builtin"], str]:
    from components.layout.builtin import builtin_layout

    if engine == "builtin":
        return builtin_layout(graph), "builtin", ""
    from components.layout.dot import DotError, dot_layout

    try:
        return dot_layout(graph, timeout, cancel), "dot", ""
    except DotError as exc:
        if engine == "dot":
            raise LayoutError(str(exc)) from None
        return builtin_layout(graph), "builtin", str(exc)


def _rect(block: Block, x: float | None = None, y: float | None = None) -> Rect:
    width, height = block_size(block.kind, block.width, block.height)
    return (block.x if x is None else x, block.y if y is None else y, width, height)


def _place(diagram: Diagram, chosen: list[Block], local: list[tuple[float, float]], selection: bool
           ) -> dict[str, tuple[float, float]]:
    """Scene positions for the laid-out blocks: anchored, cleared of everything that stays."""
    pinned = [i for i, b in enumerate(chosen) if b.pinned]
    if pinned:
        ref = pinned[0]
        dx, dy = chosen[ref].x - local[ref][0], chosen[ref].y - local[ref][1]
    else:
        dx = min(b.x for b in chosen) - min(p[0] for p in local)
        dy = min(b.y for b in chosen) - min(p[1] for p in local)
    movable: dict[str, Rect] = {}
    for i, block in enumerate(chosen):
        if not block.pinned:
            movable[block.id] = _rect(block, round(local[i][0] + dx), round(local[i][1] + dy))
    chosen_ids = {b.id for b in chosen}
    fixed = [_rect(b) for b in diagram.blocks if b.id not in chosen_ids or b.pinned]
    fixed += [(n.x, n.y, n.width, n.height) for n in diagram.notes]
    if selection and fixed:
        shift = clear_shift(list(movable.values()), fixed, OBSTACLE_MARGIN)
        if shift is not None and shift != (0.0, 0.0):
            movable = {k: (r[0] + shift[0], r[1] + shift[1], r[2], r[3]) for k, r in movable.items()}
    placed = push_down(movable, fixed, OBSTACLE_MARGIN)
    for x, y in placed.values():
        if abs(x) > COORDINATE_LIMIT or abs(y) > COORDINATE_LIMIT:
            raise LayoutError("the layout does not fit in the coordinate range of a design file")
    return {k: (float(x), float(y)) for k, (x, y) in placed.items()}


def _refit_groups(diagram: Diagram, moved: dict[str, tuple[float, float]]
                  ) -> dict[str, tuple[float, float, float, float]]:
    """New frames for the groups with a moved member, fitted around all their members."""
    if not moved:
        return {}
    blocks = {b.id: b for b in diagram.blocks}
    frames: dict[str, tuple[float, float, float, float]] = {}
    for group in diagram.groups:
        if not any(member in moved for member in group.members):
            continue
        rects = [_rect(blocks[m], *moved.get(m, (blocks[m].x, blocks[m].y))) for m in group.members]
        frame = fit_frame(rects)
        if frame != (group.x, group.y, group.width, group.height):
            frames[group.id] = frame
    return frames
