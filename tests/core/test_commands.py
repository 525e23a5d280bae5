"""Edits as commands: each undoes exactly; random sequences undo to the original and redo to the end."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.commands import (
    AddBlock,
    Connect,
    History,
    Macro,
    MoveItems,
    Relabel,
    RemoveItems,
    SetConnectorDefault,
    SetFlow,
    SetProperty,
    SetTitle,
    SetWaypoints,
    UpdateItem,
)
from components.document import Document, EditError
from components.events import ChangeEvent
from components.io import dumps
from components.model import Block, Connector, Diagram, Group, Note
from tests.strategies import command_for, diagrams


def _doc() -> Document:
    return Document(Diagram(
        blocks=[Block(id="a", kind="ranking", label="Ranking"), Block(id="b", kind="monitoring"),
                Block(id="c", kind="cache")],
        connectors=[Connector(id="ab", source="a", target="b", flow="observe"),
                    Connector(id="ca", source="c", target="a", flow="request")],
        groups=[Group(id="g", members=["a", "c"])],
        notes=[Note(id="n", text="hello")],
    ))


def test_remove_block_takes_connectors_and_undo_restores_positions() -> None:
    doc = _doc()
    before = dumps(doc.diagram)
    history = History(doc)
    history.push(RemoveItems(["a"]))
    assert [b.id for b in doc.diagram.blocks] == ["b", "c"]
    assert doc.diagram.connectors == []
    assert doc.diagram.groups[0].members == ["c"]
    history.undo()
    assert dumps(doc.diagram) == before


def test_consecutive_moves_of_same_selection_merge() -> None:
    doc = _doc()
    history = History(doc)
    for _ in range(5):
        history.push(MoveItems.by(doc, ["a", "c"], 10, 0))
    assert doc.block("a").x == 50
    history.undo()
    assert doc.block("a").x == 0 and doc.block("c").x == 0
    assert not history.can_undo


def test_moves_of_different_selections_do_not_merge() -> None:
    doc = _doc()
    history = History(doc)
    history.push(MoveItems.by(doc, ["a"], 10, 0))
    history.push(MoveItems.by(doc, ["c"], 10, 0))
    history.undo()
    assert doc.block("a").x == 10 and doc.block("c").x == 0


def test_refused_edit_changes_nothing() -> None:
    doc = _doc()
    before = dumps(doc.diagram)
    history = History(doc)
    for command in (SetProperty("a", "p99_ms", -1), SetProperty("a", "nonsense", 1),
                    UpdateItem("blocks", "a", {"x": float("nan")}), Connect(Connector(id="a", source="a", target="b")),
                    Connect(Connector(id="new", source="a", target="ghost")), SetFlow("ab", "telepathy"),
                    AddBlock(Block(id="b", kind="cache"))):
        with pytest.raises(EditError):
            history.push(command)
    assert dumps(doc.diagram) == before
    assert not history.can_undo


def test_an_identical_connector_is_refused_and_a_different_one_is_not() -> None:
    """Issue 12: a second a -> b observe connector was accepted silently (and drawn under the first)."""
    doc = _doc()
    history = History(doc)
    with pytest.raises(EditError, match="Ranking → b is already connected \\(observe flow\\)"):
        history.push(Connect(Connector(id="again", source="a", target="b", flow="observe")))
    history.push(Connect(Connector(id="data", source="a", target="b", flow="data")))  # another flow
    history.push(Connect(Connector(id="back", source="b", target="a", flow="observe")))  # the other way
    with pytest.raises(EditError, match="already connected"):
        history.push(SetFlow("data", "observe"))  # nor can a flow change make one
    assert [c.id for c in doc.diagram.connectors] == ["ab", "ca", "data", "back"]
    history.push(SetFlow("ab", "observe"))  # setting a connector's own flow again is no duplicate


def test_events_describe_changes() -> None:
    doc = _doc()
    seen: list[ChangeEvent] = []
    doc.events.subscribe(seen.append)
    History(doc).push(Macro("two", [Relabel("blocks", "a", "Ranker"), SetProperty("a", "p99_ms", 40)]))
    assert [(e.action, e.item_id, e.fields) for e in seen] == [
        ("changed", "a", ("label",)), ("changed", "a", ("props.p99_ms",)),
    ]


def test_history_clean_state() -> None:
    doc = _doc()
    history = History(doc)
    assert history.is_clean
    history.push(SetTitle("X"))
    assert not history.is_clean
    history.set_clean()
    assert history.is_clean
    history.undo()
    assert not history.is_clean
    history.redo()
    assert history.is_clean


def _twins(doc: Document) -> int:
    """How many connectors repeat another's source, target and flow."""
    ends = [(c.source, c.target, c.flow) for c in doc.diagram.connectors]
    return len(ends) - len(set(ends))


