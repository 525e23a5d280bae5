"""The standard back-of-envelope estimates of an ML system design interview, from the requirements card,
the estimate inputs and what the diagram shows (the funnel, the feature reads, the index).

Each figure is built from named inputs, so its formula and its arithmetic are the same object; a figure
whose inputs are unknown is left out and said to be missing, with what to state to get it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from components.estimate import units
from components.estimate.figures import Estimates, Figure, Input, Source
from components.estimate.reads import DesignReads, design_reads
from components.model import Diagram
from components.model.estimates import BYTES_PER_DIMENSION, EstimateInputs

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph

SECONDS_PER_DAY = 86_400
SECONDS_PER_HOUR = 3_600
GB = 1e9
INDEX_PRECISIONS = ("float32", "int8", "pq")  # always shown; the design's own precision is added if other

# How each estimate input is named in formulas, and its unit.
_NAMES: dict[str, tuple[str, str]] = {
    "requests_per_user_per_day": ("requests per user per day", ""),
    "peak_to_average": ("peak / average", ""),
    "log_bytes_per_request": ("bytes logged per request", "B"),
    "item_bytes": ("bytes per item", "B"),
    "embedding_dim": ("embedding dimension", ""),
    "pq_code_bytes": ("PQ code bytes", "B"),
    "retention_days": ("retention", "days"),
    "replica_qps": ("QPS per replica", "QPS"),
    "memory_gb_per_host": ("memory per host", "B"),
    "index_shards": ("index shards", ""),
}


def option(inputs: EstimateInputs, name: str) -> Input:
    """An estimate input as stated, else at its typical value (marked assumed)."""
    label, unit = _NAMES[name]
    source: Source = "stated" if inputs.stated(name) else "assumed"
    value = float(inputs.value(name))
    if name == "memory_gb_per_host":
        return Input(label, value * GB, unit, source)
    return Input(label, value, unit, source)


@dataclass(frozen=True)
class _Context:
    diagram: Diagram
    inputs: EstimateInputs
    reads: DesignReads

    def option(self, name: str) -> Input:
        return option(self.inputs, name)


@dataclass(frozen=True)
class IndexFit:
    """Whether the vector index fits the memory the design states: the index at the design's precision
    against memory per host x shards."""

    needed: Figure  # the index memory at the design's precision
    memory_per_host: float  # bytes
    shards: int

    @property
    def capacity(self) -> float:
        return self.memory_per_host * self.shards

    @property
    def fits(self) -> bool:
        return self.needed.value <= self.capacity

    @property
    def hosts_needed(self) -> int:
        return math.ceil(self.needed.value / self.memory_per_host - 1e-9)


def index_memory(corpus_size: int, inputs: EstimateInputs, precision: str) -> Figure:
    """The ANN index's vectors at one precision: corpus x dimension x bytes per dimension (PQ: x code bytes)."""
    corpus = Input("corpus size", float(corpus_size), "items", "requirements")
    if precision == "pq":
        terms: tuple[Input | str, ...] = (corpus, "×", option(inputs, "pq_code_bytes"))
    else:
        width = Input(f"bytes per dimension ({precision})", BYTES_PER_DIMENSION[precision], "B", "constant")
        terms = (corpus, "×", option(inputs, "embedding_dim"), "×", width)
    note = "the design's precision; vectors only, HNSW links add more" if precision == inputs.value(
        "embedding_precision") else ""
    return Figure(f"index_memory_{precision}", f"ANN index memory, {precision_name(precision)}", "B", terms, note=note)


def index_fit(diagram: Diagram) -> IndexFit | None:
    """The index against the memory stated, or None when the design states no memory per host or no
    corpus size (nothing to contradict)."""
    inputs = diagram.estimates
    corpus_size = diagram.requirements.corpus_size
    if inputs is None or not inputs.stated("memory_gb_per_host") or not corpus_size:
        return None
    needed = index_memory(corpus_size, inputs, inputs.value("embedding_precision"))
    return IndexFit(needed, float(inputs.value("memory_gb_per_host")) * GB, int(inputs.value("index_shards")))


