"""Pairing the blocks of a design with those of a reference, role by role.

Within each kind, the pairs that maximise the total similarity (networkx's maximum weight matching,
as many pairs as the smaller side allows); ties (blocks whose roles cannot tell them apart, such as
two unconnected blocks of a kind) go to the blocks at the nearest relative place in their diagrams'
block lists. Only roles and that order are looked at, so renaming or re-identifying blocks changes
nothing.
"""

from __future__ import annotations

import networkx as nx

from components.compare.roles import Role, by_kind, similarity

ORDER_TIE_BREAK = 1e-3


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
        graph = nx.Graph()
        for rank, mine in enumerate(ours):
            for other_rank, other in enumerate(candidates):
                closeness = 1 - abs(mine.index / ours_total - other.index / theirs_total)
                graph.add_edge(("d", rank), ("r", other_rank),
                               weight=similarity(mine, other) + ORDER_TIE_BREAK * closeness)
        for one, two in nx.max_weight_matching(graph, maxcardinality=True):
            (_, rank), (_, other_rank) = (one, two) if one[0] == "d" else (two, one)
            pairs[candidates[other_rank].index] = ours[rank].index
    return dict(sorted(pairs.items()))