@settings(max_examples=60)
@given(st.data(), diagrams(max_blocks=6))
def test_random_sequences_undo_to_original_and_redo_to_final(data: st.DataObject, start: Diagram) -> None:
    doc = Document(start.model_copy(deep=True))
    history = History(doc)
    original = dumps(doc.diagram)
    for _ in range(data.draw(st.integers(1, 25))):
        command = data.draw(command_for(doc))
        before = dumps(doc.diagram)
        twins = _twins(doc)
        try:
            history.push(command)
        except EditError:
            assert dumps(doc.diagram) == before, "a refused edit must change nothing"
        assert _twins(doc) <= twins, "no edit makes two identical connectors"
    final = dumps(doc.diagram)
    while history.undo():
        pass
    assert dumps(doc.diagram) == original
    while history.redo():
        pass
    assert dumps(doc.diagram) == final


def test_waypoints_ride_along_when_both_ends_move_by_one_offset_and_undo_puts_them_back() -> None:
    doc = _doc()
    history = History(doc)
    history.push(SetWaypoints("ab", [(10, 20), (30, 40)]))
    history.push(SetWaypoints("ca", [(5, 5)]))
    before = dumps(doc.diagram)
    history.push(MoveItems.by(doc, ["a", "b"], 100, 50))  # both ends of ab; one end of ca
    assert [(w.x, w.y) for w in doc.connector("ab").waypoints] == [(110, 70), (130, 90)]
    assert [(w.x, w.y) for w in doc.connector("ca").waypoints] == [(5, 5)]
    history.push(MoveItems.by(doc, ["a", "b"], 1, 1))  # merges with the move before
    assert [(w.x, w.y) for w in doc.connector("ab").waypoints] == [(111, 71), (131, 91)]
    history.undo()
    assert dumps(doc.diagram) == before


def test_the_design_default_style_is_one_undoable_setting_and_straight_is_its_absence() -> None:
    doc = _doc()
    history = History(doc)
    history.push(SetConnectorDefault("elbow"))
    assert doc.diagram.connector_style == "elbow"
    history.push(SetConnectorDefault("straight"))
    assert doc.diagram.connector_style is None and "connector_style" not in dumps(doc.diagram)
    history.undo()
    assert doc.diagram.connector_style == "elbow"


def test_removing_a_connected_block_alone_is_refused_without_change() -> None:
    doc = _doc()
    before = dumps(doc.diagram)
    with pytest.raises(EditError, match="still has connectors"):
        doc.remove("blocks", "a")
    assert dumps(doc.diagram) == before
    assert doc.block("a").id == "a"


def test_merged_moves_redo_the_waypoints_they_carried_exactly() -> None:
    """Found by the random sequences: a redo of two merged moves shifted the waypoints once by the sum
    of the offsets, and 1 + (a - 0.92) + (b - a) is not 1 + (b - 0.92) in floating point."""
    doc = Document(Diagram(blocks=[Block(id="b0", kind="alerting", y=0.92)],
                           connectors=[Connector(id="c0", source="b0", target="b0")]))
    history = History(doc)
    history.push(SetWaypoints("c0", [(0, 1)]))
    for dy in (0.3, 0.45):
        history.push(MoveItems.by(doc, ["b0"], 0, dy))
    final = dumps(doc.diagram)
    while history.undo():
        pass
    while history.redo():
        pass
    assert dumps(doc.diagram) == final