def estimate(diagram: Diagram, graph: DiagramGraph | None = None) -> Estimates:
    """Every figure the design's numbers allow, in the order an interviewer works them out (``graph``: the
    validator's graph of the diagram, when the caller has one)."""
    context = _Context(diagram, diagram.estimates or EstimateInputs(), design_reads(diagram, graph))
    figures: list[Figure] = []
    missing: list[str] = []
    traffic = _traffic(context, figures, missing)
    if traffic is not None:
        _storage(context, traffic, figures)
    _corpus(context, figures, missing)
    if traffic is not None:
        _serving(context, traffic[1], figures, missing)
    _batch(context, figures, missing)
    return Estimates(tuple(figures), tuple(missing))


def _estimated(figure: Figure, name: str) -> Input:
    """A figure used as the input of the next one."""
    return Input(name, figure.value, figure.unit, "estimate", figure.show)


def _traffic(context: _Context, figures: list[Figure], missing: list[str]) -> tuple[Figure, Figure] | None:
    """Requests per day, average and peak QPS: (requests per day, peak QPS), or None when unknown.

    From the DAU when it is stated; else back from a stated peak QPS through the peak / average ratio.
    A stated peak QPS is the peak; the one the DAU would give is then only compared in a note.
    """
    requirements = context.diagram.requirements
    peak_factor = context.option("peak_to_average")
    stated_peak = (Input("peak QPS", float(requirements.qps_peak), "QPS", "requirements")
                   if requirements.qps_peak else None)
    day = Input("seconds per day", SECONDS_PER_DAY, "s", "constant")
    if requirements.dau:
        dau = Input("DAU", float(requirements.dau), "", "requirements")
        per_day = Figure("requests_per_day", "Requests per day", "requests/day",
                         (dau, "×", context.option("requests_per_user_per_day")))
        average = Figure("average_qps", "Average QPS", "QPS", (_estimated(per_day, "requests per day"), "÷", day))
        figures += [per_day, average]
        if stated_peak is not None:
            ratio = stated_peak.value / average.value if average.value else 0.0
            note = f"{units.approx(ratio)}× the average QPS the DAU gives"
            if ratio < 1:
                note += " (a peak below the average: check the requests per user per day)"
            peak = Figure("peak_qps", "Peak QPS", "QPS", (stated_peak,), note=note)
        else:
            peak = Figure("peak_qps", "Peak QPS", "QPS", (_estimated(average, "average QPS"), "×", peak_factor))
        figures.append(peak)
        return per_day, peak
    if stated_peak is None:
        if context.reads.online_serving:
            missing.append("Traffic, log storage and serving replicas: state the DAU or the peak QPS on the "
                           "requirements card")
        return None
    peak = Figure("peak_qps", "Peak QPS", "QPS", (stated_peak,))
    average = Figure("average_qps", "Average QPS", "QPS", (stated_peak, "÷", peak_factor))
    per_day = Figure("requests_per_day", "Requests per day", "requests/day",
                     (_estimated(average, "average QPS"), "×", day))
    figures += [average, peak, per_day]
    return per_day, peak


def _storage(context: _Context, traffic: tuple[Figure, Figure], figures: list[Figure]) -> None:
    """Log storage per day and over the retention period."""
    per_day = Figure("log_storage_per_day", "Log storage per day", "B/day",
                     (_estimated(traffic[0], "requests per day"), "×", context.option("log_bytes_per_request")))
    retained = Figure("log_storage_retained", "Log storage over the retention", "B",
                      (_estimated(per_day, "log storage per day"), "×", context.option("retention_days")))
    figures += [per_day, retained]


