"""The board: the drawing half of the canvas scene, and the ONLY map from model ids to items.

Items are added, removed and updated one by one as the model changes (the whole board is rebuilt
only on a document "reset"; which items exist at all, for a big design only what is shown, is
``shown.ShownItems``'s part). The board also keeps the selection, the findings badges, the theme and
the level of detail, and makes the edits whose result is selected (place, paste, group...). It knows
nothing of input: the scene (scene.py) is a Board that hands mouse and keys to the current tool, and
the tools work on the board.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QPointF, QRectF, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneHelpEvent, QToolTip

from app.canvas.board_edits import SelectingEdits
from app.canvas.focus import KeyboardFocus
from app.canvas.geometry import Grid
from app.canvas.items import ITEM_CLASSES, BlockItem, CanvasItem, ConnectorItem
from app.canvas.layers import CanvasLayers, short_name
from app.canvas.overview import OverviewItem
from app.canvas.routes import CanvasRoutes
from app.canvas.shown import RECT_MARGIN, ShownItems
from app.editor import Editor
from app.finding_text import findings_list_html
from components import style
from components.catalog import spec
from components.events import ChangeEvent
from components.export.elbow import Route
from components.export.geometry import Point, Rect
from components.gcpause import without_gc
from components.model import COLLECTIONS, Connector

if TYPE_CHECKING:
    from components.validate.delta import FindingsDelta


class Board(ShownItems, SelectingEdits):
    """Shows one Editor's document; edits go through ``editor.push`` (see operations.py)."""

    idsSelected = Signal(list)  # ids of the selected elements (Qt naming)
    statusMessage = Signal(str)  # a short message for the status bar
    themeChanged = Signal(str)
    zoomToFitRequested = Signal()  # the canvas menu's Zoom to fit: the views show everything
    drawingChanged = Signal()  # what the zoomed-out drawing shows changed: shapes or badges (the minimap)

    def __init__(self, editor: Editor, parent: Any = None) -> None:
        super().__init__(editor, parent)
        self.snap_enabled = True
        self.grid_size: float = style.GRID_SIZE
        self.dragged: set[str] = set()  # the ids being dragged: elbow routes do not go round them
        self.routes = CanvasRoutes(editor.doc)  # before the board's own listener: it routes with it
        self._reroute: set[str] = set()  # elbow connectors to route again, soon (a change moved their area)
        self._reroute_timer = QTimer(self)
        self._reroute_timer.setSingleShot(True)
        self._reroute_timer.timeout.connect(self.settle_routes)
        self.overview = OverviewItem(self)
        self.overview.records.listeners.append(lambda _areas: self.drawingChanged.emit())
        self.addItem(self.overview)
        self.sceneRectChanged.connect(lambda rect: self.overview.set_bounds(rect))
        self._rect_timer = QTimer(self)
        self._rect_timer.setSingleShot(True)
        self._rect_timer.timeout.connect(self._grow_scene_rect)
        self._grow_area = QRectF()
        self._selection_timer = QTimer(self)
        self._selection_timer.setSingleShot(True)
        self._selection_timer.timeout.connect(self.selectionChanged.emit)
        self.selectionChanged.connect(self._on_selection_changed)
        editor.doc.events.subscribe(self._on_change)
        self.layers = CanvasLayers(self, self)  # after the board's own listener: items exist when it looks
        self.layers.looksChanged.connect(self.overview.invalidate)
        self.shared_actions: dict[str, QAction] = {}  # window actions the context menus offer too, by name
        self.keyboard = KeyboardFocus(self)  # the block Tab rings
        # the first picture is made by the subclass's ``rebuild()`` once its input side is ready

    # ----- model access ------------------------------------------------------------------------
    def detach(self) -> None:
        """Stop following the document (before the scene is thrown away)."""
        self.doc.events.unsubscribe(self._on_change)
        self.layers.detach()
        self.routes.detach()

    def forget_item(self, item_id: str) -> None:
        """An element went away: whatever input was doing with it stops (the scene's tools)."""

    def cancel_input(self) -> None:
        """Abandon any gesture in progress (the whole board is about to be rebuilt)."""

    # ----- following the model -----------------------------------------------------------------
    def _on_change(self, event: ChangeEvent) -> None:
        if not shiboken6.isValid(self):
            self.doc.events.unsubscribe(self._on_change)
            return
        self._content = None
        self.overview.follow(event)  # the overview draws again if the event changed what it draws
        if self.lazy and event.action != "reset":
            self._follow_places(event)
        if event.action == "reset":
            self.rebuild()
        elif event.action == "added" and event.collection:
            self._add(event.collection, event.item_id)
        elif event.action == "removed":
            self._remove(event.item_id)
        elif event.action == "changed" and event.collection:
            self._changed(event.collection, event.item_id, event.fields)
        elif event.action == "meta" and "connector_style" in event.fields:
            self._route_soon(self._items)  # the design's default style: any connector may change shape
        self._route_soon(self.routes.take_stale())

    def _follow_places(self, event: ChangeEvent) -> None:
        """A big design: keep the index where the model now is, and show what now comes into view."""
        box = self.places.follow(event)
        if box is not None:
            self._grow_area = self._grow_area.united(QRectF(box[0], box[1], box[2] - box[0], box[3] - box[1]))
            self._rect_timer.start(0)
        self._reveal_timer.start(0)

    def _add(self, collection: str, item_id: str) -> CanvasItem:
        item = self._new_item(ITEM_CLASSES[collection], item_id)
        self.addItem(item)
        if isinstance(item, ConnectorItem):
            self.refresh_connectors(self.doc.connector(item_id).source)  # parallel siblings spread out
        else:
            item.sync()
        self._grow(item)
        return item

    def _remove(self, item_id: str) -> None:
        item = self._items.pop(item_id, None)
        if item is None:
            return
        self.forget_item(item_id)
        self.keyboard.forget(item_id)
        # the badge stays: the findings are the validator's to change (its next delta drops the block's
        # findings; an undo before that brings the block back with them)
        self._remove_quietly([item])
        if isinstance(item, ConnectorItem) and item.ends[0] in self._items:
            self.refresh_connectors([item.ends[0]])

    def _changed(self, collection: str, item_id: str, fields: tuple[str, ...]) -> None:
        item = self._items.get(item_id)
        if item is None:
            return
        item.sync()
        if {"x", "y", "width", "height"}.isdisjoint(fields):
            return
        if collection == "blocks":
            self.refresh_connectors([item_id], elbows_now=False)
        self._grow(item)

    def _remove_quietly(self, items: list[CanvasItem]) -> None:
        """Remove items without one selectionChanged per selected item (deleting 5,000 selected
        blocks would otherwise notify 5,000 times); listeners hear once, a moment later."""
        was_selected = any(item.isSelected() for item in items)
        self.blockSignals(True)
        try:
            for item in items:
                self.removeItem(item)
        finally:
            self.blockSignals(False)
        if was_selected:
            self._selection_timer.start(0)

    def refresh_connectors(self, block_ids: Iterable[str] | str, elbows_now: bool = True) -> None:
        """Re-route the connectors touching these blocks (only those: cheap while dragging). Without
        ``elbows_now`` the elbow ones are routed a moment later, once: a layout moving a thousand
        blocks routes each connector once, not once per end."""
        ids = [block_ids] if isinstance(block_ids, str) else list(block_ids)
        self._content = None
        later = []
        for connector_id in self.doc.connector_ids_of(ids):
            item = self._items.get(connector_id)
            if item is None:
                continue
            if not elbows_now and self.routes.is_elbow(self.doc.connector(connector_id)):
                later.append(connector_id)
            else:
                item.sync()
        self._route_soon(later)

    def elbow_route(self, connector: Connector, source: Rect, target: Rect, offset: float,
                    waypoints: Sequence[Point] | None = None) -> Route | None:
        """The items' way to the router (ItemHost): the elbow route between the ends' frames, round the
        blocks not being dragged; None for a connector drawn straight."""
        if not self.routes.is_elbow(connector):
            if self.routes.last(connector.id) is not None:
                self.routes.forget(connector.id)
                self.overview.records.refresh_connector(connector.id)
            return None
        route = self.routes.route(connector, source, target, offset, self.dragged, waypoints)
        if waypoints is None and not self.moving:  # the overview draws where the model has it
            self.overview.records.refresh_connector(connector.id)
        return route

    def _route_soon(self, connector_ids: Iterable[str]) -> None:
        self._reroute.update(connector_ids)
        if self._reroute and not self._reroute_timer.isActive():
            self._reroute_timer.start(0)

    def settle_routes(self) -> None:
        """Route now the connectors waiting to be routed again (tests and pictures call this too)."""
        pending, self._reroute = self._reroute, set()
        for connector_id in pending:
            item = self._items.get(connector_id)
            if isinstance(item, ConnectorItem):
                item.sync()
        if pending:
            self._content = None

    @without_gc  # ~2 items per element and no cycles: see components/gcpause.py
    def rebuild(self) -> None:
        """Make the items afresh from the document (on opening it, and on a "reset" event)."""
        self.cancel_input()
        self._remove_quietly(list(self._items.values()))
        self._items.clear()
        self.badges.clear()
        self._content = None
        self._reroute.clear()
        self.make_items()
        self.setSceneRect(self.wanted_rect())

    def content_rect(self) -> QRectF:
        self.settle_routes()  # routes waiting to be found may reach further
        return super().content_rect()

    def _grow(self, item: CanvasItem) -> None:
        """Note where an item now is, so the scrollable area grows to include it (soon, once)."""
        self._grow_area = self._grow_area.united(item.sceneBoundingRect())
        if not self._rect_timer.isActive():
            self._rect_timer.start(0)

    def _grow_scene_rect(self) -> None:
        """Grow (never shrink, so the view does not jump) the scrollable area around what changed:
        O(changed items), not a pass over all of them."""
        if self.moving:
            self._rect_timer.start(200)
            return
        area, self._grow_area = self._grow_area, QRectF()
        if area.isNull():
            return
        wanted = self.sceneRect().united(area.adjusted(-RECT_MARGIN, -RECT_MARGIN, RECT_MARGIN, RECT_MARGIN))
        if wanted != self.sceneRect():
            self.setSceneRect(wanted)

    # ----- selection ---------------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        """Ids of the selected elements: blocks, then connectors, notes and groups, each in the order
        their items were made (document order after a load)."""
        chosen = [item for item in self.selectedItems() if isinstance(item, CanvasItem)]
        rank = {name: index for index, name in enumerate(COLLECTIONS)}
        chosen.sort(key=lambda item: (rank[item.collection], item.serial))
        return [item.item_id for item in chosen]

    def select_ids(self, ids: Iterable[str], centre: bool = False) -> None:
        """Select exactly these elements (one selectionChanged), optionally centring the views on them."""
        wanted = [self._items[i] for i in ids if i in self._items]
        self.blockSignals(True)
        try:
            self.clearSelection()
            for item in wanted:
                item.setSelected(True)
        finally:
            self.blockSignals(False)
        self.selectionChanged.emit()
        if centre and wanted:
            area = QRectF()
            for item in wanted:
                area = area.united(item.sceneBoundingRect())
            for view in self.views():
                centre_clear = getattr(view, "centre_clear", None)  # the canvas view: clear of its overlays
                if centre_clear is not None:
                    centre_clear(area)
                else:
                    view.centerOn(area.center())

    def go_to(self, ids: Iterable[str], why: str) -> None:
        """Select and centre these elements for the user (a finding, an outline row, a step...). One on a
        hidden layer can be neither seen nor selected: its layers are shown again first, and the status
        bar says so (``why``: "for this finding")."""
        ids = [i for i in ids if self.editor.doc.has_id(i)]
        shown = self.layers.show_layers_of(ids)
        self.select_ids(ids, centre=True)
        if shown:
            names = " and ".join(short_name(layer) for layer in shown)
            self.statusMessage.emit(f"Showed layer{'s' if len(shown) > 1 else ''} {names} again {why}")

    @property
    def focus_id(self) -> str:
        """The block with the keyboard focus ring, or "" (ItemHost)."""
        return self.keyboard.current

    def _on_selection_changed(self) -> None:
        self.keyboard.selection_changed()
        if self._overview_on:
            self.overview.selection_changed()
        self.idsSelected.emit(self.selected_ids())

    # ----- findings and theme ------------------------------------------------------------------
    def set_findings(self, findings: Iterable[Any], delta: FindingsDelta | None = None) -> None:
        """Badge each flagged block with the worst severity of the findings naming it (the rule the
        SVG export follows too; the badge's tooltip lists them). With ``delta`` (what changed since the
        findings set last) only the blocks it names are looked at, and repainted when their badge changed."""
        changed = self.badges.update(findings, delta)
        if changed:
            self.overview.badges_changed(changed)
            self.drawingChanged.emit()
        for block_id in changed:
            item = self._items.get(block_id)
            if item is not None:
                item.update()

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        """Hovering a badge explains it: the block's findings, worst first. Zoomed out, hovering a block
        names it (its label may be elided or too small to draw there)."""
        block_id = self.badges.at(self, event.scenePos())
        if block_id:
            QToolTip.showText(event.screenPos(), findings_list_html(self.badges.findings[block_id], self._theme_name),
                              event.widget())
            event.accept()
            return
        item = self.canvas_item_at(event.scenePos()) if self._overview_on else None
        if isinstance(item, BlockItem):
            block = item.model()
            name = spec(block.kind).name
            text = f"{block.label.strip()}\n{name}" if block.label.strip() else name
            QToolTip.showText(event.screenPos(), text, event.widget())
            event.accept()
            return
        super().helpEvent(event)

    @property
    def theme_name(self) -> str:
        return self._theme_name

    @theme_name.setter
    def theme_name(self, name: str) -> None:
        if name not in style.THEMES:
            raise ValueError(f"unknown theme {name!r}")
        if name != self._theme_name:
            self._theme_name = name
            self.overview.invalidate()
            self.update()
            self.themeChanged.emit(name)

    # ----- level of detail ------------------------------------------------------------------------
    @property
    def overview_mode(self) -> bool:
        return self._overview_on

    def set_overview(self, on: bool) -> None:
        """Zoomed out: items stop painting themselves and the overview draws them all at once
        (the view calls this when its zoom crosses the level-of-detail threshold)."""
        if on == self._overview_on:
            return
        self._overview_on = on
        flag = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
        for item in self._items.values():
            item.setFlag(flag, on)
        self.overview.set_bounds(self.sceneRect())
        self.overview.setVisible(on)
        self.overview.invalidate(drawing_changed=False)  # the model is as it was: the minimap too

    @property
    def grid(self) -> Grid:
        return Grid(self.grid_size, self.snap_enabled)

    def snap_point(self, point: QPointF) -> QPointF:
        return self.grid.snap_point(point)

    def settle_hover(self, pos: QPointF) -> None:
        """After a drag (no hover events while the mouse was grabbed) only the block under ``pos``
        keeps its handles."""
        under = self.canvas_item_at(pos)
        for item in self._items.values():
            if isinstance(item, BlockItem) and item.hovered and item is not under:
                item.set_hovered(False)

    # ----- hit testing ----------------------------------------------------------------------------
    def canvas_item_at(self, pos: QPointF) -> CanvasItem | None:
        for item in self.items(pos):
            if isinstance(item, CanvasItem):
                return item
        return None
