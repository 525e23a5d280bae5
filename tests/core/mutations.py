"""Mistakes an ML system design interviewer catches, as mutations of a design (issue 11's mutation test).

Each mutation takes a design as its JSON dict and returns the mutated dict, or None where the mistake
does not apply (no A/B test to put on all traffic, no index to leave unbuilt). ``step`` is the step of
the framework where the validator must report it, ``rules`` the rules whose job that is. The mutations
work on the file format only (tests/core/mutation_kit.py), never through the validator, so a mutant is
the mistake whatever the rules think of it.
"""

from __future__ import annotations

from tests.core.mutation_kit import (
    ONLINE_STORES,
    Design,
    Mutation,
    add_block,
    block,
    blocks,
    bypass,
    connect,
    drop,
    edges,
    first_stage,
    has_model,
    mutation,
    on_request_path,
    online_store,
    remove_block,
    request_stages,
    serving,
)
from tests.core.mutations_numbers_features import MORE_MUTATIONS

# --- the mistakes of issue 11's "Why" ----------------------------------------------------------------------------

@mutation("no latency SLO", 1, "no-latency-slo")
def no_latency_slo(d: Design) -> bool:
    path = on_request_path(d)
    if d["requirements"].get("latency_slo_ms") is None or not any(b["id"] in path for b in serving(d)):
        return False
    d["requirements"]["latency_slo_ms"] = None
    return True


@mutation("no metrics", 1, "no-success-metrics")
def no_metrics(d: Design) -> bool:
    if not has_model(d):
        return False
    d["requirements"]["offline_metrics"] = []
    d["requirements"]["online_metrics"] = []
    for gate in blocks(d, "offline_evaluation"):
        gate["props"]["metrics"] = []
    return True


WRONG_METRIC = {"regression": "ROC-AUC", "generation": "RMSE"}


@mutation("offline metrics that do not fit the task", 5, "offline-metric-fit")
def misfit_metrics(d: Design) -> bool:
    task = d["requirements"].get("task_type", "")
    if task in ("", "other", "clustering") or not has_model(d):
        return False
    d["requirements"]["offline_metrics"] = [WRONG_METRIC.get(task, "RMSE")]
    return True


@mutation("an online model with no feature source", 3, "no-feature-source")
def no_feature_source(d: Design) -> bool:
    models = [b for b in serving(d) if b["kind"] == "ranking"] or serving(d)
    if not models:
        return False
    for model in models:
        model["props"]["features_in_request"] = False
        drop(d, [c for c in d["connectors"] if c["target"] == model["id"] and c["flow"] in ("data", "request")
                 and (online_store(block(d, c["source"])) or block(d, c["source"])["kind"] == "feature_pipeline")])
        drop(d, [c for c in edges(d, "request", source=model["id"]) if online_store(block(d, c["target"]))])
    return True


@mutation("only system monitoring on a model", 7, "no-quality-monitoring", "no-drift-monitoring")
def only_system_monitoring(d: Design) -> bool:
    monitors = blocks(d, "monitoring")
    if not monitors or not serving(d, None):
        return False
    for monitor in monitors:
        monitor["props"]["target"] = ["system"]
    return True


@mutation("an A/B test on 100% of traffic", 5, "ab-test-without-control")
def ab_on_all_traffic(d: Design) -> bool:
    experiments = blocks(d, "online_experiment")
    if not experiments:
        return False
    tests = [e for e in experiments if e["props"].get("strategy", "ab_test") == "ab_test"] or experiments[:1]
    for experiment in tests:
        experiment["props"]["strategy"] = "ab_test"
        experiment["props"]["traffic_percent"] = 100
    return True


@mutation("a batch feature job called on the request path", 6, "batch-on-request-path")
def batch_features_on_request_path(d: Design) -> bool:
    stages = request_stages(d)
    if not stages:
        return False
    jobs = [b for b in blocks(d, "feature_pipeline") if b["props"].get("mode", "batch") == "batch"]
    job = jobs[0]["id"] if jobs else add_block(d, "feature_pipeline", "Batch features", mode="batch")
    connect(d, stages[0]["id"], job, "request")
    return True


@mutation("a training job on the request path", 6, "batch-on-request-path")
def training_on_request_path(d: Design) -> bool:
    stages, trainings = request_stages(d), blocks(d, "training_pipeline")
    if not stages or not trainings:
        return False
    caller = next((b for b in stages if b in serving(d)), stages[0])
    connect(d, caller["id"], trainings[0]["id"], "request")
    return True


