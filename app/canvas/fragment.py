"""Clipboard fragments: a JSON snippet of blocks, the connectors among them, notes and groups.

A fragment reads like a small .mlsd.json (``blocks``, ``connectors``, ``notes``, ``groups``) plus a
``mlsd_fragment`` version key; pasting re-validates every element and gives it a fresh id.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from app.canvas.moves import with_members
from components.document import Document
from components.model import Block, Collection, Connector, Group, Note

MIME_FRAGMENT = "application/x-mlsd-fragment"
Elements = list[tuple[Collection, Any]]  # (collection, element) pairs, as AddItems takes them
FRAGMENT_VERSION = 1
_MODELS: dict[str, Any] = {"blocks": Block, "connectors": Connector, "notes": Note, "groups": Group}


class FragmentError(ValueError):
    """Clipboard content that is not a usable fragment; the message is for the status bar."""


def fragment_of(doc: Document, ids: Iterable[str]) -> dict[str, Any]:
    """The selected blocks (with the members of selected groups), the connectors among them, the
    selected notes and groups (members limited to copied blocks)."""
    chosen = set(with_members(doc, ids))
    blocks = [b for b in doc.diagram.blocks if b.id in chosen]
    block_ids = {b.id for b in blocks}
    connectors = [c for c in doc.connectors_of(block_ids) if c.source in block_ids and c.target in block_ids]
    notes = [n for n in doc.diagram.notes if n.id in chosen]
    groups = []
    for group in doc.diagram.groups:
        if group.id in chosen:
            data = group.model_dump(mode="json")
            data["members"] = [m for m in group.members if m in block_ids]
            groups.append(data)
    return {
        "mlsd_fragment": FRAGMENT_VERSION,
        "blocks": [b.model_dump(mode="json") for b in blocks],
        "connectors": [c.model_dump(mode="json") for c in connectors],
        "notes": [n.model_dump(mode="json") for n in notes],
        "groups": groups,
    }


def is_empty(fragment: dict[str, Any]) -> bool:
    return not any(fragment.get(name) for name in _MODELS)


def dumps(fragment: dict[str, Any]) -> str:
    return json.dumps(fragment, ensure_ascii=False, indent=1)


def loads(text: str) -> dict[str, Any]:
    """Parse clipboard text into a fragment dict (FragmentError when it is not one)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise FragmentError("the clipboard does not hold diagram elements") from None
    if not isinstance(data, dict) or ("mlsd_fragment" not in data and "blocks" not in data):
        raise FragmentError("the clipboard does not hold diagram elements")
    for name in _MODELS:
        if not isinstance(data.get(name, []), list):
            raise FragmentError(f"clipboard fragment: {name} is not a list")
    return data


def element_rect(collection: str, element: Any) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a positioned element (blocks use the catalog size when unset)."""
    from components import style

    if collection == "blocks":
        width, height = style.block_size(element.kind, element.width, element.height)
    else:
        width, height = element.width, element.height
    return (element.x, element.y, element.x + width, element.y + height)


def bounds(elements: Elements) -> tuple[float, float, float, float] | None:
    """(left, top, right, bottom) around the positioned elements (connectors have no position)."""
    rects = [element_rect(c, e) for c, e in elements if c != "connectors"]
    if not rects:
        return None
    return (min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects))


def shifted(elements: Elements, dx: float, dy: float) -> Elements:
    """Copies of the elements moved by (dx, dy), validated (coordinates have limits)."""
    if dx == 0 and dy == 0:
        return list(elements)
    result = []
    for collection, element in elements:
        if collection != "connectors":
            data = {**element.model_dump(), "x": element.x + dx, "y": element.y + dy}
            try:
                element = type(element).model_validate(data, strict=True)
            except ValidationError:
                raise FragmentError("pasting there would put elements outside the canvas") from None
        result.append((collection, element))
    return result


class IdMaker:
    """Fresh ids for a paste: unused by the document and by each other, in O(1) each (one counter
    per prefix, so pasting 5,000 blocks does not rescan the same numbers 5,000 times)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._next: dict[str, int] = {}
        self._stems: dict[str, str] = {}

    def __call__(self, prefix: str) -> str:
        if prefix not in self._next:
            stem, digits = self.doc.new_id(prefix).rsplit("_", 1)
            self._next[prefix] = int(digits)
            self._stems[prefix] = stem
        stem = self._stems[prefix]
        number = self._next[prefix]
        while self.doc.has_id(f"{stem}_{number}"):
            number += 1
        self._next[prefix] = number + 1
        return f"{stem}_{number}"


def instantiate(doc: Document, fragment: dict[str, Any]) -> Elements:
    """Validated copies of a fragment's elements with new ids (connectors and group members follow
    the renamed blocks; connectors to blocks outside the fragment are dropped)."""
    fresh = IdMaker(doc)
    renamed: dict[str, str] = {}
    result: Elements = []
    try:
        for entry in fragment.get("blocks", []):
            data = dict(entry)
            new = fresh(str(data.get("kind", "block")))
            renamed[str(data.get("id"))] = new
            data["id"] = new
            result.append(("blocks", Block.model_validate(data, strict=True)))
        for entry in fragment.get("connectors", []):
            data = dict(entry)
            if data.get("source") not in renamed or data.get("target") not in renamed:
                continue
            data.update(id=fresh("c"), source=renamed[data["source"]], target=renamed[data["target"]])
            result.append(("connectors", Connector.model_validate(data, strict=True)))
        for entry in fragment.get("notes", []):
            data = dict(entry)
            data["id"] = fresh("note")
            result.append(("notes", Note.model_validate(data, strict=True)))
        for entry in fragment.get("groups", []):
            data = dict(entry)
            members = [renamed[m] for m in data.get("members", []) if m in renamed]
            data.update(id=fresh("group"), members=members)
            result.append(("groups", Group.model_validate(data, strict=True)))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ()))
        raise FragmentError(f"clipboard fragment: {where}: {first.get('msg', 'invalid')}") from None
    except (TypeError, AttributeError, KeyError, ValueError, IndexError):
        raise FragmentError("clipboard fragment: malformed element") from None
    return result

