"""Columns (ranks) for a left-to-right layout: cycles broken, then layers guided by catalog stage.

Both engines use these layers (dot receives them as ``rank=same`` groups), so the two read alike.
Constraining connectors (request, data, model) decide the columns: each goes strictly left to
right (longest paths, cycles broken by reversing DFS back edges taken in stage order), and a block
that only feeds others moves right next to the nearest one it feeds. Feedback and observe
connectors never move a block that has constraining connectors. Blocks with none are placed by
stage: after the block they observe or that feeds them toward a later stage (a monitor right of
its ranker), else in the typical column of their stage. Data, model, evaluation, serving and
monitoring therefore read left to right wherever the connectors allow it.
"""

from __future__ import annotations

from collections.abc import Sequence

from components.layout.graph import LayoutGraph, stage_directed

_NO_STAGE = 99  # sorts after every real stage when choosing DFS roots


def rank(graph: LayoutGraph, component: Sequence[int] | None = None) -> tuple[list[tuple[int, int]], list[int]]:
    """The acyclic constraining edges and the layer of every node (see ``assign_layers``)."""
    dag = break_cycles(graph.n, graph.edges, graph.stages)
    return dag, assign_layers(graph.n, dag, stage_directed(graph), graph.stages, component)


def break_cycles(n: int, edges: Sequence[tuple[int, int]], stages: Sequence[int | None]) -> list[tuple[int, int]]:
    """The edges with every DFS back edge reversed: an acyclic graph with the same adjacency.

    Roots and neighbours are visited in stage order, so in a loop such as data -> serving -> data
    the edge that goes back to an earlier stage is the one reversed.
    """
    succ: list[list[int]] = [[] for _ in range(n)]
    has_pred = [False] * n
    for u, v in edges:
        succ[u].append(v)
        has_pred[v] = True
    key = [(_NO_STAGE if s is None else s, i) for i, s in enumerate(stages)]
    for targets in succ:
        targets.sort(key=key.__getitem__)
    roots = sorted(range(n), key=lambda i: (has_pred[i], key[i]))
    state = [0] * n  # 0 new, 1 on the DFS stack, 2 finished
    back: set[tuple[int, int]] = set()
    for root in roots:
        if state[root]:
            continue
        state[root] = 1
        stack = [(root, iter(succ[root]))]
        while stack:
            node, children = stack[-1]
            for child in children:
                if state[child] == 0:
                    state[child] = 1
                    stack.append((child, iter(succ[child])))
                    break
                if state[child] == 1:
                    back.add((node, child))
            else:
                state[node] = 2
                stack.pop()
    result: dict[tuple[int, int], None] = {}
    for u, v in edges:
        result[(v, u) if (u, v) in back else (u, v)] = None
    return list(result)


def assign_layers(
    n: int,
    dag: Sequence[tuple[int, int]],
    guides: Sequence[tuple[int, int]],
    stages: Sequence[int | None],
    component: Sequence[int] | None = None,
) -> list[int]:
    """A layer (column) per node, numbered from 0 in each component (None: one component).

    ``dag`` (acyclic) edges go strictly right. ``guides`` (stage-directed loose edges) only place
    the nodes that no ``dag`` edge touches.
    """
    import networkx as nx

    comp = list(component) if component is not None else [0] * n
    graph: nx.DiGraph[int] = nx.DiGraph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(dag)
    preds: list[list[int]] = [[] for _ in range(n)]
    succs: list[list[int]] = [[] for _ in range(n)]
    for u, v in dag:
        preds[v].append(u)
        succs[u].append(v)
    topo = [v for generation in nx.topological_generations(graph) for v in generation]
    layer = [0] * n
    for v in topo:
        if preds[v]:
            layer[v] = max(layer[u] for u in preds[v]) + 1
    _shorten_edges(layer, topo, preds, succs, stages)
    free = [v for v in range(n) if not preds[v] and not succs[v]]
    if free:
        _place_free(free, layer, guides, stages, comp)
    return _compact(layer, comp)


