"""The diagram as a graph, built once per validation and shared by every rule.

Rules mostly ask "is X reachable from Y over these flows", so the per-flow adjacency (both directions,
with connector ids) is precomputed here as plain dicts, and every helper is linear in the size of the
diagram: the walks themselves (``walks``) run on block numbers, plus one networkx cycle search; never
an enumeration of paths or cycles. The full networkx MultiDiGraph
(blocks as nodes with kind/props/label, connectors as edges keyed by id with their flow) is there as
``DiagramGraph.graph`` for callers that want networkx's algorithms; it is built on first use because
building it costs more than all the rules together on a 10,000-block design.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property
from itertools import pairwise
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from components.catalog import KINDS, SERVING_KINDS, is_model_serving
from components.model import FLOWS, Block, Diagram, param_defaults
from components.validate import walks
from components.validate.facts import LOOKUP_KINDS, DesignFacts
from components.validate.walks import IntAdjacency

if TYPE_CHECKING:
    import networkx as nx

_ID, _KIND = attrgetter("id"), attrgetter("kind")
_SOURCE, _TARGET, _FLOW = attrgetter("source"), attrgetter("target"), attrgetter("flow")


class DiagramGraph(DesignFacts):
    """Read-only graph view of a Diagram with the reachability helpers the rules share.

    Inside, blocks are numbered in diagram order and connectors are columns of those numbers (source,
    target), flows and ids: the walks below index plain lists, and the rules' str-keyed answers are
    made at the edges. On this stack each Python step per element costs ~30 ns, so the build is a few
    list comprehensions rather than one loop that fills many tables.
    """

    def __init__(self, diagram: Diagram) -> None:
        self.diagram = diagram
        self.requirements = diagram.requirements
        self.params = {**param_defaults(), **diagram.rules.params}
        blocks = diagram.blocks
        # one C-level pass per column (map + attrgetter): a comprehension reading pydantic attributes
        # costs ~3x more per element, and these columns are most of the build at 10,000 blocks
        block_ids: list[str] = list(map(_ID, blocks))
        kinds: list[str] = list(map(_KIND, blocks))
        self.blocks: dict[str, Block] = dict(zip(block_ids, blocks, strict=True))
        self.ids: list[str] = list(self.blocks)
        self.order: dict[str, int] = dict(zip(self.ids, range(len(self.ids)), strict=True))
        self.kind: dict[str, str] = dict(zip(block_ids, kinds, strict=True))
        self.by_kind: dict[str, list[str]] = {}
        for block_id, kind in zip(block_ids, kinds, strict=True):
            if kind in self.by_kind:
                self.by_kind[kind].append(block_id)
            else:
                self.by_kind[kind] = [block_id]
        connectors = diagram.connectors
        # one column per connector field; a connector is its position in these lists
        self._source: list[int] = list(map(self.order.__getitem__, map(_SOURCE, connectors)))
        self._target: list[int] = list(map(self.order.__getitem__, map(_TARGET, connectors)))
        self._flow: list[str] = list(map(_FLOW, connectors))
        self._cid: list[str] = list(map(_ID, connectors))
        self._by_flow: dict[str, list[int]] = {flow: [] for flow in FLOWS}
        for number, flow in enumerate(self._flow):
            self._by_flow[flow].append(number)
        self.linked: set[int] = set(self._source)  # numbers of the blocks with a connector
        self.linked.update(self._target)
        self._adjacency: dict[tuple[tuple[str, ...], bool], IntAdjacency] = {}
        self._names: dict[str, str] = {}

    @cached_property
    def graph(self) -> nx.MultiDiGraph[str]:
        """The whole diagram as a networkx MultiDiGraph: nodes are blocks (attributes kind, props, label),
        edges are connectors keyed by id (attribute flow). Built on first use: the rules run on the
        per-flow adjacency above, and building this alone costs more than all rules together at 10,000
        blocks, so callers that want networkx's algorithms pay for it only then (and for its import:
        a command line run that meets no request cycle never loads networkx)."""
        import networkx as nx

        graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        graph.add_nodes_from(
            (block.id, {"kind": block.kind, "props": block.props, "label": block.label})
            for block in self.diagram.blocks
        )
        for flow in FLOWS:
            graph.add_edges_from(
                ((c.source, c.target, c.id) for c in self.diagram.connectors if c.flow == flow),  # type: ignore[misc]  # (u, v, key) triples: the stubs know only (u, v, data)
                flow=flow,
            )
        return graph

    # --- blocks -------------------------------------------------------------------------------------

    def name(self, block_id: str) -> str:
        """How messages name a block: its label on one line (its id when the label is empty), in quotes,
        so a label with its own punctuation ("Ranking: calibrated P(click)") reads as one name."""
        name = self._names.get(block_id)
        if name is None:
            name = f"“{' '.join(self.blocks[block_id].label.split()) or block_id}”"
            self._names[block_id] = name
        return name

    def names(self, block_ids: Iterable[str]) -> list[str]:
        return [self.name(block_id) for block_id in block_ids]

    def of_kind(self, *kinds: str) -> list[str]:
        """Blocks of these kinds, in diagram order."""
        if len(kinds) == 1:
            return list(self.by_kind.get(kinds[0], ()))
        return self.sorted(block_id for kind in kinds for block_id in self.by_kind.get(kind, ()))

    def any_order_of_kind(self, *kinds: str) -> list[str]:
        """Blocks of these kinds grouped by kind: for the starts of a walk, where order does not matter."""
        return [block_id for kind in kinds for block_id in self.by_kind.get(kind, ())]

    def sorted(self, block_ids: Iterable[str]) -> list[str]:
        """Diagram order: stable output whatever order a set came in."""
        return sorted(set(block_ids), key=self.order.__getitem__)

    def stage_of(self, block_id: str) -> int | None:
        return KINDS[self.kind[block_id]].stage

    def prop(self, block_id: str, name: str, default: Any = None) -> Any:
        """A property of a block, ``default`` when its kind has no such field. Read from the instance
        dict (pydantic keeps fields there, and props have no computed ones): getattr on a missing field
        goes through pydantic's __getattr__ and a caught AttributeError, ~3 µs instead of 0.1."""
        return vars(self.blocks[block_id].props).get(name, default)

    @cached_property
    def serving(self) -> list[str]:
        """Model-serving blocks (catalog definition), in diagram order."""
        candidates = [block_id for kind in SERVING_KINDS for block_id in self.by_kind.get(kind, ())]
        return [block_id for block_id in self.sorted(candidates)
                if is_model_serving(self.kind[block_id], self.blocks[block_id].props)]

    @cached_property
    def online_serving(self) -> list[str]:
        return [block_id for block_id in self.serving if self.prop(block_id, "mode") == "online"]

    @cached_property
    def batch_serving(self) -> list[str]:
        return [block_id for block_id in self.serving if self.prop(block_id, "mode") == "batch"]

    # --- connectors ---------------------------------------------------------------------------------

    @cached_property
    def _incident(self) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
        """Connector numbers out of and into each block, flow by flow (FLOWS order), then in connector
        order: the order ``outgoing``/``incoming`` have always answered in."""
        out: dict[int, list[int]] = {}
        into: dict[int, list[int]] = {}
        source, target = self._source, self._target
        for flow in FLOWS:
            for number in self._by_flow[flow]:
                node = source[number]
                if node in out:
                    out[node].append(number)
                else:
                    out[node] = [number]
                node = target[number]
                if node in into:
                    into[node].append(number)
                else:
                    into[node] = [number]
        return out, into

    def _pairs(self, numbers: list[int], ends: list[int], flows: Iterable[str]) -> list[tuple[str, str]]:
        ids, flow_of, cid = self.ids, self._flow, self._cid
        if flows is FLOWS:  # every flow: the stored order is already flow by flow
            return [(ids[ends[number]], cid[number]) for number in numbers]
        return [(ids[ends[number]], cid[number]) for flow in flows for number in numbers if flow_of[number] == flow]

    def incoming(self, block_id: str, flows: Iterable[str] = FLOWS) -> list[tuple[str, str]]:
        """(source, connector id) of the connectors into a block, flow by flow in ``flows`` order."""
        numbers = self._incident[1].get(self.order[block_id])
        return self._pairs(numbers, self._source, flows) if numbers else []

    def outgoing(self, block_id: str, flows: Iterable[str] = FLOWS) -> list[tuple[str, str]]:
        """(target, connector id) of the connectors out of a block, flow by flow in ``flows`` order."""
        numbers = self._incident[0].get(self.order[block_id])
        return self._pairs(numbers, self._target, flows) if numbers else []

    def sources_into(self, blocks: Iterable[str], flows: Iterable[str] = FLOWS) -> set[str]:
        """Blocks sending a connector of these flows to one of ``blocks``: rules test membership here
        first and look at a block's own connectors only when it may be reported."""
        return self._ends(blocks, flows, self._incident[1], self._source)

    def targets_from(self, blocks: Iterable[str], flows: Iterable[str] = FLOWS) -> set[str]:
        """Blocks receiving a connector of these flows from one of ``blocks``."""
        return self._ends(blocks, flows, self._incident[0], self._target)

    def _ends(self, blocks: Iterable[str], flows: Iterable[str], incident: dict[int, list[int]],
              ends: list[int]) -> set[str]:
        order, ids = self.order, self.ids
        if flows is FLOWS:  # every flow: no filter
            return {ids[ends[number]] for block_id in blocks for number in incident.get(order[block_id], ())}
        flow_of, wanted = self._flow, set(flows)
        return {ids[ends[number]] for block_id in blocks for number in incident.get(order[block_id], ())
                if flow_of[number] in wanted}

    def adjacency(self, flows: Iterable[str], reverse: bool = False) -> IntAdjacency:
        """Neighbour lists (block numbers) over the given flows, flow by flow in sorted order, then in
        connector order; blocks without neighbours are missing. Cached: rules ask for the same few."""
        key = (tuple(sorted(set(flows))), reverse)
        cached = self._adjacency.get(key)
        if cached is None:
            starts, ends = (self._target, self._source) if reverse else (self._source, self._target)
            cached = {}
            for flow in key[0]:
                for number in self._by_flow[flow]:
                    node = starts[number]
                    if node in cached:
                        cached[node].append(ends[number])
                    else:
                        cached[node] = [ends[number]]
            self._adjacency[key] = cached
        return cached

    # --- reachability -------------------------------------------------------------------------------

    def reached(self, starts: Iterable[str], flows: Iterable[str], *, reverse: bool = False,
                avoid: Iterable[str] = (), among: Iterable[str] | None = None) -> set[str]:
        """Blocks reached from ``starts`` over one or more connectors of these flows.

        A start is in the result only when some path leads back to it. ``avoid`` blocks are never
        entered (as if removed); ``reverse`` walks connectors backwards (ancestors instead of descendants);
        ``among``: only these blocks are answered for (a rule asking about a few saves naming thousands).
        """
        order = self.order
        blocked = {order[block_id] for block_id in avoid}
        numbers = [order[block_id] for block_id in starts]
        if among is not None:
            # most asked-about blocks sit one connector from a start (an avoided block is never reached):
            # no walk for them, and none at all when that answers every one
            among = [block_id for block_id in among if order[block_id] not in blocked]
            near = self._one_hop(numbers, flows, reverse, among, blocked)
            if len(near) == len(among) or not (among := [block_id for block_id in among if block_id not in near]):
                return near
            seen = walks.reach(self.adjacency(flows, reverse), numbers, blocked)
            return near | {block_id for block_id in among if order[block_id] in seen}
        seen = walks.reach(self.adjacency(flows, reverse), numbers, blocked)
        ids = self.ids
        return {ids[node] for node in seen}

    def next_to(self, starts: Iterable[str], flows: Iterable[str], among: Iterable[str], *, reverse: bool = False,
                avoid: Iterable[str] = ()) -> set[str]:
        """The blocks of ``among`` one connector of these flows from a start (to one when ``reverse``), neither
        end in ``avoid``: part of what ``reached`` answers, found without a walk."""
        order = self.order
        blocked = {order[block_id] for block_id in avoid}
        return self._one_hop([order[block_id] for block_id in starts], flows, reverse,
                             [block_id for block_id in among if order[block_id] not in blocked], blocked)

    def _one_hop(self, starts: list[int], flows: Iterable[str], reverse: bool, among: list[str],
                 blocked: set[int]) -> set[str]:
        incident, ends = (self._incident[0], self._target) if reverse else (self._incident[1], self._source)
        order, flow_of, wanted = self.order, self._flow, set(flows)
        near = set(starts) - blocked
        return {block_id for block_id in among
                if any(ends[number] in near and flow_of[number] in wanted for number in incident.get(order[block_id], ()))}

    def reached_from(self, starts: Iterable[str], flows: Iterable[str], *, reverse: bool = False,
                     avoid: Iterable[str] = ()) -> dict[str, str]:
        """Like ``reached`` but maps each reached block to the first start (in ``starts`` order) whose
        breadth-first wave got there: one witness per block, found in linear time."""
        order, ids = self.order, self.ids
        blocked = {order[block_id] for block_id in avoid}
        origin = walks.first_origins(self.adjacency(flows, reverse), [order[start] for start in starts], blocked)
        return {ids[node]: ids[source] for node, source in origin.items()}

    def closure_bits(self, roots: Iterable[str], seeds: dict[str, int], flows: Iterable[str], *,
                     reverse: bool = False, adjacency: IntAdjacency | None = None) -> Callable[[str], int]:
        """For every block reachable from ``roots``: the OR of ``seeds`` over all blocks it reaches
        (itself included), as a lookup by block id (0 for the blocks not reachable from ``roots``).
        ``adjacency`` replaces the one of ``flows`` (a walk over a filtered graph).

        See ``walks.closure_bits``: one Tarjan SCC pass, every edge looked at once.
        """
        order = self.order
        gathered = walks.closure_bits(
            self.adjacency(flows, reverse) if adjacency is None else adjacency, len(self.ids),
            [order[root] for root in roots],
            {order[block_id]: bits for block_id, bits in seeds.items()},
        )
        return lambda block_id: gathered[order[block_id]]

    # --- the request path ---------------------------------------------------------------------------

    @cached_property
    def _request_numbers(self) -> list[int]:
        """Blocks touching at least one `request` connector, as numbers in diagram order."""
        numbers = self._by_flow["request"]
        touched = {self._source[number] for number in numbers}
        touched.update(self._target[number] for number in numbers)
        return sorted(touched)

    @cached_property
    def request_targets(self) -> frozenset[str]:
        """Blocks receiving at least one `request` connector."""
        ids, target = self.ids, self._target
        return frozenset(ids[target[number]] for number in self._by_flow["request"])

    @cached_property
    def request_nodes(self) -> list[str]:
        """Blocks touching at least one `request` connector, in diagram order: the request subgraph."""
        ids = self.ids
        return [ids[node] for node in self._request_numbers]

    @cached_property
    def _request_order(self) -> tuple[list[int], list[int]]:
        """Kahn's algorithm on the request subgraph: (topological order of the blocks not on or behind a
        cycle, the blocks left over), as numbers. Nothing is left over exactly when it is acyclic."""
        return walks.topological(self._request_numbers, self.adjacency(("request",)))

    @cached_property
    def request_cycle(self) -> list[tuple[str, str, str]]:
        """One cycle of request connectors as (source, target, connector id) edges, or [].

        Every block Kahn's algorithm leaves over has a predecessor that is also left over, so that part
        of the graph holds a cycle: one networkx cycle search on it finds one (self-loops included).
        """
        ids = self.ids
        left = [ids[node] for node in self._request_order[1]]
        if not left:
            return []
        keep = set(left)
        import networkx as nx

        graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        graph.add_nodes_from(left)
        graph.add_edges_from(
            (source, target, connector_id)  # type: ignore[misc]  # (u, v, key) triples: the stubs know only (u, v, data)
            for source in left for target, connector_id in self.outgoing(source, ("request",)) if target in keep
        )
        return [(source, target, key) for source, target, key, *_ in nx.find_cycle(graph)]

    @cached_property
    def request_callees(self) -> dict[str, dict[str, str]]:
        """Block on the request path -> {callee: connector id}: the blocks it calls and waits for before
        its request goes on, whose p99 the latency budget adds to its own.

        A callee is a `request` target that ends there (sends no request on) and is either a lookup
        (store, cache, index, feature store, prediction store) or a side call while the chain goes on
        through another target; and, for an online model-serving block, an online store or cache
        sending it `data` (a feature read at request time). A client's targets are its own separate
        calls, never callees; several targets that each go on are parallel branches, not callees.
        """
        ids, kind, cid = self.ids, self.kind, self._cid
        source_of, target_of = self._source, self._target
        sends = self.adjacency(("request",))  # blocks with an outgoing request connector
        lookups = {self.order[block_id] for block_id in self.any_order_of_kind(*LOOKUP_KINDS)}
        ends: dict[int, list[int]] = {}  # caller -> its request connectors to blocks that end there
        goes_on: set[int] = set()  # callers with a request connector to a block that sends one on
        for number in self._by_flow["request"]:
            source = source_of[number]
            if target_of[number] in sends:
                goes_on.add(source)
            elif source in ends:
                ends[source].append(number)
            else:
                ends[source] = [number]
        callees: dict[str, dict[str, str]] = {}
        for caller, numbers in ends.items():
            if kind[ids[caller]] == "client":
                continue
            waits = {ids[target_of[n]]: cid[n] for n in numbers if caller in goes_on or target_of[n] in lookups}
            if waits:
                callees[ids[caller]] = waits
        online = {self.order[block_id] for block_id in self.online_serving}
        if online:
            out, flow_of, order = self._incident[0], self._flow, self.order
            for store in self.online_stores:
                for number in out.get(order[store], ()):
                    if flow_of[number] == "data" and target_of[number] in online:
                        callees.setdefault(ids[target_of[number]], {}).setdefault(store, cid[number])
        return callees

    def heaviest_request_path(self) -> tuple[list[str], float]:
        """The request chain with the largest p99 sum, each block counting its callees too
        (``request_callees``), and that sum. Callees are folded into their caller, not chain blocks.

        Longest path on a DAG in topological order (linear); only meaningful when the request subgraph
        is acyclic, so callers check ``request_cycle`` first.
        """
        ids, order = self.ids, self.order
        outgoing = self.adjacency(("request",))
        callees = self.request_callees
        folded: dict[int, set[int]] = {}  # callee -> the callers it is folded into (callees end the chain)
        for caller, waits in callees.items():
            for callee in waits:
                folded.setdefault(order[callee], set()).add(order[caller])
        predecessors: IntAdjacency = {}
        for node, sources in self.adjacency(("request",), reverse=True).items():
            callers = folded.get(node)
            kept = sources if callers is None else [source for source in sources if source not in callers]
            if kept:
                predecessors[node] = kept
        # a callee reached only as a callee is not a chain of its own
        chain = [node for node in self._request_order[0] if node in predecessors or node in outgoing]
        p99 = self.request_p99
        cost = {node: float(p99[ids[node]] or 0) for node in chain}
        for caller, waits in callees.items():
            number = order[caller]
            if number in cost:
                cost[number] += sum(p99[callee] or 0.0 for callee in waits)
        path, total = walks.heaviest_path(chain, predecessors, cost.__getitem__)
        return [ids[node] for node in path], total

    @cached_property
    def request_p99(self) -> dict[str, float | None]:
        """p99_ms (None where unset) of every block the latency budget counts: the request subgraph and
        the callees (feature reads included), request blocks in diagram order first."""
        counted = dict.fromkeys(self.request_nodes)
        for callees in self.request_callees.values():
            counted.update(dict.fromkeys(callees))
        blocks = self.blocks
        return {block_id: vars(blocks[block_id].props).get("p99_ms") for block_id in counted}

    def request_cost(self, block_id: str) -> float:
        """A block's p99 plus its callees' (0 where unset)."""
        p99 = self.request_p99
        own = float(p99.get(block_id) or 0)
        callees = self.request_callees.get(block_id)
        return own + sum(p99[callee] or 0.0 for callee in callees) if callees else own

    def connectors_along(self, path: list[str], flow: str) -> list[str]:
        """The first connector of ``flow`` between each consecutive pair of a path."""
        found = []
        for source, target in pairwise(path):
            for other, connector_id in self.outgoing(source, (flow,)):
                if other == target:
                    found.append(connector_id)
                    break
        return found

    # --- structure ----------------------------------------------------------------------------------

    def weak_components(self) -> list[list[str]]:
        """Weakly connected groups of the blocks that have a connector (union-find over connectors),
        each in diagram order; largest first, ties by the first block's place in the diagram."""
        ids = self.ids
        groups = walks.weak_groups(len(ids), self._source, self._target, self.linked)
        return [[ids[node] for node in group] for group in groups]

    def outside_main_part(self) -> tuple[int, list[str]]:
        """(how many weakly connected parts the linked blocks form, the blocks outside the largest part in
        diagram order). Live validation answers this from components it keeps up to date."""
        components = self.weak_components()
        return len(components), self.sorted(block_id for component in components[1:] for block_id in component)
