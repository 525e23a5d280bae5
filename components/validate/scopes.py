"""How far a rule looks: the part of the design an edit can change its findings in.

Every rule declares, beside what it reads (``Reads``), the shape of what its findings depend on, so live
validation (``components.validate.live``) re-checks after an edit only the rules and the blocks the edit
can reach, on a small piece of the design, and gets exactly what a full validation would:

- ``Local``: each finding is about one block, its subject (``blocks[subject_at]``), and depends only on
  blocks near it: those within ``hops`` connectors either way, plus the blocks ``walks`` reach, plus what
  a ``traced`` search sees (remembered per subject, since it cannot be inverted).
  Evaluating the rule on any piece of the design that holds those blocks gives the subject's findings.
  Findings about no block depend on the requirements and the rule's ``facts`` only.
- ``Parts``: the findings come from parts of the design (weakly connected over some flows, e.g. one
  request path each), combined: one part can silence the rule (``veto``), the others that ``join`` are
  evaluated together.
- ``Summary``: the rule looks at a few blocks chosen from maintained facts (one block of each kind...),
  re-evaluated on those whenever what it reads changes.
- ``MAIN_PART``: the one rule about how the whole design falls apart (components kept up to date).

The walks here run on a ``View``: the live design's blocks and connectors, by id.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph
    from components.validate.rules.base import Hit


class View(Protocol):
    """The live design as the scopes see it (``components.validate.live_graph.LiveGraph``)."""

    def out(self, block_id: str) -> Iterable[tuple[str, str]]: ...  # (target, flow)
    def into(self, block_id: str) -> Iterable[tuple[str, str]]: ...  # (source, flow)
    def kind(self, block_id: str) -> str: ...
    def prop(self, block_id: str, name: str, default: Any = None) -> Any: ...
    def model_serving(self, block_id: str) -> bool: ...
    def has(self, block_id: str) -> bool: ...


def _steps(view: View, block_id: str, flows: Collection[str] | None, upstream: bool | None) -> Iterator[str]:
    """The blocks one connector away: against the arrows (upstream), along them, or both (None)."""
    if upstream is not False:
        for other, flow in view.into(block_id):
            if flows is None or flow in flows:
                yield other
    if upstream is not True:
        for other, flow in view.out(block_id):
            if flows is None or flow in flows:
                yield other


def hops(view: View, starts: Iterable[str], count: int, flows: Collection[str] | None = None) -> set[str]:
    """The blocks within ``count`` connectors of ``starts`` either way (the starts included)."""
    found = set(starts)
    wave = list(found)
    for _ in range(count):
        following = []
        for block_id in wave:
            for other in _steps(view, block_id, flows, None):
                if other not in found:
                    found.add(other)
                    following.append(other)
        wave = following
    return found


@dataclass(frozen=True)
class Walk:
    """A walk a rule makes from its subject: over ``flows``, against the arrows when ``upstream`` (along
    them when False, both ways when None), from every block within ``start`` hops of the subject, never
    through a block of a ``stop`` kind (it is reached, not walked on from), at most ``depth`` steps; with
    the blocks within ``halo`` hops of every block walked."""

    flows: tuple[str, ...] | None
    upstream: bool | None
    stop: frozenset[str] = frozenset()
    depth: int | None = None
    start: int = 0
    halo: int = 0

    def reach(self, view: View, subject: str) -> set[str]:
        return hops(view, self._run(view, hops(view, [subject], self.start), self.upstream), self.halo)

    def inverse(self, view: View, block_id: str) -> set[str]:
        """Every subject whose walk can reach ``block_id``: the same walk from it, the other way."""
        back = None if self.upstream is None else not self.upstream
        return hops(view, self._run(view, hops(view, [block_id], self.halo), back, inverse=True), self.start)

    def _run(self, view: View, starts: Iterable[str], upstream: bool | None, inverse: bool = False) -> set[str]:
        """The walk itself. Forwards, a stop block is reached and not walked from (a start always is);
        inverted, a stop block can only be where the walk ends, so the inverse is not walked through one."""
        seen = set(starts)
        wave = list(seen)
        steps = 0
        while wave and (self.depth is None or steps < self.depth):
            steps += 1
            following = []
            for block_id in wave:
                if not inverse and steps > 1 and view.kind(block_id) in self.stop:
                    continue
                for other in _steps(view, block_id, self.flows, upstream):
                    if other in seen:
                        continue
                    seen.add(other)
                    if not (inverse and view.kind(other) in self.stop):
                        following.append(other)
            wave = following
        return seen


def search(view: View, starts: Iterable[str], steps: Callable[[str], Iterable[str]],
           found: Callable[[str], bool]) -> tuple[set[str], set[str]]:
    """Breadth-first from ``starts`` over ``steps`` until a block ``found`` accepts is reached (a start
    counts). Returns (every block seen, which any edit changing the answer touches; the blocks a piece
    of the design needs to give the same answer): all that was seen when a block was found (a shortest
    way to it is among them), none when none was, as a piece without a way finds none either."""
    seen = set(starts)
    if any(found(block_id) for block_id in seen):
        return seen, seen
    wave = list(seen)
    while wave:
        following = []
        for block_id in wave:
            for other in steps(block_id):
                if other in seen:
                    continue
                seen.add(other)
                if found(other):
                    return seen, seen
                following.append(other)
        wave = following
    return seen, set()


# (blocks watched, blocks needed): see ``search``
Traced = Callable[[View, str], tuple[set[str], set[str]]]


@dataclass(frozen=True)
class Fact:
    """A set of blocks kept up to date as the design changes, for rules whose findings depend on whether
    such a block exists anywhere (an offline feature store, a learned retrieval stage): ``holds`` says
    whether a block belongs (from its kind, properties and own connectors), ``witness`` which blocks show
    it in a piece of the design (the block, and the connector that makes it count). Only blocks of
    ``kinds`` can belong."""

    name: str
    kinds: frozenset[str]
    holds: Callable[[View, str], bool]
    witness: Callable[[View, str], set[str]]


FACTS: dict[str, Fact] = {}


def fact(name: str, kinds: Iterable[str], holds: Callable[[View, str], bool],
         witness: Callable[[View, str], set[str]] | None = None) -> str:
    """Register a fact; returns its name, for ``Local.facts``."""
    if name in FACTS:
        raise ValueError(f"fact {name!r} registered twice")
    FACTS[name] = Fact(name, frozenset(kinds), holds, witness or (lambda view, block_id: {block_id}))
    return name


@dataclass(frozen=True)
class Local:
    """Findings about one block each (see the module docstring). ``subjects``: the kinds of block a
    finding can be about (None: any)."""

    subjects: frozenset[str] | None
    hops: int = 1
    walks: tuple[Walk, ...] = ()
    traced: Traced | None = None
    subject_at: int = 0
    facts: tuple[str, ...] = ()

    def reach(self, view: View, subject: str) -> set[str]:
        found = hops(view, [subject], self.hops)
        for walk in self.walks:
            found |= walk.reach(view, subject)
        return found

    def inverse(self, view: View, block_id: str) -> set[str]:
        """The blocks whose findings can depend on ``block_id`` through ``hops`` and ``walks`` (a
        ``traced`` region is remembered instead)."""
        found = hops(view, [block_id], self.hops)
        for walk in self.walks:
            found |= walk.inverse(view, block_id)
        return found

    def is_subject(self, view: View, block_id: str) -> bool:
        return self.subjects is None or view.kind(block_id) in self.subjects


def _has_hits(graph: DiagramGraph, hits: list[Hit]) -> bool:
    return bool(hits)


def _never(graph: DiagramGraph, hits: list[Hit]) -> bool:
    return False


@dataclass(frozen=True)
class PartSpec:
    """How a design is cut into parts: weakly connected over ``flows``; a block on no such connector is
    a part of its own only when ``alone`` says it matters (only blocks of ``alone_kinds`` can). ``halo``: the blocks around a part that its
    evaluation also needs (connectors of ``flows`` to them are left out, so they stay outside the part),
    all within ``halo_hops`` connectors of a member, and chosen by their own kind and properties: an edit
    of a block is an edit of the parts that many hops away."""

    flows: frozenset[str]
    alone_kinds: frozenset[str]
    alone: Callable[[View, str], bool]
    halo: Callable[[View, Iterable[str]], set[str]] = field(default=lambda view, members: set())
    halo_hops: int = 0


@dataclass(frozen=True)
class Parts:
    """Findings made per part and combined: a part whose evaluation ``veto``es silences the rule; the
    parts that ``join`` are evaluated together for the findings (one joining part: its own findings)."""

    spec: PartSpec
    joins: Callable[[DiagramGraph, list[Hit]], bool] = _has_hits
    veto: Callable[[DiagramGraph, list[Hit]], bool] = _never


@dataclass(frozen=True)
class Summary:
    """Findings that depend on a few blocks ``support`` picks (None: on the whole design). Their messages
    name only blocks the findings list, so live validation re-checks them after a rename only when a
    finding names the renamed block."""

    support: Callable[[Any], Iterable[str] | None]


class MainPart:
    """The rule about the design falling apart: needs the weakly connected components, kept up to date."""


MAIN_PART = MainPart()
Scope = Local | Parts | Summary | MainPart
