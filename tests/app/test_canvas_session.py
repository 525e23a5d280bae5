"""One user session with real mouse and keyboard events, then undo everything and redo everything."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from app.canvas import operations
from components.io import dumps
from tests.app.canvas_helpers import LEFT, canvas, drag, drop_kind, key  # noqa: F401

NO_MODS = Qt.KeyboardModifier.NoModifier


def test_a_whole_session_undoes_to_the_original_and_redoes_to_the_end(canvas) -> None:  # noqa: F811
    c = canvas
    drop_kind(c, "logging", c.vp((640, 300)))  # 1 place
    logging_id = c.scene.selected_ids()[0]
    start = c.vp(c.centre_of(logging_id))
    drag(c, start, start + QPoint(48, 20))  # 2 move
    frame = c.scene.item_for("ranker").scene_frame()
    drag(c, c.vp(QPointF(frame.right(), frame.center().y())), c.vp(c.centre_of(logging_id)))  # 3 connect
    key(c, Qt.Key.Key_Escape)
    QTest.mouseDClick(c.view.viewport(), LEFT, NO_MODS, c.vp(c.centre_of("monitor")))
    QTest.keyClicks(c.view, "Quality monitor")
    key(c, Qt.Key.Key_Return)  # 4 rename
    drag(c, c.vp((-60, -40)), c.vp((500, 90)))  # rubber band: client, ranker, c1
    assert {"client", "ranker", "c1"} <= set(c.scene.selected_ids())
    key(c, Qt.Key.Key_Down)
    key(c, Qt.Key.Key_Down)  # 5 nudge (one step)
    operations.copy(c.editor, c.scene.selected_ids())
    pasted = c.scene.paste(QPointF(400, 700))  # 6 paste
    assert len(pasted) == 3
    key(c, Qt.Key.Key_Delete)  # 7 delete the pasted copy
    QTest.mouseClick(c.view.viewport(), LEFT, NO_MODS, c.vp(c.centre_of("client")))
    key(c, Qt.Key.Key_Delete)  # 8 delete the client (and c1)
    assert c.editor.undo_stack.count() == 8
    doc = c.doc
    assert doc.find("client") is None and doc.find("c1") is None
    assert doc.block("monitor").label == "Quality monitor"
    assert doc.block("ranker").y == 32.0
    logging = doc.block(logging_id)
    assert logging.x % 16 == 0 and logging.y % 16 == 0
    [link] = [x for x in doc.diagram.connectors if x.target == logging_id]
    assert (link.source, link.flow) == ("ranker", "feedback")
    assert c.scene.item_ids() == {e.id for n in ("blocks", "connectors", "notes", "groups")
                                  for e in getattr(doc.diagram, n)}
    end = dumps(doc.diagram)
    c.undo_all()
    assert c.dumped() == c.original
    c.redo_all()
    assert c.dumped() == end
