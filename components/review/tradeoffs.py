"""Trade-off coverage: which key blocks say what the design gives up by choosing them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from components.review.result import TradeoffCoverage

if TYPE_CHECKING:
    from components.review.facts import DesignFacts

# The choices an interviewer asks "why this and not that?" about.
KEY_KINDS = ("feature_store", "training_pipeline", "online_experiment", "inference_service", "candidate_generation",
             "ranking", "reranking", "vector_index", "prediction_store", "cache", "monitoring")


def tradeoff_coverage(facts: DesignFacts) -> TradeoffCoverage:
    """Key blocks split into those with a trade-off note and those without, in diagram order."""
    graph = facts.graph
    key = facts.of_kind(*KEY_KINDS)
    noted = tuple(block_id for block_id in key if graph.blocks[block_id].tradeoffs.strip())
    return TradeoffCoverage(noted, tuple(block_id for block_id in key if block_id not in noted))
