"""Step 6 rules about the latency budget: the slowest request path, callees included, fits the SLO."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from components.model.props import BlockProps
from components.validate.rules.base import Hit, Reads, listing, ms, plural, rule
from components.validate.rules.regions import REQUEST_PARTS
from components.validate.scopes import Parts

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph

P99 = BlockProps.model_fields["p99_ms"].title  # as the inspector labels the field
_READS = Reads(kinds=("client", "every kind on the request path", "feature_store", "data_store", "cache",
                      "prediction_store", "vector_index"),
               flows=("request", "data"), props=("p99_ms", "mode", "uses_model", "tier", "store_type"),
               requirements=("latency_slo_ms",))


def _cycle(g: DiagramGraph, hits: list[Hit]) -> bool:
    """A request cycle anywhere silences the budget (`request-cycle` reports it)."""
    return bool(g.request_cycle)


def _p99(g: DiagramGraph, block_id: str) -> float:
    return float(g.prop(block_id, "p99_ms") or 0)


def _step(g: DiagramGraph, block_id: str) -> str:
    """'Ranking (+ Online store 5 ms, Cache 2 ms)': a chain block with the callees it waits for."""
    callees = g.request_callees.get(block_id)
    if not callees:
        return g.name(block_id)
    waits = ", ".join(f"{g.name(callee)} {ms(_p99(g, callee))}" for callee in callees)
    return f"{g.name(block_id)} (+ {waits})"


@rule("latency-budget", "error", 6, "The request path exceeds the latency SLO",
      fix="Lower p99 on the slowest blocks, run independent stages in parallel, cache or precompute, or revisit "
          "the latency SLO.",
      why="Stages called one after another add up, and so do the lookups and side calls each stage waits for; "
          "a path over the SLO means users wait longer than the product allows, at p99.",
      question="Walk me through the latency of one request: where do the milliseconds go?",
      scope=Parts(REQUEST_PARTS, veto=_cycle),
      reads=_READS)
def latency_budget(g: DiagramGraph) -> Iterator[Hit]:
    """`latency_slo_ms` is set and the heaviest chain of the `request` subgraph exceeds it, each block
    counting its `p99_ms` (0 where unset) plus the p99 of the callees it waits for: `request` targets
    that end there and are lookups (stores, caches, indexes, feature stores, prediction stores) or side
    calls while the chain goes on elsewhere, and online stores or caches sending `data` into an online
    serving block (feature reads at request time).

    Several callees of one block are added, not maxed: a stage usually needs one answer before the
    next call (features, then the index query with them), and even parallel calls finish with the
    slowest of several tails, which is worse than the largest single p99. Chain branches that each go
    on are parallel (the longest counts), as before. Skipped when the request subgraph has a cycle
    (`request-cycle` reports that)."""
    slo = g.requirements.latency_slo_ms
    if slo is None or g.request_cycle:
        return
    path, total = g.heaviest_request_path()
    if total <= slo:
        return
    slowest = max(path, key=lambda block_id: g.request_cost(block_id))
    chain = " → ".join(_step(g, block_id) for block_id in path)
    waits = [cid for block_id in path for cid in g.request_callees.get(block_id, {}).values()]
    callees = [callee for block_id in path for callee in g.request_callees.get(block_id, ())]
    yield Hit(
        message=f"the slowest request path {chain} takes {ms(total)} at p99, over the {ms(slo)} latency SLO",
        hint=f"cut p99 on the slowest step ({_step(g, slowest)}: {ms(g.request_cost(slowest))}), call independent "
             "stages in parallel, cache or precompute, or revisit the SLO",
        blocks=(*path, *callees),
        connectors=(*g.connectors_along(path, "request"), *waits),
    )


@rule("latency-unestimated", "info", 6, "Blocks on the request path have no latency estimate",
      fix=f"Set the {P99} of every block on the request path and of the stores it reads.",
      why="Unset latencies count as 0 in the budget, so the check can pass on a design that is in fact too slow.",
      question="How long does each of these steps take at p99?",
      scope=Parts(REQUEST_PARTS),
      reads=_READS)
def latency_unestimated(g: DiagramGraph) -> Iterator[Hit]:
    """`latency_slo_ms` is set and a block other than a `client` on the `request` subgraph, or an online
    store read by an online serving block at request time, has no `p99_ms`. Batch jobs and offline
    stores on the request path are left out: `batch-on-request-path` and `online-reads-offline` report
    them, and no estimate would make them belong there."""
    if g.requirements.latency_slo_ms is None:
        return
    kind = g.kind
    # a batch job or offline store on the request path is an error of its own, not a missing estimate
    missing = g.sorted(block_id for block_id, p99 in g.request_p99.items() if p99 is None
                       and kind[block_id] != "client" and not g.is_batch(block_id) and not g.is_offline_store(block_id))
    if not missing:
        return
    names = listing(g.names(missing))
    if len(missing) == 1:
        message = f"{names} is on the request path but has no p99 latency estimate"
    else:
        message = f"{plural(len(missing), 'block')} on the request path have no p99 latency estimate: {names}"
    yield Hit(
        message=message,
        hint=f"set the {P99} of every block on the request path (and of the stores it reads) so the latency "
             "budget can be checked",
        blocks=tuple(missing),
    )
