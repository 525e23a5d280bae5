"""The canvas scene: the ONLY map from model ids to items, kept in step with the document's events.

Items are added, removed and updated one by one as the model changes (the whole scene is rebuilt
only on a document "reset"). Mouse, keyboard, context-menu and label-editing behaviour live in
their own modules; the scene routes events to them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QPointF, QRectF, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneHelpEvent,
    QGraphicsSceneMouseEvent,
    QToolTip,
)

from app.canvas import keys, menus, operations
from app.canvas.badges import Badges
from app.canvas.interaction import ConnectTool, MoveTool
from app.canvas.items import ITEM_CLASSES, BlockItem, CanvasItem, ConnectorItem
from app.canvas.label_editor import LabelEditing
from app.canvas.layers import CanvasLayers
from app.canvas.overview import OverviewItem
from app.editor import Editor
from app.finding_text import findings_list_html
from components import style
from components.document import Document
from components.events import ChangeEvent
from components.export.geometry import Rect, parallel_offsets
from components.gcpause import without_gc
from components.model import COLLECTIONS

Item = TypeVar("Item", bound=CanvasItem)
_MIN_RECT = QRectF(-800, -600, 1600, 1200)
_RECT_MARGIN = 1200.0


class CanvasScene(QGraphicsScene):
    """Shows one Editor's document; edits go through ``editor.push`` (see operations.py)."""

    idsSelected = Signal(list)  # ids of the selected elements (Qt naming)
    statusMessage = Signal(str)  # a short message for the status bar
    themeChanged = Signal(str)

    def __init__(self, editor: Editor, parent: Any = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self._items: dict[str, CanvasItem] = {}
        self._serial = 0  # creation order of items: a stable order for selected_ids()
        self._theme_name = "light"
        self.badges = Badges()
        self.snap_enabled = True
        self.grid_size: float = style.GRID_SIZE
        self.connect_target = ""  # the block under a connection drag (drawn highlighted)
        self.handles_visible = True
        self.nudge_run = 0
        self.shared_actions: dict[str, QAction] = {}  # window actions the context menus offer too, by name
        self.move_tool = MoveTool(self)
        self.connect_tool = ConnectTool(self)
        self.labels = LabelEditing(self)
        self.overview = OverviewItem(self)
        self._overview_on = False
        self._content: QRectF | None = None  # content_rect() until something changes
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
        self._rebuild()
        self.layers = CanvasLayers(self, self)  # after the scene's own listener: items exist when it looks
        self.layers.looksChanged.connect(self.overview.invalidate)

    # ----- model access ------------------------------------------------------------------------
    @property
    def doc(self) -> Document:
        return self.editor.doc

    def item_for(self, item_id: str) -> CanvasItem | None:
        """The item showing the element with this id (None when there is none)."""
        return self._items.get(item_id)

    def item_ids(self) -> set[str]:
        return set(self._items)

    def detach(self) -> None:
        """Stop following the document (before the scene is thrown away)."""
        self.doc.events.unsubscribe(self._on_change)
        self.layers.detach()

    # ----- following the model -----------------------------------------------------------------
    def _on_change(self, event: ChangeEvent) -> None:
        if not shiboken6.isValid(self):
            self.doc.events.unsubscribe(self._on_change)
            return
        self._content = None
        if self._overview_on:
            self.overview.invalidate()
        if event.action == "reset":
            self._rebuild()
        elif event.action == "added" and event.collection:
            self._add(event.collection, event.item_id)
        elif event.action == "removed":
            self._remove(event.item_id)
        elif event.action == "changed" and event.collection:
            self._changed(event.collection, event.item_id, event.fields)

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
        self.labels.forget(item_id)
        self.move_tool.cancel()
        self.connect_tool.forget(item_id)
        self.badges.forget(item_id)
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
            self.refresh_connectors([item_id])
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

    def refresh_connectors(self, block_ids: Iterable[str] | str) -> None:
        """Re-route the connectors touching these blocks (only those: cheap while dragging)."""
        ids = [block_ids] if isinstance(block_ids, str) else list(block_ids)
        self._content = None
        for connector_id in self.doc.connector_ids_of(ids):
            item = self._items.get(connector_id)
            if item is not None:
                item.sync()

    @without_gc  # ~2 items per element and no cycles: see components/gcpause.py
    def _rebuild(self) -> None:
        self.labels.cancel()
        self.move_tool.cancel()
        self.connect_tool.cancel()
        self._remove_quietly(list(self._items.values()))
        self._items.clear()
        self.badges.clear()
        self._content = None
        # Blocks and connectors are placed straight from the model before they join the scene (one
        # index insertion each, no lookups through the scene); notes and groups are few.
        diagram = self.doc.diagram
        frames: dict[str, Rect] = {}
        sizes: dict[tuple[str, float | None, float | None], tuple[float, float]] = {}
        for block in diagram.blocks:
            key = (block.kind, block.width, block.height)
            size = sizes.get(key)
            if size is None:
                size = sizes[key] = style.block_size(*key)
            frames[block.id] = Rect(block.x, block.y, *size, style.BLOCK_RADIUS)
            item = self._new_item(BlockItem, block.id)
            item.place(block, *size)
            self.addItem(item)
        offsets = parallel_offsets((c.id, c.source, c.target) for c in diagram.connectors)
        for connector in diagram.connectors:
            item = self._new_item(ConnectorItem, connector.id)
            item.place(connector, frames[connector.source], frames[connector.target], offsets.get(connector.id, 0.0))
            self.addItem(item)
        for collection in ("notes", "groups"):
            for element in getattr(diagram, collection):
                item = self._new_item(ITEM_CLASSES[collection], element.id)
                self.addItem(item)
                item.sync()
        self.setSceneRect(self._wanted_rect())

    def _new_item(self, kind: type[Item], item_id: str) -> Item:
        item = kind(item_id)
        self._serial += 1
        item.serial = self._serial
        if self._overview_on:
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
        self._items[item_id] = item
        return item

    def content_rect(self) -> QRectF:
        """The bounding box of everything drawn from the model (empty when nothing is).

        Kept until the next model change or connector refresh (opening a design asks twice: for the
        scene rect and to zoom to fit, ~10 ms each at 5,000 blocks); worked out afresh mid-drag,
        when items move ahead of the model."""
        if self._content is None or self.move_tool.dragging:
            rect = QRectF()
            for item in self._items.values():
                rect = rect.united(item.sceneBoundingRect())
            self._content = rect
        return QRectF(self._content)

    def _wanted_rect(self) -> QRectF:
        content = self.content_rect()
        base = content.united(_MIN_RECT) if not content.isNull() else QRectF(_MIN_RECT)
        return base.adjusted(-_RECT_MARGIN, -_RECT_MARGIN, _RECT_MARGIN, _RECT_MARGIN)

    def _grow(self, item: CanvasItem) -> None:
        """Note where an item now is, so the scrollable area grows to include it (soon, once)."""
        self._grow_area = self._grow_area.united(item.sceneBoundingRect())
        if not self._rect_timer.isActive():
            self._rect_timer.start(0)

    def _grow_scene_rect(self) -> None:
        """Grow (never shrink, so the view does not jump) the scrollable area around what changed:
        O(changed items), not a pass over all of them."""
        if self.move_tool.dragging:
            self._rect_timer.start(200)
            return
        area, self._grow_area = self._grow_area, QRectF()
        if area.isNull():
            return
        wanted = self.sceneRect().united(area.adjusted(-_RECT_MARGIN, -_RECT_MARGIN, _RECT_MARGIN, _RECT_MARGIN))
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
                view.centerOn(area.center())

    def _on_selection_changed(self) -> None:
        self.nudge_run += 1
        if self._overview_on:
            self.overview.invalidate()
        self.idsSelected.emit(self.selected_ids())

    # ----- findings and theme ------------------------------------------------------------------
    def set_findings(self, findings: Iterable[Any]) -> None:
        """Badge each flagged block with the worst severity of the findings naming it (the rule the
        SVG export follows too; the badge's tooltip lists them)."""
        changed = self.badges.update(findings)
        if self._overview_on and changed:
            self.overview.invalidate()
        for block_id in changed:
            item = self._items.get(block_id)
            if item is not None:
                item.update()

    def severity_of(self, block_id: str) -> str:
        return self.badges.severity.get(block_id, "")

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        """Hovering a badge explains it: the block's findings, worst first."""
        block_id = self.badges.at(self, event.scenePos())
        if not block_id:
            super().helpEvent(event)
            return
        QToolTip.showText(event.screenPos(), findings_list_html(self.badges.findings[block_id], self._theme_name),
                          event.widget())
        event.accept()

    @property
    def theme_name(self) -> str:
        return self._theme_name

    @theme_name.setter
    def theme_name(self, name: str) -> None:
        if name not in style.THEMES:
            raise ValueError(f"unknown theme {name!r}")
        if name != self._theme_name:
            self._theme_name = name
            self.labels.apply_theme()
            self.overview.invalidate()
            self.update()
            self.themeChanged.emit(name)

    @property
    def theme(self) -> style.Theme:
        return style.THEMES[self._theme_name]

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
        self.overview.invalidate()

    def items_for_overview(self, only: set[str]) -> list[CanvasItem]:
        """The items of these ids (the overview draws the dragged ones live)."""
        return [self._items[i] for i in only if i in self._items]

    def snap_point(self, point: QPointF) -> QPointF:
        if not self.snap_enabled:
            return QPointF(point)
        step = self.grid_size
        return QPointF(round(point.x() / step) * step, round(point.y() / step) * step)

    # ----- creating things -----------------------------------------------------------------------
    def place_block(self, kind: str, scene_pos: QPointF, clear: bool = False) -> str | None:
        """Add a block of ``kind`` centred at ``scene_pos`` (snapped; with ``clear``, moved off whatever
        is there); selects it; its id or None."""
        return operations.place_block(self.editor, self, kind, scene_pos, clear)

    def add_note(self, pos: QPointF, text: str = "") -> str | None:
        return operations.add_note(self.editor, self, pos, text)

    def group_selection(self, label: str = "Group") -> str | None:
        return operations.group(self.editor, self, self.selected_ids(), label)

    def edit_label(self, item_id: str) -> bool:
        """Open the in-place label editor on an element; Enter commits, Escape cancels."""
        return self.labels.start(item_id)

    def settle_hover(self, pos: QPointF) -> None:
        """After a drag (no hover events while the mouse was grabbed) only the block under ``pos``
        keeps its handles."""
        under = self.canvas_item_at(pos)
        for item in self._items.values():
            if isinstance(item, BlockItem) and item.hovered and item is not under:
                item.set_hovered(False)

    # ----- routing input -------------------------------------------------------------------------
    def canvas_item_at(self, pos: QPointF) -> CanvasItem | None:
        for item in self.items(pos):
            if isinstance(item, CanvasItem):
                return item
        return None

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.nudge_run += 1
        if self.labels.active and not self.labels.contains(event.scenePos()):
            self.labels.commit()
        if self.labels.active:
            super().mousePressEvent(event)
            return
        if self.connect_tool.press(event) or self.move_tool.press(event):
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.connect_tool.move(event) or self.move_tool.move(event):
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.connect_tool.release(event):
            return
        self.move_tool.release(event)
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        item = self.canvas_item_at(event.scenePos())
        if item is not None and not self.labels.active:
            self.edit_label(item.item_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.labels.active:
            super().keyPressEvent(event)
            return
        if keys.handle_key(self, event):
            event.accept()
            return
        if not keys.is_modifier(event):
            self.nudge_run += 1
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:
        if self.labels.active:
            self.labels.commit()
        item = self.canvas_item_at(event.scenePos())
        if item is not None and not item.isSelected():
            self.select_ids([item.item_id])
        menu = menus.context_menu(self, event.scenePos(), item, event.widget())
        menu.exec(event.screenPos())
        event.accept()
