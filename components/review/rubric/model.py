"""Step 4: a model trained on that data, argued for, and retrained on what it served."""

from __future__ import annotations

from typing import TYPE_CHECKING

from components.review.rubric.base import Verdict, criterion, short
from components.validate.rules.base import listing

if TYPE_CHECKING:
    from components.review.facts import DesignFacts


@criterion(4, "A trained model that reaches serving",
           "A training pipeline's model reaches a served model over model connectors.")
def trained_and_served(facts: DesignFacts) -> Verdict:
    """Training that ships nothing, or serving whose model comes from nowhere, leaves the model step
    unanswered."""
    graph = facts.graph
    trainings = facts.of_kind("training_pipeline")
    if not trainings:
        return Verdict(False, gap="No training pipeline: say how the model is trained and how often")
    served = graph.reached(trainings, ("model",), among=graph.serving)
    evidence = [f"{facts.name(block_id)} (retrained {str(graph.prop(block_id, 'cadence')).replace('_', ' ')})"
                for block_id in trainings]
    if not served:
        return Verdict(False, (f"Training: {listing(evidence)}",),
                       gap="The trained model reaches no served model over model connectors", blocks=tuple(trainings))
    return Verdict(True, (f"Training: {listing(evidence)}",
                          f"Its models serve {listing(facts.names(graph.sorted(served)))}"),
                   blocks=tuple(trainings))


@criterion(4, "The model choice is argued",
           "A training pipeline or a served model carries a trade-off note: why this model and what it gives up.")
def model_argued(facts: DesignFacts) -> Verdict:
    """An interviewer asks why this model over the simpler baseline; the answer is a trade-off (accuracy
    against latency, cost, cold start, interpretability)."""
    graph = facts.graph
    argued = [block_id for block_id in facts.of_kind("training_pipeline") + graph.serving
              if graph.blocks[block_id].tradeoffs.strip()]
    if argued:
        return Verdict(True, tuple(f"{facts.name(block_id)}: {short(graph.blocks[block_id].tradeoffs)}"
                                   for block_id in argued[:2]), blocks=tuple(argued))
    return Verdict(False, gap="The model is not argued for: write on the training pipeline or the served model why "
                              "this model and what it gives up (the Trade-offs field)")


@criterion(4, "Retrained on what it served",
           "What the served models produce flows back to their training (no no-feedback-loop finding), and "
           "training runs again (its cadence is not 'once').", refuted_by=("no-feedback-loop",))
def retrained(facts: DesignFacts) -> Verdict:
    """Users, items and behaviour change; a model never retrained on its own served outcomes goes stale."""
    graph = facts.graph
    trainings = facts.of_kind("training_pipeline")
    if not trainings or not graph.serving:
        return Verdict(False, gap="No training and serving pair to close a feedback loop between")
    repeating = [block_id for block_id in trainings if graph.prop(block_id, "cadence") != "once"]
    if not repeating:
        return Verdict(False, gap="Trained once: say how the model keeps up with new users, items and behaviour",
                       blocks=tuple(trainings))
    cadences = sorted({str(graph.prop(block_id, "cadence")).replace("_", " ") for block_id in repeating})
    return Verdict(True, (f"Outcomes of {listing(facts.names(graph.serving))} flow back to "
                          f"{listing(facts.names(trainings))}, retrained {listing(cadences)}",),
                   blocks=tuple(trainings))
