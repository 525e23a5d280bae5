"""Align and distribute from the keyboard: Ctrl+Shift+arrows line the selection up on that side,
Ctrl+Shift+H / V on the centres, Ctrl+Alt+H / V space it evenly; each one undo step. In a text field
the same keys select words (the field takes them first) and the design does not change."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from components import style
from components.io import dumps
from components.model import Diagram
from tests.app.canvas_helpers import block
from tests.app.window_helpers import make_window

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def scattered() -> Diagram:
    return Diagram(blocks=[block("a", "client", 0, 0), block("b", "ranking", 300, 96),
                           block("c", "cache", 700, 32), block("d", "monitoring", 160, 400)])


def edges(window, ids: list[str]) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {"left": [], "right": [], "top": [], "bottom": [], "hcentre": [], "vcentre": []}
    for block_id in ids:
        item = window.editor.doc.block(block_id)
        width, height = style.block_size(item.kind, item.width, item.height)
        found["left"].append(item.x)
        found["right"].append(item.x + width)
        found["top"].append(item.y)
        found["bottom"].append(item.y + height)
        found["hcentre"].append(item.x + width / 2)
        found["vcentre"].append(item.y + height / 2)
    return found


@pytest.mark.parametrize(("key", "edge"), [
    (Qt.Key.Key_Left, "left"), (Qt.Key.Key_Right, "right"), (Qt.Key.Key_Up, "top"), (Qt.Key.Key_Down, "bottom"),
    (Qt.Key.Key_H, "hcentre"), (Qt.Key.Key_V, "vcentre"),
])
def test_ctrl_shift_keys_align_the_selection(qtbot, tmp_path: Path, key: Qt.Key, edge: str) -> None:
    window = make_window(qtbot, tmp_path, scattered())
    window.scene.select_ids(["a", "b", "c"])
    window.view.setFocus()
    left_alone = edges(window, ["d"])
    QTest.keyClick(window.view, key, CTRL_SHIFT)
    assert len(set(edges(window, ["a", "b", "c"])[edge])) == 1
    assert window.editor.undo_stack.count() == 1
    assert edges(window, ["d"]) == left_alone  # not selected


@pytest.mark.parametrize(("key", "lo", "hi"), [(Qt.Key.Key_H, "left", "right"), (Qt.Key.Key_V, "top", "bottom")])
def test_ctrl_alt_keys_space_the_selection_evenly(qtbot, tmp_path: Path, key: Qt.Key, lo: str, hi: str) -> None:
    window = make_window(qtbot, tmp_path, scattered())
    ids = ["a", "b", "c", "d"]
    window.scene.select_ids(ids)
    window.view.setFocus()
    QTest.keyClick(window.view, key, CTRL_ALT)
    spans = sorted(zip(edges(window, ids)[lo], edges(window, ids)[hi], strict=True))
    gaps = {round(b[0] - a[1], 6) for a, b in itertools.pairwise(spans)}
    assert len(gaps) == 1 and window.editor.undo_stack.count() == 1


def test_in_a_text_field_the_keys_select_words_and_leave_the_design(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path, scattered())
    window.scene.select_ids(["a", "b", "c"])
    before = dumps(window.editor.doc.diagram)
    field = window.palette_panel.search
    field.setFocus()
    QTest.keyClicks(field, "feature store")
    QTest.keyClick(field, Qt.Key.Key_Left, CTRL_SHIFT)
    assert field.selectedText() == "store"
    assert dumps(window.editor.doc.diagram) == before
