"""The diagram as a graph, built once per validation and shared by every rule.

Rules mostly ask "is X reachable from Y over these flows", so the per-flow adjacency (both directions,
with connector ids) is precomputed here as plain dicts, and every helper is linear in the size of the
diagram: multi-source BFS, one SCC pass with bit sets, Kahn's order plus one networkx cycle search,
one longest path on a DAG; never an enumeration of paths or cycles. The full networkx MultiDiGraph
(blocks as nodes with kind/props/label, connectors as edges keyed by id with their flow) is there as
``DiagramGraph.graph`` for callers that want networkx's algorithms; it is built on first use because
building it costs more than all the rules together on a 10,000-block design.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from functools import cached_property
from itertools import pairwise

import networkx as nx

from components.catalog import KINDS, SERVING_KINDS, is_model_serving
from components.model import FLOWS, Block, Diagram

DEFAULT_PARAMS: dict[str, int] = {"corpus_threshold": 100_000}

Adjacency = dict[str, list[str]]


class DiagramGraph:
    """Read-only graph view of a Diagram with the reachability helpers the rules share."""

    def __init__(self, diagram: Diagram) -> None:
        self.diagram = diagram
        self.requirements = diagram.requirements
        self.params = {**DEFAULT_PARAMS, **diagram.rules.params}
        self.blocks: dict[str, Block] = {block.id: block for block in diagram.blocks}
        self.ids: list[str] = list(self.blocks)
        self.order: dict[str, int] = {block_id: index for index, block_id in enumerate(self.ids)}
        self.kind: dict[str, str] = {block.id: block.kind for block in diagram.blocks}
        self.by_kind: dict[str, list[str]] = {}
        for block in diagram.blocks:
            self.by_kind.setdefault(block.kind, []).append(block.id)
        # (neighbour, connector id) per flow, in connector order, both directions
        self.out: dict[str, dict[str, list[tuple[str, str]]]] = {flow: {} for flow in FLOWS}
        self.inc: dict[str, dict[str, list[tuple[str, str]]]] = {flow: {} for flow in FLOWS}
        self.degree: dict[str, int] = dict.fromkeys(self.ids, 0)
        for connector in diagram.connectors:
            source, target = connector.source, connector.target
            self.out[connector.flow].setdefault(source, []).append((target, connector.id))
            self.inc[connector.flow].setdefault(target, []).append((source, connector.id))
            self.degree[source] += 1
            self.degree[target] += 1
        self._adjacency: dict[tuple[tuple[str, ...], bool], Adjacency] = {}
        self._names: dict[str, str] = {}

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The whole diagram as a networkx MultiDiGraph: nodes are blocks (attributes kind, props, label),
        edges are connectors keyed by id (attribute flow). Built on first use: the rules run on the
        per-flow adjacency above, and building this alone costs more than all rules together at 10,000
        blocks, so callers that want networkx's algorithms pay for it only then."""
        graph = nx.MultiDiGraph()
        graph.add_nodes_from(
            (block.id, {"kind": block.kind, "props": block.props, "label": block.label})
            for block in self.diagram.blocks
        )
        for flow in FLOWS:
            graph.add_edges_from(
                ((c.source, c.target, c.id) for c in self.diagram.connectors if c.flow == flow), flow=flow
            )
        return graph

    # --- blocks -------------------------------------------------------------------------------------

    def name(self, block_id: str) -> str:
        """How messages name a block: its label on one line, or its id when the label is empty."""
        name = self._names.get(block_id)
        if name is None:
            name = " ".join(self.blocks[block_id].label.split()) or block_id
            self._names[block_id] = name
        return name

    def names(self, block_ids: Iterable[str]) -> list[str]:
        return [self.name(block_id) for block_id in block_ids]

    def of_kind(self, *kinds: str) -> list[str]:
        """Blocks of these kinds, in diagram order."""
        if len(kinds) == 1:
            return list(self.by_kind.get(kinds[0], ()))
        return self.sorted(block_id for kind in kinds for block_id in self.by_kind.get(kind, ()))

    def sorted(self, block_ids: Iterable[str]) -> list[str]:
        """Diagram order: stable output whatever order a set came in."""
        return sorted(set(block_ids), key=self.order.__getitem__)

    def stage_of(self, block_id: str) -> int | None:
        return KINDS[self.kind[block_id]].stage

    def prop(self, block_id: str, name: str, default: object = None) -> object:
        return getattr(self.blocks[block_id].props, name, default)

    @cached_property
    def serving(self) -> list[str]:
        """Model-serving blocks (catalog definition), in diagram order."""
        candidates = [block_id for kind in SERVING_KINDS for block_id in self.by_kind.get(kind, ())]
        return [block_id for block_id in self.sorted(candidates)
                if is_model_serving(self.kind[block_id], self.blocks[block_id].props)]

    def is_online(self, block_id: str) -> bool:
        return self.prop(block_id, "mode") == "online"

    @cached_property
    def online_serving(self) -> list[str]:
        return [block_id for block_id in self.serving if self.is_online(block_id)]

    @cached_property
    def batch_serving(self) -> list[str]:
        return [block_id for block_id in self.serving if self.prop(block_id, "mode") == "batch"]

    # --- connectors ---------------------------------------------------------------------------------

    def incoming(self, block_id: str, flows: Iterable[str] = FLOWS) -> list[tuple[str, str]]:
        """(source, connector id) of the connectors into a block over these flows."""
        return [pair for flow in flows for pair in self.inc[flow].get(block_id, ())]

    def outgoing(self, block_id: str, flows: Iterable[str] = FLOWS) -> list[tuple[str, str]]:
        """(target, connector id) of the connectors out of a block over these flows."""
        return [pair for flow in flows for pair in self.out[flow].get(block_id, ())]

    def adjacency(self, flows: Iterable[str], reverse: bool = False) -> Adjacency:
        """Neighbour lists over the given flows (cached: rules ask for the same few flow sets)."""
        key = (tuple(sorted(set(flows))), reverse)
        cached = self._adjacency.get(key)
        if cached is None:
            tables = self.inc if reverse else self.out
            cached = {}
            for flow in key[0]:
                for node, pairs in tables[flow].items():
                    neighbours = [other for other, _ in pairs]
                    if node in cached:
                        cached[node] += neighbours
                    else:
                        cached[node] = neighbours
            self._adjacency[key] = cached
        return cached

    # --- reachability -------------------------------------------------------------------------------

    def reached(self, starts: Iterable[str], flows: Iterable[str], *, reverse: bool = False,
                avoid: Iterable[str] = ()) -> set[str]:
        """Blocks reached from ``starts`` over one or more connectors of these flows (multi-source BFS).

        A start is in the result only when some path leads back to it. ``avoid`` blocks are never
        entered (as if removed); ``reverse`` walks connectors backwards (ancestors instead of descendants).
        """
        return set(self.reached_from(starts, flows, reverse=reverse, avoid=avoid))

    def reached_from(self, starts: Iterable[str], flows: Iterable[str], *, reverse: bool = False,
                     avoid: Iterable[str] = ()) -> dict[str, str]:
        """Like ``reached`` but maps each reached block to the first start (in ``starts`` order) whose
        breadth-first wave got there: one witness per block, found in linear time."""
        adjacency = self.adjacency(flows, reverse)
        blocked = set(avoid)
        origin: dict[str, str] = {}
        queue: deque[tuple[str, str]] = deque((start, start) for start in starts if start not in blocked)
        expanded: set[str] = set()
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

    def closure_bits(self, roots: Iterable[str], seeds: dict[str, int], flows: Iterable[str], *,
                     reverse: bool = False) -> dict[str, int]:
        """For every block reachable from ``roots``: the OR of ``seeds`` over all blocks it reaches
        (itself included); blocks whose result is 0 may be missing from the dict.

        One iterative Tarjan SCC pass: components come out in reverse topological order, so each
        component's set is its own seeds plus its successors' sets, which are already known.
        """
        adjacency = self.adjacency(flows, reverse)
        no_neighbours: list[str] = []
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        stack: list[str] = []
        on_stack: set[str] = set()
        bits: dict[str, int] = {}
        for root in roots:
            if root in index:
                continue
            index[root] = low[root] = len(index)
            stack.append(root)
            on_stack.add(root)
            path = [root]
            pending = [iter(adjacency.get(root, no_neighbours))]
            while path:
                node = path[-1]
                for other in pending[-1]:
                    if other not in index:
                        index[other] = low[other] = len(index)
                        stack.append(other)
                        on_stack.add(other)
                        path.append(other)
                        pending.append(iter(adjacency.get(other, no_neighbours)))
                        break
                    if other in on_stack and index[other] < low[node]:
                        low[node] = index[other]
                else:  # every successor done: close the node
                    path.pop()
                    pending.pop()
                    if path and low[node] < low[path[-1]]:
                        low[path[-1]] = low[node]
                    if low[node] != index[node]:
                        continue
                    if stack[-1] == node:  # the common case: a component of one block
                        stack.pop()
                        on_stack.discard(node)
                        component = (node,)
                    else:
                        cut = len(stack) - 1 - stack[::-1].index(node)
                        component = tuple(stack[cut:])
                        del stack[cut:]
                        on_stack.difference_update(component)
                    total = 0
                    for member in component:
                        total |= seeds.get(member, 0)
                        for other in adjacency.get(member, no_neighbours):
                            total |= bits.get(other, 0)
                    if total:
                        for member in component:
                            bits[member] = total
        return bits

    # --- the request path ---------------------------------------------------------------------------

    @cached_property
    def request_nodes(self) -> list[str]:
        """Blocks touching at least one `request` connector, in diagram order: the request subgraph."""
        outgoing, incoming = self.out["request"], self.inc["request"]
        return [block_id for block_id in self.ids if block_id in outgoing or block_id in incoming]

    @cached_property
    def _request_order(self) -> tuple[list[str], list[str]]:
        """Kahn's algorithm on the request subgraph: (topological order of the blocks not on or behind a
        cycle, the blocks left over). Nothing is left over exactly when the subgraph is acyclic."""
        adjacency = self.adjacency(("request",))
        indegree = dict.fromkeys(self.request_nodes, 0)
        for node in self.request_nodes:
            for other in adjacency.get(node, ()):
                indegree[other] += 1
        ready = deque(node for node, count in indegree.items() if count == 0)
        order: list[str] = []
        while ready:
            node = ready.popleft()
            order.append(node)
            for other in adjacency.get(node, ()):
                indegree[other] -= 1
                if indegree[other] == 0:
                    ready.append(other)
        return order, [node for node, count in indegree.items() if count > 0]

    @cached_property
    def request_cycle(self) -> list[tuple[str, str, str]]:
        """One cycle of request connectors as (source, target, connector id) edges, or [].

        Every block Kahn's algorithm leaves over has a predecessor that is also left over, so that part
        of the graph holds a cycle: one networkx cycle search on it finds one (self-loops included).
        """
        _, left = self._request_order
        if not left:
            return []
        keep = set(left)
        graph = nx.MultiDiGraph()
        graph.add_nodes_from(left)
        graph.add_edges_from(
            (source, target, connector_id)
            for source in left for target, connector_id in self.out["request"].get(source, ()) if target in keep
        )
        return [(source, target, key) for source, target, key, *_ in nx.find_cycle(graph)]

    def heaviest_request_path(self) -> tuple[list[str], float]:
        """The request path with the largest sum of block p99_ms (0 where unset), and that sum.

        Longest path on a DAG in topological order (linear); only meaningful when the request subgraph
        is acyclic, so callers check ``request_cycle`` first.
        """
        order, _ = self._request_order
        if not order:
            return [], 0.0
        predecessors = self.adjacency(("request",), reverse=True)
        best: dict[str, float] = {}
        previous: dict[str, str | None] = {}
        for node in order:
            parent: str | None = None
            parent_total = 0.0
            for source in predecessors.get(node, ()):
                total = best.get(source)
                if total is not None and (parent is None or total > parent_total):
                    parent, parent_total = source, total
            best[node] = parent_total + float(self.prop(node, "p99_ms") or 0)
            previous[node] = parent
        end = max(order, key=lambda node: (best[node], -self.order[node]))
        path = [end]
        while (step := previous[path[-1]]) is not None:
            path.append(step)
        path.reverse()
        return path, best[end]

    def connectors_along(self, path: list[str], flow: str) -> list[str]:
        """The first connector of ``flow`` between each consecutive pair of a path."""
        found = []
        for source, target in pairwise(path):
            for other, connector_id in self.out[flow].get(source, ()):
                if other == target:
                    found.append(connector_id)
                    break
        return found

    # --- structure ----------------------------------------------------------------------------------

    def weak_components(self) -> list[list[str]]:
        """Weakly connected groups of the blocks that have a connector (union-find over connectors),
        each in diagram order; largest first, ties by the first block's place in the diagram."""
        parent = {block_id: block_id for block_id in self.ids if self.degree[block_id]}

        def root(node: str) -> str:
            top = node
            while parent[top] != top:
                top = parent[top]
            while parent[node] != top:
                parent[node], node = top, parent[node]
            return top

        for connector in self.diagram.connectors:
            a, b = root(connector.source), root(connector.target)
            if a != b:
                if self.order[b] < self.order[a]:
                    a, b = b, a
                parent[b] = a
        groups: dict[str, list[str]] = {}
        for block_id in parent:
            groups.setdefault(root(block_id), []).append(block_id)
        components = list(groups.values())
        components.sort(key=lambda members: (-len(members), self.order[members[0]]))
        return components
