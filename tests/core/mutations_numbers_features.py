"""More mistakes for the mutation test (tests/core/mutations.py collects them): numbers that contradict
the design's own estimate, features that come from nowhere or only ever reach serving, and a ranker's
labels without the impressions, an index nothing queries, accuracy alone for a rare class. Found by a
second interviewer read of the templates (issue 11), each one a question asked in the first minutes."""

from __future__ import annotations

from tests.core.mutation_kit import Design, blocks, drop, edges, mutation, serving

SECONDS_PER_DAY = 86_400


@mutation("a peak below the average the users make", 1, "implausible-scale")
def peak_below_average(d: Design) -> bool:
    dau, per_user = d["requirements"].get("dau"), (d.get("estimates") or {}).get("requests_per_user_per_day")
    if not dau or not per_user or d["requirements"].get("qps_peak") is None:
        return False
    d["requirements"]["qps_peak"] = round(dau * per_user / SECONDS_PER_DAY / 4)  # a quarter of the average
    return True


def _online_stores(d: Design) -> list[dict]:
    return [b for b in blocks(d, "feature_store") if b["props"].get("tier") == "online"]


@mutation("an online feature store nothing writes", 3, "feature-store-unfed")
def online_store_unfed(d: Design) -> bool:
    stores = {b["id"] for b in _online_stores(d)}
    if not stores:
        return False
    drop(d, [c for c in d["connectors"] if c["target"] in stores and c["flow"] in ("data", "feedback")])
    return True


@mutation("streaming features served but never logged for training", 3, "training-serving-skew")
def online_only_features_unlogged(d: Design) -> bool:
    """Where a feature pipeline writes only the online store and training sees its values through the
    served-feature log, stop logging the features."""
    offline = {b["id"] for b in blocks(d, "feature_store") if b["props"].get("tier") == "offline"}
    writers = {c["source"] for c in edges(d, "data") if c["target"] in offline}
    online_only = [c for store in _online_stores(d) for c in edges(d, "data", target=store["id"])
                   if c["source"] not in writers and any(b["id"] == c["source"] for b in blocks(d, "feature_pipeline"))]
    logs = [b for b in blocks(d, "logging") if "features" in b["props"].get("logs", [])]
    if not offline or not online_only or not logs:
        return False
    for log in logs:
        log["props"]["logs"] = [kind for kind in log["props"]["logs"] if kind != "features"]
    return True


@mutation("clicks logged without the impressions", 3, "no-impression-logging")
def clicks_without_impressions(d: Design) -> bool:
    """Where an online ranker is served and a log records impressions, keep only what users did."""
    rankers = [b for b in serving(d) if b["kind"] == "ranking"]
    logs = [b for b in blocks(d, "logging") if "impressions" in b["props"].get("logs", [])]
    if not rankers or not logs:
        return False
    for log in logs:
        log["props"]["logs"] = [kind for kind in log["props"]["logs"] if kind != "impressions"] or ["outcomes"]
        if "outcomes" not in log["props"]["logs"]:
            log["props"]["logs"].append("outcomes")
    return True


@mutation("retrieval no longer queries the index", 6, "index-unused")
def index_unqueried(d: Design) -> bool:
    indexes = {b["id"] for b in blocks(d, "vector_index")}
    lookups = [c for c in edges(d, "request") if c["target"] in indexes]
    if not lookups:
        return False
    drop(d, lookups)
    return True


@mutation("accuracy as a rare-positive classifier's only offline metric", 5, "offline-metric-fit")
def accuracy_only_offline(d: Design) -> bool:
    if d["requirements"].get("task_type") not in ("binary_classification", "multilabel_classification"):
        return False
    d["requirements"]["offline_metrics"] = ["accuracy"]
    for gate in blocks(d, "offline_evaluation"):
        gate["props"]["metrics"] = ["accuracy"]
    return True


MORE_MUTATIONS = (peak_below_average, online_store_unfed, online_only_features_unlogged, clicks_without_impressions,
                  index_unqueried, accuracy_only_offline)
