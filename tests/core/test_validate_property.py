"""Random valid designs: validate never raises, is deterministic, and agrees with brute-force
networkx definitions of the graph rules (all-paths enumeration on small graphs)."""

from __future__ import annotations

import itertools
import re

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from components.catalog import KINDS, is_model_serving
from components.model import FLOWS, RULE_IDS, Block, Connector, Diagram, Requirements, RuleSettings
from components.validate import SEVERITIES, coverage, validate

KIND_NAMES = sorted(KINDS)
SINKS = ("prediction_store", "data_store", "cache")
LOOKUPS = ("data_store", "feature_store", "cache", "prediction_store", "vector_index")
# Kinds the rules care about, drawn more often so small graphs exercise them.
FOCUS = ["client", "ranking", "candidate_generation", "inference_service", "training_pipeline", "model_registry",
         "offline_evaluation", "online_experiment", "data_store", "feature_store", "logging", "monitoring",
         "prediction_store", "vector_index", "indexing_pipeline"]
METRIC_NAMES = ["nDCG@10", "PR-AUC", "accuracy", "RMSE", "CTR", "BLEU", "our own score", ""]


@st.composite
def diagrams(draw: st.DrawFn, max_blocks: int = 8, with_rules: bool = True) -> Diagram:
    count = draw(st.integers(0, max_blocks))
    blocks = []
    for index in range(count):
        kind = draw(st.sampled_from(FOCUS) | st.sampled_from(KIND_NAMES))
        props: dict = {}
        if draw(st.booleans()):
            props["p99_ms"] = draw(st.integers(0, 80))
        if kind in ("ranking", "candidate_generation", "inference_service"):
            props["mode"] = draw(st.sampled_from(["online", "online", "batch"]))
            props["features_in_request"] = draw(st.booleans())
        if kind == "candidate_generation":
            props["uses_model"] = draw(st.booleans())
            props["candidates_out"] = draw(st.none() | st.integers(1, 10**6))
        if kind == "feature_store":
            props["tier"] = draw(st.sampled_from(["offline", "online"]))
        if kind == "data_store":
            props["store_type"] = draw(st.sampled_from(["warehouse", "lake", "object_store", "nosql", "kv", "sql"]))
        if kind == "feature_pipeline":
            props["mode"] = draw(st.sampled_from(["batch", "streaming"]))
        if kind == "monitoring":
            props["target"] = draw(st.lists(st.sampled_from(["system", "data_drift", "prediction_drift",
                                                             "model_quality"]), min_size=1, max_size=4))
        if kind == "logging":
            props["logs"] = draw(st.lists(st.sampled_from(["requests", "features", "predictions", "impressions",
                                                           "outcomes"]), max_size=3))
        if kind == "online_experiment":
            props["strategy"] = draw(st.sampled_from(["ab_test", "shadow", "canary", "interleaving", "bandit"]))
            props["traffic_percent"] = draw(st.sampled_from([0, 5, 50, 100]))
        if kind == "training_pipeline":
            props["cadence"] = draw(st.sampled_from(["daily", "hourly", "continuous"]))
        if kind == "offline_evaluation":
            props["metrics"] = draw(st.lists(st.sampled_from(METRIC_NAMES), max_size=2))
        label = draw(st.sampled_from(["", "Ranking", "a\nb", "Ünïcode ✓", f"B{index}"]))
        blocks.append(Block(id=f"b{index}", kind=kind, label=label, props=props))
    connectors = []
    if blocks:
        ids = [block.id for block in blocks]
        edges = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids), st.sampled_from(FLOWS)),
                              max_size=3 * count))
        connectors = [Connector(id=f"c{i}", source=s, target=t, flow=f) for i, (s, t, f) in enumerate(edges)]
    requirements = Requirements(
        business_objective=draw(st.sampled_from(["", "Grow"])),
        latency_slo_ms=draw(st.none() | st.integers(1, 150)),
        corpus_size=draw(st.none() | st.sampled_from([10, 100_000, 10**9])),
        task_type=draw(st.sampled_from(["", "ranking", "binary_classification", "regression", "generation"])),
        dau=draw(st.none() | st.sampled_from([0, 1000, 10**8])),
        qps_peak=draw(st.none() | st.sampled_from([0, 10, 10**6])),
        volume_per_run=draw(st.none() | st.sampled_from([0, 10**6])),
        offline_metrics=draw(st.lists(st.sampled_from(METRIC_NAMES), max_size=2)),
        online_metrics=draw(st.lists(st.sampled_from(METRIC_NAMES), max_size=2)),
    )
    rules = RuleSettings()
    if with_rules:
        rules = RuleSettings(
            disabled=draw(st.lists(st.sampled_from(RULE_IDS), max_size=3, unique=True)),
            severity=draw(st.dictionaries(st.sampled_from(RULE_IDS), st.sampled_from(SEVERITIES), max_size=3)),
            params=draw(st.sampled_from([{}, {"corpus_threshold": 0}, {"corpus_threshold": 10**10},
                                         {"peak_factor": 0, "ranker_items_per_ms": 0},
                                         {"metric_families": {"outcome": ["accuracy"], "ranking": [""]}}])),
        )
    return Diagram(requirements=requirements, rules=rules, blocks=blocks, connectors=connectors)


