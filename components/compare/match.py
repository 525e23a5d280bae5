"""Pairing the blocks of a design with those of a reference, role by role.

Within each kind, the pairs that maximise the total similarity (networkx's maximum weight matching,
as many pairs as the smaller side allows; past a few hundred candidate pairs, best pairs first). Roles
alone cannot tell apart blocks whose neighbourhoods look the same (two training pipelines, each
feeding its own gate), so the matching is then refined: a pair gains weight for every connector whose
other end is matched to the other end of the same connector in the reference, and each kind is matched
again with the others' pairs fixed, until nothing changes (a few rounds at most). That makes the pairs
agree with each other, so a design missing one of two look-alike blocks loses the one whose connections
are gone. Remaining ties go to the blocks at the nearest relative place in their diagrams' block lists.
Only roles and that order are looked at, so renaming or re-identifying blocks changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from components.compare.roles import Link, Role, by_kind, similarity

if TYPE_CHECKING:
    import networkx as nx

ORDER_TIE_BREAK = 1e-3
AGREEMENT = 2.0  # the most a pair gains when every connector of the block goes where its match's goes
ROUNDS = 4  # refinement rounds at most: each one can only raise the agreement, so few are needed
EXACT_LIMIT = 400  # pairs of one kind past which greedy matching replaces the cubic exact one

Pairs = dict[tuple[int, int], float]  # (rank among our blocks of a kind, rank among theirs) -> weight


def match_roles(design: list[Role], reference: list[Role]) -> dict[int, int]:
    """Reference block index -> design block index, for every pair matched."""
    ours_total, theirs_total = max(1, len(design)), max(1, len(reference))
    theirs = by_kind(reference)
    kinds: list[tuple[list[Role], list[Role], Pairs]] = []
    for kind, ours in by_kind(design).items():
        candidates = theirs.get(kind, [])
        if candidates:
            base = {(rank, other_rank): similarity(mine, other)
                    + ORDER_TIE_BREAK * (1 - abs(mine.index / ours_total - other.index / theirs_total))
                    for rank, mine in enumerate(ours) for other_rank, other in enumerate(candidates)}
            kinds.append((ours, candidates, base))
    pairs: dict[int, int] = {}  # design index -> reference index
    for ours, candidates, base in kinds:
        pairs.update(_pairs(ours, candidates, _choose(base)))
    refinable = [group for group in kinds if len(group[0]) > 1 or len(group[1]) > 1]
    linked_to = _linked_to(reference) if refinable else {}
    for _ in range(ROUNDS if refinable else 0):
        changed = False
        for ours, candidates, base in refinable:
            gained = _agreement(ours, candidates, pairs, linked_to)
            if _settled(ours, candidates, pairs, gained):
                continue
            weights = dict(base)
            for (rank, other_rank), agreed in gained.items():
                weights[rank, other_rank] += agreed
            chosen = _pairs(ours, candidates, _choose(weights))
            before = {mine.index: pairs.pop(mine.index) for mine in ours if mine.index in pairs}
            changed |= before != chosen
            pairs.update(chosen)
        if not changed:
            break
    return dict(sorted((other, mine) for mine, other in pairs.items()))


def _settled(ours: list[Role], candidates: list[Role], pairs: dict[int, int], gained: Pairs) -> bool:
    """Every block of the kind that can be paired is, and each pair agrees on all its connectors: no other
    pairing can do better, so the kind is not matched again (identical designs cost one look)."""
    their_rank = {role.index: rank for rank, role in enumerate(candidates)}
    paired = [(rank, their_rank[pairs[mine.index]]) for rank, mine in enumerate(ours) if mine.index in pairs]
    return len(paired) == min(len(ours), len(candidates)) and all(
        gained.get((rank, other)) == AGREEMENT or not (ours[rank].links or candidates[other].links)
        for rank, other in paired)


def _linked_to(reference: list[Role]) -> dict[Link, list[int]]:
    """(direction, flow, reference block) -> the reference blocks with that link."""
    found: dict[Link, list[int]] = defaultdict(list)
    for role in reference:
        for link in role.links:
            found[link].append(role.index)
    return found


def _agreement(ours: list[Role], candidates: list[Role], pairs: dict[int, int],
               linked_to: dict[Link, list[int]]) -> Pairs:
    """For the pairs with any: the weight they gain from connectors that go to matched blocks in both
    designs (the same direction and flow), as a share of the block's connectors."""
    their_rank = {role.index: rank for rank, role in enumerate(candidates)}
    sizes = {role.index: len(role.links) for role in candidates}
    gained: Pairs = {}
    for rank, mine in enumerate(ours):
        counts: dict[int, int] = defaultdict(int)
        for direction, flow, other in mine.links:
            matched = pairs.get(other)
            if matched is None:
                continue
            for candidate in linked_to.get((direction, flow, matched), ()):
                if candidate in their_rank:
                    counts[candidate] += 1
        for candidate, count in counts.items():
            gained[rank, their_rank[candidate]] = AGREEMENT * count / max(len(mine.links), sizes[candidate])
    return gained


def _pairs(ours: list[Role], candidates: list[Role], chosen: list[tuple[int, int]]) -> dict[int, int]:
    return {ours[rank].index: candidates[other_rank].index for rank, other_rank in chosen}


def _choose(weights: Pairs) -> list[tuple[int, int]]:
    return _exact(weights) if len(weights) <= EXACT_LIMIT else _greedy(weights)


def _exact(weights: Pairs) -> list[tuple[int, int]]:
    """The pairs of the maximum weight matching (as many pairs as possible)."""
    import networkx as nx  # here: importing this module (practice prompts, `mlsd practice list`) needs no networkx

    graph: nx.Graph[tuple[str, int]] = nx.Graph()
    for (rank, other_rank), weight in weights.items():
        graph.add_edge(("d", rank), ("r", other_rank), weight=weight)
    chosen = []
    for one, two in nx.max_weight_matching(graph, maxcardinality=True):
        (_, rank), (_, other_rank) = (one, two) if one[0] == "d" else (two, one)
        chosen.append((rank, other_rank))
    return chosen


def _greedy(weights: Pairs) -> list[tuple[int, int]]:
    """Best pairs first, each block used once: near the optimum for the large, repetitive designs it is
    used on, and quadratic instead of cubic."""
    used_ours: set[int] = set()
    used_theirs: set[int] = set()
    chosen = []
    for (rank, other_rank), _weight in sorted(weights.items(), key=lambda item: (-item[1], item[0])):
        if rank not in used_ours and other_rank not in used_theirs:
            used_ours.add(rank)
            used_theirs.add(other_rank)
            chosen.append((rank, other_rank))
    return chosen
