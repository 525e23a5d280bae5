"""The linear-time walks behind ``DiagramGraph``, on block numbers and plain neighbour lists.

Every function here sees blocks only as numbers 0..n-1 and an adjacency ``{number: [neighbours]}``
(blocks without neighbours missing); ``DiagramGraph`` turns ids into numbers and back. Each one is
linear in the size of the diagram: breadth-first waves, one Tarjan SCC pass with bit sets, Kahn's
order, one longest path on a DAG, one union-find; never an enumeration of paths or cycles.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable

IntAdjacency = dict[int, list[int]]


def reach(adjacency: IntAdjacency, starts: Iterable[int], blocked: set[int]) -> set[int]:
    """Blocks reached from ``starts`` over one or more edges, never entering ``blocked``.

    A start is in the result only when some path leads back to it. Breadth-first by whole waves, so
    the work per block is one set update done in C.
    """
    no_neighbours = ()
    seen = set(blocked)
    wave = set(starts) - blocked
    while wave:
        following: set[int] = set()
        for node in wave:
            following.update(adjacency.get(node, no_neighbours))
        following -= seen
        seen |= following
        wave = following
    seen -= blocked
    return seen


def first_origins(adjacency: IntAdjacency, starts: Iterable[int], blocked: set[int]) -> dict[int, int]:
    """Each block reached from ``starts`` (as in ``reach``) mapped to the first start, in ``starts``
    order, whose breadth-first wave got there: one witness per block."""
    origin: dict[int, int] = {}
    queue: deque[tuple[int, int]] = deque((start, start) for start in starts if start not in blocked)
    expanded: set[int] = set()
    while queue:
        node, source = queue.popleft()
        if node in expanded:
            continue
        expanded.add(node)
        for other in adjacency.get(node, ()):
            if other in blocked or other in origin:
                continue
            origin[other] = source
            queue.append((other, source))
    return origin


def closure_bits(adjacency: IntAdjacency, size: int, roots: Iterable[int], seeds: dict[int, int]) -> list[int]:
    """For every block reachable from ``roots``: the OR of ``seeds`` over all blocks it reaches
    (itself included); 0 for the blocks not reachable from ``roots``.

    One iterative Tarjan SCC pass: components close in reverse topological order. Each block gathers
    its seeds, the final sets of the closed blocks it points at and what its DFS children gathered; a
    closing component's set is the OR over its members, so every edge is looked at once.
    """
    no_neighbours: list[int] = []
    unvisited, done = -1, size  # index[] of a block not yet reached / whose component is closed
    index = [unvisited] * size
    low = [0] * size
    gathered = [0] * size
    for node, bits in seeds.items():
        gathered[node] = bits
    stack: list[int] = []
    counter = 0
    for root in roots:
        if index[root] != unvisited:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        path = [root]
        pending = [iter(adjacency.get(root, no_neighbours))]
        while path:
            node = path[-1]
            for other in pending[-1]:
                seen = index[other]
                if seen == unvisited:
                    index[other] = low[other] = counter
                    counter += 1
                    stack.append(other)
                    path.append(other)
                    pending.append(iter(adjacency.get(other, no_neighbours)))
                    break
                if seen == done:
                    gathered[node] |= gathered[other]
                elif seen < low[node]:  # on the stack: the same component
                    low[node] = seen
            else:  # every successor done: close the node
                path.pop()
                pending.pop()
                if low[node] == index[node]:
                    if stack[-1] == node:  # the common case: a component of one block
                        stack.pop()
                        index[node] = done
                    else:
                        cut = len(stack) - 1  # from the top: a reversed copy would cost the whole stack
                        while stack[cut] != node:
                            cut -= 1
                        component = stack[cut:]
                        del stack[cut:]
                        total = 0
                        for member in component:
                            total |= gathered[member]
                        for member in component:
                            gathered[member] = total
                            index[member] = done
                if path:
                    parent = path[-1]
                    gathered[parent] |= gathered[node]
                    if low[node] < low[parent]:
                        low[parent] = low[node]
    for node in seeds:  # a seeded block the walk never reached is not in the answer
        if index[node] != done:
            gathered[node] = 0
    return gathered


def topological(nodes: Iterable[int], adjacency: IntAdjacency) -> tuple[list[int], list[int]]:
    """Kahn's algorithm on the subgraph of ``nodes`` (every edge of ``adjacency`` runs between two of
    them): (topological order of the blocks not on or behind a cycle, the blocks left over, both in
    ``nodes`` order where Kahn leaves a choice). Nothing is left over exactly when it is acyclic."""
    indegree = dict.fromkeys(nodes, 0)
    for neighbours in adjacency.values():
        for other in neighbours:
            indegree[other] += 1
    ready = deque(node for node, count in indegree.items() if count == 0)
    order: list[int] = []
    while ready:
        node = ready.popleft()
        order.append(node)
        for other in adjacency.get(node, ()):
            indegree[other] -= 1
            if indegree[other] == 0:
                ready.append(other)
    return order, [node for node, count in indegree.items() if count > 0]


def heaviest_path(order: list[int], predecessors: IntAdjacency, weight: Callable[[int], float]
                  ) -> tuple[list[int], float]:
    """The path with the largest sum of ``weight`` over a DAG given in topological ``order``, and that
    sum; ties go to the path ending at the lowest number. Linear: one pass in that order."""
    if not order:
        return [], 0.0
    best: dict[int, float] = {}
    previous: dict[int, int | None] = {}
    for node in order:
        parent: int | None = None
        parent_total = 0.0
        for source in predecessors.get(node, ()):
            total = best.get(source)
            if total is not None and (parent is None or total > parent_total):
                parent, parent_total = source, total
        best[node] = parent_total + weight(node)
        previous[node] = parent
    end = max(order, key=lambda node: (best[node], -node))
    path = [end]
    while (step := previous[path[-1]]) is not None:
        path.append(step)
    path.reverse()
    return path, best[end]


def weak_groups(size: int, sources: list[int], targets: list[int], members: Iterable[int]) -> list[list[int]]:
    """Weakly connected groups of ``members`` over the edges ``sources[i] -> targets[i]`` (union-find),
    each in ascending order; largest first, ties by the first member."""
    parent = list(range(size))
    for a, b in zip(sources, targets, strict=True):
        while parent[a] != a:  # path halving; every root is its group's lowest number
            parent[a] = a = parent[parent[a]]
        while parent[b] != b:
            parent[b] = b = parent[parent[b]]
        if a < b:
            parent[b] = a
        elif b < a:
            parent[a] = b
    groups: dict[int, list[int]] = {}
    for node in sorted(members):
        top = node
        while parent[top] != top:
            top = parent[top]
        groups.setdefault(top, []).append(node)
    components = list(groups.values())
    components.sort(key=lambda group: (-len(group), group[0]))
    return components
