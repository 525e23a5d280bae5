"""A tiny observer so views (Qt or not) can follow the model without the core knowing about Qt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from components.model.types import Collection

Action = Literal["added", "removed", "changed", "meta", "reset"]


@dataclass(frozen=True)
class ChangeEvent:
    """One change of the document.

    ``collection`` and ``item_id`` say which element changed (empty for ``meta``/``reset``);
    ``fields`` names the attributes that changed (``props.<name>`` for a block property, or a
    top-level key such as ``requirements`` for ``meta``).
    """

    action: Action
    collection: Collection | None = None
    item_id: str = ""
    fields: tuple[str, ...] = ()
    index: int = -1


Listener = Callable[[ChangeEvent], Any]


@dataclass
class Emitter:
    """Calls each subscribed listener, in subscription order, with every event emitted."""

    _listeners: list[Listener] = field(default_factory=list)

    def subscribe(self, listener: Listener) -> None:
        if listener not in self._listeners:
            self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def emit(self, event: ChangeEvent) -> None:
        for listener in list(self._listeners):
            listener(event)
