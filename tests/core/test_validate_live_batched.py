"""Live validation with several edits before one update (a collaborator's sync, a burst of edits before
the window's validator runs) equals a full validation: found by an independent review (a removal and an
addition of one step in one update raised KeyError in the step coverage)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.collab.reconcile import reconcile
from components.commands import AddBlock, ChangeKind, History, RemoveItems
from components.document import Document
from components.io import load
from components.model import Block, Diagram
from components.validate import validate
from components.validate.live import LiveValidation
from tests.conftest import EXAMPLES
from tests.core.test_validate_live import TEMPLATES, run_edits
from tests.strategies import diagrams


def test_a_remote_kind_change_with_a_neighbour_removed() -> None:
    """A peer turned the targeting stage into a data store and deleted the ad index it wrote to (both
    step 3): one reconcile, one update. _follow_stages inserted 'target' among step 3's blocks while the
    removed 'adidx' was still listed there: KeyError('adidx') -> 'Validation failed'."""
    base = load(EXAMPLES / "ad-click-prediction.mlsd.json")
    peer = Document(base.model_copy(deep=True))
    history = History(peer)
    history.push(ChangeKind("target", "data_store"))
    history.push(RemoveItems(["adidx"]))
    doc = Document(base.model_copy(deep=True))
    live = LiveValidation(doc)
    reconcile(doc, peer.diagram)
    live.update()
    assert live.findings == validate(doc.diagram)


def test_two_edits_before_one_update() -> None:
    """A block added and another of the same step removed before the validator runs (pre-existing)."""
    doc = Document(load(EXAMPLES / "ad-click-prediction.mlsd.json"))
    live = LiveValidation(doc)
    history = History(doc)
    history.push(AddBlock(Block(id="new", kind="api_gateway")))
    history.push(RemoveItems(["auction"]))
    live.update()
    assert live.findings == validate(doc.diagram)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.sampled_from(TEMPLATES))
def test_live_equals_full_after_bursts_of_edits_of_a_template(data: st.DataObject, template) -> None:
    run_edits(data, load(template), 8, burst=4)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), diagrams(max_blocks=10))
def test_live_equals_full_after_bursts_of_edits_of_a_random_design(data: st.DataObject, start: Diagram) -> None:
    run_edits(data, start, 8, burst=4)


def test_a_removal_and_a_requirements_change_in_one_update() -> None:
    """Found by review: the requirements were followed first, over parts still holding the removed block
    (KeyError 'client')."""
    from components.commands import SetRequirements
    from components.model import Requirements

    doc = Document(load(EXAMPLES / "harmful-content-detection.mlsd.json"))
    live = LiveValidation(doc)
    history = History(doc)
    history.push(RemoveItems(["client"]))
    history.push(SetRequirements(Requirements()))
    live.update()
    assert live.findings == validate(doc.diagram)


def test_a_reversed_request_connector_between_a_log_and_its_monitor() -> None:
    """Found by the hypothesis live tests once they reversed connectors: a log attaches to its monitor by
    a connector of any flow, so quality-monitor-blind reads every flow (it read only the outcome flows,
    and live validation missed its finding after a request connector from the log was reversed)."""
    from components.commands import ReverseConnectors, SetFlow

    doc = Document(load(EXAMPLES / "visual-search.mlsd.json"))
    live = LiveValidation(doc)
    history = History(doc)
    history.push(SetFlow("log--mon_ml", "request"))
    live.update()
    history.push(ReverseConnectors(["log--mon_ml"]))
    live.update()
    assert live.findings == validate(doc.diagram)


def test_a_kind_change_opens_a_way_back_through_its_connectors() -> None:
    """A store turned into an alerting block: a request into it was a lookup and is now a way back, so
    the searches that passed its neighbours run again (no-feedback-loop kept a finding a full run drops)."""
    doc = Document(load(EXAMPLES / "people-you-may-know.mlsd.json"))
    live = LiveValidation(doc)
    history = History(doc)
    for command in (RemoveItems(["profiles--fp"]), RemoveItems(["client--gw"]), ChangeKind("graph", "alerting")):
        history.push(command)
        live.update()
        assert live.findings == validate(doc.diagram)


def test_a_gate_is_named_only_for_the_serving_block_behind_it() -> None:
    """Found by the batched live tests: continual-training-gate named every A/B test in front of any
    serving block (a pasted, unrelated experiment too), so a full run's message differed from the live
    one, which sees only the ranker's part of the design."""
    from components.commands import AddItems
    from components.model import Connector

    doc = Document(load(EXAMPLES / "event-recommendation.mlsd.json"))
    live = LiveValidation(doc)
    history = History(doc)
    history.push(RemoveItems(["canary"]))
    live.update()
    history.push(AddItems([("blocks", Block(id="x0p", kind="online_experiment")),
                           ("blocks", Block(id="x0q", kind="inference_service")),
                           ("connectors", Connector(id="x0r", source="x0p", target="x0q", flow="model")),
                           ("connectors", Connector(id="x0s", source="x0q", target="src", flow="request"))]))
    live.update()
    full = validate(doc.diagram)
    assert live.findings == full
    gate = next(f for f in full if f.rule == "continual-training-gate")
    assert "x0p" not in gate.blocks
