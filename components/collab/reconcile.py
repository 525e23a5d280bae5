"""Bring a Document to a target Diagram through its ordinary mutating methods, so every view hears
the usual added/removed/changed/meta events for exactly what differs (and the Document's own checks
run on every step: nothing is written around them)."""

from __future__ import annotations

from typing import Any

from components.document import META_FIELDS, Document
from components.model import COLLECTIONS, Collection, Diagram

_FIXED = ("id", "kind", "props")


def reconcile(doc: Document, target: Diagram, candidates: set[str] | None = None) -> int:
    """Apply the differences between ``doc`` and ``target``; returns how many element or setting
    changes it made. Elements are copied: the target's objects are never shared with the Document.

    ``candidates``: the ids whose fields may differ (those the change touched); None compares every
    element. Elements that appear or disappear, and groups (their members follow the blocks), are
    always found."""
    wanted: dict[Collection, dict[str, Any]] = {c: {i.id: i for i in getattr(target, c)} for c in COLLECTIONS}
    changes = 0
    leaving = {b.id for b in doc.diagram.blocks if _replaced(b, wanted["blocks"].get(b.id))}
    # Removals first, dependents before what they name: connectors, then group memberships, then the rest
    # (a connector on a block that is leaving goes too, and comes back below if the target has it).
    for connector in list(doc.diagram.connectors):
        if _replaced(connector, wanted["connectors"].get(connector.id)) or {connector.source, connector.target} & leaving:
            doc.remove("connectors", connector.id)
            changes += 1
    for group in list(doc.diagram.groups):
        goal = wanted["groups"].get(group.id)
        if _replaced(group, goal):
            doc.remove("groups", group.id)
            changes += 1
        elif goal is not None and leaving & set(group.members):
            doc.update("groups", group.id, {"members": [m for m in group.members if m not in leaving]})
            changes += 1
    for collection in ("notes", "blocks"):
        for item in list(getattr(doc.diagram, collection)):
            if _replaced(item, wanted[collection].get(item.id)):
                doc.remove(collection, item.id)
                changes += 1
    # Then additions and updates, in collection order (blocks before what names them).
    for collection in COLLECTIONS:
        for index, goal in enumerate(getattr(target, collection)):
            found = doc.find(goal.id)
            if found is None:
                doc.insert(collection, goal.model_copy(deep=True), index)
                changes += 1
            elif candidates is None or goal.id in candidates or collection == "groups":
                changes += update_element(doc, collection, found[1], goal)
    for name in META_FIELDS:
        value = getattr(target, name)
        if getattr(doc.diagram, name) != value:
            doc.set_meta(name, value.model_copy(deep=True) if hasattr(value, "model_copy") else value)
            changes += 1
    if any([i.id for i in getattr(doc.diagram, c)] != [i.id for i in getattr(target, c)] for c in COLLECTIONS):
        # Only two clients re-adding one id at once reorder elements already shown; rare enough
        # that every view rebuilding is the simple, certain answer.
        doc.replace(target.model_copy(deep=True))
        changes += 1
    return changes


def _replaced(item: Any, goal: Any) -> bool:
    """The element is gone from the target, or came back as another type of element under its id."""
    return goal is None or type(goal) is not type(item)


def update_element(doc: Document, collection: Collection, item: Any, goal: Any) -> int:
    """Set the fields (and block properties) of ``item`` that differ from ``goal``; how many calls."""
    if item == goal:
        return 0
    changes = 0
    fields = {n: getattr(goal, n) for n in type(goal).model_fields if n not in _FIXED and getattr(item, n) != getattr(goal, n)}
    if fields:
        doc.update(collection, item.id, {n: _copy(v) for n, v in fields.items()})
        changes += 1
    if collection == "blocks" and item.kind != goal.kind:  # a kind change keeps the block's connectors
        doc.set_kind(item.id, goal.kind, goal.props.model_copy(deep=True))
        changes += 1
    elif collection == "blocks" and item.props != goal.props:
        for name in type(goal.props).model_fields:
            value = getattr(goal.props, name)
            if getattr(item.props, name) != value:
                doc.set_prop(item.id, name, _copy(value))
                changes += 1
    return changes


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value
