"""Step 3: where the training data and its labels come from, and how features reach training and serving."""

from __future__ import annotations

from typing import TYPE_CHECKING

from components.review.rubric.base import Verdict, criterion, short
from components.validate.rules.base import listing

if TYPE_CHECKING:
    from components.review.facts import DesignFacts

SOURCE_KINDS = ("data_source", "event_stream", "data_store", "labeling")
DATA_FLOWS = ("data", "feedback", "request")
SKEW_RULES = ("online-reads-offline", "training-reads-online-store", "training-serving-skew", "feature-store-unfed")
SETTING = {"feature_pipeline": "mode", "feature_store": "tier"}  # what kind of pipeline or store it is


@criterion(3, "Training data from named sources",
           "Data sources, event streams or stores lead to every training pipeline.",
           refuted_by=("no-training-data",))
def training_sources(facts: DesignFacts) -> Verdict:
    """A model is only as good as its data: the design must say where training examples come from."""
    trainings = facts.of_kind("training_pipeline")
    sources = facts.of_kind(*SOURCE_KINDS)
    if not sources:
        return Verdict(False, gap="No data sources: show the raw data (users, items, interactions) and where it "
                                  "is stored")
    if not trainings:
        return Verdict(False, gap="The data feeds no training pipeline")
    upstream = facts.graph.reached(trainings, DATA_FLOWS, reverse=True, among=sources)
    used = [block_id for block_id in sources if block_id in upstream]
    if not used:
        return Verdict(False, gap="None of the data sources leads to training", blocks=tuple(sources))
    return Verdict(True, (f"Training data comes from {listing(facts.names(used))}",), blocks=tuple(used))


@criterion(3, "Where the labels come from",
           "A labeling block, or natural labels: served outcomes logged and sent back as feedback; a ranker's "
           "log also holds what was shown (impressions), the negatives.",
           refuted_by=("no-impression-logging",))
def labels(facts: DesignFacts) -> Verdict:
    """Supervised models need ground truth: human labels, or outcomes (clicks, watches, reports) logged
    from what was served."""
    graph = facts.graph
    evidence: list[str] = []
    blocks: list[str] = []
    for block_id in facts.of_kind("labeling"):
        evidence.append(f"Human or programmatic labels: {facts.name(block_id)}")
        blocks.append(block_id)
    for block_id in facts.of_kind("logging"):
        logged = graph.prop(block_id, "logs") or []
        if "outcomes" in logged:
            evidence.append(f"Outcomes logged by {facts.name(block_id)}")
            blocks.append(block_id)
    connectors = [connector for connector in facts.diagram.connectors if connector.flow == "feedback"]
    senders = list(dict.fromkeys(connector.source for connector in connectors))
    if senders:
        what = [short(connector.label, 40) for connector in connectors if connector.label.strip()]
        detail = f" ({listing(what)})" if what else ""
        evidence.append(f"Served outcomes flow back as feedback from {listing(facts.names(graph.sorted(senders)))}"
                        f"{detail}")
        blocks.extend(senders)
    if evidence:
        return Verdict(True, tuple(evidence), blocks=tuple(dict.fromkeys(blocks)))
    return Verdict(False, gap="No labels: add Labeling, or log the outcomes of what was served (clicks, watches, "
                              "reports) and send them back with feedback connectors")


@criterion(3, "Features that reach training and serving alike",
           "Feature pipelines or stores compute the features, every online served model reads its features "
           "at request time (an online store, or the request carries them), and no finding shows serving "
           "reading offline data, training reading the online store, or skew between the two.",
           refuted_by=("no-feature-source", *SKEW_RULES))
def features(facts: DesignFacts) -> Verdict:
    """Features computed twice, or read from the wrong store, drift apart between training and serving
    (training-serving skew), the most common silent failure of a production model."""
    graph = facts.graph
    computed = facts.of_kind("feature_pipeline", "feature_store")
    evidence = []
    if computed:
        described = [f"{facts.name(block_id)} ({graph.prop(block_id, SETTING[graph.kind[block_id]])})"
                     for block_id in computed]
        evidence.append(f"Features: {listing(described, 6)}")
    for block_id in graph.online_serving:
        reads = graph.sorted(store for store, _ in graph.feature_reads(block_id))
        if reads:
            evidence.append(f"{facts.name(block_id)} reads {listing(facts.names(reads))} at request time")
        elif graph.prop(block_id, "features_in_request"):
            evidence.append(f"The request carries the features of {facts.name(block_id)}")
    if not evidence:
        return Verdict(False, gap="No feature computation: add a feature pipeline writing an offline store for "
                                  "training and an online store for serving (or mark what the request carries)")
    return Verdict(True, tuple(evidence), blocks=tuple(computed))
