"""One random edit of a design, as the property tests of the panels that follow edits draw them (the
findings list, the badges, the Outline): each test picks the kinds of edit it covers."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from components.commands import AddBlock, Connect, Relabel, RemoveItems
from components.model import FLOWS, Block, Connector

ADDED_KINDS = ["ranking", "monitoring", "data_store", "feature_store"]


def push_random_edit(editor: Any, data: st.DataObject, kind: str) -> None:
    """Push one edit of ``kind`` drawn from ``data`` (nothing when the design has nothing to edit that way)."""
    diagram = editor.doc.diagram
    blocks, connectors = diagram.blocks, diagram.connectors
    if kind == "remove-connector" and connectors:
        editor.push(RemoveItems([data.draw(st.sampled_from(connectors)).id]))
    elif kind == "remove-block" and blocks:
        editor.push(RemoveItems([data.draw(st.sampled_from(blocks)).id]))
    elif kind == "relabel" and blocks:
        editor.push(Relabel("blocks", data.draw(st.sampled_from(blocks)).id, data.draw(st.sampled_from(["", "X"]))))
    elif kind == "connect" and len(blocks) >= 2:
        ends = data.draw(st.lists(st.sampled_from([b.id for b in blocks]), min_size=2, max_size=2, unique=True))
        editor.push(Connect(Connector(id=editor.doc.new_id("c"), source=ends[0], target=ends[1],
                                      flow=data.draw(st.sampled_from(FLOWS)))))
    elif kind == "add-block":
        editor.push(AddBlock(Block(id=editor.doc.new_id("b"), kind=data.draw(st.sampled_from(ADDED_KINDS)))))
    elif kind == "undo" and editor.undo_stack.canUndo():
        editor.undo_stack.undo()
    elif kind == "redo" and editor.undo_stack.canRedo():
        editor.undo_stack.redo()
    elif kind == "reopen":  # File > Open of the same file, or Revert
        editor.replace(diagram.model_copy(deep=True), None)
