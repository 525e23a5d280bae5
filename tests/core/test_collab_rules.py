"""The conflict rules of a live session (components/collab/projection.py), one race each, and the
binding's promises: one transaction per edit, remote edits outside the local undo stack, undo of
one's own edits only."""

from __future__ import annotations

import pytest
from pycrdt import Doc, Map

from components.collab.binding import LiveBinding
from components.commands import AddBlock, AddItems, Connect, MoveItems, Relabel, RemoveItems, SetProperty, SetTitle
from components.document import Document
from components.events import ChangeEvent
from components.model import Block, Connector, Diagram, Note
from tests.core.collab_peers import assert_converged, peer, send, session, sync_all


def _start() -> Diagram:
    return Diagram(blocks=[Block(id="a", kind="ranking", label="Ranker"), Block(id="b", kind="monitoring"),
                           Block(id="c", kind="cache")],
                   connectors=[Connector(id="ab", source="a", target="b", flow="observe")])


def test_a_joining_client_shows_the_published_design_in_one_rebuild() -> None:
    first = peer(_start())
    first.binding.publish()
    second = peer()
    heard: list[ChangeEvent] = []
    second.doc.events.subscribe(heard.append)
    send(first, second)
    assert second.text() == first.text()
    assert [b.id for b in second.doc.diagram.blocks] == ["a", "b", "c"]
    assert [e.action for e in heard] == ["reset"]


def test_a_delete_racing_an_edit_of_the_same_block_wins_everywhere() -> None:
    one, two = session(2, _start())
    assert one.push(RemoveItems(["a"]))
    assert two.push(Relabel("blocks", "a", "renamed meanwhile"))
    assert two.push(SetProperty("a", "p99_ms", 40.0))
    sync_all([one, two])
    assert_converged([one, two])
    assert not one.doc.has_id("a") and not one.doc.has_id("ab")


def test_a_connector_to_a_block_deleted_elsewhere_is_dropped_on_every_client_and_returns_on_undo() -> None:
    one, two = session(2, _start())
    assert one.push(RemoveItems(["c"]))
    assert two.push(Connect(Connector(id="ac", source="a", target="c", flow="request")))
    sync_all([one, two])
    assert_converged([one, two])
    assert not two.doc.has_id("ac") and "ac" in two.binding.hidden
    assert one.history.undo()  # the delete is undone: the block and the connector drawn to it meanwhile
    sync_all([one, two])
    assert_converged([one, two])
    assert two.doc.connector("ac").target == "c"


def test_the_same_new_id_on_two_clients_shows_one_element_everywhere() -> None:
    one, two = session(2, _start())
    assert one.push(AddBlock(Block(id="dup", kind="cache", label="from one")))
    assert two.push(AddBlock(Block(id="dup", kind="ranking", label="from two")))
    sync_all([one, two])
    assert_converged([one, two])
    assert len([b for b in one.doc.diagram.blocks if b.id == "dup"]) == 1


def test_an_id_used_in_two_collections_is_shown_as_the_block() -> None:
    one, two = session(2, _start())
    assert one.push(AddBlock(Block(id="z", kind="cache")))
    assert two.push(AddItems([("notes", Note(id="z", text="a note"))]))
    sync_all([one, two])
    assert_converged([one, two])
    assert one.doc.find("z")[0] == "blocks"


def test_the_same_connection_drawn_on_two_clients_is_shown_once() -> None:
    one, two = session(2, _start())
    assert one.push(Connect(Connector(id="x1", source="a", target="c", flow="data")))
    assert two.push(Connect(Connector(id="x2", source="a", target="c", flow="data")))
    sync_all([one, two])
    assert_converged([one, two])
    assert len(one.doc.connectors_of(["c"])) == 1


def test_different_fields_of_one_block_both_survive() -> None:
    one, two = session(2, _start())
    assert one.push(MoveItems({"a": (300.0, 40.0)}))
    assert two.push(Relabel("blocks", "a", "Two's name"))
    sync_all([one, two])
    assert_converged([one, two])
    block = one.doc.block("a")
    assert (block.x, block.y, block.label) == (300.0, 40.0, "Two's name")


def test_an_invalid_remote_write_is_hidden_on_every_client_and_never_reaches_the_model() -> None:
    one, two = session(2, _start())
    rogue = Doc()
    rogue.apply_update(one.binding.shared.ydoc.get_update())
    blocks = rogue.get("blocks", type=Map)
    with rogue.transaction():
        blocks["a"]["label"] = '{"not": "a string"}'  # valid JSON, wrong type
        blocks["bad"] = Map({"kind": '"no_such_kind"'})
        blocks["junk"] = "plain text where a map belongs"
        rogue.get("meta", type=Map)["title"] = "not json"
    for target in (one, two):
        target.binding.apply_update(rogue.get_update(target.binding.shared.ydoc.get_state()))
    assert_converged([one, two])
    assert not one.doc.has_id("a") and not one.doc.has_id("bad") and not one.doc.has_id("junk")
    assert one.doc.diagram.title == "Untitled design"
    assert {"a", "bad", "junk"} <= set(one.binding.hidden)