def _shorten_edges(layer: list[int], topo: list[int], preds: list[list[int]], succs: list[list[int]],
                   stages: Sequence[int | None], passes: int = 4) -> None:
    """Move each node within the room its edges leave toward the side with more edges.

    Longest paths put everything as far left as it can go, which leaves a block fed late (or a
    source) far from what it feeds. Moving a node with more outgoing than incoming edges right, and
    one with more incoming left, never lengthens the edges in total; with as many of each it joins
    the side whose stages are closer to its own (an online feature store stays by its feature
    pipeline rather than by the ranker), else the right. A few alternating passes settle most
    chains, like a cheap network simplex.
    """
    for number in range(passes):
        moved = False
        for v in reversed(topo) if number % 2 == 0 else topo:
            before, after = preds[v], succs[v]
            if not before and not after:
                continue
            go_right = len(after) > len(before) or (
                len(after) == len(before) and _stage_gap(v, after, stages) <= _stage_gap(v, before, stages))
            target = min(layer[w] for w in after) - 1 if go_right else max(layer[u] for u in before) + 1
            if target != layer[v]:
                layer[v] = target
                moved = True
        if not moved:
            break


def _stage_gap(v: int, others: list[int], stages: Sequence[int | None]) -> float:
    """Mean stage distance from ``v`` to ``others`` (0 where a stage is missing)."""
    own = stages[v]
    if own is None or not others:
        return 0.0
    return sum(abs(own - s) for s in (stages[w] for w in others) if s is not None) / len(others)


def _place_free(
    free: list[int], layer: list[int], guides: Sequence[tuple[int, int]], stages: Sequence[int | None],
    comp: Sequence[int],
) -> None:
    """Layers for nodes without constraining edges: after their guide predecessors, else by stage."""
    is_free = set(free)
    typical = _typical_columns(layer, stages, comp, is_free)
    guide_preds: dict[int, list[int]] = {v: [] for v in free}
    inner: list[tuple[int, int]] = []
    for u, v in guides:
        if v in is_free:
            guide_preds[v].append(u)
            if u in is_free:
                inner.append((u, v))
    # Free nodes guided by other free nodes (a monitor feeding its alerting): in topological order.
    index = {v: i for i, v in enumerate(free)}
    local_dag = break_cycles(len(free), [(index[u], index[v]) for u, v in inner], [stages[v] for v in free])
    kept = {(free[a], free[b]) for a, b in local_dag}
    order = _topological([index[v] for v in free], local_dag)
    for i in order:
        v = free[i]
        before = [u for u in guide_preds[v] if u not in is_free or (u, v) in kept]
        if before:
            layer[v] = max(layer[u] for u in before) + 1
        else:
            number = stages[v]
            layer[v] = typical.get((comp[v], number), 0) if number is not None else 0


def _typical_columns(
    layer: list[int], stages: Sequence[int | None], comp: Sequence[int], skip: set[int],
) -> dict[tuple[int, int], int]:
    """Per component and stage: the median column of that stage's placed blocks, or one right of
    the previous stage's when it has none."""
    columns: dict[tuple[int, int], list[int]] = {}
    for v, number in enumerate(stages):
        if number is not None and v not in skip:
            columns.setdefault((comp[v], number), []).append(layer[v])
    present: dict[int, set[int]] = {}
    for v, number in enumerate(stages):
        if number is not None:
            present.setdefault(comp[v], set()).add(number)
    typical: dict[tuple[int, int], int] = {}
    for group, numbers in present.items():
        previous = -1
        for number in sorted(numbers):
            found = sorted(columns.get((group, number), []))
            previous = found[len(found) // 2] if found else previous + 1
            typical[(group, number)] = previous
    return typical


def _topological(nodes: list[int], edges: Sequence[tuple[int, int]]) -> list[int]:
    """Kahn's order of an acyclic graph on ``nodes`` (indexes 0..len-1), ties by index."""
    indegree = [0] * len(nodes)
    out: list[list[int]] = [[] for _ in nodes]
    for u, v in edges:
        out[u].append(v)
        indegree[v] += 1
    ready = [v for v in range(len(nodes)) if indegree[v] == 0]
    ready.reverse()
    order: list[int] = []
    while ready:
        u = ready.pop()
        order.append(u)
        for v in out[u]:
            indegree[v] -= 1
            if indegree[v] == 0:
                ready.append(v)
    return order


def _compact(layer: list[int], comp: Sequence[int]) -> list[int]:
    """Renumber each component's layers 0, 1, 2... keeping their order (drops empty columns)."""
    used: dict[int, set[int]] = {}
    for v, value in enumerate(layer):
        used.setdefault(comp[v], set()).add(value)
    renumber = {group: {value: i for i, value in enumerate(sorted(values))} for group, values in used.items()}
    return [renumber[comp[v]][value] for v, value in enumerate(layer)]
