"""Compare a design with a reference (a template or another design) by role, never by id or label.

    from components.compare import compare
    result = compare(mine, load_template("video-recommendation"))
    result.missing     # what the reference has that the design lacks, with the design's nearest blocks
    result.added       # the design's blocks no reference block matches
    result.links       # reference connectors between matched blocks that the design does not draw
    result.requirements  # requirement fields that differ
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from components.compare.describe import Namer, context, noun
from components.compare.match import match_roles
from components.compare.roles import roles
from components.estimate.units import exact
from components.model import Diagram

_NUMBERS = (("dau", "Daily active users"), ("qps_peak", "Peak QPS"), ("latency_slo_ms", "Latency SLO (ms)"),
            ("corpus_size", "Corpus size"), ("volume_per_run", "Volume per run"),
            ("run_window_hours", "Run window (hours)"))


@dataclass(frozen=True)
class Missing:
    """A role of the reference the design does not fill, and the design's blocks it would attach to."""

    text: str  # "No retrieval stage before Ranker on the request path"
    kind: str
    reference_label: str
    nearest: tuple[str, ...]  # design block ids: the matches of its neighbours in the reference

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "kind": self.kind, "reference_label": self.reference_label,
                "nearest": list(self.nearest)}


@dataclass(frozen=True)
class Added:
    text: str
    block: str  # design block id

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "block": self.block}


@dataclass(frozen=True)
class MissingLink:
    text: str
    blocks: tuple[str, str]  # design block ids: source, target

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": list(self.blocks)}


@dataclass(frozen=True)
class Comparison:
    reference_title: str
    matched: int
    reference_blocks: int
    missing: tuple[Missing, ...]
    added: tuple[Added, ...]
    links: tuple[MissingLink, ...]
    requirements: tuple[str, ...]

    @property
    def no_gaps(self) -> bool:
        """Nothing of the reference is missing: no role, no connection."""
        return not self.missing and not self.links

    def to_dict(self) -> dict[str, Any]:
        return {"reference": self.reference_title, "matched": self.matched, "reference_blocks": self.reference_blocks,
                "missing": [item.to_dict() for item in self.missing], "added": [item.to_dict() for item in self.added],
                "missing_links": [item.to_dict() for item in self.links], "requirements": list(self.requirements)}


def compare(design: Diagram, reference: Diagram) -> Comparison:
    """What the reference has that the design lacks (roles, connections), what the design adds, and the
    requirements that differ."""
    ours, theirs = roles(design), roles(reference)
    matched = match_roles(ours, theirs)
    our_names, their_names = Namer(design, ours), Namer(reference, theirs)
    reference_position = {block.id: index for index, block in enumerate(reference.blocks)}
    missing = []
    for role in theirs:
        if role.index in matched:
            continue
        where = context(role, reference, theirs, their_names, our_names, matched)
        nearest = []
        for connector in reference.connectors:
            ends = (reference_position[connector.source], reference_position[connector.target])
            if role.index in ends:
                other = ends[1] if ends[0] == role.index else ends[0]
                if other in matched:
                    nearest.append(design.blocks[matched[other]].id)
        label = " ".join(reference.blocks[role.index].label.split())
        text = f"No {noun(role)}" + (f" {where}" if where else "")
        if label and label.lower() != noun(role).lower():
            text += f" (the reference's “{label}”)"
        missing.append(Missing(text, role.kind, label, tuple(dict.fromkeys(nearest))))
    used = set(matched.values())
    added = [Added(f"{our_names.name(role.index)} ({noun(role)})", design.blocks[role.index].id)
             for role in ours if role.index not in used]
    return Comparison(
        reference_title=" ".join(reference.title.split()) or "Untitled design",
        matched=len(matched), reference_blocks=len(reference.blocks),
        missing=tuple(missing), added=tuple(added),
        links=tuple(_missing_links(design, reference, matched, our_names)),
        requirements=tuple(_requirements(design, reference)),
    )


def _missing_links(design: Diagram, reference: Diagram, matched: dict[int, int], names: Namer) -> list[MissingLink]:
    """Reference connectors whose two ends the design has, drawn by the reference and not by the design
    (same direction and flow)."""
    position = {block.id: index for index, block in enumerate(reference.blocks)}
    drawn = {(connector.source, connector.target, connector.flow) for connector in design.connectors}
    found: dict[tuple[str, str, str], MissingLink] = {}
    for connector in reference.connectors:
        source, target = position[connector.source], position[connector.target]
        if source not in matched or target not in matched:
            continue
        ours = (design.blocks[matched[source]].id, design.blocks[matched[target]].id, connector.flow)
        if ours in drawn or ours in found:
            continue
        found[ours] = MissingLink(f"No {connector.flow} connector from {names.name(matched[source])} to "
                                  f"{names.name(matched[target])}", (ours[0], ours[1]))
    return list(found.values())


def _metric_names(names: list[str]) -> dict[str, str]:
    return {" ".join(name.lower().split()): name.strip() for name in names if name.strip()}


def _requirements(design: Diagram, reference: Diagram) -> list[str]:
    ours, theirs = design.requirements, reference.requirements
    lines = []
    if ours.task_type != theirs.task_type:
        lines.append(f"ML task type: {_shown(ours.task_type)} here, {_shown(theirs.task_type)} in the reference")
    for name, title in _NUMBERS:
        mine, other = getattr(ours, name), getattr(theirs, name)
        if mine != other:
            lines.append(f"{title}: {_shown(mine)} here, {_shown(other)} in the reference")
    for name, title in (("offline_metrics", "Offline"), ("online_metrics", "Online")):
        mine, other = _metric_names(getattr(ours, name)), _metric_names(getattr(theirs, name))
        lacking = [shown for key, shown in other.items() if key not in mine]
        if lacking:
            lines.append(f"{title} metrics of the reference not stated here: {', '.join(lacking)}")
    return lines


def _shown(value: object) -> str:
    if value in (None, ""):
        return "not stated"
    if isinstance(value, int | float):
        return exact(value)
    return str(value).replace("_", " ")


__all__ = ["Added", "Comparison", "Missing", "MissingLink", "compare"]