@mutation("peak QPS ten times the daily users", 1, "implausible-scale")
def qps_ten_times_dau(d: Design) -> bool:
    dau = d["requirements"].get("dau")
    if not dau:
        return False
    d["requirements"]["qps_peak"] = 10 * dau
    return True


def _chain_total(d: Design, path: list[str]) -> float:
    return sum(float(block(d, block_id)["props"].get("p99_ms") or 0) for block_id in path)


def _longest_chain(d: Design) -> list[str]:
    """The longest client-started request chain by p99 sum (small designs: plain depth-first search)."""
    best: list[str] = []

    def walk(path: list[str]) -> None:
        nonlocal best
        if _chain_total(d, path) > _chain_total(d, best):
            best = list(path)
        for c in edges(d, "request", source=path[-1]):
            if c["target"] not in path:
                walk([*path, c["target"]])

    for client in blocks(d, "client"):
        walk([client["id"]])
    return best


@mutation("a synchronous 150 ms side call that breaks the budget", 6, "latency-budget")
def slow_side_call(d: Design) -> bool:
    """A stage in the middle of the slowest chain calls a slow service and waits: 150 ms, or as much more
    as the chain's slack needs, so the budget breaks only if the wait is counted on top of the chain."""
    slo = d["requirements"].get("latency_slo_ms")
    chain = _longest_chain(d)
    middle = [block_id for block_id in chain[1:-1]]
    if slo is None or not middle:
        return False
    caller = next((b for b in middle if block(d, b) in serving(d)), middle[0])
    side = add_block(d, "custom", "Synchronous enrichment call", p99_ms=max(150.0, slo - _chain_total(d, chain) + 1))
    connect(d, caller, side, "request")
    return True


@mutation("a rule-based stage that queries the warehouse per request", 6, "online-reads-offline")
def rule_stage_reads_warehouse(d: Design) -> bool:
    path = on_request_path(d)
    stages = [b for b in d["blocks"] if b["id"] in path and (
        b["kind"] == "reranking" or (b["kind"] == "candidate_generation" and not b["props"].get("uses_model", True)))]
    if not stages:
        return False
    warehouses = [b for b in blocks(d, "data_store") if b["props"].get("store_type", "warehouse") == "warehouse"]
    warehouse = warehouses[0]["id"] if warehouses else add_block(d, "data_store", "Data warehouse",
                                                                 store_type="warehouse")
    connect(d, stages[0]["id"], warehouse, "request")
    return True


# --- more interviewer catches ----------------------------------------------------------------------------------------

@mutation("training reads the online feature store", 3, "training-reads-online-store")
def training_reads_online_store(d: Design) -> bool:
    stores = [b for b in blocks(d, "feature_store") if b["props"].get("tier") == "online"]
    trainings = blocks(d, "training_pipeline")
    if not stores or not trainings:
        return False
    connect(d, stores[0]["id"], trainings[0]["id"], "data")
    return True


@mutation("no offline evaluation gate", 5, "no-evaluation-gate")
def no_evaluation_gate(d: Design) -> bool:
    gates = blocks(d, "offline_evaluation")
    if not gates or not serving(d, None):
        return False
    for gate in gates:
        bypass(d, gate["id"], "model")
    return True


@mutation("serving straight from training", 6, "registry-gap")
def serving_from_training(d: Design) -> bool:
    models, trainings = serving(d, None), blocks(d, "training_pipeline")
    if not models or not trainings:
        return False
    connect(d, trainings[0]["id"], models[0]["id"], "model")
    return True


@mutation("no feedback loop (nothing served is logged back)", 7, "no-feedback-loop")
def no_feedback_loop(d: Design) -> bool:
    if not serving(d, None) or not blocks(d, "training_pipeline"):
        return False
    logs = {b["id"] for b in blocks(d, "logging")}
    served = {b["id"] for b in serving(d, None)} | {b["id"] for b in blocks(d, "client", "reranking", "custom")}
    drop(d, [c for c in d["connectors"] if c["flow"] == "feedback" or c["source"] in logs
             or (c["source"] in served and c["flow"] == "data" and block(d, c["target"])["kind"] not in ONLINE_STORES)])
    return True


@mutation("a monitor that alerts nobody", 7, "no-alerting")
def monitor_alerts_nobody(d: Design) -> bool:
    alerting = {b["id"] for b in blocks(d, "alerting")}
    links = [c for c in d["connectors"] if c["target"] in alerting and block(d, c["source"])["kind"] == "monitoring"]
    if not links:
        return False
    drop(d, links)
    return True


