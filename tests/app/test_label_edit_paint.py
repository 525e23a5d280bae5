"""An in-place rename paints only the editor's text over the label (trial 23, F10): the editor shrinks
to what is typed, and the old label's second line stayed painted under it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from app.canvas.items.block_item import label_rect
from app.canvas.tools.label_edit import LabelEditTool
from components.model import Diagram
from tests.app.canvas_helpers import LEFT, NO_MODS, block, make_canvas

OLD = "Video indexing (video encoder)"


def inks(image, area: QRectF, background: QColor) -> int:
    """Pixels of ``area`` that are not the background (text drawn there)."""
    rect = area.toAlignedRect().intersected(image.rect())
    return sum(1 for x in range(rect.left(), rect.right() + 1) for y in range(rect.top(), rect.bottom() + 1)
               if QColor(image.pixel(x, y)).rgb() != background.rgb())


def test_the_old_label_is_not_painted_under_a_shorter_edit(qtbot) -> None:
    canvas = make_canvas(qtbot, Diagram(title="t", blocks=[block("enc", "feature_pipeline", 0, 0, OLD)]))
    scene, view = canvas.scene, canvas.view
    item = scene.item_for("enc")
    assert len(item.label_lines(OLD)) == 2  # the case seen: a label on two lines
    QTest.mouseDClick(view.viewport(), LEFT, NO_MODS, canvas.vp(canvas.centre_of("enc")))
    assert isinstance(scene.tool, LabelEditTool)
    QTest.keyClick(view.viewport(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(view.viewport(), "Indexer X")
    editor = scene.tool._editor
    assert editor.toPlainText() == "Indexer X"
    label = label_rect(item.frame().width(), item.frame().height()).translated(item.pos())
    below = QRectF(label.left(), editor.sceneBoundingRect().bottom() + 1, label.width(),
                   label.bottom() - editor.sceneBoundingRect().bottom() - 1)
    assert below.height() >= 8  # room where the old second line was
    image = view.viewport().grab().toImage()
    shown = view.mapFromScene(below).boundingRect().adjusted(2, 1, -2, -1)
    assert inks(image, QRectF(shown), QColor(scene.theme.block_fill)) == 0
    QTest.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert not item.text_hidden and canvas.doc.block("enc").label == OLD


def test_every_kind_of_label_is_hidden_while_its_editor_is_open(qtbot) -> None:
    from components.model import Connector, Group, Note

    design = Diagram(title="t", blocks=[block("a", "client", 0, 0, "A"), block("b", "ranking", 320, 0, "B")],
                     connectors=[Connector(id="c", source="a", target="b", flow="request", label="calls")],
                     notes=[Note(id="n", text="A note", x=0, y=200, width=160, height=80)],
                     groups=[Group(id="g", label="Serving", x=-40, y=-60, width=600, height=200)])
    canvas = make_canvas(qtbot, design)
    scene = canvas.scene
    for item_id in ("a", "c", "n", "g"):
        item = scene.item_for(item_id)
        assert scene.edit_label(item_id) and item.text_hidden, item_id
        QTest.keyClick(canvas.view.viewport(), Qt.Key.Key_Escape)
        assert not item.text_hidden, item_id
    assert canvas.editor.undo_stack.count() == 0
