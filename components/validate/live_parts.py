"""Live validation of the rules whose findings come from parts of the design (``scopes.Parts``) and of the
one about the design falling apart (``scopes.MAIN_PART``): the parts and components are kept up to date
edit by edit, and only the parts an edit touches are evaluated again."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain

from components.model import Diagram
from components.validate.findings import Finding
from components.validate.graph import DiagramGraph
from components.validate.live_graph import Change, LiveGraph
from components.validate.rules.base import Hit, Rule
from components.validate.scopes import Parts, PartSpec, hops

Evaluate = Callable[[Rule, DiagramGraph], tuple[list[Finding], list[Hit]]]  # findings, and the raw hits


@dataclass
class _Part:
    members: frozenset[str]
    region: frozenset[str]  # members and halo
    vetoes: set[str] = field(default_factory=set)  # rule ids this part silences
    joins: dict[str, list[Finding]] = field(default_factory=dict)  # rule id -> the part's own findings


class PartGroup:
    """The rules sharing one way of cutting the design into parts (``PartSpec``)."""

    def __init__(self, spec: PartSpec, rules: list[tuple[Rule, Parts, str]], graph: LiveGraph,
                 evaluate: Evaluate) -> None:
        self.spec, self.rules, self.graph, self._evaluate = spec, rules, graph, evaluate
        self._parts: dict[int, _Part] = {}
        self._part_of: dict[str, int] = {}
        self._halo_of: dict[str, set[int]] = {}
        self._next = 0
        self.findings: dict[str, list[Finding]] = {}
        self._form([*graph.ends_of(spec.flows), *graph.of_kinds(spec.alone_kinds)])
        self._combine({entry.id for entry, _, _ in rules})

    def update(self, touched: Iterable[str]) -> set[str]:
        """Re-form and re-evaluate the parts holding or around ``touched`` blocks; returns the ids of the
        rules whose findings changed."""
        touched = set(touched)
        touched |= hops(self.graph, [block_id for block_id in touched if self.graph.has(block_id)], self.spec.halo_hops)
        stale = set()
        for block_id in touched:
            if block_id in self._part_of:
                stale.add(self._part_of[block_id])
            stale |= self._halo_of.get(block_id, set())
        pool = set(touched)
        before = {}
        for number in stale:
            part = self._drop(number)
            pool |= part.members
            before[number] = part
        changed_rules = self._form([block_id for block_id in pool if self.graph.has(block_id)])
        for part in before.values():
            changed_rules |= part.vetoes | set(part.joins)
        return self._combine(changed_rules)

    def reevaluate(self, rule_ids: set[str]) -> None:
        """Evaluate every part again for these rules (they read something of the whole design that changed)."""
        if not rule_ids:
            return
        for part in self._parts.values():
            graph = DiagramGraph(self.graph.piece(part.region, self._keeper(part.members)))
            self._judge(part, graph, [rule for rule in self.rules if rule[0].id in rule_ids])
        self._combine(rule_ids)

    def _drop(self, number: int) -> _Part:
        part = self._parts.pop(number)
        for block_id in part.members:
            if self._part_of.get(block_id) == number:
                del self._part_of[block_id]
        for block_id in part.region - part.members:
            self._halo_of[block_id].discard(number)
        return part

    def _form(self, pool: list[str]) -> set[str]:
        """Cut the blocks of ``pool`` (and all they are connected to over the spec's flows) into parts and
        evaluate each; returns the ids of the rules some new part vetoes or joins."""
        flows, graph = self.spec.flows, self.graph
        touched_rules: set[str] = set()
        merged: list[_Part] = []
        for start in pool:
            if start in self._part_of:
                continue
            members = {start}
            wave = [start]
            linked = False
            while wave:
                following: list[str] = []
                for block_id in wave:
                    for other, flow in chain(graph.out(block_id), graph.into(block_id)):
                        if flow not in flows:
                            continue
                        linked = True
                        if other in self._part_of:  # a part the edit joined to this one: re-formed with it
                            merged.append(self._drop(self._part_of[other]))
                            fresh = merged[-1].members - members
                            members |= fresh
                            following += fresh
                        if other not in members:
                            members.add(other)
                            following.append(other)
                wave = following
            if not linked and not self.spec.alone(graph, start):
                continue
            touched_rules |= self._add(frozenset(members))
        for part in merged:
            touched_rules |= part.vetoes | set(part.joins)
        return touched_rules

    def _add(self, members: frozenset[str]) -> set[str]:
        number = self._next
        self._next += 1
        region = frozenset(members | self.spec.halo(self.graph, members))
        part = _Part(members, region)
        self._parts[number] = part
        for block_id in members:
            self._part_of[block_id] = number
        for block_id in region - members:
            self._halo_of.setdefault(block_id, set()).add(number)
        self._judge(part, DiagramGraph(self.graph.piece(region, self._keeper(members))), self.rules)
        return part.vetoes | set(part.joins)

    def _judge(self, part: _Part, graph: DiagramGraph, rules: list[tuple[Rule, Parts, str]]) -> None:
        """Whether the part silences or joins each of these rules, evaluated on its piece ``graph``."""
        for entry, scope, _ in rules:
            part.vetoes.discard(entry.id)
            part.joins.pop(entry.id, None)
            found, hits = self._evaluate(entry, graph)
            if scope.veto(graph, hits):
                part.vetoes.add(entry.id)
            elif scope.joins(graph, hits):
                part.joins[entry.id] = found

    def _keeper(self, members: frozenset[str]) -> Callable[[str, str, str], bool]:
        flows = self.spec.flows
        return lambda source, target, flow: flow not in flows or (source in members and target in members)

    def _combine(self, rule_ids: set[str]) -> set[str]:
        """The findings of these rules from the parts' states; returns those that changed."""
        changed = set()
        for entry, _, _ in self.rules:
            if entry.id not in rule_ids:
                continue
            found = self._combined(entry)
            if found != self.findings.get(entry.id):
                self.findings[entry.id] = found
                changed.add(entry.id)
        return changed

    def _combined(self, entry: Rule) -> list[Finding]:
        joining = []
        for part in self._parts.values():
            if entry.id in part.vetoes:
                return []
            if entry.id in part.joins:
                joining.append(part)
        if len(joining) <= 1:
            return joining[0].joins[entry.id] if joining else []
        members = frozenset().union(*(part.members for part in joining))
        region = frozenset().union(*(part.region for part in joining))
        return self._evaluate(entry, DiagramGraph(self.graph.piece(region, self._keeper(members))))[0]


class _KnownParts(DiagramGraph):
    """The blocks outside the main part, with the count of parts known from the live components."""

    def __init__(self, diagram: Diagram, count: int) -> None:
        super().__init__(diagram)
        self._count = count

    def outside_main_part(self) -> tuple[int, list[str]]:
        return self._count, list(self.ids)


class MainParts:
    """The weakly connected components of the linked blocks, kept up to date: a new connector merges two
    (the smaller is relabelled); when connectors go, searches from their remaining ends race, one step
    each in turn, and a search that runs out before meeting another has found a part that split off.
    Either costs about the size of the smaller side, never the whole design."""

    def __init__(self, graph: LiveGraph) -> None:
        self.graph = graph
        self._part_of: dict[str, int] = {}
        self._members: dict[int, set[str]] = {}
        self._next = 0
        self.outside: frozenset[str] = frozenset()
        for block_id in graph.blocks():
            if block_id not in self._part_of and graph.linked(block_id):
                self._new(self._component(block_id))

    def _neighbours(self, block_id: str) -> list[str]:
        return [other for other, _ in (*self.graph.out(block_id), *self.graph.into(block_id))]

    def _component(self, start: str) -> set[str]:
        seen = {start}
        wave = [start]
        while wave:
            following = []
            for block_id in wave:
                for other in self._neighbours(block_id):
                    if other not in seen:
                        seen.add(other)
                        following.append(other)
            wave = following
        return seen

    def _new(self, members: set[str]) -> int:
        number = self._next
        self._next += 1
        self._members[number] = members
        for block_id in members:
            self._part_of[block_id] = number
        return number

    def update(self, change: Change) -> bool:
        """Follow the connectors added and removed; returns whether the parts may have changed."""
        if not change.links:
            return False
        graph = self.graph
        for source, target, _, added in change.links:
            if added and graph.has(source) and graph.has(target) and graph.linked(source):
                self._join(source, target)
        ends = {end for source, target, _, added in change.links if not added for end in (source, target)}
        for block_id in ends:  # blocks gone, or left without connectors, belong to no part
            if block_id in self._part_of and not (graph.has(block_id) and graph.linked(block_id)):
                number = self._part_of.pop(block_id)
                self._members[number].discard(block_id)
                if not self._members[number]:
                    del self._members[number]
        by_part: dict[int, list[str]] = {}
        for block_id in ends:
            if block_id in self._part_of:
                by_part.setdefault(self._part_of[block_id], []).append(block_id)
        for number, seeds in by_part.items():
            if len(seeds) > 1:
                self._separate(number, seeds)
        return True

    def _join(self, first: str, second: str) -> None:
        for end in (first, second):
            if end not in self._part_of:
                self._new({end})
        a, b = self._part_of[first], self._part_of[second]
        if a == b:
            return
        if len(self._members[a]) < len(self._members[b]):
            a, b = b, a
        moved = self._members.pop(b)
        for block_id in moved:
            self._part_of[block_id] = a
        self._members[a] |= moved

    def _separate(self, number: int, seeds: list[str]) -> None:
        """Race a search from each seed of part ``number``; searches that meet become one; one that runs
        out has found all of its part, which splits off; the last one left keeps ``number``."""
        group = {seed: index for index, seed in enumerate(seeds)}  # block -> the search that found it
        leader = list(range(len(seeds)))
        found: dict[int, set[str]] = {index: {seed} for index, seed in enumerate(seeds)}
        waves: dict[int, deque[str]] = {index: deque([seed]) for index, seed in enumerate(seeds)}

        def head(index: int) -> int:
            while leader[index] != index:
                index = leader[index]
            return index

        while len(waves) > 1:
            for index in list(waves):
                if index not in waves or len(waves) == 1:
                    continue
                if not waves[index]:
                    del waves[index]
                    self._members[number] -= found[index]
                    self._new(found.pop(index))
                    continue
                block_id = waves[index].popleft()  # breadth first: two searches meet halfway along a loop
                for other in self._neighbours(block_id):
                    owner = group.get(other)
                    if owner is None:
                        group[other] = index
                        found[index].add(other)
                        waves[index].append(other)
                    elif head(owner) != index:  # two searches met: one part so far
                        other_index = head(owner)
                        leader[other_index] = index
                        found[index] |= found.pop(other_index)
                        waves[index].extend(waves.pop(other_index))

    def findings(self, entry: Rule, evaluate: Evaluate) -> list[Finding]:
        """The rule's findings from the current parts: none while the linked blocks form one part."""
        if len(self._members) < 2:
            self.outside = frozenset()
            return []
        position = self.graph.block_positions()

        def rank(number: int) -> tuple[int, float]:  # largest first, ties by the first block's place
            members = self._members[number]
            return -len(members), min(position[block_id] for block_id in members)

        largest = max(len(members) for members in self._members.values())
        tied = [number for number, members in self._members.items() if len(members) == largest]
        main = min(tied, key=rank) if len(tied) > 1 else tied[0]
        self.outside = frozenset(b for number, members in self._members.items() if number != main for b in members)
        graph = _KnownParts(self.graph.piece(self.outside, lambda source, target, flow: False), len(self._members))
        return evaluate(entry, graph)[0]