@given(diagrams())
def test_validate_never_raises_and_findings_are_well_formed(diagram: Diagram) -> None:
    found = validate(diagram)
    assert validate(diagram) == found
    block_ids = {block.id for block in diagram.blocks}
    connector_ids = {connector.id for connector in diagram.connectors}
    rank = {name: i for i, name in enumerate(SEVERITIES)}
    keys = [(rank[f.severity], f.stage, f.rule, f.blocks) for f in found]
    assert keys == sorted(keys)
    for finding in found:
        assert finding.rule in RULE_IDS and finding.rule not in diagram.rules.disabled
        assert finding.severity == diagram.rules.severity.get(finding.rule, finding.severity)
        assert 1 <= finding.stage <= 7
        assert set(finding.blocks) <= block_ids and set(finding.connectors) <= connector_ids
        assert len(set(finding.blocks)) == len(finding.blocks)
        assert finding.message and finding.hint and "\n" not in finding.message
    assert len(coverage(diagram)) == 7


def _flow_graph(diagram: Diagram, *flows: str) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(block.id for block in diagram.blocks)
    graph.add_edges_from((c.source, c.target) for c in diagram.connectors if c.flow in flows)
    return graph


def _reaches(graph: nx.MultiDiGraph, sources: list[str], target: str) -> bool:
    return any(source != target and nx.has_path(graph, source, target) for source in sources)


def expected(diagram: Diagram) -> dict[str, set[str]]:
    """Which blocks each graph rule should name first, straight from DESIGN.md's table."""
    kind = {block.id: block.kind for block in diagram.blocks}
    of = {k: [b for b in kind if kind[b] == k] for k in KINDS}
    serving = [b.id for b in diagram.blocks if is_model_serving(b.kind, b.props)]
    batch = {b.id for b in diagram.blocks if b.id in serving and b.props.mode == "batch"}
    everything = _flow_graph(diagram, *FLOWS)
    model = _flow_graph(diagram, "model")
    request = _flow_graph(diagram, "request")
    back = _flow_graph(diagram, "data", "feedback")  # and requests, except a read from a lookup
    back.add_edges_from((c.source, c.target) for c in diagram.connectors
                        if c.flow == "request" and kind[c.target] not in LOOKUPS)
    result: dict[str, set[str]] = {}
    stage3 = [b for b in kind if KINDS[kind[b]].stage == 3]
    result["no-training-data"] = {t for t in of["training_pipeline"] if not _reaches(everything, stage3, t)}
    direct = {c.target for c in diagram.connectors if kind[c.source] == "training_pipeline"}
    result["registry-gap"] = {s for s in serving if s in direct or not _reaches(model, of["model_registry"], s)}
    gated = model.copy()
    gated.remove_nodes_from(of["offline_evaluation"])
    result["no-evaluation-gate"] = {
        s for s in serving if s in gated and _reaches(gated, of["training_pipeline"], s)
    }
    loops = set()
    for s in serving:
        trainers = [t for t in of["training_pipeline"] if nx.has_path(model, t, s)]
        if not trainers:
            continue
        fronts = [s]
        if s in batch:  # the online path reading what a batch model writes
            for c in diagram.connectors:
                if c.source == s and c.flow == "data" and kind[c.target] in SINKS:
                    fronts += [e.target for e in diagram.connectors if e.source == c.target and e.flow == "data"]
                    fronts += [e.source for e in diagram.connectors if e.target == c.target and e.flow == "request"]
        starts = fronts + [c for c in of["client"] if any(nx.has_path(request, c, f) for f in fronts)]
        if not any(nx.has_path(back, start, t) for start in starts for t in trainers):
            loops.add(s)
    result["no-feedback-loop"] = loops
    result["request-cycle"] = set() if nx.is_directed_acyclic_graph(request) else {"*"}
    touched = {n for c in diagram.connectors for n in (c.source, c.target)}
    parts = list(nx.weakly_connected_components(everything.subgraph(touched)))
    result["disconnected-design"] = {"*"} if len(parts) > 1 else set()
    return result


