"""Seeded synthetic diagrams shaped like real designs, for benchmarks and scale tests.

A diagram is a grid of "cells", each a small, valid ML system: ingestion, offline and online
features, training behind an evaluation gate, registry and online experiment, a serving funnel,
logging back to the event stream (a feedback loop), monitoring and alerting. Cells are chained by a
data connector so the whole design is one component, with about as many connectors as blocks.
"""

from __future__ import annotations

import random
from typing import Any

from components.model import Block, Connector, Diagram, Flow, Kind, Requirements, props_model

# (suffix, kind, props, column, row) of one cell; columns are 200 units apart, rows 110.
_CELL: tuple[tuple[str, Kind, dict[str, Any], int, int], ...] = (
    ("src", "data_source", {}, 0, 0),
    ("stream", "event_stream", {}, 1, 0),
    ("fp", "feature_pipeline", {"mode": "streaming"}, 2, 0),
    ("fs", "feature_store", {"tier": "offline"}, 3, 0),
    ("fson", "feature_store", {"tier": "online", "p99_ms": 5}, 4, 0),
    ("mon", "monitoring", {"target": ["system", "data_drift", "model_quality"]}, 5, 0),
    ("train", "training_pipeline", {}, 1, 1),
    ("eval", "offline_evaluation", {}, 2, 1),
    ("reg", "model_registry", {}, 3, 1),
    ("exp", "online_experiment", {"strategy": "canary"}, 4, 1),
    ("alert", "alerting", {}, 5, 1),
    ("client", "client", {}, 0, 2),
    ("cand", "candidate_generation", {"p99_ms": 30, "uses_model": False}, 1, 2),
    ("rank", "ranking", {"p99_ms": 60}, 2, 2),
    ("rerank", "reranking", {"p99_ms": 10}, 3, 2),
    ("log", "logging", {"logs": ["impressions", "outcomes"]}, 4, 2),
)
_LINKS: tuple[tuple[str, str, Flow], ...] = (
    ("src", "stream", "data"), ("stream", "fp", "data"), ("fp", "fs", "data"), ("fp", "fson", "data"),
    ("fs", "train", "data"), ("fson", "rank", "data"),
    ("train", "eval", "model"), ("eval", "reg", "model"), ("reg", "exp", "model"),
    ("exp", "rank", "model"),
    ("client", "cand", "request"), ("cand", "rank", "request"), ("rank", "rerank", "request"),
    ("rerank", "log", "feedback"), ("log", "stream", "feedback"),
    ("rank", "mon", "observe"), ("log", "mon", "observe"), ("mon", "alert", "observe"),
)
CELL_BLOCKS = len(_CELL)
_CELL_WIDTH = 6 * 200 + 120
_CELL_HEIGHT = 3 * 110 + 120


def synthetic_diagram(n_blocks: int, seed: int = 0) -> Diagram:
    """A valid diagram with exactly ``n_blocks`` blocks and about as many connectors."""
    rng = random.Random(seed)
    cells = max(1, -(-n_blocks // CELL_BLOCKS))
    per_row = max(1, round(cells**0.5))
    blocks: list[Block] = []
    connectors: list[Connector] = []
    for cell in range(cells):
        ox = (cell % per_row) * _CELL_WIDTH
        oy = (cell // per_row) * _CELL_HEIGHT
        made: set[str] = set()
        for suffix, kind, props, col, row in _CELL:
            if len(blocks) == n_blocks:
                break
            block_id = f"c{cell}_{suffix}"
            label = f"{suffix.title()} {cell}"
            jitter = rng.uniform(-6, 6)
            blocks.append(Block(id=block_id, kind=kind, label=label, x=ox + col * 200 + jitter,
                                y=oy + row * 110, props=props_model(kind).model_validate(props, strict=True)))
            made.add(suffix)
        for source, target, flow in _LINKS:
            if source in made and target in made:
                connectors.append(Connector(id=f"c{cell}_{source}_{target}", source=f"c{cell}_{source}",
                                            target=f"c{cell}_{target}", flow=flow))
        if cell and "src" in made:
            connectors.append(Connector(id=f"c{cell}_chain", source=f"c{cell - 1}_stream",
                                        target=f"c{cell}_src", flow="data"))
    requirements = Requirements(business_objective="Synthetic benchmark design", ml_objective="Predict engagement",
                                task_type="ranking", latency_slo_ms=200, qps_peak=10_000,
                                offline_metrics=["nDCG@10"], online_metrics=["CTR"])
    return Diagram(title=f"Synthetic {n_blocks} blocks", requirements=requirements, blocks=blocks,
                   connectors=connectors)


def far_connectors_diagram(n_blocks: int, n_connectors: int, seed: int = 0) -> Diagram:
    """Blocks on a square grid and connectors between blocks chosen at random, so most connectors cross
    a good part of the design: the shape of the 45,000-block / 55,000-connector file that took minutes
    and gigabytes to open in the window (issue 13), where long connectors overlap everything."""
    rng = random.Random(seed)
    per_row = max(1, round(n_blocks**0.5))
    kinds = [kind for _, kind, _, _, _ in _CELL]
    blocks = [Block(id=f"b{index}", kind=kinds[index % len(kinds)], label=f"Block {index}",
                    x=(index % per_row) * 200, y=(index // per_row) * 110) for index in range(n_blocks)]
    flows = [flow for _, _, flow in _LINKS]
    connectors = [Connector(id=f"e{index}", source=f"b{rng.randrange(n_blocks)}", target=f"b{rng.randrange(n_blocks)}",
                            flow=flows[index % len(flows)]) for index in range(n_connectors)]
    return Diagram(title=f"{n_blocks} blocks, {n_connectors} far connectors", blocks=blocks, connectors=connectors)
