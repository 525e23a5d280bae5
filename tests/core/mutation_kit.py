"""What the mutations (tests/core/mutations.py) are made of: the Mutation record, and small helpers that
read and change a design as its JSON dict (the file format, never through the validator)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from components.catalog import SERVING_KINDS
from components.model.props import ONLINE_STORE_TYPES

Design = dict[str, Any]
ONLINE_STORES = ("feature_store", "data_store", "cache", "prediction_store")


@dataclass(frozen=True)
class Mutation:
    name: str
    step: int
    rules: tuple[str, ...]  # the rules whose job it is to catch it
    apply: Callable[[Design], Design | None]


# --- reading a design ------------------------------------------------------------------------------------------

def blocks(d: Design, *kinds: str) -> list[dict]:
    return [b for b in d["blocks"] if not kinds or b["kind"] in kinds]


def block(d: Design, block_id: str) -> dict:
    return next(b for b in d["blocks"] if b["id"] == block_id)


def serving(d: Design, mode: str | None = "online") -> list[dict]:
    return [b for b in d["blocks"] if b["kind"] in SERVING_KINDS and b["props"].get("uses_model", True)
            and (mode is None or b["props"].get("mode", "online") == mode)]


def edges(d: Design, flow: str | None = None, source: str | None = None, target: str | None = None) -> list[dict]:
    return [c for c in d["connectors"] if (flow is None or c["flow"] == flow)
            and (source is None or c["source"] == source) and (target is None or c["target"] == target)]


def online_store(b: dict) -> bool:
    if b["kind"] == "feature_store":
        return b["props"].get("tier") == "online"
    if b["kind"] == "data_store":
        return b["props"].get("store_type", "warehouse") in ONLINE_STORE_TYPES
    return b["kind"] in ("cache", "prediction_store")


def on_request_path(d: Design) -> set[str]:
    return {end for c in edges(d, "request") for end in (c["source"], c["target"])}


def request_stages(d: Design) -> list[dict]:
    """Non-client blocks that send a request on (the middle of a request chain), in diagram order."""
    senders = {c["source"] for c in edges(d, "request")}
    return [b for b in d["blocks"] if b["id"] in senders and b["kind"] != "client"]


def first_stage(d: Design) -> dict | None:
    """The first block a client calls (the gateway or the first serving stage)."""
    for c in edges(d, "request"):
        if block(d, c["source"])["kind"] == "client":
            return block(d, c["target"])
    return None


# --- changing a design -----------------------------------------------------------------------------------------

def fresh_id(d: Design, stem: str) -> str:
    taken = {item["id"] for key in ("blocks", "connectors", "notes", "groups") for item in d[key]}
    number = 1
    while f"{stem}{number}" in taken:
        number += 1
    return f"{stem}{number}"


def add_block(d: Design, kind: str, label: str, **props: Any) -> str:
    block_id = fresh_id(d, "mut_")
    x = max((b["x"] for b in d["blocks"]), default=0) + 240
    d["blocks"].append({"id": block_id, "kind": kind, "label": label, "x": x, "y": 0, "props": props,
                        "notes": "", "tradeoffs": ""})
    return block_id


def connect(d: Design, source: str, target: str, flow: str) -> None:
    d["connectors"].append({"id": fresh_id(d, "mutc_"), "source": source, "target": target, "flow": flow,
                            "label": ""})


def drop(d: Design, connectors: list[dict]) -> None:
    gone = {id(c) for c in connectors}
    d["connectors"] = [c for c in d["connectors"] if id(c) not in gone]


def remove_block(d: Design, block_id: str) -> None:
    d["blocks"] = [b for b in d["blocks"] if b["id"] != block_id]
    d["connectors"] = [c for c in d["connectors"] if block_id not in (c["source"], c["target"])]
    for group in d["groups"]:
        group["members"] = [m for m in group["members"] if m != block_id]


def bypass(d: Design, block_id: str, flow: str) -> None:
    """Remove a block, connecting each of its ``flow`` predecessors to each of its ``flow`` successors."""
    before = [c["source"] for c in edges(d, flow, target=block_id)]
    after = [c["target"] for c in edges(d, flow, source=block_id)]
    remove_block(d, block_id)
    for source in before:
        for target in after:
            if not edges(d, flow, source, target):
                connect(d, source, target, flow)


def mutation(name: str, step: int, *rules: str) -> Callable[[Callable[[Design], bool | None]], Mutation]:
    """Turn ``change(design) -> False when it does not apply`` into a Mutation working on a copy."""

    def wrap(change: Callable[[Design], bool | None]) -> Mutation:
        def apply(design: Design) -> Design | None:
            mutant = copy.deepcopy(design)
            return None if change(mutant) is False else mutant

        return Mutation(name, step, rules, apply)

    return wrap


def has_model(d: Design) -> bool:
    return bool(serving(d, None) or blocks(d, "training_pipeline"))
