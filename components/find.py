"""Find in a design: the elements whose label, kind or findings mention a query, in reading order.

Qt-free so the canvas's find bar and any other front end search alike. A query matches, ignoring case
and runs of spaces, a block's label, its kind (id or name, "feature store" or "feature_store"), or the
rule, message or hint of a finding about it; a connector's label, flow or findings; a note's text;
a frame's label. Matches come top to bottom, then left to right, as a person scans the canvas.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from components.catalog import spec
from components.model import Diagram

Why = Literal["label", "kind", "finding", "flow", "text"]


@dataclass(frozen=True)
class Match:
    id: str
    why: Why  # what matched, first that did in this order: label/text, kind/flow, finding


def _norm(text: str) -> str:
    return " ".join(text.replace("_", " ").casefold().split())


def _about(findings: Iterable[Any]) -> dict[str, list[str]]:
    """Element id -> the searchable text of the findings that name it."""
    texts: dict[str, list[str]] = {}
    for finding in findings:
        words = _norm(f"{finding.rule} {finding.message} {finding.hint}")
        for element_id in dict.fromkeys((*finding.blocks, *finding.connectors)):
            texts.setdefault(element_id, []).append(words)
    return texts


def _candidates(diagram: Diagram) -> Iterator[tuple[str, tuple[float, float], list[tuple[Why, str]]]]:
    """(id, where it is, [(what, text)]) of every element, with the texts a query may match."""
    where = {b.id: (b.y, b.x) for b in diagram.blocks}
    for block in diagram.blocks:
        entry = spec(block.kind)
        yield block.id, (block.y, block.x), [("label", block.label), ("kind", f"{block.kind} {entry.name}")]
    for connector in diagram.connectors:
        ys, xs = zip(where[connector.source], where[connector.target], strict=True)
        yield connector.id, (sum(ys) / 2, sum(xs) / 2), [("label", connector.label), ("flow", connector.flow)]
    for note in diagram.notes:
        yield note.id, (note.y, note.x), [("text", note.text)]
    for group in diagram.groups:
        yield group.id, (group.y, group.x), [("label", group.label)]


def find_matches(diagram: Diagram, findings: Iterable[Any], query: str) -> list[Match]:
    """The elements matching ``query`` (none for a blank query), in reading order."""
    wanted = _norm(query)
    if not wanted:
        return []
    about = _about(findings)
    found: list[tuple[tuple[float, float], Match]] = []
    for element_id, place, texts in _candidates(diagram):
        why = next((what for what, text in texts if wanted in _norm(text)), None)
        if why is None and any(wanted in text for text in about.get(element_id, ())):
            why = "finding"
        if why is not None:
            found.append((place, Match(element_id, why)))
    found.sort(key=lambda pair: pair[0])
    return [match for _, match in found]
