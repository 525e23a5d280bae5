"""The built-in layered layout: pure Python (plus networkx), used when Graphviz is missing or slow.

Per connected component: cycles broken, stage-guided layers (``ranks``), barycentre ordering
(``order``), then coordinates: columns as wide as their widest block, blocks of a column stacked
with a gap in that order, nudged toward their neighbours' heights by a few least-squares sweeps.
Components are then packed top to bottom (small ones side by side on shelves).
"""

from __future__ import annotations

from components.layout.geometry import COLUMN_GAP, COMPONENT_GAP, ROW_GAP
from components.layout.graph import LayoutGraph
from components.layout.order import order_layers
from components.layout.ranks import rank

ALIGN_SWEEPS = 3
_LONELY_WEIGHT = 1e-3  # blocks with no neighbour on the side looked at barely resist being moved


def builtin_layout(graph: LayoutGraph) -> list[tuple[float, float]]:
    """Top-left corners for every node of ``graph``; no two blocks overlap."""
    import networkx as nx

    n = graph.n
    if n == 0:
        return []
    undirected: nx.Graph[int] = nx.Graph()
    undirected.add_nodes_from(range(n))
    undirected.add_edges_from(graph.edges)
    undirected.add_edges_from(graph.loose)
    components = sorted((sorted(c) for c in nx.connected_components(undirected)), key=lambda c: (-len(c), c[0]))
    comp = [0] * n
    for number, members in enumerate(components):
        for v in members:
            comp[v] = number
    dag, layer = rank(graph, comp)

    strong_of: list[list[tuple[int, int]]] = [[] for _ in components]
    loose_of: list[list[tuple[int, int]]] = [[] for _ in components]
    for u, v in dag:
        strong_of[comp[u]].append((u, v))
    for u, v in graph.loose:
        loose_of[comp[u]].append((u, v))
    local: list[tuple[float, float]] = [(0.0, 0.0)] * n
    boxes: list[tuple[float, float]] = []
    for number, members in enumerate(components):
        boxes.append(_place_component(graph, members, layer, strong_of[number], loose_of[number], local))
    offsets = _pack(boxes)
    return [(local[v][0] + offsets[comp[v]][0], local[v][1] + offsets[comp[v]][1]) for v in range(n)]


def _place_component(
    graph: LayoutGraph,
    members: list[int],
    layer: list[int],
    strong: list[tuple[int, int]],
    loose: list[tuple[int, int]],
    out: list[tuple[float, float]],
) -> tuple[float, float]:
    """Lay out one component into ``out`` with its bounding box at (0, 0); returns its size."""
    if len(members) == 1:
        v = members[0]
        out[v] = (0.0, 0.0)
        return graph.widths[v], graph.heights[v]
    local = {v: i for i, v in enumerate(members)}
    sub_layer = [layer[v] for v in members]
    sub_dag = [(local[u], local[v]) for u, v in strong]
    sub_loose = [(local[u], local[v]) for u, v in loose]
    rows = [[members[i] for i in row if i < len(members)] for row in order_layers(sub_layer, sub_dag, sub_loose)]
    return place_rows(graph, rows, layer, [*strong, *loose], out)


def place_rows(
    graph: LayoutGraph,
    rows: list[list[int]],
    layer: list[int],
    edges: list[tuple[int, int]],
    out: list[tuple[float, float]],
) -> tuple[float, float]:
    """Coordinates for ordered columns (``rows[i]`` top to bottom) into ``out``, the bounding box at
    (0, 0); returns its size. Columns are as wide as their widest block; blocks keep the order and
    at least ROW_GAP between them, pulled toward the height of their neighbours in other columns."""
    members = [v for row in rows for v in row]
    neighbours: dict[int, list[int]] = {v: [] for v in members}
    for u, v in edges:
        neighbours[u].append(v)
        neighbours[v].append(u)

    x_of_layer: list[float] = []
    x = 0.0
    for row in rows:
        x_of_layer.append(x)
        x += max(graph.widths[v] for v in row) + COLUMN_GAP
    centre: dict[int, float] = {}
    for row in rows:
        tops = _stack(row, graph.heights, [0.0] * len(row), [1.0] * len(row))
        total = tops[-1] + graph.heights[row[-1]]
        for v, top in zip(row, tops, strict=True):
            centre[v] = top - total / 2 + graph.heights[v] / 2
    last = len(rows) - 1
    for sweep in range(ALIGN_SWEEPS):
        forward = sweep % 2 == 0
        indices = range(1, len(rows)) if forward else range(last - 1, -1, -1)
        for index in indices:
            row = rows[index]
            desired: list[float] = []
            weights: list[float] = []
            for v in row:
                if sweep == ALIGN_SWEEPS - 1:  # last sweep: both sides count
                    near = [centre[w] for w in neighbours[v] if layer[w] != layer[v]]
                else:
                    near = [centre[w] for w in neighbours[v] if (layer[w] < layer[v]) == forward
                            and layer[w] != layer[v]]
                if near:
                    desired.append(sum(near) / len(near) - graph.heights[v] / 2)
                    weights.append(float(len(near)))
                else:
                    desired.append(centre[v] - graph.heights[v] / 2)
                    weights.append(_LONELY_WEIGHT)
            for v, top in zip(row, _stack(row, graph.heights, desired, weights), strict=True):
                centre[v] = top + graph.heights[v] / 2

    top = min(centre[v] - graph.heights[v] / 2 for v in members)
    width = height = 0.0
    for index, row in enumerate(rows):
        for v in row:
            y = centre[v] - graph.heights[v] / 2 - top
            out[v] = (x_of_layer[index], y)
            width = max(width, x_of_layer[index] + graph.widths[v])
            height = max(height, y + graph.heights[v])
    return width, height


def _stack(row: list[int], heights: list[float], desired: list[float], weights: list[float]) -> list[float]:
    """Tops for one column, in this order, at least ROW_GAP apart, closest (least squares) to ``desired``.

    Subtracting each block's fixed offset turns "keep order and gaps" into "non-decreasing", which
    pool-adjacent-violators solves exactly in linear time.
    """
    offsets: list[float] = []
    offset = 0.0
    for v in row:
        offsets.append(offset)
        offset += heights[v] + ROW_GAP
    pools: list[list[float]] = []  # [weighted mean, total weight, count]
    for target, offset, weight in zip(desired, offsets, weights, strict=True):
        pools.append([target - offset, weight, 1])
        while len(pools) > 1 and pools[-2][0] > pools[-1][0]:
            value, weight_b, count_b = pools.pop()
            pool = pools[-1]
            total = pool[1] + weight_b
            pool[0] = (pool[0] * pool[1] + value * weight_b) / total
            pool[1] = total
            pool[2] += count_b
    tops: list[float] = []
    for value, _, count in pools:
        for _ in range(int(count)):
            tops.append(value + offsets[len(tops)])
    return tops


def _pack(boxes: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Offsets for component boxes (largest first): shelves as wide as the widest component."""
    if not boxes:
        return []
    limit = max(max(w for w, _ in boxes), 1200.0)
    offsets: list[tuple[float, float]] = []
    x = y = shelf = 0.0
    for width, height in boxes:
        if x > 0 and x + width > limit:
            y += shelf + COMPONENT_GAP
            x = shelf = 0.0
        offsets.append((x, y))
        x += width + COMPONENT_GAP
        shelf = max(shelf, height)
    return offsets
