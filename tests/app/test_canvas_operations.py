"""Canvas operations: clipboard, duplicate, delete, align, distribute, flows, pins, groups."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QMimeData, QPointF
from PySide6.QtGui import QGuiApplication

from app.canvas import operations
from app.canvas.fragment import MIME_FRAGMENT
from components.commands import MoveItems
from tests.app.canvas_helpers import canvas  # noqa: F401


def test_copy_paste_keeps_connectors_among_copied_blocks(canvas) -> None:  # noqa: F811
    operations.copy(canvas.editor, ["client", "ranker"])
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasFormat(MIME_FRAGMENT)
    assert json.loads(mime.text())["connectors"][0]["id"] == "c1"
    new_ids = canvas.scene.paste()
    doc = canvas.doc
    assert len(new_ids) == 3 and not {"client", "ranker", "c1"} & set(new_ids)
    pasted = [doc.find(i)[1] for i in new_ids]
    blocks = {b.kind: b for b in pasted if hasattr(b, "kind")}
    connector = next(c for c in pasted if hasattr(c, "source"))
    assert (connector.source, connector.target) == (blocks["client"].id, blocks["ranking"].id)
    assert connector.flow == "request"
    assert (blocks["client"].x, blocks["client"].y) == (32.0, 32.0)  # offset from the originals
    assert blocks["ranking"].label == "Ranker"
    assert set(canvas.scene.selected_ids()) == set(new_ids)
    assert canvas.scene.item_ids() == {b.id for b in doc.diagram.blocks} | {c.id for c in doc.diagram.connectors}
    assert canvas.editor.undo_stack.count() == 1
    second = canvas.scene.paste()  # a second paste does not land on the first
    assert (doc.find(second[0])[1].x, doc.find(second[0])[1].y) == (64.0, 64.0)
    canvas.undo_all()
    assert canvas.dumped() == canvas.original


def test_paste_at_a_point_centres_there_and_drops_outside_connectors(canvas) -> None:  # noqa: F811
    operations.copy(canvas.editor, ["ranker", "monitor"])  # c1 reaches outside the copy: not copied
    new_ids = canvas.scene.paste(QPointF(1000, 1000))
    assert len(new_ids) == 2
    xs = [canvas.doc.block(i).x for i in new_ids]
    ys = [canvas.doc.block(i).y for i in new_ids]
    assert abs((min(xs) + max(xs) + 168) / 2 - 1000) <= 8 and abs((min(ys) + max(ys) + 72) / 2 - 1000) <= 8
    assert len(canvas.doc.diagram.connectors) == 1


def test_cut_removes_and_paste_brings_back(canvas) -> None:  # noqa: F811
    operations.cut(canvas.editor, ["ranker"])
    assert canvas.doc.find("ranker") is None and canvas.doc.diagram.connectors == []
    assert canvas.scene.paste()
    assert [b.kind for b in canvas.doc.diagram.blocks] == ["client", "monitoring", "ranking"]
    canvas.undo_all()
    assert canvas.dumped() == canvas.original


@pytest.mark.parametrize("text", ["not json", "[1, 2]", '{"blocks": [{"id": "x", "kind": "nope"}]}',
                                  '{"blocks": [{"id": "x", "kind": "cache", "x": "far"}]}', '{"blocks": 3}'])
def test_paste_of_foreign_or_bad_clipboard_changes_nothing(canvas, text: str) -> None:  # noqa: F811
    mime = QMimeData()
    mime.setText(text)
    QGuiApplication.clipboard().setMimeData(mime)
    messages: list[str] = []
    canvas.scene.statusMessage.connect(messages.append)
    assert canvas.scene.paste() == []
    assert canvas.dumped() == canvas.original
    assert messages  # the user is told why


def test_duplicate_leaves_the_clipboard_alone(canvas) -> None:  # noqa: F811
    mime = QMimeData()
    mime.setText("keep me")
    QGuiApplication.clipboard().setMimeData(mime)
    new_ids = canvas.scene.duplicate(["client", "ranker", "c1"])
    assert len(new_ids) == 3
    assert QGuiApplication.clipboard().text() == "keep me"
    assert len(canvas.doc.diagram.connectors) == 2


def test_copying_a_group_takes_its_members_along(canvas) -> None:  # noqa: F811
    canvas.scene.select_ids(["client", "ranker"])
    group_id = canvas.scene.group_selection("Serving")
    new_ids = canvas.scene.duplicate([group_id])
    groups = [canvas.doc.find(i)[1] for i in new_ids if canvas.doc.find(i)[0] == "groups"]
    assert len(groups) == 1 and len(groups[0].members) == 2
    assert not set(groups[0].members) & {"client", "ranker"}


def test_align_and_distribute(canvas) -> None:  # noqa: F811
    doc = canvas.doc
    assert operations.align(canvas.editor, ["client", "ranker", "monitor"], "left")
    assert {doc.block(b).x for b in ("client", "ranker", "monitor")} == {0.0}
    assert operations.align(canvas.editor, ["ranker", "monitor"], "vcentre")
    assert doc.block("ranker").y == doc.block("monitor").y == 112.0
    assert operations.align(canvas.editor, ["client", "monitor"], "right")
    assert doc.block("client").x + 128 == doc.block("monitor").x + 168
    canvas.undo_all()
    canvas.scene.place_block("cache", QPointF(1200, 40))
    ids = [b.id for b in doc.diagram.blocks if b.id != "monitor"]
    assert operations.distribute(canvas.editor, ids, "horizontal")
    lefts = sorted((doc.block(i).x, doc.block(i).x + (128 if i == "client" else 168)) for i in ids)
    gaps = [lefts[i + 1][0] - lefts[i][1] for i in range(len(lefts) - 1)]
    assert gaps[0] == pytest.approx(gaps[1])
    assert not operations.distribute(canvas.editor, ids[:2], "vertical")  # needs three
    with pytest.raises(ValueError):
        operations.align(canvas.editor, ids, "diagonal")
    canvas.undo_all()
    assert canvas.dumped() == canvas.original


def test_flow_rename_pin_and_group_membership(canvas) -> None:  # noqa: F811
    editor, doc = canvas.editor, canvas.doc
    assert operations.set_flow(editor, "c1", "data")
    assert not operations.set_flow(editor, "c1", "data")  # unchanged: no undo step
    assert operations.rename(editor, "ranker", "Ranker v2")
    assert not operations.rename(editor, "ranker", "Ranker v2")
    assert operations.set_pinned(editor, ["ranker", "client"], True)
    assert doc.block("ranker").pinned and doc.block("client").pinned
    canvas.scene.select_ids(["client"])
    group_id = canvas.scene.group_selection("G")
    assert operations.add_to_group(editor, group_id, ["monitor"])
    assert doc.get("groups", group_id).members == ["client", "monitor"]
    assert operations.remove_from_groups(editor, ["client"])
    assert doc.get("groups", group_id).members == ["monitor"]
    note = canvas.scene.add_note(QPointF(500, 500), "remember the cold start")
    assert operations.rename(editor, note, "cold start!")
    assert doc.get("notes", note).text == "cold start!"
    steps = editor.undo_stack.count()
    assert steps == 8  # flow, rename, pin, group, add, remove, note, note text
    canvas.undo_all()
    assert canvas.dumped() == canvas.original


def test_select_all_and_delete_everything(canvas) -> None:  # noqa: F811
    canvas.scene.select_all()
    assert set(canvas.scene.selected_ids()) == {"client", "ranker", "monitor", "c1"}
    assert operations.delete(canvas.editor, canvas.scene.selected_ids())
    assert canvas.scene.item_ids() == set()
    assert canvas.editor.undo_stack.count() == 1
    canvas.undo_all()
    assert canvas.dumped() == canvas.original


def test_auto_layout_is_one_undo_step_and_says_which_engine_ran(canvas) -> None:  # noqa: F811
    messages: list[str] = []
    canvas.scene.statusMessage.connect(messages.append)
    canvas.editor.push(MoveItems({"monitor": (0, 0)}))  # overlapping blocks: a layout must move some
    before = canvas.editor.undo_stack.count()
    assert canvas.scene.auto_layout()
    assert canvas.editor.undo_stack.count() == before + 1
    assert messages and "Auto-layout" in messages[-1]
    canvas.undo_all()
    assert canvas.dumped() == canvas.original
    assert canvas.scene.item_for("monitor").pos() == QPointF(320, 224)
