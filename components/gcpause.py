"""Pause Python's cyclic garbage collector around bulk work that builds many objects and no cycles.

Opening a 5,000-block design makes ~10,000 canvas items, parsing it ~30,000 model objects; each batch
of new container objects triggers a collection, and the oldest-generation passes walk the whole heap
(the document, its undo history, Qt wrappers). Profiles (bench/README.md) put that at a third of the
time or more: parse 5,000 blocks 177 -> 54 ms, canvas rebuild 450 -> 225 ms (medians). Reference
counting still frees everything at once; cycles made meanwhile are collected when it resumes.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def paused_gc() -> Iterator[None]:
    """Collector off for the block, back to its previous state afterwards (nesting is fine)."""
    was_enabled = gc.isenabled()
    if was_enabled:
        gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def without_gc(function: Callable[P, R]) -> Callable[P, R]:
    """Decorator form of ``paused_gc``."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with paused_gc():
            return function(*args, **kwargs)

    return wrapper


_HOLDERS: list[object] = []  # who holds the collector off now (the start-up, a worker's job)
_ENABLED_BEFORE = {"value": False}  # the collector's state when the first of them took hold


def hold_collector(holder: object) -> None:
    """Collector off until ``holder`` and every other holder let go (``release_collector``); then back as
    it was before the first hold. One count for all who pause it beyond one block of code (the start-up,
    a big design's first validation on a worker), so one letting go never switches it on under another."""
    if not _HOLDERS:
        _ENABLED_BEFORE["value"] = gc.isenabled()
        gc.disable()
    _HOLDERS.append(holder)


def release_collector(holder: object) -> None:
    """Let go of ``holder``'s hold (nothing when it holds none)."""
    if holder in _HOLDERS:
        _HOLDERS.remove(holder)
        if not _HOLDERS and _ENABLED_BEFORE["value"]:
            gc.enable()


_START_UP = "start-up"


def pause_start_up() -> None:
    """Collector off from the start of a program until ``end_start_up``. Start-up (pydantic's models, the
    validator's rules, Qt's enums and widgets) builds ~100,000 long-lived objects and no garbage worth a
    pass: the collector's ~120 passes over them took ~35 ms of a ~500 ms `mlsd gui --screenshot`."""
    if _START_UP not in _HOLDERS:
        hold_collector(_START_UP)


def end_start_up() -> None:
    """Collector back on after ``pause_start_up`` (nothing otherwise). Not frozen (gc.freeze): a document
    opened at start-up and replaced later must stay collectable if it is ever part of a cycle."""
    release_collector(_START_UP)