def online_store(block: Block) -> bool:
    props = vars(block.props)
    if block.kind == "feature_store":
        return props["tier"] == "online"
    if block.kind == "data_store":
        return props["store_type"] not in ("warehouse", "lake", "object_store")
    return block.kind in ("cache", "prediction_store")


def heaviest_request_sum(diagram: Diagram) -> float:
    """Brute force, straight from the latency-budget docstring: each block waits for its callees (request
    targets that end there and are lookups, or end there while another target goes on; online stores
    feeding an online model with data); callees leave the chain; every simple chain path is summed."""
    request = nx.DiGraph(_flow_graph(diagram, "request"))
    blocks = {b.id: b for b in diagram.blocks}
    weight = {b.id: float(b.props.p99_ms or 0) for b in diagram.blocks}
    serving = {b.id for b in diagram.blocks if is_model_serving(b.kind, b.props) and b.props.mode == "online"}
    cost, folded = dict(weight), set()
    for node in request:
        if blocks[node].kind == "client":
            continue
        ends = [t for t in request.successors(node) if request.out_degree(t) == 0]
        goes_on = len(ends) < request.out_degree(node)
        callees = {t for t in ends if goes_on or blocks[t].kind in LOOKUPS}
        folded |= {(node, t) for t in callees}
        if node in serving:
            callees |= {c.source for c in diagram.connectors
                        if c.target == node and c.flow == "data" and online_store(blocks[c.source])}
        cost[node] += sum(weight[c] for c in callees)
    chain = nx.DiGraph(request)
    chain.remove_edges_from(folded)
    callee_only = {n for n in request if request.in_degree(n) and not chain.degree(n)}
    nodes = [n for n in request if request.degree(n) and n not in callee_only]
    best = max((cost[n] for n in nodes), default=0.0)
    for source, target in itertools.permutations(nodes, 2):
        for route in nx.all_simple_paths(chain, source, target):
            best = max(best, sum(cost[n] for n in route))
    return best


@given(diagrams(max_blocks=7, with_rules=False))
def test_graph_rules_agree_with_brute_force_definitions(diagram: Diagram) -> None:
    found = validate(diagram)
    for rule, blocks in expected(diagram).items():
        fired = [f for f in found if f.rule == rule]
        if blocks == {"*"} or (not blocks and rule in ("request-cycle", "disconnected-design")):
            assert bool(fired) == bool(blocks), rule
        else:
            assert {f.blocks[0] for f in fired} == blocks, rule
    slo = diagram.requirements.latency_slo_ms
    budget = [f for f in found if f.rule == "latency-budget"]
    if slo is None or expected(diagram)["request-cycle"]:
        assert not budget
    else:
        heaviest = heaviest_request_sum(diagram)
        assert bool(budget) == (heaviest > slo)
        if budget:
            reported = float(re.search(r"takes ([0-9.]+) ms", budget[0].message).group(1))
            assert reported == heaviest