@mutation("an offline store on the request path", 6, "online-reads-offline")
def offline_store_on_request_path(d: Design) -> bool:
    models = {b["id"] for b in serving(d)}
    stores = [b for b in blocks(d, "feature_store") if b["props"].get("tier") == "online"
              and any(c["target"] in models for c in edges(d, "data", source=b["id"]))]
    if not stores:
        return False
    for store in stores:
        store["props"]["tier"] = "offline"
    return True


@mutation("accuracy as the online metric", 5, "online-metric-fit")
def accuracy_online(d: Design) -> bool:
    if not has_model(d):
        return False
    d["requirements"]["online_metrics"] = ["accuracy"]
    return True


@mutation("more candidates than the corpus", 6, "implausible-scale")
def candidates_over_corpus(d: Design) -> bool:
    corpus = d["requirements"].get("corpus_size")
    generators = blocks(d, "candidate_generation")
    if not corpus or not generators:
        return False
    generators[0]["props"]["candidates_out"] = corpus * 10
    return True


@mutation("an index with no indexing pipeline", 6, "index-lineage")
def index_without_pipeline(d: Design) -> bool:
    if not blocks(d, "vector_index") or not blocks(d, "indexing_pipeline"):
        return False
    for pipeline in blocks(d, "indexing_pipeline"):
        remove_block(d, pipeline["id"])
    return True


def _every_model_through_ab_tests(d: Design, cadence: str) -> bool:
    """Retrain every model at ``cadence`` and turn every experiment into an A/B test, the only way to serving."""
    experiments, trainings = blocks(d, "online_experiment"), blocks(d, "training_pipeline")
    models = {b["id"] for b in serving(d)}
    fed = {c["target"] for e in experiments for c in edges(d, "model", source=e["id"])}
    if not trainings or not fed & models:
        return False
    for training in trainings:
        training["props"]["cadence"] = cadence
    for experiment in experiments:
        experiment["props"]["strategy"] = "ab_test"
        experiment["props"]["traffic_percent"] = 5
    for registry in blocks(d, "model_registry"):  # no automated path around the A/B test
        drop(d, [c for c in edges(d, "model", source=registry["id"]) if c["target"] in models])
    return True


@mutation("continual training A/B-tested every hour", 5, "continual-training-gate")
def continual_ab_every_hour(d: Design) -> bool:
    return _every_model_through_ab_tests(d, "hourly")


@mutation("weekly retraining A/B-tested every time", 5, "continual-training-gate")
def weekly_ab_every_time(d: Design) -> bool:
    return _every_model_through_ab_tests(d, "weekly")


@mutation("monitoring deleted", 7, "missing-monitoring", "stage-coverage")
def monitoring_deleted(d: Design) -> bool:
    monitors = blocks(d, "monitoring")
    if not monitors or not serving(d, None):
        return False
    for monitor in monitors:
        remove_block(d, monitor["id"])
    return True


@mutation("a quality monitor that sees no outcomes", 7, "quality-monitor-blind")
def quality_monitor_blind(d: Design) -> bool:
    """The model monitor keeps only its observe arrows from the models (and to alerting): no log, labels or
    event stream reaches it."""
    monitors = [m for m in blocks(d, "monitoring") if "model_quality" in m["props"].get("target", [])]
    models = {b["id"] for b in serving(d, None)}
    if not monitors or not models:
        return False
    for monitor in monitors:
        mine = monitor["id"]
        drop(d, [c for c in d["connectors"] if mine in (c["source"], c["target"])
                 and not (c["target"] == mine and c["source"] in models)
                 and not (c["source"] == mine and block(d, c["target"])["kind"] == "alerting")])
        for model in models:
            if not edges(d, "observe", model, mine):
                connect(d, model, mine, "observe")
    return True


@mutation("no data-drift monitoring", 7, "no-drift-monitoring")
def no_drift_monitoring(d: Design) -> bool:
    monitors = blocks(d, "monitoring")
    if not monitors or not serving(d, None):
        return False
    for monitor in monitors:
        monitor["props"]["target"] = [t for t in monitor["props"].get("target", ["system"]) if t != "data_drift"] or [
            "system"]
    return True


@mutation("a batch model called per request", 6, "batch-on-request-path")
def batch_model_per_request(d: Design) -> bool:
    batch, entry = serving(d, "batch"), first_stage(d)
    if not batch or entry is None:
        return False
    connect(d, entry["id"], batch[0]["id"], "request")
    return True


