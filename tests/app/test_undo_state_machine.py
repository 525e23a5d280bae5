"""Undo that holds: hypothesis drives the real editor (scene + QUndoStack, offscreen) with random edits,
undo and redo, and after every step checks it against a plain core model replaying the same commands.

The canvas's own operations build the commands (place, delete, nudge, rename, paste, group, note,
layout, reverse connectors, change kind, connector styles and the design's default, waypoints); every command the editor accepts is deep-copied before it runs and pushed onto a
``components.commands.History`` over a separate ``Document``. After each step the two documents
must save to the same JSON, the undo/redo availability must agree, and the scene must hold
exactly one item per model element, blocks at their model positions, elbow connectors along the
route the exporter finds from the model. Sized to about a minute;
``MLSD_HYPOTHESIS_PROFILE=nightly`` runs ten times as many programs.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QGuiApplication

from app.canvas import operations
from app.canvas.items import BlockItem, ConnectorItem
from app.canvas.scene import CanvasScene
from app.editor import Editor
from components import style
from components.catalog import KINDS, default_flow
from components.commands import Command, Connect, History, SetProperty, SetWaypoints
from components.document import Document
from components.export import elbow
from components.export.geometry import parallel_offsets
from components.io import dumps
from components.layout import auto_layout, layout_command
from components.model import Connector, Diagram
from components.synthetic import synthetic_diagram

KIND_NAMES = sorted(KINDS)
LABELS = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=30)
STEPS = 35
PROGRAMS = max(settings.default.max_examples * 3, 300)


def _layout_command(doc: Document) -> Command | None:
    """The auto-layout command for the whole design (built-in engine: no process per step); None when
    the layout would move nothing."""
    result = auto_layout(doc.diagram, engine="builtin")
    if not result.positions and not result.groups:
        return None
    return layout_command(doc, result)


class EditorMachine(RuleBasedStateMachine):
    """The app's editor and a plain replay of the same commands, side by side."""

    def __init__(self) -> None:
        super().__init__()
        start = synthetic_diagram(8, seed=4)
        self.editor = Editor(start.model_copy(deep=True))
        self.scene = CanvasScene(self.editor)
        self.reference = Document(Diagram.model_validate(start.model_dump()))
        self.history = History(self.reference)
        self.last_moved: list[str] = []
        self.layout_moves = True
        QGuiApplication.clipboard().clear()  # each program starts with nothing to paste
        self._real_push = self.editor.push
        self.editor.push = self._recording_push  # type: ignore[method-assign]  # records every push the machine makes

    def _recording_push(self, command: Command) -> bool:
        before = copy.deepcopy(command)  # as it was handed over, not yet applied
        accepted = self._real_push(command)
        if accepted:
            self.history.push(before)
        return accepted

    def teardown(self) -> None:
        self.scene.detach()
        self.scene.deleteLater()
        self.editor.deleteLater()

    # ----- picking things --------------------------------------------------------------------------
    def _ids(self, collection: str) -> list[str]:
        return [item.id for item in getattr(self.editor.doc.diagram, collection)]

    def _all_ids(self) -> list[str]:
        return [i for name in ("blocks", "connectors", "notes", "groups") for i in self._ids(name)]

    def _pick(self, data: Any, ids: list[str], at_most: int = 3) -> list[str]:
        if not ids:
            return []
        return data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=at_most, unique=True))

    def has_blocks(self) -> bool:
        return bool(self.editor.doc.diagram.blocks)

    # ----- edits -----------------------------------------------------------------------------------
    @rule(kind=st.sampled_from(KIND_NAMES), x=st.integers(-2000, 2000), y=st.integers(-2000, 2000))
    def add_block(self, kind: str, x: int, y: int) -> None:
        assert self.scene.place_block(kind, QPointF(x, y)) is not None

    @precondition(lambda self: bool(self._all_ids()))
    @rule(data=st.data())
    def remove(self, data: Any) -> None:
        operations.delete(self.editor, self._pick(data, self._all_ids()))

    @precondition(has_blocks)
    @rule(data=st.data(), dx=st.integers(-300, 300), dy=st.integers(-300, 300), run=st.none() | st.just(0))
    def move(self, data: Any, dx: int, dy: int, run: int | None) -> None:
        ids = self._pick(data, self._ids("blocks") + self._ids("notes") + self._ids("groups"))
        operations.nudge(self.editor, ids, dx, dy, run)
        self.last_moved = ids

    @precondition(lambda self: bool(self.last_moved))
    @rule(dx=st.integers(-50, 50), dy=st.integers(-50, 50), run=st.none() | st.just(0))
    def move_again(self, dx: int, dy: int, run: int | None) -> None:
        """The same elements once more: what may merge with the earlier move (and must not after undo)."""
        operations.nudge(self.editor, [i for i in self.last_moved if self.editor.doc.has_id(i)], dx, dy, run)

    @precondition(has_blocks)
    @rule(data=st.data())
    def connect(self, data: Any) -> None:
        blocks = self._ids("blocks")
        source, target = data.draw(st.sampled_from(blocks)), data.draw(st.sampled_from(blocks))
        doc = self.editor.doc
        flow = default_flow(doc.block(source).kind, doc.block(target).kind)
        self.editor.push(Connect(Connector(id=doc.new_id("c"), source=source, target=target, flow=flow)))

    @precondition(lambda self: bool(self._all_ids()))
    @rule(data=st.data(), text=LABELS)
    def relabel(self, data: Any, text: str) -> None:
        [item_id] = self._pick(data, self._all_ids(), 1)
        operations.rename(self.editor, item_id, text)

    @precondition(has_blocks)
    @rule(data=st.data(), value=st.none() | st.floats(0, 5000, allow_nan=False) | st.integers(-5, 5000))
    def set_property(self, data: Any, value: float | None) -> None:
        [block_id] = self._pick(data, self._ids("blocks"), 1)
        self.editor.push(SetProperty(block_id, "p99_ms", value))  # negative values must be refused

    @precondition(lambda self: bool(self._all_ids()))
    @rule(data=st.data(), at=st.none() | st.tuples(st.integers(-1500, 1500), st.integers(-1500, 1500)))
    def copy_paste(self, data: Any, at: tuple[int, int] | None) -> None:
        operations.copy(self.editor, self._pick(data, self._all_ids(), 4))
        self.scene.paste(QPointF(*at) if at else None)

    @precondition(has_blocks)
    @rule(data=st.data())
    def group(self, data: Any) -> None:
        self.scene.select_ids(self._pick(data, self._ids("blocks")))
        self.scene.group_selection()

    @rule(x=st.integers(-1000, 1000), y=st.integers(-1000, 1000), text=LABELS)
    def add_note(self, x: int, y: int, text: str) -> None:
        self.scene.add_note(QPointF(x, y), text)

    @precondition(lambda self: self.layout_moves and len(self.editor.doc.diagram.blocks) > 1)
    @rule()
    def layout(self) -> None:
        command = _layout_command(self.editor.doc)
        if command is None:
            self.layout_moves = False
            return
        self.editor.push(command)

    @precondition(lambda self: bool(self._ids("connectors")))
    @rule(data=st.data())
    def reverse(self, data: Any) -> None:
        """Reverse connectors (self-loops and would-be twins are refused, changing nothing)."""
        self.scene.reverse(self._pick(data, self._ids("connectors")))

    @precondition(has_blocks)
    @rule(data=st.data(), kind=st.sampled_from(KIND_NAMES))
    def change_kind(self, data: Any, kind: str) -> None:
        """Turn blocks into another kind: their items redraw, connectors follow a new default size."""
        self.scene.change_kind(self._pick(data, self._ids("blocks")), kind)

    @precondition(lambda self: bool(self._ids("connectors")))
    @rule(data=st.data(), style=st.sampled_from([None, "straight", "elbow"]))
    def connector_style(self, data: Any, style: str | None) -> None:
        """Draw connectors straight, elbow or as the design says (a change of shape, not of ends)."""
        self.scene.set_connector_style(self._pick(data, self._ids("connectors")), style)  # type: ignore[arg-type]  # drawn from the vocabulary

    @rule(style=st.sampled_from(["straight", "elbow"]))
    def default_style(self, style: str) -> None:
        self.scene.set_default_style(style)  # type: ignore[arg-type]  # drawn from the vocabulary

    @precondition(lambda self: bool(self._ids("connectors")))
    @rule(data=st.data(), points=st.lists(st.tuples(st.integers(-1500, 1500), st.integers(-1500, 1500)), max_size=3))
    def waypoints(self, data: Any, points: list[tuple[int, int]]) -> None:
        """Bend a connector (or take its bends away): what a waypoint drag pushes."""
        [connector_id] = self._pick(data, self._ids("connectors"), 1)
        self.editor.push(SetWaypoints(connector_id, points, "Move waypoint"))

    @rule()
    def undo(self) -> None:
        assert self.editor.undo_stack.canUndo() == self.history.can_undo
        self.editor.undo_stack.undo()
        self.history.undo()

    @rule()
    def redo(self) -> None:
        assert self.editor.undo_stack.canRedo() == self.history.can_redo
        self.editor.undo_stack.redo()
        self.history.redo()

    # ----- what must hold after every step ---------------------------------------------------------
    @invariant()
    def same_document_as_plain_replay(self) -> None:
        assert dumps(self.editor.doc.diagram) == dumps(self.reference.diagram)
        assert self.editor.undo_stack.canUndo() == self.history.can_undo
        assert self.editor.undo_stack.canRedo() == self.history.can_redo
        # Same number of undo steps: merges happen exactly where the core History merges.
        assert self.editor.undo_stack.index() == len(self.history._done)

    @invariant()
    def scene_shows_exactly_the_model(self) -> None:
        diagram = self.editor.doc.diagram
        items = [item for item in self.scene.items() if isinstance(item, (BlockItem, ConnectorItem))]
        shown_blocks = sorted(item.item_id for item in items if isinstance(item, BlockItem))
        shown_connectors = sorted(item.item_id for item in items if isinstance(item, ConnectorItem))
        assert shown_blocks == sorted(b.id for b in diagram.blocks)
        assert shown_connectors == sorted(c.id for c in diagram.connectors)
        assert self.scene.item_ids() == set(self._all_ids())
        for block in diagram.blocks:
            item = self.scene.item_for(block.id)
            assert item is not None and (item.pos().x(), item.pos().y()) == (block.x, block.y)
            assert (item.frame().width(), item.frame().height()) == style.block_size(block.kind, block.width,
                                                                                     block.height)
        for connector in diagram.connectors:
            item = self.scene.item_for(connector.id)
            assert isinstance(item, ConnectorItem) and item.ends == (connector.source, connector.target)
            self._same_route_as_the_export(item, connector)
            if connector.source != connector.target and item.line().length() > 0:  # it meets both blocks' borders
                line = item.line()  # (rounded corners: within a few units of the bounding box's edge)
                route = item.route()
                start = QPointF(*route.points[0]) if route is not None else line.p1()  # an elbow's last segment
                for end, point in ((connector.source, start), (connector.target, line.p2())):  # is its line()
                    assert _off_border(self.scene.item_for(end).scene_frame(), point) < 4.0, (connector.id, end)


    def _same_route_as_the_export(self, item: ConnectorItem, connector: Connector) -> None:
        """An elbow connector is drawn along the route the exporter finds from the model; a straight one
        has none."""
        self.scene.settle_routes()
        diagram = self.editor.doc.diagram
        if not elbow.is_elbow(diagram, connector):
            assert item.route() is None, connector.id
            return
        rects = {b.id: elbow.block_rect(b) for b in diagram.blocks}
        offset = parallel_offsets((c.id, c.source, c.target) for c in diagram.connectors).get(connector.id, 0.0)
        expected = elbow.connector_route(connector, rects[connector.source], rects[connector.target],
                                         elbow.Blocks(rects.items()), offset)
        route = item.route()
        assert route is not None and route.points == expected.points, connector.id


