"""The templates shipped in ``examples/``: the ten case studies and a blank seven-step skeleton.

One list for the command line (`mlsd templates`, `mlsd new`) and the app's template gallery, so both
offer the same ids in the same order. Titles and descriptions are read from the files themselves,
so a template is described in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from components.io import DESIGN_SUFFIX, load
from components.model import Diagram
from components.shipped import shipped_folder

EXAMPLES_DIR = shipped_folder("examples")

# Gallery order: the blank skeleton first, then the case studies in the order of CASE_STUDIES.md.
TEMPLATE_IDS: tuple[str, ...] = (
    "seven-step-skeleton",
    "visual-search",
    "street-view-blurring",
    "video-search",
    "harmful-content-detection",
    "video-recommendation",
    "event-recommendation",
    "ad-click-prediction",
    "similar-listings",
    "personalized-news-feed",
    "people-you-may-know",
)
DEFAULT_TEMPLATE = "video-recommendation"


class UnknownTemplateError(LookupError):
    """A template id that is not one of ``TEMPLATE_IDS``; the message lists the known ids."""

    def __init__(self, template_id: str) -> None:
        super().__init__(f"unknown template {template_id!r} (known: {', '.join(TEMPLATE_IDS)})")
        self.template_id = template_id


@dataclass(frozen=True)
class TemplateInfo:
    """What a gallery or a listing shows about a template."""

    id: str
    title: str
    description: str
    path: Path


def template_ids() -> list[str]:
    """The ids of every template, in gallery order."""
    return list(TEMPLATE_IDS)


def template_path(template_id: str) -> Path:
    """The file of a template; UnknownTemplateError for an id that is not a template."""
    if template_id not in TEMPLATE_IDS:
        raise UnknownTemplateError(template_id)
    return EXAMPLES_DIR / f"{template_id}{DESIGN_SUFFIX}"


def load_template(template_id: str) -> Diagram:
    """A fresh Diagram of the template (callers may edit it freely); DocumentError if the file is
    missing or damaged, UnknownTemplateError for an unknown id."""
    return load(template_path(template_id))


def template_info(template_id: str) -> TemplateInfo:
    """Id, title, one-line description and path of one template."""
    path = template_path(template_id)
    diagram = load(path)
    return TemplateInfo(template_id, diagram.title, first_line(diagram.description), path)


def list_templates() -> list[TemplateInfo]:
    """Every template, in gallery order."""
    return [template_info(template_id) for template_id in TEMPLATE_IDS]


def first_line(text: str) -> str:
    """The first non-empty line of a description, for one-line listings."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""
