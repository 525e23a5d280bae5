"""A big design's recovery copy serialised a slice at a time, between turns of the event loop.

The model is not thread-safe and pydantic's serialiser holds the GIL for the whole call, so the copy of a
45,000-block design froze the window for ~0.17 s each time it was written. Here the design's fields come
first, then each collection a few thousand elements per step (``step``), each step a few milliseconds;
the autosaver checks between steps that no edit came (a copy made of two states of the design would be
worthless) and starts again later if one did. The bytes decode to the same design as ``snapshot``'s.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import TypeAdapter

from components.model import COLLECTIONS, Diagram

STEP_ELEMENTS = 4_000  # elements serialised per step: ~5 ms
STEPPED_FROM = 10_000  # elements: smaller designs are copied in one go (~15 ms or less)

_ADAPTERS: dict[str, TypeAdapter[Any]] = {}


def stepped(diagram: Diagram) -> bool:
    """Whether this design's copy is made in steps."""
    return sum(len(getattr(diagram, name)) for name in COLLECTIONS) >= STEPPED_FROM


def _adapter(name: str) -> TypeAdapter[Any]:
    adapter = _ADAPTERS.get(name)
    if adapter is None:
        adapter = _ADAPTERS[name] = TypeAdapter(Diagram.model_fields[name].annotation or list[Any])
    return adapter


class SteppedSnapshot:
    """The compact JSON of one design, made by calling ``step`` until it returns True."""

    def __init__(self, diagram: Diagram, size: int = STEP_ELEMENTS) -> None:
        self._parts: list[bytes] = []
        self._work = self._slices(diagram, size)
        self.done = False
        self.steps = 0

    def step(self) -> bool:
        """Serialise the next slice; True once the whole design is (raises ValueError on a lone
        surrogate in some text, as ``model_dump_json`` does: the caller copies it the slower way)."""
        if not self.done:
            self.steps += 1
            self.done = not next(self._work, False)
        return self.done

    def result(self) -> bytes:
        assert self.done
        return b"".join(self._parts)

    def _slices(self, diagram: Diagram, size: int) -> Iterator[bool]:
        collections: set[str] = set(COLLECTIONS)
        head = diagram.model_dump_json(exclude_none=True, exclude=collections).encode("utf-8")
        parts = self._parts
        parts.append(head[:-1])  # without its closing brace: the collections follow
        separator = b"," if head != b"{}" else b""
        lists = {name: list(getattr(diagram, name)) for name in COLLECTIONS}  # the elements as they are now
        yield True
        for name, elements in lists.items():
            parts.append(separator + b'"' + name.encode() + b'":[')
            separator = b","
            adapter = _adapter(name)
            for start in range(0, len(elements), size):
                chunk = adapter.dump_json(elements[start:start + size], exclude_none=True)
                parts.append((b"," if start else b"") + chunk[1:-1])
                yield True
            parts.append(b"]")
        parts.append(b"}")