def test_each_local_edit_is_one_transaction_with_the_clients_origin() -> None:
    one, _ = session(2, _start())
    origins: list[object] = []
    one.binding.shared.ydoc.observe(lambda event: origins.append(event))
    before = one.binding.local_transactions
    assert one.push(RemoveItems(["a", "b"]))  # blocks, a connector: many document events
    assert one.binding.local_transactions == before + 1
    assert len(origins) == 1
    assert one.binding.undo_depth == 1


def test_remote_edits_reach_the_model_through_events_and_never_the_local_undo_stack() -> None:
    one, two = session(2, _start())
    heard: list[ChangeEvent] = []
    two.doc.events.subscribe(heard.append)
    assert one.push(Relabel("blocks", "b", "Monitor"))
    send(one, two)
    assert [(e.action, e.item_id, e.fields) for e in heard] == [("changed", "b", ("label",))]
    assert not two.history.can_undo and two.binding.undo_depth == 0


def test_undo_takes_back_only_ones_own_edits() -> None:
    one, two = session(2, _start())
    assert one.push(SetTitle("One's title"))
    assert two.push(AddBlock(Block(id="t", kind="cache")))
    sync_all([one, two])
    assert one.history.undo()
    sync_all([one, two])
    assert_converged([one, two])
    assert one.doc.diagram.title == "Untitled design" and one.doc.has_id("t")
    assert one.history.redo()
    sync_all([one, two])
    assert two.doc.diagram.title == "One's title"


def test_merged_moves_undo_as_one_step() -> None:
    one, two = session(2, _start())
    for x in (10.0, 20.0, 30.0):
        assert one.push(MoveItems({"a": (x, 0.0)}))
    assert one.binding.undo_depth == 3
    assert one.history.undo()
    assert not one.history.can_undo
    sync_all([one, two])
    assert (two.doc.block("a").x, one.doc.block("a").x) == (0.0, 0.0)


def test_offline_edits_on_both_sides_merge_when_they_meet_again() -> None:
    one, two, three = session(3, _start())
    for index in range(5):
        assert one.push(AddBlock(Block(id=f"one{index}", kind="cache")))
        assert two.push(MoveItems({"a": (index * 10.0, 0.0)}))
    assert three.push(RemoveItems(["b"]))
    sync_all([one, two, three])
    assert_converged([one, two, three])
    assert len(one.doc.diagram.blocks) == 2 + 5


def test_new_ids_carry_the_clients_tag_so_two_clients_never_mint_the_same() -> None:
    one, two = session(2, _start())
    assert one.doc.new_id("ranking") != two.doc.new_id("ranking")
    one.binding.close()
    assert one.doc.new_id("ranking") == "ranking_5"


def test_closing_keeps_the_local_copy_and_stops_following() -> None:
    one, two = session(2, _start())
    two.binding.close()
    assert one.push(SetTitle("changed after leaving"))
    send(one, two)
    assert two.doc.diagram.title == "Untitled design" and len(two.doc.diagram.blocks) == 3


def test_a_local_document_replacement_rewrites_the_shared_design() -> None:
    one, two = session(2, _start())
    one.doc.replace(Diagram(blocks=[Block(id="only", kind="cache")]))
    send(one, two)
    assert_converged([one, two])
    assert [b.id for b in two.doc.diagram.blocks] == ["only"]


def test_a_binding_on_an_existing_document_publishes_it_whole() -> None:
    doc = Document(_start())
    binding = LiveBinding(doc)
    binding.publish()
    other = peer()
    other.binding.apply_update(binding.shared.ydoc.get_update())
    assert other.text() == peer(_start()).text()


def test_a_local_edit_that_revives_a_hidden_connector_shows_it_locally_too() -> None:
    one, two = session(2, _start())
    assert one.push(RemoveItems(["c"]))
    assert two.push(Connect(Connector(id="ac", source="a", target="c", flow="request")))
    sync_all([one, two])
    assert two.push(AddBlock(Block(id="c", kind="cache", label="again")))  # the id comes back
    assert two.doc.connector("ac").target == "c"
    sync_all([one, two])
    assert_converged([one, two])


def test_a_refused_macro_that_changed_and_restored_things_writes_nothing() -> None:
    from components.commands import Macro

    one, _ = session(2, _start())
    depth, written = one.binding.undo_depth, one.binding.local_transactions
    failing = Macro("Two things", [Relabel("blocks", "a", "changed"), Relabel("blocks", "no-such-block", "x")])
    with pytest.raises(KeyError):
        one.history.push(failing)
    assert one.doc.block("a").label == "Ranker"
    assert (one.binding.undo_depth, one.binding.local_transactions) == (depth, written)


def test_the_estimate_inputs_are_shared_and_can_be_cleared() -> None:
    from components.commands.settings import SetEstimates
    from components.model.estimates import EstimateInputs

    one, two = session(2, _start())
    assert one.push(SetEstimates(EstimateInputs(requests_per_user_per_day=12, embedding_dim=256)))
    sync_all([one, two])
    assert_converged([one, two])
    assert two.doc.diagram.estimates is not None and two.doc.diagram.estimates.embedding_dim == 256
    assert two.push(SetEstimates(None))
    sync_all([one, two])
    assert one.doc.diagram.estimates is None
