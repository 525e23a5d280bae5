"""Pairing the blocks of a design with those of a reference, role by role.

Within each kind, the pairs that maximise the total similarity (networkx's maximum weight matching,
as many pairs as the smaller side allows; past a few hundred candidate pairs, best pairs first); ties (blocks whose roles cannot tell them apart, such as
two unconnected blocks of a kind) go to the blocks at the nearest relative place in their diagrams'
block lists. Only roles and that order are looked at, so renaming or re-identifying blocks changes
nothing.
"""

from __future__ import annotations

import networkx as nx

from components.compare.roles import Role, by_kind, similarity

ORDER_TIE_BREAK = 1e-3
EXACT_LIMIT = 400  # pairs of one kind past which greedy matching replaces the cubic exact one


def match_roles(design: list[Role], reference: list[Role]) -> dict[int, int]:
    """Reference block index -> design block index, for every pair matched."""
    pairs: dict[int, int] = {}
    ours_total, theirs_total = max(1, len(design)), max(1, len(reference))
    theirs = by_kind(reference)
    for kind, ours in by_kind(design).items():
        candidates = theirs.get(kind, [])
        if not candidates:
            continue
        if len(ours) == 1 and len(candidates) == 1:
            pairs[candidates[0].index] = ours[0].index
            continue
        weights = {(rank, other_rank): similarity(mine, other)
                   + ORDER_TIE_BREAK * (1 - abs(mine.index / ours_total - other.index / theirs_total))
                   for rank, mine in enumerate(ours) for other_rank, other in enumerate(candidates)}
        chosen = _exact(weights) if len(weights) <= EXACT_LIMIT else _greedy(weights)
        for rank, other_rank in chosen:
            pairs[candidates[other_rank].index] = ours[rank].index
    return dict(sorted(pairs.items()))


def _exact(weights: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """The pairs of the maximum weight matching (as many pairs as possible)."""
    graph = nx.Graph()
    for (rank, other_rank), weight in weights.items():
        graph.add_edge(("d", rank), ("r", other_rank), weight=weight)
    chosen = []
    for one, two in nx.max_weight_matching(graph, maxcardinality=True):
        (_, rank), (_, other_rank) = (one, two) if one[0] == "d" else (two, one)
        chosen.append((rank, other_rank))
    return chosen


def _greedy(weights: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
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
