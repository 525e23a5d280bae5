"""The block kinds: the vocabulary of the canvas and of the file format."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from components.catalog.stages import CUSTOM_COLOUR, stage
from components.model.props import BlockProps, props_model
from components.shipped import shipped_folder

ICON_DIR = shipped_folder("resources/icons")
SERVING_KINDS = frozenset({"inference_service", "ranking", "candidate_generation"})


@dataclass(frozen=True)
class KindSpec:
    kind: str
    stage: int | None  # None for `custom`
    name: str
    description: str
    width: float = 168
    height: float = 72

    @property
    def props_model(self) -> type[BlockProps]:
        return props_model(self.kind)

    @property
    def colour(self) -> str:
        return stage(self.stage).colour if self.stage else CUSTOM_COLOUR

    @property
    def icon_path(self) -> Path:
        return ICON_DIR / f"{self.kind}.svg"


_SPECS = (
    KindSpec("data_source", 3, "Data source", "Raw data: users, items, interactions, images"),
    KindSpec("event_stream", 3, "Event stream", "Event bus or log stream (Kafka-like)"),
    KindSpec("data_store", 3, "Data store", "Warehouse, lake, SQL/NoSQL database or object store"),
    KindSpec("labeling", 3, "Labeling", "Human review, annotation, or natural labels"),
    KindSpec("feature_pipeline", 3, "Feature pipeline", "Computes features in batch or streaming"),
    KindSpec("feature_store", 3, "Feature store", "Stores features for training (offline) or serving (online)"),
    KindSpec("training_pipeline", 4, "Training pipeline", "Training or fine-tuning job"),
    KindSpec("experiment_tracker", 4, "Experiment tracker", "Runs, parameters, metrics, artifacts"),
    KindSpec("offline_evaluation", 5, "Offline evaluation", "Offline metrics gate before deploy"),
    KindSpec("online_experiment", 5, "Online experiment", "A/B test, shadow, canary or interleaving"),
    KindSpec("model_registry", 6, "Model registry", "Versioned models and aliases"),
    KindSpec("client", 6, "Client", "App, user or API caller", 128, 64),
    KindSpec("api_gateway", 6, "API gateway", "Entry point and routing"),
    KindSpec("inference_service", 6, "Inference service", "A model served online or in batch"),
    KindSpec("candidate_generation", 6, "Candidate generation", "Retrieval stage of a funnel"),
    KindSpec("ranking", 6, "Ranking", "Scoring stage of a funnel (a model)"),
    KindSpec("reranking", 6, "Re-ranking", "Business rules, filters, diversity"),
    KindSpec("vector_index", 6, "Vector index", "Approximate nearest-neighbour index (HNSW, IVF, ...)"),
    KindSpec("indexing_pipeline", 6, "Indexing pipeline", "Builds and refreshes an index"),
    KindSpec("prediction_store", 6, "Prediction store", "Precomputed predictions"),
    KindSpec("cache", 6, "Cache", "Cache in front of anything"),
    KindSpec("monitoring", 7, "Monitoring", "System health, data drift or model quality"),
    KindSpec("alerting", 7, "Alerting", "Alerts and on-call routing"),
    KindSpec("logging", 7, "Logging", "Prediction, feature and impression logging"),
    KindSpec("orchestrator", 7, "Orchestrator", "Scheduler for pipelines (Airflow-like)"),
    KindSpec("custom", None, "Custom block", "A free-form block you name yourself"),
)
KINDS: dict[str, KindSpec] = {spec.kind: spec for spec in _SPECS}


def spec(kind: str) -> KindSpec:
    """The catalog entry of a kind; KeyError for a kind the catalog does not know."""
    return KINDS[kind]


def display_name(label: str, kind: str) -> str:
    """A block as prose names it: its label on one line in quotes, so a label with its own colons and
    commas reads as one name (as in the validator's messages), else its kind's name (never its id: ids
    are for files, not for people)."""
    line = " ".join(label.split())
    return f"“{line}”" if line else KINDS[kind].name


def kinds_of_stage(number: int | None) -> list[KindSpec]:
    """Catalog entries of one stage, in catalog order (None: the stage-less `custom`)."""
    return [entry for entry in _SPECS if entry.stage == number]


def is_model_serving(kind: str, props: BlockProps) -> bool:
    """Whether a block serves a model (candidate generation only when `uses_model` is on)."""
    if kind not in SERVING_KINDS:
        return False
    # read the field from the instance dict: getattr on a pydantic model without the field raises and
    # catches an AttributeError, ~3 µs, which the validator pays once per serving block
    return bool(vars(props).get("uses_model", True))
