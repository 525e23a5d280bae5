"""Step 5 rules about metrics: offline metrics measure the task as framed; online metrics are outcomes.

Names are matched through the metric table (``components.validate.metrics``); a name it does not know
is never reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from components.validate.metrics import FAMILY_WORDS, TASK_EXAMPLES, TASK_FAMILIES, MetricTable, normalise
from components.validate.rules.base import Hit, Reads, rule
from components.validate.scopes import Local, View, fact

if TYPE_CHECKING:
    from components.validate.graph import DiagramGraph

_EXTEND = "if a name is your own metric, declare its family in rules.params.metric_families"
RARE_POSITIVE_TASKS = ("binary_classification", "multilabel_classification")  # accuracy hides a rare class


@cache
def _built_in_table() -> MetricTable:
    return MetricTable()


def _table(g: DiagramGraph) -> MetricTable:
    extra = g.params["metric_families"]
    return MetricTable(extra) if extra else _built_in_table()


def _family_word(families: frozenset[str]) -> str:
    return " / ".join(FAMILY_WORDS[family] for family in sorted(families))


def _misfits(table: MetricTable, names: list[str], fits: frozenset[str]) -> list[str]:
    """'RMSE (a regression error)' for each known name none of whose families is in ``fits``."""
    found = []
    for name in names:
        known = table.lookup(name)
        if known is not None and not known[1] & fits:
            found.append(f"{name.strip()} ({_family_word(known[1])})")
    return found


def _accuracy_only(table: MetricTable, names: list[str]) -> str | None:
    """The accuracy names, when accuracy (not balanced accuracy) is the only known metric in ``names``."""
    known = [(name.strip(), found[0]) for name in names if (found := table.lookup(name)) is not None]
    if known and all(metric == "accuracy" and normalise(name) != "balanced accuracy" for name, metric in known):
        return ", ".join(name for name, _ in known)
    return None


def _learned_retrieval(g: DiagramGraph) -> bool:
    """A learned retrieval stage (a model-serving candidate generation, or an index built with a model)
    is judged by ranking metrics whatever the task: a RAG assistant's retriever by recall@k."""
    if any(g.kind[block_id] == "candidate_generation" for block_id in g.serving):
        return True
    return any(g.incoming(block_id, ("model",)) for block_id in g.of_kind("indexing_pipeline"))


def _learns_retrieval(view: View, block_id: str) -> bool:
    kind = view.kind(block_id)
    if kind == "candidate_generation":
        return view.model_serving(block_id)
    return kind == "indexing_pipeline" and any(flow == "model" for _, flow in view.into(block_id))


def _retrieval_shown(view: View, block_id: str) -> set[str]:
    """The block and, for an indexing pipeline, where its model comes from (the connector that counts)."""
    return {block_id, *(source for source, flow in view.into(block_id) if flow == "model")}


LEARNED_RETRIEVAL = fact("learned-retrieval", ["candidate_generation", "indexing_pipeline"], _learns_retrieval,
                         _retrieval_shown)


@rule("offline-metric-fit", "warning", 5, "An offline metric does not measure the task",
      fix="Measure the model with metrics of its task: ranking with nDCG/MAP/MRR/recall@k, binary classification "
          "with PR-AUC/ROC-AUC/log loss/calibration, regression with RMSE/MAE, detection with mAP, ...",
      why="A metric from another kind of task cannot say whether this model is better: a ranking model is judged "
          "on the order of its top results, a classifier on its scores at the operating point.",
      question="Why is this the right offline metric for how you framed the problem?",
      scope=Local(frozenset({"offline_evaluation"}), hops=0, facts=(LEARNED_RETRIEVAL,)),
      reads=Reads(kinds=("offline_evaluation", "candidate_generation", "indexing_pipeline"), flows=("model",),
                  props=("metrics", "uses_model"), requirements=("task_type", "offline_metrics")))
