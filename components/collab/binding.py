"""The two-way binding between the core Document and the shared (Yjs) design.

Local edits: the binding listens to the Document's change events and, when the edit's outermost
``Document.batch`` closes (one command's do or undo), writes what changed as ONE Yjs transaction with
this client's origin. It writes the model's current values of what the edit touched, not the events
themselves, so a refused command that changed and restored things writes nothing.

Remote edits (and undo/redo, see below): the pycrdt update is applied to the shared document, then the
model is brought to the projection of the shared state (projection.py: the one valid design every
client shows) through the Document's ordinary methods (reconcile.py), so the canvas, validator,
findings and checklist follow the usual events. None of that goes near the local undo stack.

The model is kept equal to the projection of the shared state after every local and remote change,
so all clients that have seen the same updates show the same design.

Undo undoes only this client's edits, with pycrdt's UndoManager tracking this client's origin: the
Yjs undo is defined against concurrent edits (undoing my move of a block someone else deleted does
nothing; undoing my new block leaves the connector someone drew to it hidden, and redo brings both
back), which replaying our commands' inverse on a document others have changed since is not (their
undo assumes the state they left). history.py maps each undo step of the editor to the Yjs steps its
command made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from pycrdt import Doc, UndoManager

from components.collab.projection import Projection, Projector
from components.collab.reconcile import reconcile, update_element
from components.collab.shared import SharedDesign
from components.document import META_FIELDS, Document, EditError
from components.events import ChangeEvent
from components.model import COLLECTIONS, Collection

_SEED = "mlsd-seed"  # the origin of the first upload of a shared design: not an edit anyone undoes


class CollabError(Exception):
    """The shared design cannot be shown (a message for the user); the local copy is unchanged."""


def client_tag(client_id: int) -> str:
    """A short base-36 tag of the Yjs client id, put into new element ids (Document.id_tag)."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    value, text = client_id, ""
    while value and len(text) < 4:
        value, rest = divmod(value, 36)
        text = digits[rest] + text
    return text or "0"


