"""Hand-made designs for the review tests: the validator's healthy design made strong on every step of
the rubric, and a builder that also sets trade-off notes."""

from __future__ import annotations

from components.model import Diagram
from tests.core.validate_helpers import Design, healthy


class CoachDesign(Design):
    """A Design whose blocks can carry trade-off notes."""

    def __init__(self, **requirements: object) -> None:
        super().__init__(**requirements)
        self.tradeoffs: dict[str, str] = {}

    def tradeoff(self, block_id: str, text: str) -> CoachDesign:
        self.tradeoffs[block_id] = text
        return self

    def build(self) -> Diagram:
        diagram = super().build()
        blocks = [block.model_copy(update={"tradeoffs": self.tradeoffs.get(block.id, "")}) for block in diagram.blocks]
        return diagram.model_copy(update={"blocks": blocks})


def strong() -> CoachDesign:
    """healthy() with what earns every point: inputs and outputs, online metrics, a funnel size, user
    features for retrieval, a trade-off on the ranker's training, monitors of quality, drift and health,
    logged outcomes."""
    base = healthy()
    d = CoachDesign(**base.requirements)
    d.blocks, d.edges, d.rules, d._next = dict(base.blocks), list(base.edges), dict(base.rules), base._next
    d.require(inputs="user, context, candidate videos", outputs="top 20 videos", online_metrics=["watch time"])
    d.set("cands", candidates_out=500)
    d.connect("online_fs", "cands", "data")  # the retrieval's user tower reads user features too
    d.set("monitor", target=["system", "data_drift", "model_quality"])
    d.set("logs", logs=["impressions", "outcomes"])
    d.tradeoff("train", "A deep model ranks better than logistic regression but costs 10x to serve")
    return d


def step_scores(design: Design) -> list[int]:
    from components.review import review

    return [step.score for step in review(design.build()).steps]
