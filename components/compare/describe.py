"""Roles in words: 'an online feature store', 'a retrieval stage before Ranking on the request path'."""

from __future__ import annotations

from components.catalog import spec
from components.compare.roles import Role
from components.model import Diagram
from components.review.wording import STRATEGIES

NOUNS: dict[str, str] = {
    "labeling": "labeling step", "offline_evaluation": "offline evaluation gate",
    "candidate_generation": "retrieval stage", "ranking": "ranking stage", "reranking": "re-ranking stage",
    "monitoring": "monitor", "custom": "custom block",
}


def noun(role: Role) -> str:
    """The role's name: the kind's, made specific by the setting that changes what it is."""
    base = NOUNS.get(role.kind, spec(role.kind).name.lower().replace("api ", "API "))
    if role.kind == "feature_store":
        return f"{role.setting} {base}"
    if role.kind == "feature_pipeline" and role.setting == "streaming":
        return f"streaming {base}"
    if role.kind == "data_store":
        return f"{role.setting.split()[0]} {base}"
    if role.kind == "online_experiment":
        return STRATEGIES.get(role.setting, role.setting.replace("_", " ")) or base
    if role.kind == "candidate_generation" and not role.uses_model:
        return f"rule-based {base}"
    if role.setting == "batch":
        return f"batch {base}"
    return base


class Namer:
    """Names blocks of one design in comparison texts: the label in quotes (so a label with its own colons
    and commas reads as one name, as in the validator's messages), else the role's noun."""

    def __init__(self, diagram: Diagram, roles: list[Role]) -> None:
        self.diagram = diagram
        self.roles = roles

    def name(self, index: int) -> str:
        label = " ".join(self.diagram.blocks[index].label.split())
        return f"“{label}”" if label else noun(self.roles[index]).capitalize()


def context(role: Role, reference: Diagram, reference_roles: list[Role], theirs: Namer, ours: Namer,
            matched: dict[int, int]) -> str:
    """Where a reference block sits, named in the design's terms where the design has the neighbour:
    'before Ranker on the request path', 'fed by Feature pipeline'."""
    position = {block.id: index for index, block in enumerate(reference.blocks)}

    def called(index: int) -> str:
        return ours.name(matched[index]) if index in matched else theirs.name(index)

    before: list[str] = []
    after: list[str] = []
    feeds: list[str] = []
    fed_by: list[str] = []
    for connector in reference.connectors:
        source, target = position[connector.source], position[connector.target]
        if source == target or role.index not in (source, target):
            continue
        other = target if source == role.index else source
        if connector.flow == "request":
            (before if source == role.index else after).append(called(other))
        elif connector.flow != "observe":
            (feeds if source == role.index else fed_by).append(called(other))
    if role.depth is not None and (before or after):
        parts = ([f"after {_few(after)}"] if after else []) + ([f"before {_few(before)}"] if before else [])
        return "on the request path " + ", ".join(parts)
    parts = ([f"fed by {_few(fed_by)}"] if fed_by else []) + ([f"feeding {_few(feeds)}"] if feeds else [])
    return ", ".join(parts)


def _few(names: list[str]) -> str:
    unique = list(dict.fromkeys(names))
    shown = unique[:2]
    text = " and ".join(shown)
    return text + (f" and {len(unique) - 2} more" if len(unique) > 2 else "")
