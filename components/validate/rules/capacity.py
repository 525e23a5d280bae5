"""Step 6 rule about capacity: the vector index fits the memory the design says its hosts have.

The arithmetic is the back-of-envelope estimates' (``components.estimate.index_fit``), so a finding
and the Estimates card always show the same figure.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from components.estimate import index_fit
from components.estimate.compute import INDEX_PRECISIONS, index_memory, precision_name
from components.estimate.units import size
from components.model.estimates import EstimateInputs
from components.validate.rules.base import Hit, Reads, listing, plural, rule
from components.validate.scopes import Summary

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph
    from components.validate.live_graph import LiveGraph

_INPUTS = EstimateInputs.model_fields
MEMORY, SHARDS = _INPUTS["memory_gb_per_host"].title, _INPUTS["index_shards"].title  # as the inspector labels them


def _indexes(graph: LiveGraph) -> set[str]:
    """All `index-exceeds-memory` looks at besides the requirements and estimate inputs: the indexes."""
    return set(graph.by_kind.get("vector_index", ()))


@rule("index-exceeds-memory", "warning", 6, "The vector index does not fit the memory stated",
      fix=f"Store the vectors more compactly (int8, product quantisation), split the index over more hosts "
          f"({SHARDS}), or correct the corpus size or the {MEMORY}.",
      why="An ANN index answers from RAM: vectors that do not fit spill to disk or cannot be loaded at all, and "
          "every query then misses the latency budget. The corpus, the embedding size and the hosts must agree.",
      question="How much memory does the index need: how many vectors, of what dimension and precision, and on "
               "how many hosts?",
      scope=Summary(_indexes),
      reads=Reads(kinds=("vector_index",), requirements=("corpus_size",),
                  estimates=("memory_gb_per_host", "index_shards", "embedding_dim", "embedding_precision",
                             "pq_code_bytes")))
def index_exceeds_memory(g: DiagramGraph) -> Iterator[Hit]:
    """The design has a `vector_index`, states a corpus size and a memory per index host (an estimate
    input), and the index's vectors (corpus size x embedding dimension x bytes per dimension at the
    design's `embedding_precision`, or corpus size x PQ code bytes) need more than memory per host x
    `index_shards`. Vectors only: the graph links of an HNSW index come on top, so a fit is not a proof."""
    indexes = g.of_kind("vector_index")
    fit = index_fit(g.diagram) if indexes else None
    if fit is None or fit.fits:
        return
    inputs = g.diagram.estimates or EstimateInputs()
    hosts = f"{plural(fit.shards, 'host')} × {size(fit.memory_per_host)}"
    smaller = [f"{precision_name(precision)}: {size(figure.value)}"
               for precision in INDEX_PRECISIONS
               if (figure := index_memory(int(g.requirements.corpus_size or 0), inputs, precision)).value
               < fit.needed.value]
    names = listing(g.names(indexes))
    yield Hit(
        message=f"the vectors of {names} need {fit.needed.result} ({fit.needed.worked}), but "
                f"{hosts} hold only {size(fit.capacity)}: it takes at least {plural(fit.hosts_needed, 'host')}",
        hint=f"split the index over at least {fit.hosts_needed} hosts ({SHARDS} in the estimate inputs)"
             + (f", or store the vectors more compactly ({listing(smaller)})" if smaller else "")
             + f", or correct the {MEMORY}",
        blocks=tuple(indexes),
    )
