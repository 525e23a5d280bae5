"""The component catalog: block kinds, stages and their colours, default connector flows."""

from components.catalog.flows import default_flow
from components.catalog.kinds import (
    ICON_DIR,
    KINDS,
    SERVING_KINDS,
    KindSpec,
    display_name,
    is_model_serving,
    kinds_of_stage,
    spec,
)
from components.catalog.stages import CUSTOM_COLOUR, CUSTOM_DARK_COLOUR, STAGES, Stage, stage

__all__ = [
    "CUSTOM_COLOUR", "CUSTOM_DARK_COLOUR", "ICON_DIR", "KINDS", "SERVING_KINDS", "STAGES", "KindSpec", "Stage",
    "default_flow", "display_name", "is_model_serving", "kinds_of_stage", "spec", "stage",
]
