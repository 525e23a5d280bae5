"""``DiagramGraph.reached`` answers for ``among`` blocks one connector from a start without a walk; on
random designs its answers must stay those of networkx's descendants / ancestors."""

from __future__ import annotations

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from components.model import FLOWS, Diagram
from components.validate.graph import DiagramGraph
from tests.core.test_validate_property import diagrams


def _expected(diagram: Diagram, starts: list[str], flows: tuple[str, ...], reverse: bool,
              avoid: list[str], one_hop: bool = False) -> set[str]:
    graph = nx.DiGraph()
    graph.add_nodes_from(block.id for block in diagram.blocks)
    graph.add_edges_from((c.source, c.target) for c in diagram.connectors if c.flow in flows)
    if reverse:
        graph = graph.reverse()
    walk = graph.subgraph(set(graph) - set(avoid))  # avoided blocks are never entered
    found: set[str] = set()
    for start in starts:
        if start in walk:  # one or more connectors: a start itself only when a path leads back to it
            for target in walk.successors(start):
                found |= {target} if one_hop else {target, *nx.descendants(walk, target)}
    return found


@given(diagrams(max_blocks=5, with_rules=False), st.data())
def test_reached_among_agrees_with_networkx(diagram: Diagram, data: st.DataObject) -> None:
    ids = [block.id for block in diagram.blocks]
    if not ids:
        return
    starts = data.draw(st.lists(st.sampled_from(ids), max_size=4))
    among = data.draw(st.lists(st.sampled_from(ids), max_size=6))
    avoid = data.draw(st.lists(st.sampled_from(ids), max_size=2))
    flows = tuple(data.draw(st.sets(st.sampled_from(FLOWS), min_size=1, max_size=2)))
    reverse = data.draw(st.booleans())
    graph = DiagramGraph(diagram)
    answer = graph.reached(starts, flows, reverse=reverse, avoid=avoid, among=among)
    assert answer == _expected(diagram, starts, flows, reverse, avoid) & set(among)
    assert answer == graph.reached(starts, flows, reverse=reverse, avoid=avoid) & set(among)
    near = graph.next_to(starts, flows, among, reverse=reverse, avoid=avoid)
    assert near <= answer
    assert near == _expected(diagram, starts, flows, reverse, avoid, one_hop=True) & set(among)
