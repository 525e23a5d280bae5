"""Order the nodes inside each layer to reduce edge crossings (barycentre sweeps).

Long edges are split into chains of dummy nodes, one per layer crossed, so they take part in the
ordering like in any Sugiyama-style layout; the caller drops the dummies afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_PASSES = 6
# Long edges past this many dummies in total are left out of the ordering (keeps big graphs fast).
DUMMY_BUDGET_FACTOR = 4


def order_layers(
    layer: Sequence[int],
    dag: Sequence[tuple[int, int]],
    loose: Sequence[tuple[int, int]] = (),
) -> list[list[int]]:
    """Nodes of each layer, top to bottom; real nodes are 0..len(layer)-1, dummies follow."""
    n = len(layer)
    layer_of = list(layer)
    up: list[list[int]] = [[] for _ in range(n)]  # neighbours in the previous layer
    down: list[list[int]] = [[] for _ in range(n)]  # neighbours in the next layer
    budget = DUMMY_BUDGET_FACTOR * n + 16
    # Short edges first, so the budget goes to edges that stay readable; loose edges (feedback,
    # observe) may run backwards over many layers and only count between neighbouring layers.
    segments = sorted(dag, key=lambda e: abs(layer[e[1]] - layer[e[0]]))
    segments += [e for e in loose if abs(layer[e[1]] - layer[e[0]]) == 1]
    for u, v in segments:
        if layer_of[u] > layer_of[v]:
            u, v = v, u
        span = layer_of[v] - layer_of[u]
        if span == 0 or span - 1 > budget:
            continue
        previous = u
        for step in range(1, span):
            dummy = len(layer_of)
            layer_of.append(layer_of[u] + step)
            up.append([previous])
            down.append([])
            down[previous].append(dummy)
            previous = dummy
        budget -= span - 1
        down[previous].append(v)
        up[v].append(previous)

    count = max(layer_of, default=-1) + 1
    layers: list[list[int]] = [[] for _ in range(count)]
    for node, value in enumerate(layer_of):
        layers[value].append(node)
    pos = [0.0] * len(layer_of)
    _number(layers, pos)
    best = [list(row) for row in layers]
    best_crossings = _crossings(layers, down, pos)
    stale = 0
    for _ in range(MAX_PASSES):
        for index in range(1, count):
            _sort_by_barycentre(layers[index], up, pos)
        for index in range(count - 2, -1, -1):
            _sort_by_barycentre(layers[index], down, pos)
        crossings = _crossings(layers, down, pos)
        if crossings < best_crossings:
            best_crossings = crossings
            best = [list(row) for row in layers]
            stale = 0
        else:
            stale += 1
            if stale == 2 or best_crossings == 0:
                break
    return best


def _number(layers: list[list[int]], pos: list[float]) -> None:
    for row in layers:
        scale = 1.0 / len(row) if row else 1.0
        for index, node in enumerate(row):
            pos[node] = (index + 0.5) * scale


def _sort_by_barycentre(row: list[int], neighbours: list[list[int]], pos: list[float]) -> None:
    """Sort one layer by the mean relative position of each node's neighbours in the fixed layer."""
    keys: dict[int, tuple[float, float]] = {}
    for node in row:
        around = neighbours[node]
        own = pos[node]
        keys[node] = (sum(pos[x] for x in around) / len(around), own) if around else (own, own)
    row.sort(key=keys.__getitem__)
    scale = 1.0 / len(row)
    for index, node in enumerate(row):
        pos[node] = (index + 0.5) * scale


def _crossings(layers: list[list[int]], down: list[list[int]], pos: list[float]) -> int:
    """Edge crossings between consecutive layers (inversions counted with a Fenwick tree)."""
    total = 0
    for index in range(len(layers) - 1):
        below = layers[index + 1]
        if not below:
            continue
        rank = {node: i for i, node in enumerate(below)}
        pairs = sorted((pos[u], rank[v]) for u in layers[index] for v in down[u])
        size = len(below)
        tree = [0] * (size + 1)
        for seen, (_, target) in enumerate(pairs):
            # edges already seen that end strictly below this target cross this one
            i = target + 1
            not_after = 0
            while i > 0:
                not_after += tree[i]
                i -= i & -i
            total += seen - not_after
            i = target + 1
            while i <= size:
                tree[i] += 1
                i += i & -i
    return total
