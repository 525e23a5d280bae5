"""Canvas items: one class per element type; each keeps only its id and reads the model."""

from app.canvas.items.base import CanvasItem
from app.canvas.items.block_item import BlockItem
from app.canvas.items.connector_item import ConnectorItem
from app.canvas.items.group_item import GroupItem
from app.canvas.items.note_item import NoteItem

ITEM_CLASSES = {"blocks": BlockItem, "connectors": ConnectorItem, "notes": NoteItem, "groups": GroupItem}

__all__ = ["ITEM_CLASSES", "BlockItem", "CanvasItem", "ConnectorItem", "GroupItem", "NoteItem"]