def offline_metric_fit(g: DiagramGraph) -> Iterator[Hit]:
    """A known offline metric (in the requirements card or on an `offline_evaluation` block) belongs to
    no family that fits `task_type`: ranking and recommendation take ranking metrics and a classifier's
    score metrics (AUC, log loss, calibration) but not bare accuracy, precision, recall or F1;
    retrieval takes ranking metrics; classification takes score and threshold metrics; regression,
    detection, segmentation, generation and clustering their own; ranking metrics fit any task once the
    design has a learned retrieval stage (a model-serving candidate generation, or an indexing pipeline
    fed a model). For binary and multilabel classification, plain accuracy as the only known metric of a
    place is reported too: with rare positives it rewards predicting "no". Unset and `other` task types
    are not checked; the table and its matching are documented in `components/validate/metrics.py`, and
    `metric_families` adds a design's own names."""
    task = g.requirements.task_type
    fits = TASK_FAMILIES.get(task)
    if fits is None:
        return
    if _learned_retrieval(g):
        fits = fits | {"ranking"}
    table = _table(g)
    task_words = task.replace("_", " ")
    places: list[tuple[str | None, list[str]]] = [(None, list(g.requirements.offline_metrics))]
    places += [(gate, list(g.prop(gate, "metrics", []))) for gate in g.of_kind("offline_evaluation")]
    for gate, names in places:
        misfits = _misfits(table, names, fits)
        accuracy = _accuracy_only(table, names) if not misfits and task in RARE_POSITIVE_TASKS else None
        if misfits:
            subject, verdict = ", ".join(misfits), f"cannot tell whether a {task_words} model is any good"
            advice = f"use {TASK_EXAMPLES[task]}", _EXTEND
        elif accuracy is not None:
            subject = f"{accuracy} alone"
            verdict = (f"cannot judge a {task_words} model (when positives are rare, predicting 'no' for everything "
                       "scores 99%)")
            advice = f"add {TASK_EXAMPLES[task]}", ""
        else:
            continue
        if gate is not None:
            subject = f"{g.name(gate)} gates on {subject}, which"
        where = "on the Offline evaluation block" if gate else "in the requirements card"
        yield Hit(
            message=f"{subject} {verdict}: measure it with {TASK_EXAMPLES[task]}",
            hint=f"{advice[0]} ({where})" + (f"; {advice[1]}" if advice[1] else ""),
            blocks=() if gate is None else (gate,),
            fields=("offline_metrics",) if gate is None else (),
        )


@rule("online-metric-fit", "warning", 5, "An online metric is a model metric",
      fix="Measure online what users and the business get: CTR, conversion, watch time, revenue, retention, "
          "reports; keep model metrics for offline evaluation.",
      why="Online, an experiment decides whether users are better off; accuracy, AUC, loss or nDCG on live "
          "traffic need labels you do not have yet and do not say whether the product improved.",
      question="If the new model wins online, which user or business number moved?",
      scope=Local(frozenset(), hops=0),
      reads=Reads(requirements=("online_metrics",)))
def online_metric_fit(g: DiagramGraph) -> Iterator[Hit]:
    """A known online metric belongs only to model-metric families (ranking, scoring, decision,
    regression, detection, segmentation, generation, clustering), not to product outcomes."""
    table = _table(g)
    model_metrics = []
    for name in g.requirements.online_metrics:
        known = table.lookup(name)
        if known is not None and "outcome" not in known[1]:
            model_metrics.append(name.strip())
    if not model_metrics:
        return
    yield Hit(
        message=f"{', '.join(model_metrics)} {'is a model metric' if len(model_metrics) == 1 else 'are model metrics'}"
                ", not a product outcome: online, measure what users do (CTR, conversion, watch time, revenue, "
                "reports)",
        hint=f"replace {', '.join(model_metrics)} in the online metrics with product outcomes and keep model metrics "
             f"offline; {_EXTEND}",
        fields=("online_metrics",),
    )