@mutation("batch predictions written nowhere", 6, "batch-serving-path")
def batch_predictions_nowhere(d: Design) -> bool:
    batch = serving(d, "batch")
    if not batch:
        return False
    for model in batch:
        drop(d, [c for c in edges(d, "data", source=model["id"])
                 if block(d, c["target"])["kind"] in ("prediction_store", "data_store", "cache")])
    return True


@mutation("a request path that loops", 6, "request-cycle")
def request_loop(d: Design) -> bool:
    chain = _longest_chain(d)
    if len(chain) < 3:
        return False
    connect(d, chain[-1], chain[1], "request")
    return True


@mutation("ranking the whole corpus without retrieval", 6, "retrieval-before-ranking")
def rank_whole_corpus(d: Design) -> bool:
    corpus = d["requirements"].get("corpus_size") or 0
    rankers = [b for b in serving(d) if b["kind"] == "ranking"]
    if corpus < 100_000 or not rankers:
        return False
    for b in blocks(d, "candidate_generation", "vector_index"):
        bypass(d, b["id"], "request")
    for ranker in rankers:  # and no precomputed candidates either
        drop(d, [c for c in edges(d, "data", target=ranker["id"]) if block(d, c["source"])["kind"] != "feature_store"])
    return True


@mutation("training with no data", 3, "no-training-data")
def training_without_data(d: Design) -> bool:
    trainings = blocks(d, "training_pipeline")
    if not trainings:
        return False
    drop(d, [c for c in d["connectors"] if c["target"] == trainings[0]["id"]])
    return True


@mutation("no online experiment before an online model", 5, "no-online-experiment")
def no_online_experiment(d: Design) -> bool:
    if not serving(d) or not blocks(d, "online_experiment"):
        return False
    for experiment in blocks(d, "online_experiment"):
        bypass(d, experiment["id"], "model")
    return True


@mutation("a new encoder tested against the old index", 5, "index-outside-experiment")
def encoder_without_its_index(d: Design) -> bool:
    fed = [c for p in blocks(d, "indexing_pipeline") for c in edges(d, "model", target=p["id"])
           if block(d, c["source"])["kind"] == "online_experiment"]
    registries = blocks(d, "model_registry")
    if not fed or not registries:
        return False
    drop(d, fed)
    for c in fed:
        connect(d, registries[0]["id"], c["target"], "model")
    return True


@mutation("online features computed by a separate pipeline", 3, "training-serving-skew")
def separate_online_features(d: Design) -> bool:
    online = [b for b in blocks(d, "feature_store") if b["props"].get("tier") == "online"]
    if not online or not [b for b in blocks(d, "feature_store") if b["props"].get("tier") == "offline"]:
        return False
    if any("features" in b["props"].get("logs", []) for b in blocks(d, "logging")):
        return False  # the served features are logged and trained on: no skew to inject
    for store in online:
        drop(d, [c for c in edges(d, target=store["id"]) if block(d, c["source"])["kind"] == "feature_pipeline"])
        job = add_block(d, "feature_pipeline", "Online-only features", mode="streaming")
        connect(d, job, store["id"], "data")
    return True


@mutation("an index bigger than the memory stated", 6, "index-exceeds-memory")
def index_over_memory(d: Design) -> bool:
    corpus = d["requirements"].get("corpus_size")
    if not corpus or not blocks(d, "vector_index"):
        return False
    vectors_gb = corpus * 256 * 4 / 1e9  # float32 vectors at the default dimension, as the estimates assume
    d["estimates"] = {"memory_gb_per_host": max(1, int(vectors_gb / 4)), "index_shards": 1}
    return True


MUTATIONS: tuple[Mutation, ...] = (
    no_latency_slo, no_metrics, misfit_metrics, no_feature_source, only_system_monitoring, ab_on_all_traffic,
    batch_features_on_request_path, training_on_request_path, qps_ten_times_dau, slow_side_call,
    rule_stage_reads_warehouse,
    training_reads_online_store, no_evaluation_gate, serving_from_training, no_feedback_loop,
    monitor_alerts_nobody, offline_store_on_request_path, accuracy_online, candidates_over_corpus,
    index_without_pipeline, continual_ab_every_hour, weekly_ab_every_time, monitoring_deleted, no_drift_monitoring,
    quality_monitor_blind,
    batch_model_per_request, batch_predictions_nowhere, request_loop, rank_whole_corpus, training_without_data,
    no_online_experiment, encoder_without_its_index, separate_online_features, index_over_memory,
    *MORE_MUTATIONS,
)
