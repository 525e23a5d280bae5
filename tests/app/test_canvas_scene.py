"""The scene follows the model: one item per element, positions and paths in step, on every event."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPointF

from app.canvas.items import BlockItem, ConnectorItem, GroupItem, NoteItem
from app.canvas.scene import CanvasScene
from app.editor import Editor
from components.catalog import KINDS
from components.commands import Connect, MoveItems, Relabel, RemoveItems, SetFlow
from components.io import dumps
from components.model import Connector, Diagram
from components.model.types import FLOWS
from components.synthetic import synthetic_diagram
from tests.app.canvas_helpers import canvas, small_diagram  # noqa: F401

KIND_IDS = sorted(KINDS)


def assert_in_step(scene: CanvasScene) -> None:
    """Item ids are exactly the model ids; each item sits where the model says."""
    doc = scene.doc
    model_ids = {e.id for name in ("blocks", "connectors", "notes", "groups") for e in getattr(doc.diagram, name)}
    assert scene.item_ids() == model_ids
    on_scene = {i.item_id for i in scene.items() if hasattr(i, "item_id")}
    assert on_scene == model_ids  # no stale item left on the scene
    for block in doc.diagram.blocks:
        item = scene.item_for(block.id)
        assert isinstance(item, BlockItem) and (item.pos().x(), item.pos().y()) == (block.x, block.y)
    for connector in doc.diagram.connectors:
        item = scene.item_for(connector.id)
        assert isinstance(item, ConnectorItem) and item.ends == (connector.source, connector.target)
        source = scene.item_for(connector.source).scene_frame()
        target = scene.item_for(connector.target).scene_frame()
        line = item.line()
        if connector.source != connector.target and line.length() > 0:
            grown_s, grown_t = source.adjusted(-1, -1, 1, 1), target.adjusted(-1, -1, 1, 1)
            assert grown_s.contains(line.p1()) and grown_t.contains(line.p2())  # attached to the borders


@dataclass
class Step:
    action: str
    a: int
    b: int
    value: int


steps = st.lists(st.builds(Step, st.sampled_from(["add", "connect", "remove", "move", "undo", "redo", "flow",
                                                   "label"]),
                           st.integers(0, 50), st.integers(0, 50), st.integers(-400, 400)), max_size=25)


@settings(max_examples=25)
@given(steps)
def test_scene_matches_model_after_random_edits_undo_and_redo(qapp, sequence: list[Step]) -> None:
    editor = Editor(small_diagram())
    scene = CanvasScene(editor)
    original = dumps(editor.doc.diagram)
    try:
        for step in sequence:
            doc = editor.doc
            blocks = [b.id for b in doc.diagram.blocks]
            connectors = [c.id for c in doc.diagram.connectors]
            if step.action == "add":
                scene.place_block(KIND_IDS[step.a % len(KIND_IDS)], QPointF(step.value, step.b * 20))
            elif step.action == "connect" and blocks:
                source, target = blocks[step.a % len(blocks)], blocks[step.b % len(blocks)]
                editor.push(Connect(Connector(id=doc.new_id("c"), source=source, target=target,
                                              flow=FLOWS[step.value % len(FLOWS)])))
            elif step.action == "remove" and blocks + connectors:
                pool = blocks + connectors
                editor.push(RemoveItems([pool[step.a % len(pool)]]))
            elif step.action == "move" and blocks:
                editor.push(MoveItems({blocks[step.a % len(blocks)]: (step.value, step.b * 7)}))
            elif step.action == "flow" and connectors:
                editor.push(SetFlow(connectors[step.a % len(connectors)], FLOWS[step.b % len(FLOWS)]))
            elif step.action == "label" and blocks:
                editor.push(Relabel("blocks", blocks[step.a % len(blocks)], f"label {step.value}"))
            elif step.action == "undo":
                editor.undo_stack.undo()
            elif step.action == "redo":
                editor.undo_stack.redo()
            assert_in_step(scene)
        while editor.undo_stack.canUndo():
            editor.undo_stack.undo()
        assert_in_step(scene)
        assert dumps(editor.doc.diagram) == original
    finally:
        scene.detach()


def test_items_per_kind_and_reset_rebuilds(canvas) -> None:  # noqa: F811
    scene = canvas.scene
    canvas.scene.select_ids(["client", "ranker"])
    group_id = scene.group_selection("G")
    note_id = scene.add_note(QPointF(0, 400), "hello")
    assert isinstance(scene.item_for(group_id), GroupItem)
    assert isinstance(scene.item_for(note_id), NoteItem)
    assert scene.item_for(group_id).zValue() < scene.item_for("c1").zValue() < scene.item_for("client").zValue()
    canvas.editor.replace(synthetic_diagram(26, seed=3), None)
    assert_in_step(scene)
    assert len(scene.item_ids()) == 26 + len(canvas.doc.diagram.connectors)
    assert scene.selected_ids() == []


def test_model_moves_update_items_and_only_touching_connectors(canvas) -> None:  # noqa: F811
    synced: list[str] = []
    original = ConnectorItem.sync

    def spy(item: ConnectorItem) -> None:
        synced.append(item.item_id)
        original(item)

    ConnectorItem.sync = spy  # type: ignore[method-assign]  # counts the calls; put back below
    try:
        canvas.editor.push(MoveItems({"monitor": (640, 640)}))
        assert synced == []  # the monitor has no connector
        canvas.editor.push(MoveItems({"ranker": (640, 0)}))
        assert synced == ["c1"]
    finally:
        ConnectorItem.sync = original  # type: ignore[method-assign]  # the real method again
    assert canvas.scene.item_for("ranker").pos() == QPointF(640, 0)
    assert_in_step(canvas.scene)


def test_selection_api_and_signal(canvas) -> None:  # noqa: F811
    received: list[list[str]] = []
    canvas.scene.idsSelected.connect(received.append)
    canvas.scene.select_ids(["monitor", "c1", "client", "nope"])
    assert received == [["client", "monitor", "c1"]]  # blocks first; one signal for the whole change
    assert canvas.scene.selected_ids() == ["client", "monitor", "c1"]


def test_findings_badge_worst_severity(canvas) -> None:  # noqa: F811
    @dataclass
    class Finding:
        severity: str
        blocks: list[str]

    canvas.scene.set_findings([Finding("info", ["client"]), Finding("error", ["client", "ranker"]),
                               Finding("warning", ["ranker", "ghost"])])
    assert canvas.scene.severity_of("client") == "error"
    assert canvas.scene.severity_of("ranker") == "error"
    assert canvas.scene.severity_of("monitor") == ""
    canvas.scene.set_findings([Finding("warning", ["monitor"])])
    assert canvas.scene.severity_of("client") == "" and canvas.scene.severity_of("monitor") == "warning"


def test_theme_switch(canvas) -> None:  # noqa: F811
    seen: list[str] = []
    canvas.scene.themeChanged.connect(seen.append)
    canvas.scene.theme_name = "dark"
    assert canvas.scene.theme.name == "dark" and seen == ["dark"]
    try:
        canvas.scene.theme_name = "sepia"
    except ValueError:
        pass
    else:
        raise AssertionError("an unknown theme must be refused")


def test_parallel_connectors_are_spread_apart(canvas) -> None:  # noqa: F811
    alone = canvas.scene.item_for("c1").line()
    canvas.editor.push(Connect(Connector(id="back", source="ranker", target="client", flow="data")))
    forward, back = canvas.scene.item_for("c1").line(), canvas.scene.item_for("back").line()
    assert abs(forward.p1().y() - back.p2().y()) > 4  # not drawn on top of each other
    canvas.editor.undo_stack.undo()
    assert forward != alone
    assert canvas.scene.item_for("c1").line() == alone  # centred again


def test_scene_rect_grows_around_content(canvas, qtbot) -> None:  # noqa: F811
    canvas.scene.place_block("cache", QPointF(5000, 4000))
    qtbot.waitUntil(lambda: canvas.scene.sceneRect().contains(QPointF(5500, 4500)))


def test_empty_document(qapp) -> None:
    scene = CanvasScene(Editor(Diagram()))
    assert scene.item_ids() == set() and scene.content_rect().isNull()
    scene.detach()


def test_deleting_a_selection_notifies_once(canvas, qtbot) -> None:  # noqa: F811
    canvas.scene.select_ids(["client", "ranker", "monitor", "c1"])
    received: list[list[str]] = []
    canvas.scene.idsSelected.connect(received.append)
    canvas.editor.push(RemoveItems(["client", "ranker", "monitor"]))
    qtbot.waitUntil(lambda: received == [[]])
    qtbot.wait(20)
    assert received == [[]]  # one notification for the four removed selected items, not four
    canvas.editor.undo_stack.undo()
    canvas.editor.replace(small_diagram(), None)
    assert_in_step(canvas.scene)
