"""A block's role in a design, read from the graph alone: its kind and the settings that change what it
is (an online or offline store, batch or streaming), where it sits on the request path, and which kinds
of block it exchanges which flows with. Ids and labels never enter a role, so two designs drawn by
different people compare by what their blocks do."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from components.model import Diagram
from components.model.props import ONLINE_STORE_TYPES
from components.validate.metrics import normalise

# The one setting of each kind that makes it a different role (an offline store is not an online store).
_SETTING: dict[str, str] = {
    "feature_store": "tier", "feature_pipeline": "mode", "inference_service": "mode", "ranking": "mode",
    "candidate_generation": "mode", "online_experiment": "strategy",
}

Neighbour = tuple[str, str, str]  # ("in" | "out", flow, neighbour kind)
Link = tuple[str, str, int]  # ("in" | "out", flow, the neighbour's index)


@dataclass(frozen=True)
class Role:
    """What one block does in its design (``index``: its place in the diagram's block list)."""

    index: int
    kind: str
    setting: str  # "online", "batch", "offline store", "ab_test", ... ("" when the kind has none)
    depth: int | None  # request hops from a client (None: not on the request path)
    neighbours: frozenset[Neighbour]
    uses_model: bool
    links: frozenset[Link] = field(default=frozenset(), compare=False)  # which blocks, for the matching


def _setting(kind: str, props: dict[str, object]) -> str:
    if kind == "data_store":
        return "online store" if props.get("store_type") in ONLINE_STORE_TYPES else "offline store"
    if kind == "offline_evaluation":  # what a gate measures tells a retrieval gate from a ranking one
        metrics = props.get("metrics")
        return ", ".join(sorted({normalise(str(name)) for name in metrics})) if isinstance(metrics, list) else ""
    name = _SETTING.get(kind)
    return str(props.get(name, "")) if name else ""


def _depths(diagram: Diagram, position: dict[str, int]) -> dict[int, int]:
    """Request hops from the nearest client (breadth first over request connectors)."""
    callees: dict[int, list[int]] = {}
    for connector in diagram.connectors:
        if connector.flow == "request":
            callees.setdefault(position[connector.source], []).append(position[connector.target])
    depth = {index: 0 for index, block in enumerate(diagram.blocks) if block.kind == "client"}
    queue = deque(depth)
    while queue:
        node = queue.popleft()
        for other in callees.get(node, ()):
            if other not in depth:
                depth[other] = depth[node] + 1
                queue.append(other)
    return depth


def roles(diagram: Diagram) -> list[Role]:
    """The role of every block, in diagram order."""
    position = {block.id: index for index, block in enumerate(diagram.blocks)}
    kinds = [block.kind for block in diagram.blocks]
    neighbours: list[set[Neighbour]] = [set() for _ in diagram.blocks]
    links: list[set[Link]] = [set() for _ in diagram.blocks]
    for connector in diagram.connectors:
        source, target = position[connector.source], position[connector.target]
        neighbours[source].add(("out", connector.flow, kinds[target]))
        neighbours[target].add(("in", connector.flow, kinds[source]))
        links[source].add(("out", connector.flow, target))
        links[target].add(("in", connector.flow, source))
    depths = _depths(diagram, position)
    result = []
    for index, block in enumerate(diagram.blocks):
        props = vars(block.props)
        result.append(Role(index, block.kind, _setting(block.kind, props), depths.get(index),
                           frozenset(neighbours[index]), bool(props.get("uses_model", True)),
                           frozenset(links[index])))
    return result


def similarity(one: Role, other: Role) -> float:
    """How alike two roles of the same kind are: 10 for the kind, then the setting, the place on the
    request path and the overlap of their neighbourhoods (Jaccard). Different kinds never match."""
    if one.kind != other.kind:
        return 0.0
    score = 10.0
    if one.setting == other.setting and one.uses_model == other.uses_model:
        score += 3
    if (one.depth is None) == (other.depth is None):
        score += 2
        if one.depth is not None and one.depth == other.depth:
            score += 1
    union = one.neighbours | other.neighbours
    if union:
        score += 4 * len(one.neighbours & other.neighbours) / len(union)
    return score


def by_kind(items: Iterable[Role]) -> dict[str, list[Role]]:
    grouped: dict[str, list[Role]] = {}
    for role in items:
        grouped.setdefault(role.kind, []).append(role)
    return grouped
