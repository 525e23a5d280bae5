"""Layers by stage and by part: which blocks each holds, how states combine, connectors follow."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.catalog import KINDS
from components.layers import LAYER_IDS, PARTS, VISIBILITIES, LayerView, block_layers, block_part, parse_layers
from components.model import Block, Connector, Diagram, props_model
from tests.strategies import diagrams


def _block(block_id: str, kind: str, **props: object) -> Block:
    return Block(id=block_id, kind=kind, props=props_model(kind)(**props))


@pytest.mark.parametrize(("kind", "props", "part"), [
    ("client", {}, "online"),
    ("ranking", {}, "online"),
    ("ranking", {"mode": "batch"}, "offline"),
    ("candidate_generation", {"uses_model": False}, "online"),  # rule-based retrieval still answers requests
    ("feature_store", {"tier": "online"}, "online"),
    ("feature_store", {}, "offline"),
    ("data_store", {"store_type": "kv"}, "online"),
    ("data_store", {}, "offline"),
    ("feature_pipeline", {"mode": "streaming"}, "offline"),
    ("logging", {}, "monitoring"),
    ("alerting", {}, "monitoring"),
    ("orchestrator", {}, "offline"),  # stage 7, but it schedules the offline jobs
    ("model_registry", {}, "offline"),
    ("custom", {}, None),
])
def test_each_kind_belongs_to_the_part_it_plays(kind: str, props: dict[str, object], part: str | None) -> None:
    assert block_part(kind, props_model(kind)(**props)) == part


def test_every_kind_has_a_stage_layer_and_all_but_custom_a_part() -> None:
    for kind in KINDS:
        layers = block_layers(_block("b", kind))
        assert layers[0] in LAYER_IDS and all(layer in LAYER_IDS for layer in layers)
        assert (len(layers) == 1) == (kind == "custom")


def test_hidden_wins_over_dimmed_and_connectors_follow_their_ends() -> None:
    diagram = Diagram(blocks=[_block("mon", "monitoring"), _block("rank", "ranking"), _block("train", "training_pipeline")],
                      connectors=[Connector(id="obs", source="rank", target="mon", flow="observe"),
                                  Connector(id="model", source="train", target="rank", flow="model")])
    view = LayerView({"stage-7": "hidden", "online": "dimmed"})
    resolved = view.resolve(diagram)
    assert resolved.hidden == {"mon", "obs"}
    assert resolved.dimmed == {"rank", "model"}
    both = LayerView({"stage-6": "dimmed", "online": "hidden"}).resolve(diagram)
    assert "rank" in both.hidden and "rank" not in both.dimmed


def test_a_plain_view_changes_nothing_and_unknown_layers_are_refused() -> None:
    assert LayerView().is_plain and LayerView({"online": "shown"}).is_plain
    assert LayerView().resolve(Diagram(blocks=[_block("a", "client")])).hidden == frozenset()
    with pytest.raises(ValueError, match="unknown layer 'stage-2'"):
        LayerView({"stage-2": "hidden"})
    with pytest.raises(ValueError, match="unknown visibility"):
        LayerView({"online": "faint"})  # type: ignore[dict-item]  # the wrong value on purpose


def test_parse_takes_ids_and_stage_numbers_and_hiding_wins() -> None:
    view = parse_layers(hide=["7", "online"], dim=["offline", "online"])
    assert view.states == {"stage-7": "hidden", "online": "hidden", "offline": "dimmed"}
    with pytest.raises(ValueError, match="unknown layer"):
        parse_layers(hide=["nonsense"])


@settings(max_examples=80)
@given(diagrams(max_blocks=10), st.dictionaries(st.sampled_from(LAYER_IDS), st.sampled_from(VISIBILITIES)))
def test_resolution_is_consistent_for_any_design_and_view(diagram: Diagram, states: dict[str, str]) -> None:
    view = LayerView(states)  # type: ignore[arg-type]  # hypothesis draws from VISIBILITIES
    resolved = view.resolve(diagram)
    assert not resolved.hidden & resolved.dimmed
    for block in diagram.blocks:
        seen = {view.state(layer) for layer in block_layers(block)}
        assert (block.id in resolved.hidden) == ("hidden" in seen)
        assert (block.id in resolved.dimmed) == ("hidden" not in seen and "dimmed" in seen)
    for connector in diagram.connectors:
        ends = {connector.source, connector.target}
        assert (connector.id in resolved.hidden) == bool(ends & resolved.hidden)
    assert set(PARTS) <= set(LAYER_IDS)


def test_only_shows_one_layer_of_its_group_and_leaves_the_other_group_alone() -> None:
    from components.layers import PART_LAYERS, STAGE_LAYERS

    view = LayerView({"online": "dimmed"}).only("stage-6", STAGE_LAYERS)
    assert view.state("stage-6") == "shown" and view.state("stage-3") == "hidden" and view.state("custom") == "hidden"
    assert view.state("online") == "dimmed"
    assert view.only("offline", PART_LAYERS).states["online"] == "hidden"


def test_a_view_is_summed_up_in_words_with_the_right_plurals() -> None:
    assert LayerView().summary() == "all layers shown"
    assert LayerView({"stage-7": "hidden"}).summary() == "1 layer hidden"
    assert LayerView({"stage-3": "hidden", "stage-4": "hidden", "online": "dimmed"}).summary() == (
        "2 layers hidden and 1 layer dimmed")