def _corpus(context: _Context, figures: list[Figure], missing: list[str]) -> None:
    """Corpus storage and, for a design that retrieves by embedding, the ANN index memory."""
    corpus_size = context.diagram.requirements.corpus_size
    wants_index = context.reads.has_index or context.inputs.stated("embedding_dim")
    if not corpus_size:
        if wants_index or context.reads.rankers:
            missing.append("Corpus storage and index memory: state the corpus size on the requirements card")
        return
    corpus = Input("corpus size", float(corpus_size), "items", "requirements")
    figures.append(Figure("corpus_storage", "Corpus storage", "B", (corpus, "×", context.option("item_bytes"))))
    if not wants_index:
        return
    chosen = context.inputs.value("embedding_precision")
    index_figures = {precision: index_memory(corpus_size, context.inputs, precision)
                     for precision in (*INDEX_PRECISIONS, *(() if chosen in INDEX_PRECISIONS else (chosen,)))}
    figures.extend(index_figures.values())
    if context.inputs.stated("memory_gb_per_host"):
        needed = index_figures[chosen]
        figures.append(Figure("index_hosts", "Index hosts needed", "hosts",
                              (_estimated(needed, f"index memory ({precision_name(chosen)})"), "÷",
                               context.option("memory_gb_per_host")),
                              show=units.whole,
                              note=_shards_note(context.inputs)))


def precision_name(precision: str) -> str:
    """How figures and messages name a precision: 'float32', 'int8', 'PQ'."""
    return "PQ" if precision == "pq" else precision


def _serving(context: _Context, peak: Figure, figures: list[Figure], missing: list[str]) -> None:
    """Feature-store reads, ranking scores and serving replicas per second of peak traffic."""
    reads = context.reads
    if not reads.online_serving:
        return
    peak_qps = _estimated(peak, "peak QPS")
    if reads.lookups_per_request:
        lookups = Input("feature lookups per request", float(reads.lookups_per_request), "", "diagram")
        figures.append(Figure("feature_reads", "Feature-store reads per second", "reads/s",
                              (peak_qps, "×", lookups), note=reads.lookups_detail))
    if reads.rankers:
        if reads.candidates_ranked:
            candidates = Input("candidates ranked per request", float(reads.candidates_ranked), "", "diagram")
            figures.append(Figure("ranking_scores", "Ranking scores per second", "scores/s",
                                  (peak_qps, "×", candidates), note=reads.candidates_detail))
        else:
            missing.append("Ranking scores per second: set Candidates out on the candidate generation "
                           "that feeds the ranking")
    figures.append(Figure("serving_replicas", "Serving replicas per model stage", "replicas",
                          (peak_qps, "÷", context.option("replica_qps")), show=units.whole))


def _batch(context: _Context, figures: list[Figure], missing: list[str]) -> None:
    """A batch design's throughput: items per second over the run window, and the workers it takes."""
    requirements = context.diagram.requirements
    if not (requirements.volume_per_run and requirements.run_window_hours):
        if context.reads.batch_serving and not context.reads.online_serving:
            missing.append("Batch throughput: state the volume per run and the run window on the requirements card")
        return
    volume = Input("volume per run", float(requirements.volume_per_run), "items", "requirements")
    window = Input("run window", float(requirements.run_window_hours), "h", "requirements")
    hour = Input("seconds per hour", SECONDS_PER_HOUR, "s/h", "constant")
    rate = Figure("batch_throughput", "Batch throughput", "items/s", (volume, "÷", window, "÷", hour))
    per_worker = context.option("replica_qps")
    per_worker = Input("items/s per worker", per_worker.value, "items/s", per_worker.source)
    figures.append(rate)
    figures.append(Figure("batch_workers", "Batch workers", "workers",
                          (_estimated(rate, "batch throughput"), "÷", per_worker), show=units.whole))
    figures.append(Figure("batch_storage", "Storage per run", "B", (volume, "×", context.option("item_bytes"))))


def _shards_note(inputs: EstimateInputs) -> str:
    shards = inputs.index_shards
    return "" if shards is None else f"the design states {shards} shard{'s' if shards != 1 else ''}"
