"""Reverse connectors and change a block's kind: exact undo, what carries over, what is refused (random
sequences mixing them with every other edit are in test_commands.py)."""

from __future__ import annotations

from typing import Literal, get_args, get_origin

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.commands import ChangeKind, History, ReverseConnectors, carry_props
from components.document import Document, EditError
from components.io import dumps
from components.model import Block, Connector, Diagram, Group, props_model
from tests.strategies import KIND_IDS


def _doc() -> Document:
    return Document(Diagram(
        blocks=[Block(id="fp", kind="feature_pipeline", label="Feature pipeline", notes="hourly job",
                      tradeoffs="batch is cheaper", props={"mode": "streaming", "p99_ms": 30}),
                Block(id="rank", kind="ranking", label="Ranker", width=240, props={"mode": "batch"}),
                Block(id="store", kind="data_store", label="Warehouse", props={"store_type": "kv"})],
        connectors=[Connector(id="a", source="fp", target="rank", flow="data", label="features"),
                    Connector(id="b", source="rank", target="fp", flow="feedback"),
                    Connector(id="loop", source="store", target="store", flow="data")],
        groups=[Group(id="g", members=["fp", "rank"])],
    ))


def test_reverse_swaps_the_ends_and_keeps_flow_and_label() -> None:
    doc = _doc()
    before = dumps(doc.diagram)
    history = History(doc)
    history.push(ReverseConnectors(["a"]))
    connector = doc.connector("a")
    assert (connector.source, connector.target, connector.flow, connector.label) == ("rank", "fp", "data", "features")
    assert doc.connector_ids_of(["store"]) == {"loop"}  # the index of touching connectors followed
    history.undo()
    assert dumps(doc.diagram) == before


def test_reversing_into_a_twin_is_refused_but_two_opposites_trade_places() -> None:
    doc = _doc()
    history = History(doc)
    history.push(ReverseConnectors(["b"]))  # rank -> fp feedback becomes fp -> rank feedback: no twin
    doc2 = Document(Diagram(blocks=[Block(id="x", kind="cache"), Block(id="y", kind="cache")],
                            connectors=[Connector(id="xy", source="x", target="y"),
                                        Connector(id="yx", source="y", target="x")]))
    before = dumps(doc2.diagram)
    with pytest.raises(EditError, match="already connected"):
        History(doc2).push(ReverseConnectors(["xy"]))
    assert dumps(doc2.diagram) == before
    History(doc2).push(ReverseConnectors(["xy", "yx"]))
    assert {(c.id, c.source) for c in doc2.diagram.connectors} == {("xy", "y"), ("yx", "x")}


def test_a_self_loop_or_a_block_cannot_be_reversed() -> None:
    doc = _doc()
    with pytest.raises(EditError, match="no direction"):
        History(doc).push(ReverseConnectors(["loop"]))
    with pytest.raises(EditError, match="not a connector"):
        History(doc).push(ReverseConnectors(["fp"]))


def test_change_kind_keeps_label_notes_place_size_connectors_and_groups() -> None:
    doc = _doc()
    before = dumps(doc.diagram)
    history = History(doc)
    command = ChangeKind("rank", "inference_service")
    history.push(command)
    block = doc.block("rank")
    assert (block.kind, block.label, block.width) == ("inference_service", "Ranker", 240)
    assert block.props.mode == "batch"  # both kinds have a serving mode: carried
    assert command.dropped == []
    assert doc.connector_ids_of(["rank"]) == {"a", "b"}
    assert doc.diagram.groups[0].members == ["fp", "rank"]
    history.undo()
    assert dumps(doc.diagram) == before


def test_change_kind_drops_what_the_new_kind_cannot_hold_and_says_so() -> None:
    doc = _doc()
    history = History(doc)
    command = ChangeKind("fp", "inference_service")
    history.push(command)
    block = doc.block("fp")
    assert block.props.mode == "online"  # "streaming" is no serving mode: the default instead
    assert block.props.p99_ms == 30  # every kind has p99_ms
    assert command.dropped == ["Mode (streaming)"]
    assert "dropped" in command.message() and "Mode (streaming)" in command.message()
    assert (block.notes, block.tradeoffs) == ("hourly job", "batch is cheaper")
    assert block.label == "Inference service"  # it only named the old kind
    history.push(ChangeKind("store", "cache"))
    assert doc.block("store").label == "Warehouse"  # a label of the user's own stays


def test_change_kind_refuses_the_same_kind_and_unknown_kinds() -> None:
    doc = _doc()
    before = dumps(doc.diagram)
    for command in (ChangeKind("rank", "ranking"), ChangeKind("rank", "telepathy"), ChangeKind("a", "cache"),
                    ChangeKind("ghost", "cache")):
        with pytest.raises(EditError):
            History(doc).push(command)
    assert dumps(doc.diagram) == before


def test_change_kind_announces_the_new_size_so_connectors_follow() -> None:
    doc = _doc()
    seen = []
    doc.events.subscribe(seen.append)
    History(doc).push(ChangeKind("store", "client"))  # a client's default size is smaller
    assert {"kind", "props", "width", "height"} <= set(seen[0].fields)


@settings(max_examples=200)
@given(old=st.sampled_from(KIND_IDS), new=st.sampled_from(KIND_IDS), data=st.data())
def test_carried_props_are_valid_and_keep_every_value_the_new_kind_accepts(old: str, new: str,
                                                                         data: st.DataObject) -> None:
    model = props_model(old)
    values = {}
    for name, field in model.model_fields.items():
        if name == "p99_ms":
            values[name] = data.draw(st.none() | st.floats(0, 1000, allow_nan=False))
        elif get_origin(field.annotation) is Literal:  # mode, tier, store type, cadence, strategy
            values[name] = data.draw(st.sampled_from(get_args(field.annotation)))
        else:
            values[name] = field.get_default(call_default_factory=True)
    props = model.model_validate(values, strict=True)
    carried, lost = carry_props(props, new)
    assert isinstance(carried, props_model(new))
    defaults = model().model_dump()
    for name, value in props.model_dump().items():
        title = model.model_fields[name].title or name
        kept = name in props_model(new).model_fields and getattr(carried, name) == value
        # whatever the user set and the new kind cannot hold is named; a default left behind is not news
        assert any(entry.startswith(f"{title} (") for entry in lost) == (not kept and value != defaults[name])
    assert carried.p99_ms == props.p99_ms
