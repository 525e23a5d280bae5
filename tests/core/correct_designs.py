"""Correct designs the validator must leave clean (no error, no warning): the five production patterns
issue 11 names, and realistic designs unlike the templates. Each builder returns a fresh Design.

They share two helpers for the parts every ML system has (a launch path from training to serving, and
monitoring with alerts), but each design's data, serving and feedback are its own.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.core.validate_helpers import Design, healthy

ONLINE_SCALE = {"dau": 20_000_000, "qps_peak": 5_000, "latency_slo_ms": 150}


def launch(d: Design, train: str, *serving: str, experiment: str | None = "canary", gate_metrics=("PR-AUC",),
           prefix: str = "") -> Design:
    """training -> offline evaluation -> registry -> (online experiment) -> each serving block."""
    gate, registry = f"{prefix}eval", f"{prefix}registry"
    d.block(gate, "offline_evaluation", "Offline evaluation", metrics=list(gate_metrics))
    d.block(registry, "model_registry", "Model registry")
    d.chain("model", train, gate, registry)
    source = registry
    if experiment is not None:
        name = f"{prefix}{experiment}"
        d.block(name, "online_experiment", experiment.replace("_", " ").capitalize(), strategy=experiment,
                traffic_percent=100 if experiment == "shadow" else 5)
        d.connect(registry, name, "model")
        source = name
    for block_id in serving:
        d.connect(source, block_id, "model")
    return d


def watch(d: Design, *models: str, outcomes: str, system_on: str | None = None,
          targets=("model_quality", "data_drift")) -> Design:
    """A model monitor (quality, drift) on the models and on ``outcomes`` (the block holding what happened,
    which quality is measured against), a system monitor on ``system_on``, one alerting block."""
    d.block("alerts", "alerting", "On-call alerts")
    d.block("model_mon", "monitoring", "Model quality and drift", target=list(targets))
    for model in models:
        d.connect(model, "model_mon", "observe")
    d.connect(outcomes, "model_mon", "observe")
    d.connect("model_mon", "alerts", "observe")
    if system_on is not None:
        d.block("sys_mon", "monitoring", "Service health", target=["system"])
        d.connect(system_on, "sys_mon", "observe").connect("sys_mon", "alerts", "observe")
    return d


# --- the five patterns ---------------------------------------------------------------------------------------------

def nosql_user_state() -> Design:
    """A ranker reading the latest user state from a low-latency NoSQL store (DynamoDB, Redis)."""
    d = healthy().block("state", "data_store", "Latest user state (DynamoDB)", store_type="nosql", p99_ms=5)
    return d.connect("features", "state", "data").connect("state", "ranker", "data")


def precomputed_candidates() -> Design:
    """A batch two-tower model precomputes candidates nightly into a KV store; the online ranker reads them."""
    d = Design(business_objective="More watch time", ml_objective="Rank videos by P(watch)", task_type="recommendation",
               corpus_size=50_000_000, offline_metrics=["recall@500", "nDCG@20"], online_metrics=["watch time"],
               **ONLINE_SCALE)
    d.block("events", "event_stream", "Watch events").block("lake", "data_store", "Lake", store_type="lake")
    d.block("fp", "feature_pipeline", "Features").block("fs_off", "feature_store", "Offline store")
    d.block("fs_on", "feature_store", "Online store", tier="online", p99_ms=5)
    d.chain("data", "events", "lake", "fp", "fs_off").connect("fp", "fs_on", "data")
    d.block("tr_tt", "training_pipeline", "Two-tower training").block("tr_rank", "training_pipeline", "Ranker training")
    d.connect("fs_off", "tr_tt", "data").connect("fs_off", "tr_rank", "data")
    d.block("retrieve", "candidate_generation", "Nightly two-tower retrieval", mode="batch", candidates_out=500)
    d.block("kv", "data_store", "Candidates per user (KV)", store_type="kv", p99_ms=4)
    d.connect("fs_off", "retrieve", "data").connect("retrieve", "kv", "data")
    d.block("client", "client", "Home feed").block("gw", "api_gateway", "Gateway", p99_ms=5)
    d.block("rank", "ranking", "Ranking", p99_ms=40).block("rerank", "reranking", "Diversity", p99_ms=5)
    d.chain("request", "client", "gw", "rank", "rerank")
    d.connect("kv", "rank", "data").connect("fs_on", "rank", "data")
    d.block("log", "logging", "Impression log", logs=["impressions", "outcomes"])
    d.connect("client", "log", "feedback").connect("log", "events", "feedback")
    launch(d, "tr_tt", "retrieve", experiment=None, gate_metrics=("recall@500",), prefix="tt_")
    launch(d, "tr_rank", "rank", gate_metrics=("nDCG@20",))
    return watch(d, "retrieve", "rank", outcomes="log", system_on="gw")


def monitor_fed_by_prediction_log() -> Design:
    """The monitor reads the prediction log (joined with outcomes), not the model."""
    d = healthy().disconnect("ranker", "monitor").disconnect("cands", "monitor")
    d.block("plog", "logging", "Prediction log", logs=["predictions", "outcomes"])
    return d.connect("ranker", "plog", "feedback").connect("cands", "plog", "feedback").connect("plog", "monitor",
                                                                                                  "observe")


def log_and_wait_features() -> Design:
    """The online store has its own streaming pipeline; the served features are logged and trained on."""
    d = healthy().disconnect("features", "online_fs")
    d.block("stream_fp", "feature_pipeline", "Streaming features", mode="streaming")
    d.connect("events", "stream_fp", "data").connect("stream_fp", "online_fs", "data")
    d.block("flog", "logging", "Served-feature log", logs=["features", "predictions"])
    return d.connect("ranker", "flog", "feedback").connect("cands", "flog", "feedback").connect("flog", "lake", "data")


def pure_batch_churn() -> Design:
    """Weekly churn scoring of every customer: no users waiting, so no DAU, QPS or latency SLO."""
    d = Design(business_objective="Reduce churn with targeted retention offers",
               ml_objective="Predict P(churn within 30 days) per customer", task_type="binary_classification",
               volume_per_run=40_000_000, run_window_hours=6, offline_metrics=["PR-AUC", "calibration"],
               online_metrics=["retention", "offer redemption"])
    d.block("crm", "data_source", "CRM and billing").block("wh", "data_store", "Warehouse")
    d.block("fp", "feature_pipeline", "Weekly features").block("fs", "feature_store", "Offline store")
    d.chain("data", "crm", "wh", "fp", "fs")
    d.block("labels", "labeling", "Churned or not, 30 days later").connect("wh", "labels", "data")
    d.block("train", "training_pipeline", "Training", cadence="weekly")
    d.connect("fs", "train", "data").connect("labels", "train", "data")
    d.block("score", "inference_service", "Weekly batch scoring", mode="batch")
    d.block("preds", "prediction_store", "Churn scores").block("crm_app", "client", "Retention campaigns")
    d.connect("fs", "score", "data").connect("score", "preds", "data").connect("preds", "crm_app", "data")
    d.connect("crm_app", "wh", "feedback")
    d.block("sched", "orchestrator", "Scheduler").connect("sched", "score", "data")
    launch(d, "train", "score", experiment=None, gate_metrics=("PR-AUC", "calibration"))
    return watch(d, "score", outcomes="labels")


PATTERNS: dict[str, Callable[[], Design]] = {
    "nosql-user-state": nosql_user_state,
    "precomputed-candidates": precomputed_candidates,
    "monitor-fed-by-prediction-log": monitor_fed_by_prediction_log,
    "log-and-wait-features": log_and_wait_features,
    "pure-batch-job": pure_batch_churn,
}


# --- realistic designs, unlike the templates ------------------------------------------------------------------

def fraud_detection() -> Design:
    """Card payments: a rules engine and a model both decide synchronously; chargebacks label weeks later."""
    d = Design(business_objective="Cut fraud losses without declining good customers",
               ml_objective="Predict P(fraud) per card transaction", task_type="binary_classification",
               dau=30_000_000, qps_peak=4_000, latency_slo_ms=120,
               offline_metrics=["PR-AUC", "recall at 0.1% false positive rate"],
               online_metrics=["fraud losses (chargebacks)", "false decline rate"])
    d.block("tx", "event_stream", "Transactions").block("wh", "data_store", "Warehouse")
    d.block("velocity", "feature_pipeline", "Velocity features (streaming)", mode="streaming")
    d.block("batch_fp", "feature_pipeline", "Merchant and customer profiles")
    d.block("fs_off", "feature_store", "Offline store").block("fs_on", "feature_store", "Online store", tier="online",
                                                              p99_ms=5)
    d.connect("tx", "wh", "data").connect("tx", "velocity", "data").connect("wh", "batch_fp", "data")
    for pipeline in ("velocity", "batch_fp"):
        d.connect(pipeline, "fs_off", "data").connect(pipeline, "fs_on", "data")
    d.block("cb", "labeling", "Chargebacks and analyst review").connect("wh", "cb", "data")
    d.block("train", "training_pipeline", "GBDT training").connect("fs_off", "train", "data").connect("cb", "train", "data")
    d.block("client", "client", "Payment processor").block("gw", "api_gateway", "Authorisation API", p99_ms=10)
    d.block("rules", "reranking", "Rules engine: blocklists, limits", p99_ms=5)
    d.block("blocklist", "data_store", "Blocklists (KV)", store_type="kv", p99_ms=2)
    d.block("model", "inference_service", "Fraud model", p99_ms=25)
    d.chain("request", "client", "gw", "model", "rules").connect("rules", "blocklist", "request")
    d.connect("fs_on", "model", "data")
    d.block("log", "logging", "Decision log", logs=["requests", "features", "predictions"])
    d.connect("rules", "log", "feedback").connect("log", "wh", "data")
    launch(d, "train", "model", experiment="shadow")
    return watch(d, "model", outcomes="cb", system_on="gw")


def query_autocomplete() -> Design:
    """Search autocomplete: a prefix index retrieves, a light ranker personalises, within 50 ms."""
    d = Design(business_objective="Help users find things faster: more searches that succeed",
               ml_objective="Rank completions of a typed prefix by P(selected)", task_type="ranking",
               dau=80_000_000, qps_peak=60_000, latency_slo_ms=50, corpus_size=20_000_000,
               offline_metrics=["MRR", "recall@10"], online_metrics=["suggestion CTR", "keystrokes saved"])
    d.block("qlog", "event_stream", "Query log").block("lake", "data_store", "Lake", store_type="lake")
    d.block("agg", "feature_pipeline", "Query popularity and user history").block("fs_off", "feature_store", "Offline store")
    d.block("kv", "data_store", "User history (KV)", store_type="kv", p99_ms=3)
    d.chain("data", "qlog", "lake", "agg", "fs_off").connect("agg", "kv", "data")
    d.block("build", "indexing_pipeline", "Trie build (hourly)").block("trie", "data_store", "Prefix index",
                                                                      store_type="search_index", p99_ms=4)
    d.connect("lake", "build", "data").connect("build", "trie", "data")
    d.block("train", "training_pipeline", "LambdaMART training").connect("fs_off", "train", "data")
    d.block("client", "client", "Search box").block("gw", "api_gateway", "Gateway", p99_ms=3)
    d.block("cands", "candidate_generation", "Prefix matches", uses_model=False, p99_ms=5, candidates_out=100)
    d.block("rank", "ranking", "Light ranker", p99_ms=10, features_in_request=True)
    d.chain("request", "client", "gw", "cands", "rank").connect("cands", "trie", "request")
    d.connect("kv", "rank", "data")
    d.block("log", "logging", "Impression log", logs=["impressions", "outcomes"])
    d.connect("client", "log", "feedback").connect("log", "qlog", "feedback")
    launch(d, "train", "rank", experiment="canary", gate_metrics=("MRR",))  # daily refreshes: an automated canary
    return watch(d, "rank", outcomes="log", system_on="gw")


def eta_prediction() -> Design:
    """Ride ETA: the request carries the route; live traffic features come from the online store."""
    d = Design(business_objective="Trustworthy arrival times: fewer cancellations", ml_objective="Predict trip "
               "duration in seconds", task_type="regression", dau=15_000_000, qps_peak=20_000, latency_slo_ms=80,
               offline_metrics=["MAE", "MAPE"], online_metrics=["cancellation rate", "ETA complaints"])
    d.block("gps", "event_stream", "GPS pings").block("traffic", "feature_pipeline", "Live traffic per segment",
                                                       mode="streaming")
    d.block("fs_on", "feature_store", "Online store", tier="online", p99_ms=4).block("fs_off", "feature_store",
                                                                                     "Offline store")
    d.connect("gps", "traffic", "data").connect("traffic", "fs_on", "data").connect("traffic", "fs_off", "data")
    d.block("trips", "data_store", "Completed trips", store_type="warehouse")
    d.connect("gps", "trips", "data")
    d.block("train", "training_pipeline", "GBDT training").connect("fs_off", "train", "data").connect("trips", "train",
                                                                                                     "data")
    d.block("client", "client", "Rider app").block("gw", "api_gateway", "Gateway", p99_ms=5)
    d.block("eta", "inference_service", "ETA model", p99_ms=20, features_in_request=True)
    d.chain("request", "client", "gw", "eta").connect("fs_on", "eta", "data")
    d.block("log", "logging", "Prediction log", logs=["predictions", "features"])
    d.connect("eta", "log", "feedback").connect("log", "trips", "data")
    launch(d, "train", "eta", experiment="canary", gate_metrics=("MAE",))
    return watch(d, "eta", outcomes="trips", system_on="gw")


def spam_filter() -> Design:
    """Email spam: the message is in the request; sender reputation from a KV store; reports label it."""
    d = Design(business_objective="Keep inboxes free of spam without losing real mail",
               ml_objective="Predict P(spam) for each incoming email", task_type="binary_classification",
               dau=200_000_000, qps_peak=150_000, latency_slo_ms=200,
               offline_metrics=["PR-AUC", "precision at the blocking threshold"],
               online_metrics=["user spam reports", "not-spam rescues"])
    d.block("mail", "event_stream", "Incoming mail events").block("rep", "feature_pipeline", "Sender reputation",
                                                                   mode="streaming")
    d.block("kv", "data_store", "Reputation (KV)", store_type="kv", p99_ms=3)
    d.block("fs_off", "feature_store", "Offline store")
    d.connect("mail", "rep", "data").connect("rep", "kv", "data").connect("rep", "fs_off", "data")
    d.block("reports", "labeling", "Spam / not-spam reports").block("train", "training_pipeline", "Training")
    d.connect("reports", "train", "data").connect("fs_off", "train", "data")
    d.block("client", "client", "Mail transfer agent").block("clf", "inference_service", "Spam classifier", p99_ms=30,
                                                               features_in_request=True)
    d.connect("client", "clf", "request").connect("kv", "clf", "data")
    d.block("log", "logging", "Verdict log", logs=["predictions", "features"])
    d.connect("clf", "log", "feedback").connect("log", "reports", "feedback")
    launch(d, "train", "clf", experiment="shadow")
    return watch(d, "clf", outcomes="reports", system_on="clf")


def demand_forecasting() -> Design:
    """Nightly demand forecasts per store and SKU for replenishment planners: a pure batch design."""
    d = Design(business_objective="Fewer stock-outs and less waste", ml_objective="Forecast daily units sold per "
               "store and SKU for the next 14 days", task_type="regression", volume_per_run=30_000_000,
               run_window_hours=4, offline_metrics=["WAPE", "pinball loss at p90"],
               online_metrics=["stock-outs", "waste"])
    d.block("pos", "data_source", "Point-of-sale").block("wh", "data_store", "Warehouse")
    d.block("fp", "feature_pipeline", "Calendar, price and promo features").block("fs", "feature_store", "Offline store")
    d.chain("data", "pos", "wh", "fp", "fs")
    d.block("train", "training_pipeline", "Training (weekly)", cadence="weekly").connect("fs", "train", "data")
    d.block("fc", "inference_service", "Nightly forecasting", mode="batch").connect("fs", "fc", "data")
    d.block("out", "data_store", "Forecast tables", store_type="warehouse").connect("fc", "out", "data")
    d.block("planner", "client", "Replenishment planners").connect("out", "planner", "data")
    d.connect("planner", "wh", "feedback")
    d.block("airflow", "orchestrator", "Scheduler").connect("airflow", "fc", "data")
    launch(d, "train", "fc", experiment=None, gate_metrics=("WAPE (backtest)",))
    return watch(d, "fc", outcomes="wh")


def rag_assistant() -> Design:
    """A support assistant: retrieve passages with a fine-tuned embedding model, generate with an LLM."""
    d = Design(business_objective="Resolve support questions without an agent", ml_objective="Generate a grounded "
               "answer from retrieved help-centre passages", task_type="generation", dau=2_000_000, qps_peak=300,
               latency_slo_ms=3000, corpus_size=500_000,
               offline_metrics=["recall@5", "faithfulness", "human evaluation"],
               online_metrics=["deflection rate", "thumbs up rate", "escalations"])
    d.block("docs", "data_source", "Help-centre articles").block("chunks", "data_store", "Chunks",
                                                                 store_type="object_store")
    d.connect("docs", "chunks", "data")
    d.block("pairs", "labeling", "Question-passage pairs")
    # fine-tuned when the help centre or the base model changes: each run is a model change, A/B-tested
    d.block("train", "training_pipeline", "Embedding fine-tuning", cadence="on_demand")
    d.connect("pairs", "train", "data")
    d.block("index_job", "indexing_pipeline", "Passage indexing").block("index", "vector_index", "Passage index",
                                                                        p99_ms=30)
    d.connect("chunks", "index_job", "data").connect("index_job", "index", "data")
    d.block("client", "client", "Help widget").block("gw", "api_gateway", "Gateway", p99_ms=10)
    d.block("retrieve", "candidate_generation", "Query embedding and retrieval", p99_ms=40, candidates_out=20,
            features_in_request=True)
    d.block("llm", "inference_service", "LLM answer generation", p99_ms=2000, features_in_request=True)
    d.chain("request", "client", "gw", "retrieve", "llm").connect("retrieve", "index", "request")
    d.block("log", "logging", "Conversation log", logs=["requests", "predictions", "outcomes"])
    d.connect("client", "log", "feedback").connect("log", "pairs", "feedback")
    launch(d, "train", "retrieve", "index_job", experiment="ab_test", gate_metrics=("recall@5",))
    d.block("llm_reg", "model_registry", "Hosted LLM versions").connect("llm_reg", "llm", "model")
    d.block("llm_eval", "offline_evaluation", "Answer evaluation", metrics=["faithfulness", "human evaluation"])
    d.connect("llm_eval", "llm_reg", "model").connect("log", "llm_eval", "data")
    return watch(d, "retrieve", "llm", outcomes="log", system_on="gw")


def image_moderation() -> Design:
    """Uploads are scored synchronously by a fast classifier; borderline ones go to asynchronous review."""
    d = Design(business_objective="Keep harmful images off the platform", ml_objective="Predict P(violation) per "
               "policy class for each uploaded image", task_type="multilabel_classification", dau=100_000_000,
               qps_peak=8_000, latency_slo_ms=250, offline_metrics=["PR-AUC per class", "recall at 95% precision"],
               online_metrics=["prevalence of violating views", "appeals upheld"])
    d.block("client", "client", "Upload app").block("gw", "api_gateway", "Upload API", p99_ms=15)
    d.block("clf", "inference_service", "Image policy classifier", p99_ms=60, features_in_request=True)
    d.block("author", "data_store", "Author risk (NoSQL)", store_type="nosql", p99_ms=5)
    d.chain("request", "client", "gw", "clf").connect("author", "clf", "data")
    d.block("queue", "event_stream", "Borderline queue").block("review", "labeling", "Human review (async)")
    d.connect("clf", "queue", "feedback").connect("queue", "review", "data")
    d.block("labels", "data_store", "Labeled images", store_type="object_store").connect("review", "labels", "data")
    d.block("train", "training_pipeline", "Multi-label training").connect("labels", "train", "data")
    d.block("afp", "feature_pipeline", "Author history").connect("labels", "afp", "data").connect("afp", "author", "data")
    d.block("fs_off", "feature_store", "Offline store").connect("afp", "fs_off", "data").connect("fs_off", "train", "data")
    launch(d, "train", "clf", experiment="shadow")
    return watch(d, "clf", outcomes="review", system_on="gw", targets=("model_quality", "prediction_drift", "data_drift"))


def ticket_routing() -> Design:
    """Support tickets routed to the right team from their text, asynchronously after submission."""
    d = Design(business_objective="Faster resolution of support tickets", ml_objective="Predict the owning team of "
               "a new ticket", task_type="multiclass_classification", dau=300_000, qps_peak=50, latency_slo_ms=1000,
               offline_metrics=["macro F1", "top-3 accuracy"], online_metrics=["time to resolution", "reassignments"])
    d.block("tickets", "data_store", "Ticket history", store_type="sql", p99_ms=10)
    d.block("train", "training_pipeline", "Text classifier training", cadence="weekly").connect("tickets", "train",
                                                                                              "data")
    d.block("client", "client", "Help desk").block("router", "inference_service", "Team router", p99_ms=80,
                                                   features_in_request=True)
    d.connect("client", "router", "request").connect("tickets", "router", "data")
    d.block("log", "logging", "Routing log", logs=["predictions", "outcomes"])
    d.connect("router", "log", "feedback").connect("log", "tickets", "data")
    launch(d, "train", "router", experiment="canary", gate_metrics=("macro F1",))
    return watch(d, "router", outcomes="log", system_on="router")


REALISTIC: dict[str, Callable[[], Design]] = {
    "fraud-detection": fraud_detection,
    "query-autocomplete": query_autocomplete,
    "eta-prediction": eta_prediction,
    "spam-filter": spam_filter,
    "churn-batch-scoring": pure_batch_churn,
    "demand-forecasting": demand_forecasting,
    "rag-assistant": rag_assistant,
    "image-moderation": image_moderation,
    "ticket-routing": ticket_routing,
}
