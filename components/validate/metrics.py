"""The metric table: which family each well-known metric belongs to, and which families fit a task.

Metric names in a design are free text ("PR-AUC per class", "recall@10", "Normalised cross-entropy",
"calibration (predicted / observed CTR)"), so they are matched after ``normalise``: lower case,
hyphens and underscores as spaces, British spellings, "@10" / "at 10" / "@ k" as "@k", numbers and
parenthesised notes dropped, trailing qualifiers ("per class", "of the booked listing", "for new
users") cut, a plural's "s" tried off. A name the table does not know is no mistake: nothing is said
about it. A design adds names per family in ``rules.params.metric_families``.

Families (``components.model.rule_params.MetricFamily``): ranking (ordered lists), scoring
(threshold-free quality of a probabilistic classifier: AUC, log loss, calibration), decision (at an
operating point: precision, recall, F1, accuracy), regression, detection, segmentation, generation,
clustering, outcome (product and business results measured online: CTR, watch time, revenue).
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from components.model.rule_params import MetricFamily

FAMILIES: tuple[str, ...] = typing.get_args(MetricFamily)
MODEL_FAMILIES = frozenset(FAMILIES) - {"outcome"}


@dataclass(frozen=True)
class Metric:
    """A known metric: how messages name it, its families, and the names it goes by (normalised)."""

    name: str
    families: frozenset[str]
    aliases: tuple[str, ...]


def _m(name: str, families: str, *aliases: str) -> Metric:
    return Metric(name, frozenset(families.split()), (normalise(name), *aliases))

# Which families measure a task well offline ("" and "other": any family; nothing is checked).
TASK_FAMILIES: dict[str, frozenset[str]] = {
    "ranking": frozenset({"ranking", "scoring"}),
    "recommendation": frozenset({"ranking", "scoring"}),
    "retrieval": frozenset({"ranking"}),
    "representation_learning": frozenset({"ranking", "scoring"}),
    "classification": frozenset({"scoring", "decision"}),
    "binary_classification": frozenset({"scoring", "decision"}),
    "multiclass_classification": frozenset({"scoring", "decision"}),
    "multilabel_classification": frozenset({"scoring", "decision"}),
    "regression": frozenset({"regression"}),
    "object_detection": frozenset({"detection"}),
    "segmentation": frozenset({"segmentation"}),
    "generation": frozenset({"generation"}),
    "clustering": frozenset({"clustering"}),
}

# What each family is called in messages, and an example an interviewer would expect instead.
FAMILY_WORDS: dict[str, str] = {
    "ranking": "a ranking metric",
    "scoring": "a classifier's score metric",
    "decision": "a classification metric at a threshold",
    "regression": "a regression error",
    "detection": "a detection metric",
    "segmentation": "a segmentation metric",
    "generation": "a text generation metric",
    "clustering": "a clustering metric",
    "outcome": "a product outcome",
}
TASK_EXAMPLES: dict[str, str] = {
    "ranking": "nDCG@k, MAP, MRR or recall@k (and AUC or log loss for a pointwise model)",
    "recommendation": "recall@k, nDCG@k, MAP or hit rate (and AUC or log loss for a pointwise model)",
    "retrieval": "recall@k, MRR or nDCG@k",
    "representation_learning": "recall@k or MRR on a retrieval probe",
    "classification": "PR-AUC, ROC-AUC, log loss, or precision and recall at an operating point",
    "binary_classification": "PR-AUC, ROC-AUC, log loss or calibration, or precision and recall at an "
                             "operating point",
    "multiclass_classification": "accuracy, macro F1 or log loss",
    "multilabel_classification": "PR-AUC per class, mAP or F1 at a threshold",
    "regression": "RMSE, MAE or MAPE",
    "object_detection": "mAP or AP at an IoU threshold",
    "segmentation": "IoU or Dice",
    "generation": "BLEU, ROUGE, perplexity or human evaluation",
    "clustering": "silhouette or NMI",
}

_AT_K = re.compile(r"\s*(?:@|\bat\s)\s*(?:k|\d+)(?![\d.%])")
_NUMBER = re.compile(r"(?<![a-z])\d+(?:\.\d+)?%?")
_NOTE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_QUALIFIER = re.compile(r"\s(?:per|by|for|on|over|of|in|across|at|with)\s.*$")
_SPELLING = (("normalised", "normalized"), ("optimisation", "optimization"))


def normalise(name: str) -> str:
    """A metric name reduced to the form the table is keyed by (see the module docstring)."""
    text = _NOTE.sub(" ", name.lower())
    for british, american in _SPELLING:
        text = text.replace(british, american)
    text = re.sub(r"[-_/:,]", " ", text)
    text = _AT_K.sub("@k", text)
    text = _NUMBER.sub(" ", text)
    text = " ".join(text.split())
    text = _QUALIFIER.sub("", text)
    for prefix in ("offline ", "online ", "macro ", "micro ", "weighted ", "overall "):
        text = text.removeprefix(prefix)
    return text.strip(" @")


_BUILT_IN: tuple[Metric, ...] = (
    # ranking
    _m("nDCG", "ranking", "ndcg@k", "dcg", "dcg@k", "normalized discounted cumulative gain"),
    _m("MAP", "ranking detection segmentation scoring", "map@k", "mean average precision"),
    _m("average precision", "ranking detection scoring", "ap", "ap@k"),
    _m("MRR", "ranking", "mean reciprocal rank", "reciprocal rank", "mrr@k"),
    _m("recall@k", "ranking", "hit rate", "hit rate@k", "hitrate", "hits@k", "hr@k", "hit ratio", "recall@k"),
    _m("precision@k", "ranking", "p@k"),
    _m("mean rank", "ranking", "average rank", "median rank", "mean average rank"),
    _m("diversity", "ranking outcome", "intra list diversity", "ild", "novelty", "serendipity",
       "catalog coverage"),
    # scoring
    _m("ROC-AUC", "scoring", "auc", "auroc", "auc roc", "roc", "area under the roc curve", "gauc"),
    _m("PR-AUC", "scoring", "auprc", "auc pr", "area under the precision recall curve", "prauc"),
    _m("log loss", "scoring", "logloss", "cross entropy", "binary cross entropy", "bce",
       "negative log likelihood", "nll", "logistic loss"),
    _m("normalized cross-entropy", "scoring", "nce", "ne", "normalized entropy", "normalized log loss"),
    _m("calibration", "scoring", "calibration error", "expected calibration error", "ece",
       "predicted observed ratio", "calibration ratio"),
    _m("Brier score", "scoring", "brier"),
    # decision
    _m("accuracy", "decision", "acc", "top accuracy", "top k accuracy", "classification accuracy",
       "balanced accuracy"),
    _m("precision", "decision detection segmentation", "positive predictive value", "ppv"),
    _m("recall", "decision detection segmentation", "sensitivity", "true positive rate", "tpr", "detection rate"),
    _m("F1", "decision detection segmentation", "f1 score", "f score", "f measure", "f beta", "fbeta"),
    _m("false positive rate", "decision", "fpr", "false alarm rate", "specificity", "true negative rate"),
    # regression
    _m("RMSE", "regression", "root mean squared error", "root mean square error", "rmsle"),
    _m("MSE", "regression", "mean squared error"),
    _m("MAE", "regression", "mean absolute error", "median absolute error"),
    _m("MAPE", "regression", "mean absolute percentage error", "smape", "wape", "wmape"),
    _m("R²", "regression", "r2", "r squared", "coefficient of determination"),
    _m("pinball loss", "regression", "quantile loss"),
    # detection and segmentation
    _m("AP@IoU", "detection segmentation", "ap@iou", "map@iou", "ap50", "ap75", "map50", "box ap", "mask ap"),
    _m("IoU", "detection segmentation", "intersection over union", "jaccard", "jaccard index", "miou", "mean iou"),
    _m("Dice", "segmentation", "dice coefficient", "dice score", "pixel accuracy"),
    # generation
    _m("BLEU", "generation", "sacrebleu"),
    _m("ROUGE", "generation", "rouge l", "rougel", "rouge"),
    _m("perplexity", "generation", "ppl"),
    _m("human evaluation", "generation", "human eval", "human rating", "human ratings", "human preference",
       "win rate"),
    _m("METEOR", "generation", "bertscore", "cider"),
    _m("faithfulness", "generation", "groundedness", "hallucination rate", "answer relevance", "exact match"),
    # clustering
    _m("silhouette", "clustering", "silhouette score", "nmi", "normalized mutual information", "ari",
       "adjusted rand index", "purity", "davies bouldin"),
    # product outcomes
    _m("CTR", "outcome", "click through rate", "click rate"),
    _m("conversion rate", "outcome", "conversion", "cvr", "purchase rate", "booking rate", "bookings",
       "purchases", "orders"),
    _m("watch time", "outcome", "time spent", "session length", "dwell time", "session time"),
    _m("revenue", "outcome", "revenue lift", "gmv", "arpu", "revenue per user", "ad revenue"),
    _m("retention", "outcome", "day retention", "churn rate", "daily active users", "dau", "return rate"),
    _m("engagement", "outcome", "likes", "shares", "comments", "reactions", "saves"),
    _m("user reports", "outcome", "reports", "complaints", "appeals", "prevalence", "hide rate"),
)


class MetricTable:
    """The built-in table, extended by a design's ``metric_families`` parameter (families add up)."""

    def __init__(self, extra: Mapping[str, Iterable[str]] | None = None) -> None:
        families: dict[str, set[str]] = {}
        self._names: dict[str, str] = {}
        for metric in _BUILT_IN:
            for alias in metric.aliases:
                families.setdefault(alias, set()).update(metric.families)
                self._names.setdefault(alias, metric.name)
        for family, names in (extra or {}).items():
            for name in names:
                key = normalise(name)
                families.setdefault(key, set()).add(family)
                self._names.setdefault(key, name)
        self._families = {alias: frozenset(found) for alias, found in families.items()}

    def lookup(self, name: str) -> tuple[str, frozenset[str]] | None:
        """(the metric's table name, its families) for a name as written, or None when unknown."""
        key = normalise(name)
        if key not in self._families and key.endswith("s"):
            key = key[:-1]
        found = self._families.get(key)
        return None if found is None else (self._names[key], found)


def built_in() -> tuple[Metric, ...]:
    """The built-in table, for the rules' documentation."""
    return _BUILT_IN
