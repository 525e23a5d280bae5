"""The canvas's layers: which blocks (and their connectors) are shown, dimmed or hidden right now.

View state only (components/layers.py says what a layer holds): nothing here is a command or reaches
the document. The scene owns one CanvasLayers and is its ``LayerHost`` (the document and the items, by
id); it follows the document's events so a new, retyped or reconnected element takes its layers' look
at once, and tells listeners when the view changes (``changed``) and when any look did (``looksChanged``:
the zoomed-out drawing and the minimap draw again).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QGraphicsItem

from components.catalog import stage
from components.document import Document
from components.events import ChangeEvent
from components.layers import DIM_OPACITY, LAYERS, Layer, LayerView, Resolved, Visibility, block_layers

SHORT_NAMES = {"offline": "Offline", "online": "Online", "monitoring": "Monitoring", "custom": "Custom"}


def short_name(layer: Layer) -> str:
    """What a layer's legend button and messages say: "6 Serving" rather than the stage's full name."""
    if layer.stage is not None:
        return f"{layer.stage} {stage(layer.stage).key.capitalize()}"
    return SHORT_NAMES[layer.id]


class LayerHost(Protocol):
    """What the layers need of the scene."""

    @property
    def doc(self) -> Document: ...

    def item_for(self, item_id: str) -> QGraphicsItem | None: ...

_LOOK_FIELDS = frozenset({"kind", "props", "source", "target"})  # what can move an element between layers


class CanvasLayers(QObject):
    """Applies a LayerView to the scene's items: hidden ones invisible (so not selectable either),
    dimmed ones faint."""

    changed = Signal()  # the view changed (not the document)
    looksChanged = Signal()  # some element was shown, dimmed or hidden anew

    def __init__(self, host: LayerHost, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._host = host
        self.view = LayerView()
        self.hidden: set[str] = set()  # ids of hidden blocks and connectors (read, never changed, by others)
        self.dimmed: set[str] = set()
        host.doc.events.subscribe(self._on_change)

    def state(self, layer_id: str) -> Visibility:
        return self.view.state(layer_id)

    def set_state(self, layer_id: str, state: Visibility) -> None:
        self.set_view(self.view.with_state(layer_id, state))

    def set_view(self, view: LayerView) -> None:
        if view == self.view:
            return
        self.view = view
        self.apply()
        self.changed.emit()

    def show_layers_of(self, ids: Iterable[str]) -> list[Layer]:
        """Show again every hidden layer holding one of these elements (a connector: the blocks at its
        ends), so they can be selected and seen; the layers shown, in the legend's order."""
        doc = self._host.doc
        blocks: set[str] = set()
        for item_id in ids:
            if item_id not in self.hidden:
                continue
            found = doc.find(item_id)
            if found is not None and found[0] == "blocks":
                blocks.add(item_id)
            elif found is not None and found[0] == "connectors":
                blocks.update(end for end in (found[1].source, found[1].target) if end in self.hidden)
        wanted = {layer_id for block_id in blocks for layer_id in block_layers(doc.block(block_id))
                  if self.view.state(layer_id) == "hidden"}
        if not wanted:
            return []
        view = self.view
        for layer_id in wanted:
            view = view.with_state(layer_id, "shown")
        self.set_view(view)
        return [layer for layer in LAYERS if layer.id in wanted]

    def resolved(self) -> Resolved:
        return Resolved(frozenset(self.hidden), frozenset(self.dimmed))

    def apply(self) -> None:
        """Work the view out afresh over the whole design and give every item its look."""
        before = self.hidden | self.dimmed
        resolved = self.view.resolve(self._host.doc.diagram)
        self.hidden, self.dimmed = set(resolved.hidden), set(resolved.dimmed)
        for item_id in before | self.hidden | self.dimmed:
            self._look(item_id)
        self.looksChanged.emit()

    def _set(self, item_id: str, state: Visibility) -> None:
        was = (item_id in self.hidden, item_id in self.dimmed)
        self.hidden.discard(item_id)
        self.dimmed.discard(item_id)
        if state == "hidden":
            self.hidden.add(item_id)
        elif state == "dimmed":
            self.dimmed.add(item_id)
        if was != (item_id in self.hidden, item_id in self.dimmed):
            self._look(item_id)

    def _look(self, item_id: str) -> None:
        item = self._host.item_for(item_id)
        if item is not None:
            item.setVisible(item_id not in self.hidden)
            item.setOpacity(DIM_OPACITY if item_id in self.dimmed else 1.0)

    def _connector_state(self, connector_id: str) -> Visibility:
        connector = self._host.doc.connector(connector_id)
        ends = (connector.source, connector.target)
        if any(end in self.hidden for end in ends):
            return "hidden"
        return "dimmed" if any(end in self.dimmed for end in ends) else "shown"

    def _on_change(self, event: ChangeEvent) -> None:
        """Follow one change (only what it touches: a paste of a thousand blocks is a thousand steps
        of a few look-ups each, not a thousand passes over the design)."""
        if not shiboken6.isValid(self):
            self._host.doc.events.unsubscribe(self._on_change)
            return
        if self.view.is_plain or event.action == "meta":
            return
        if event.action == "reset":
            self.apply()
        elif event.action == "removed":
            self.hidden.discard(event.item_id)
            self.dimmed.discard(event.item_id)
        elif event.collection == "blocks" and (event.action == "added" or _LOOK_FIELDS.intersection(event.fields)):
            self._set(event.item_id, self.view.block_visibility(self._host.doc.block(event.item_id)))
            for connector_id in self._host.doc.connector_ids_of([event.item_id]):
                self._set(connector_id, self._connector_state(connector_id))
            self.looksChanged.emit()
        elif event.collection == "connectors" and (event.action == "added" or _LOOK_FIELDS.intersection(event.fields)):
            self._set(event.item_id, self._connector_state(event.item_id))
            self.looksChanged.emit()

    def detach(self) -> None:
        self._host.doc.events.unsubscribe(self._on_change)
