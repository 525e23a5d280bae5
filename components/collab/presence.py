"""Who else is in the session, read from the awareness states peers send: name, colour, selection
and pointer. Those states are anybody's JSON, so each is checked and clipped before a view draws it."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

PALETTE = ("#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#008080", "#f032e6", "#9a6324")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
NAME_MAX = 40
SELECTION_MAX = 500
REACH = 1e7  # the model's coordinate bound


@dataclass(frozen=True)
class Peer:
    """One other participant as the canvas shows them."""

    client_id: int
    name: str
    colour: str
    selection: tuple[str, ...] = ()
    pointer: tuple[float, float] | None = None


def colour_for(client_id: int) -> str:
    return PALETTE[client_id % len(PALETTE)]


def local_state(name: str, colour: str, selection: list[str] | None = None,
                pointer: tuple[float, float] | None = None) -> dict[str, Any]:
    """The awareness state this client publishes."""
    return {"user": {"name": name, "color": colour}, "selection": list(selection or []),
            "pointer": list(pointer) if pointer is not None else None}


def read_peer(client_id: int, state: Any) -> Peer | None:
    """A peer from its awareness state; None when the state says nothing usable."""
    if not isinstance(state, dict):
        return None
    user = state.get("user")
    if not isinstance(user, dict):
        return None
    name = user.get("name")
    name = "".join(ch for ch in name if ch.isprintable())[:NAME_MAX] if isinstance(name, str) else ""
    colour = user.get("color")
    colour = colour if isinstance(colour, str) and _COLOUR.match(colour) else colour_for(client_id)
    selection = state.get("selection")
    ids = tuple(s for s in selection[:SELECTION_MAX] if isinstance(s, str)) if isinstance(selection, list) else ()
    return Peer(client_id, name or f"Guest {client_id % 1000}", colour, ids, _point(state.get("pointer")))


def _point(value: Any) -> tuple[float, float] | None:
    if not isinstance(value, list) or len(value) != 2:
        return None
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value):
        return None
    x, y = float(value[0]), float(value[1])
    if not (math.isfinite(x) and math.isfinite(y) and abs(x) <= REACH and abs(y) <= REACH):
        return None
    return x, y