class LiveBinding:
    """Keeps one Document and one SharedDesign equal; see the module docstring for the rules."""

    def __init__(self, doc: Document, ydoc: Doc[Any] | None = None) -> None:
        self.doc = doc
        self.shared = SharedDesign(ydoc)
        self.origin = f"mlsd-local-{self.shared.ydoc.client_id}"
        self.projector = Projector(self.shared)
        self.undo_manager = UndoManager(scopes=self.shared.roots, capture_timeout_millis=0)
        self.undo_manager.include_origin(self.origin)
        self.hidden: dict[str, str] = {}
        self.local_transactions = 0  # every local edit written (the status counts unsent ones from it)
        self._pending: dict[tuple[Collection, str], bool] = {}  # -> whether it was added in this edit
        self._pending_meta: set[str] = set()
        self._pending_reset = False
        self._touched: set[str] = set()
        self._structural = False  # elements came or went, the order or a setting changed
        self._irregular = False  # the last projection read around odd data (see Projection.irregular)
        self._applying = False
        self._changed = False  # set by the observers: the shared document changed
        self._subscriptions = [root.observe_deep(self._observer(name)) for name, root in self._named_roots()]
        doc.events.subscribe(self._on_event)
        doc.batch_listeners.append(self.flush)
        doc.id_tag = client_tag(self.shared.ydoc.client_id)

    # ----- starting and stopping -----------------------------------------------------------------
    def publish(self) -> None:
        """Upload the local design into an empty shared document (sharing it)."""
        with self._quiet(), self.shared.ydoc.transaction(origin=_SEED):
            self._write_everything()
        self._touched.clear()
        self._structural = False
        self._reconcile(set())  # a design the rules read otherwise (two identical connectors) shows as everyone sees it

    def close(self) -> None:
        """Stop following each other; the Document keeps what it shows (the local copy)."""
        self.doc.events.unsubscribe(self._on_event)
        if self.flush in self.doc.batch_listeners:
            self.doc.batch_listeners.remove(self.flush)
        for (_, root), subscription in zip(self._named_roots(), self._subscriptions, strict=True):
            root.unobserve(subscription)
        self._subscriptions = []
        self.doc.id_tag = ""

    # ----- remote changes ------------------------------------------------------------------------
    def apply_update(self, update: bytes) -> None:
        """Apply a pycrdt update from another client, then follow it in the model."""
        self.shared.ydoc.apply_update(update)
        self.follow()

    def follow(self) -> None:
        """Bring the model to the projection of the shared state after a non-local change."""
        if not self._touched and not self._structural:
            return
        candidates, structural = set(self._touched), self._structural
        self._touched.clear()
        self._structural = False
        if structural or self.hidden or self._irregular or not self._follow_fields(candidates):
            self._reconcile(candidates)

    def state(self) -> Projection:
        return self.projector.project()

    # ----- undo (only this client's edits) -------------------------------------------------------
    @property
    def undo_depth(self) -> int:
        return len(self.undo_manager.undo_stack)

    def undo(self) -> bool:
        self.flush()
        done = self.undo_manager.undo()
        self.follow()
        return done

    def redo(self) -> bool:
        self.flush()
        done = self.undo_manager.redo()
        self.follow()
        return done

    # ----- local changes -------------------------------------------------------------------------
    def _on_event(self, event: ChangeEvent) -> None:
        if self._applying:
            return
        if event.action == "reset":
            self._pending_reset = True
        elif event.action == "meta":
            self._pending_meta.update(event.fields)
        elif event.collection is not None:
            key = (event.collection, event.item_id)
            self._pending[key] = self._pending.get(key, False) or event.action == "added"
        if not self.doc.batch_depth:
            self.flush()

    def flush(self) -> None:
        """Write the pending local edit as one transaction with this client's origin."""
        if not (self._pending or self._pending_meta or self._pending_reset):
            return
        pending, meta, reset = self._pending, self._pending_meta, self._pending_reset
        self._pending, self._pending_meta, self._pending_reset = {}, set(), False
        self._changed = False
        with self.shared.ydoc.transaction(origin=self.origin):
            if reset:
                self._write_everything()
            else:
                self._write(pending, meta)
        if self._changed:  # a refused edit that changed and restored things wrote nothing
            self.local_transactions += 1
        candidates = set(self._touched)
        self._touched.clear()
        self._structural = False
        # When the shared state read exactly as the model (nothing hidden or odd), it still does: the
        # edit wrote just what it changed. Otherwise the edit may revive a hidden element (say a
        # connector to a block id used again), shown here as it is everywhere else.
        if self.hidden or self._irregular:
            self._reconcile(candidates)

    def _write(self, pending: dict[tuple[Collection, str], bool], meta: set[str]) -> None:
        for (collection, item_id), added in pending.items():
            found = self.doc.find(item_id)
            if found is None or found[0] != collection:
                self.shared.delete_element(collection, item_id)
                continue
            item = found[1]
            if added or not self.shared.update_element(collection, item):
                self.shared.put_element(collection, item)
                self.shared.place(collection, item_id, self._previous(collection, item))
        for name in sorted(meta & set(META_FIELDS)):
            self.shared.set_meta(name, _json(getattr(self.doc.diagram, name)))

    def _write_everything(self) -> None:
        """Make the shared document hold exactly the model (publishing, or after File > Open)."""
        for collection in COLLECTIONS:
            self.shared.maps[collection].clear()
            order = self.shared.orders[collection]
            if len(order):
                del order[0:len(order)]
            items = getattr(self.doc.diagram, collection)
            for item in items:
                self.shared.put_element(collection, item)
            order.extend([item.id for item in items])
        for name in META_FIELDS:
            self.shared.set_meta(name, _json(getattr(self.doc.diagram, name)))

    def _previous(self, collection: Collection, item: Any) -> str | None:
        items = getattr(self.doc.diagram, collection)
        index = next(i for i, candidate in enumerate(items) if candidate is item)
        return items[index - 1].id if index else None

    # ----- shared -> model -----------------------------------------------------------------------
    def _follow_fields(self, candidates: set[str]) -> bool:
        """The common remote edit: fields of shown blocks and notes changed (a move, a rename). Apply
        just those, in O(changed); False when the change needs the whole projection (connectors and
        groups take part in the conflict rules; an element that no longer validates is hidden)."""
        found = [(item_id, self.doc.find(item_id)) for item_id in candidates]
        if any(f is None or f[0] not in ("blocks", "notes") for _, f in found):
            return False
        goals = [(f, self.projector.element(f[0], item_id)) for item_id, f in found if f is not None]
        if any(isinstance(goal, str) for _, goal in goals):
            return False
        with self._quiet():
            for (collection, item), goal in goals:
                update_element(self.doc, collection, item, goal)
        return True

    def _reconcile(self, candidates: set[str]) -> None:
        projection = self.projector.project()
        self.hidden = projection.hidden
        self._irregular = projection.irregular
        with self._quiet():
            if not any(getattr(self.doc.diagram, c) for c in COLLECTIONS) and any(
                    getattr(projection.diagram, c) for c in COLLECTIONS):
                # Joining: the room's design arrives whole; one rebuild instead of an event per element.
                self.doc.replace(projection.diagram.model_copy(deep=True))
                return
            try:
                reconcile(self.doc, projection.diagram, candidates)
            except (EditError, KeyError) as exc:
                # Not expected (the target is valid and reached step by step); showing the target
                # whole keeps every client equal all the same.
                self.doc.replace(projection.diagram.model_copy(deep=True))
                self.hidden[""] = f"rebuilt after {type(exc).__name__}: {exc}"

    def _observer(self, name: str) -> Callable[[list[Any]], None]:
        collection = next((c for c in COLLECTIONS if c == name), None)
        order_collection = next((c for c in COLLECTIONS if f"{c}_order" == name), None)

        def changed(events: list[Any]) -> None:
            self._changed = True
            if name == "meta":
                self._structural = True
                return
            if order_collection is not None:
                self.projector.forget_order(order_collection)
            if collection is None:  # an order array
                self._structural = True
                return
            for event in events:
                path = list(event.path)
                if not path:  # elements came or went
                    self.projector.forget_order(collection)
                    self._structural = True
                ids = [str(path[0])] if path else [str(key) for key in event.keys]
                for item_id in ids:
                    self.projector.forget(collection, item_id)
                    self._touched.add(item_id)

        return changed

    def _named_roots(self) -> Iterator[tuple[str, Any]]:
        yield from self.shared.maps.items()
        for collection, order in self.shared.orders.items():
            yield f"{collection}_order", order
        yield "meta", self.shared.meta

    @contextmanager
    def _quiet(self) -> Iterator[None]:
        """Changes made here come from the shared side: not written back."""
        self._applying = True
        try:
            yield
        finally:
            self._applying = False


def _json(value: Any) -> Any:
    return value.model_dump(mode="json") if hasattr(value, "model_dump") else value
