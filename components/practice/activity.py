"""Where the candidate's time went: each edit belongs to a phase, and so does the time before it.

The phase of an edit is the step of what it touches: the requirements card is requirements and
framing, a block is its kind's step, a connector the step of the block it leads to, a trade-off
note the wrap-up. Moving things around, notes and groups say nothing about the phase (the time
goes on with the phase worked on before). The time between two edits is counted for the later one:
the thinking comes before the drawing; but of a long gap only its last ``LEAD_IN`` seconds are,
and the rest (as the time left after the last edit beyond as much) is time without edits: a
session where the candidate talked for ten minutes, or left the room, says nothing about which
phase that time went to.
"""

from __future__ import annotations

from dataclasses import dataclass

from components.catalog import spec
from components.document import Document
from components.events import ChangeEvent
from components.practice.phases import phase_of_step

_LAYOUT_FIELDS = frozenset({"x", "y", "width", "height"})
LEAD_IN = 120.0  # seconds of a gap between edits counted for the edit after it
NO_EDIT = ""  # the phase key of time without edits
REQUIREMENTS = "requirements"
WRAP_UP = "wrap_up"


def phase_of_edit(event: ChangeEvent, doc: Document) -> str | None:
    """The key of the phase an edit is work on, or None when it says nothing about the phase."""
    if event.action == "meta":
        return REQUIREMENTS if {"requirements", "estimates"} & set(event.fields) else None
    if event.action not in ("added", "changed") or event.collection not in ("blocks", "connectors"):
        return None
    if event.action == "changed" and set(event.fields) <= _LAYOUT_FIELDS:
        return None
    if event.collection == "blocks" and "tradeoffs" in event.fields:
        return WRAP_UP
    found = doc.find(event.item_id)
    if found is None:
        return None
    if event.collection == "connectors":
        ends = [doc.find(found[1].target), doc.find(found[1].source)]
        steps = [spec(end[1].kind).stage for end in ends if end is not None and end[0] == "blocks"]
        step = next((number for number in steps if number is not None), None)
    else:
        step = spec(found[1].kind).stage
    return phase_of_step(step).key if step is not None else None


@dataclass
class Segment:
    phase: str
    start: float
    end: float


class ActivityLog:
    """The session's time as segments of phases, from the edits' phases and times (seconds of session)."""

    def __init__(self, segments: list[Segment] | None = None) -> None:
        self.segments: list[Segment] = segments or []

    def record(self, phase: str, at: float) -> None:
        """Work on ``phase`` at ``at``: the time since the previous edit (its last LEAD_IN seconds) was
        spent on it."""
        last = self.segments[-1] if self.segments else None
        since = last.end if last is not None else 0.0
        at = max(at, since)  # a restored session's clock never runs backwards into recorded time
        if at - since > LEAD_IN:
            self._add(NO_EDIT, since, at - LEAD_IN)
            since = at - LEAD_IN
        self._add(phase, since, at)

    def _add(self, phase: str, start: float, end: float) -> None:
        last = self.segments[-1] if self.segments else None
        if last is not None and last.phase == phase:
            last.end = end
        else:
            self.segments.append(Segment(phase, start, end))

    def spent(self, until: float) -> dict[str, float]:
        """Seconds per phase (NO_EDIT: without edits) up to ``until``; after the last edit, LEAD_IN
        more seconds go to its phase."""
        totals: dict[str, float] = {}
        for segment in self.segments:
            totals[segment.phase] = totals.get(segment.phase, 0.0) + max(0.0, min(segment.end, until) - segment.start)
        last_end = self.segments[-1].end if self.segments else 0.0
        if until > last_end:
            tail = min(until - last_end, LEAD_IN) if self.segments else 0.0
            if tail:
                totals[self.segments[-1].phase] = totals.get(self.segments[-1].phase, 0.0) + tail
            if until - last_end > tail:
                totals[NO_EDIT] = totals.get(NO_EDIT, 0.0) + until - last_end - tail
        return {phase: seconds for phase, seconds in totals.items() if seconds > 0}

    def to_list(self) -> list[list[object]]:
        return [[segment.phase, segment.start, segment.end] for segment in self.segments]

    @classmethod
    def from_list(cls, rows: list[list[object]]) -> ActivityLog:
        segments: list[Segment] = []
        for phase, start, end in rows:
            if not isinstance(phase, str) or not isinstance(start, int | float) or not isinstance(end, int | float):
                raise ValueError("an activity segment is [phase, start, end]")
            segments.append(Segment(phase, float(start), float(end)))
        return cls(segments)
