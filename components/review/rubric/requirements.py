"""Steps 1 and 2: what the system is for, at what scale and budget, and the ML task that serves it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from components.estimate.units import exact
from components.review.rubric.base import Verdict, criterion, short
from components.validate.rules.base import listing

if TYPE_CHECKING:
    from components.review.facts import DesignFacts

# Serving kinds that realise each task family ("" and "other": any model does).
_RANKING = ("ranking", "candidate_generation")
_RETRIEVAL = ("vector_index", "candidate_generation", "inference_service")
TASK_SERVERS: dict[str, tuple[str, ...]] = {
    "ranking": _RANKING, "recommendation": _RANKING,
    "retrieval": _RETRIEVAL, "representation_learning": _RETRIEVAL,
}
ANY_MODEL = ("inference_service", "ranking", "candidate_generation")


@criterion(1, "A business objective", "The requirements card states the business objective.")
def business_objective(facts: DesignFacts) -> Verdict:
    """Every design answers to a product goal; without it no metric or trade-off can be judged."""
    text = facts.requirements.business_objective.strip()
    if text:
        return Verdict(True, (f"Business objective: {short(text)}",))
    return Verdict(False, gap="No business objective: say what the product gains (watch time, revenue, fewer "
                              "harmful views) before drawing any block")


@criterion(1, "Scale in numbers",
           "Online: the DAU or the peak QPS is stated, and the peak traffic is one the users can make. Batch only: "
           "the volume per run is stated.", refuted_by=("implausible-scale@1",))
def scale(facts: DesignFacts) -> Verdict:
    """Scale decides the architecture (a funnel, sharding, caching); a design without numbers cannot be
    sized or checked."""
    req = facts.requirements
    stated = [f"{title} {exact(value)}" for title, value in (
        ("DAU", req.dau), ("peak QPS", req.qps_peak), ("corpus", req.corpus_size),
        ("volume per run", req.volume_per_run)) if value]
    if facts.batch_only:
        earned = bool(req.volume_per_run)
        gap = "A batch system states its scale as the volume per run (items per run), not as DAU or QPS"
    else:
        earned = bool(req.dau or req.qps_peak)
        gap = "No scale: state the daily active users and the peak QPS (and the corpus size)"
    return Verdict(earned, (f"Scale: {listing(stated)}",) if stated else (), "" if earned else gap)


@criterion(1, "A latency or time budget",
           "Online: the latency SLO is stated. Batch only: the run window a run must finish in is stated.",
           refuted_by=("no-latency-slo",))
def budget(facts: DesignFacts) -> Verdict:
    """The budget is what every serving choice is measured against: a p99 for a request, a window for
    a batch run."""
    req = facts.requirements
    if facts.batch_only:
        if req.run_window_hours:
            return Verdict(True, (f"Run window: {exact(req.run_window_hours)} h",))
        return Verdict(False, gap="No run window: say how many hours one batch run may take")
    if req.latency_slo_ms:
        return Verdict(True, (f"Latency SLO: {exact(req.latency_slo_ms)} ms",))
    return Verdict(False, gap="No latency SLO: say how fast a request must be answered (p99, in ms)")


@criterion(2, "An ML objective", "The requirements card states the ML objective.")
def ml_objective(facts: DesignFacts) -> Verdict:
    """The ML objective turns the product goal into something a model can optimise (P(click), expected
    watch time, P(harmful))."""
    text = facts.requirements.ml_objective.strip()
    if text:
        return Verdict(True, (f"ML objective: {short(text)}",))
    return Verdict(False, gap="No ML objective: say what the model predicts and how that serves the business "
                              "objective")


@criterion(2, "Task type, inputs and outputs", "The task type, the model's inputs and its outputs are stated.")
def task_io(facts: DesignFacts) -> Verdict:
    """Naming the task, what goes in and what comes out is what frames the problem as ML."""
    req = facts.requirements
    have = {"task type": req.task_type.replace("_", " "), "inputs": req.inputs.strip(), "outputs": req.outputs.strip()}
    evidence = tuple(f"{name.capitalize()}: {short(value)}" for name, value in have.items() if value)
    missing = [name for name, value in have.items() if not value]
    gap = f"State the {listing(missing)} on the requirements card" if missing else ""
    return Verdict(not missing, evidence, gap)


@criterion(2, "Serving that fits the task",
           "A served model realises the task type: a ranking or retrieval stage for ranking and "
           "recommendation; an index, retrieval or embedding model for retrieval and representation "
           "learning; any served model for the other tasks.")
def serving_fits_task(facts: DesignFacts) -> Verdict:
    """A framing the diagram does not carry out is only words: a ranking task needs a ranking stage."""
    task = facts.requirements.task_type
    if not task:
        return Verdict(False, gap="No task type, so the design cannot be checked against it")
    wanted = TASK_SERVERS.get(task, ANY_MODEL)
    graph = facts.graph
    servers = [block_id for block_id in facts.of_kind(*wanted)
               if graph.kind[block_id] == "vector_index" or block_id in graph.serving]
    task_text = task.replace("_", " ")
    if servers:
        return Verdict(True, (f"The {task_text} task is served by {listing(facts.names(servers))}",),
                       blocks=tuple(servers))
    return Verdict(False, gap=f"The task is {task_text} but no served model carries it out "
                              f"(expected one of: {listing([kind.replace('_', ' ') for kind in wanted])})")
