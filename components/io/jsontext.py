"""JSON text to Python data, refusing what ``json.loads`` lets through silently: a key repeated in
one object (``json`` keeps the last value, while a first-wins reader of the same file, or of our
JSON Schema, sees the other one, so two tools would disagree about one file)."""

from __future__ import annotations

import json
from typing import Any

from components.io import limits
from components.io.errors import DocumentError, describe_location, quote_key


def _reject_constant(name: str) -> Any:
    raise ValueError(f"not valid JSON: {name} is not a number JSON allows")


def loads(text: str, source: str) -> Any:
    """Parse JSON text; raises DocumentError naming ``source`` for a repeated key, ValueError
    (including json.JSONDecodeError) and RecursionError as ``json.loads`` does."""
    repeats: list[tuple[dict[str, Any], str]] = []

    def build(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):  # rare: only then look for which key came twice
            repeats.append((obj, _first_repeat(pairs)))
        return obj

    data = json.loads(text, object_pairs_hook=build, parse_constant=_reject_constant, parse_int=limits.parse_int)
    if repeats:
        raise _repeated(data, repeats, source)
    return data


def _first_repeat(pairs: list[tuple[str, Any]]) -> str:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            return key
        seen.add(key)
    raise ValueError("no repeated key")


def _repeated(data: Any, repeats: list[tuple[dict[str, Any], str]], source: str) -> DocumentError:
    """Name the first repeated key whose object is still in the data (one inside a value that a
    repeated key dropped is not) and that object's JSON path, e.g. ``blocks[2] (id 'ranker').props``."""
    wanted = {id(obj): key for obj, key in reversed(repeats)}
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    found: dict[int, tuple[Any, ...]] = {}
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            if id(node) in wanted:
                found[id(node)] = path
            stack.extend((value, (*path, key)) for key, value in node.items())
        elif isinstance(node, list):
            stack.extend((value, (*path, index)) for index, value in enumerate(node))
    for obj, key in repeats:
        if id(obj) in found:
            where = describe_location(found[id(obj)], data)
            return DocumentError(f"{source}: {where + ': ' if where else ''}duplicate key {quote_key(key)} "
                                 "(a key may appear only once in an object)")
    return DocumentError(f"{source}: duplicate key {quote_key(repeats[-1][1])} (a key may appear only once in an object)")