def _off_border(frame: QRectF, point: QPointF) -> float:
    """How far a point is from a rectangle's border."""
    dx = max(frame.left() - point.x(), 0.0, point.x() - frame.right())
    dy = max(frame.top() - point.y(), 0.0, point.y() - frame.bottom())
    if dx or dy:
        return (dx * dx + dy * dy) ** 0.5
    return min(point.x() - frame.left(), frame.right() - point.x(), point.y() - frame.top(), frame.bottom() - point.y())


TestEditorUndo = EditorMachine.TestCase
TestEditorUndo.settings = settings(max_examples=PROGRAMS, stateful_step_count=STEPS, deadline=None,
                                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@pytest.fixture(autouse=True)
def _qt(qapp: Any) -> None:
    """The scene and the clipboard need a QApplication."""


def test_an_edit_after_undo_is_its_own_step() -> None:
    """Found while building the machine above: QUndoStack merged a move made after an undo into the
    move *below* the undone step, so the next undo took back both moves. The editor now merges only
    into the step pushed just before, as core History does."""
    machine = EditorMachine()
    try:
        block = machine._ids("blocks")[0]
        start = machine.editor.doc.block(block).x
        operations.nudge(machine.editor, [block], 10, 0)
        operations.rename(machine.editor, machine._ids("blocks")[1], "renamed")
        machine.undo()  # the editor's stack and the plain History both
        operations.nudge(machine.editor, [block], 5, 0)
        assert machine.editor.undo_stack.index() == 2
        machine.undo()
        assert machine.editor.doc.block(block).x == start + 10
        machine.same_document_as_plain_replay()
        operations.nudge(machine.editor, [block], 1, 0)
        operations.nudge(machine.editor, [block], 1, 0)  # consecutive nudges still merge
        assert machine.editor.undo_stack.index() == 2
    finally:
        machine.teardown()
