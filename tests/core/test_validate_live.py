"""Live validation (components.validate.live) equals a full validation after every edit: random edit
sequences (blocks and connectors added and removed, flows changed, every property of every kind set,
kinds changed, connectors reversed, labels, requirements, rule settings, undo and redo) from the
templates and from random designs, with findings and coverage compared after each step (several edits
per update: test_validate_live_batched.py); and a single edit does not run everything again."""

from __future__ import annotations

import typing
from collections import Counter
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.catalog import KINDS
from components.commands import (
    AddBlock,
    AddItems,
    ChangeKind,
    Command,
    Connect,
    History,
    MoveItems,
    Relabel,
    RemoveItems,
    ReverseConnectors,
    SetFlow,
    SetMeta,
    SetProperty,
    SetRequirements,
    SetRuleSettings,
)
from components.document import Document, EditError
from components.io import load
from components.model import FLOWS, RULE_IDS, Block, Connector, Diagram, Requirements, RuleSettings, props_model
from components.model.estimates import EstimateInputs
from components.synthetic import synthetic_diagram
from components.validate import coverage, validate
from components.validate.live import LiveValidation
from tests.conftest import EXAMPLES
from tests.strategies import diagrams

KIND_IDS = sorted(KINDS)
TEMPLATES = sorted(EXAMPLES.glob("*.mlsd.json"))
TASKS = ["", "ranking", "recommendation", "binary_classification", "regression", "retrieval", "other"]
METRICS = [[], ["nDCG@10"], ["accuracy"], ["RMSE", "recall@k"], ["CTR"], ["log loss"]]
# Values worth trying for properties that are not a plain choice (a Literal or a bool).
SPECIAL = {"p99_ms": [None, 0.0, 5.0, 80.0, 400.0], "qps": [None, 10.0], "traffic_percent": [0.0, 5.0, 100.0],
           "candidates_out": [None, 10, 500, 10**9], "metrics": METRICS,
           "target": [["system"], ["data_drift"], ["model_quality", "prediction_drift"], ["system", "data_drift"]],
           "logs": [["predictions"], ["features"], ["features", "outcomes"], ["impressions", "outcomes"]]}


def prop_values(kind: str, name: str) -> list[object]:
    """Valid values for a property of a kind: its Literal's choices, both booleans, or a few chosen ones."""
    if name in SPECIAL:
        return SPECIAL[name]
    annotation = props_model(kind).model_fields[name].annotation
    if annotation is bool:
        return [False, True]
    return list(typing.get_args(annotation))


class Edit:
    """An edit to make through a History; its repr names it, for hypothesis's report of a failing run."""

    def __init__(self, text: str, make: Callable[[History], object]) -> None:
        self.text, self.make = text, make

    def __repr__(self) -> str:
        return self.text


def _describe(command: Command) -> str:
    fields = {k: v for k, v in vars(command).items() if k not in ("text", "old", "removed", "previous")}
    return f"{type(command).__name__}({fields})"


@st.composite
def edits(draw: st.DrawFn, doc: Document) -> Edit:
    """One edit (a command pushed, or an undo / redo) for the document as it is now."""
    diagram = doc.diagram
    block_ids = [b.id for b in diagram.blocks]
    choice = draw(st.sampled_from(["add", "remove", "connect", "connect", "connect", "disconnect", "flow", "relabel",
                                   "prop", "prop", "prop", "move", "req", "estimates", "rules", "undo", "redo",
                                   "paste", "kind", "kind", "reverse"]))
    fresh = f"x{draw(st.integers(0, 10**6))}"
    command: Command | None = None
    if choice == "undo":
        return Edit("undo", History.undo)
    if choice == "redo":
        return Edit("redo", History.redo)
    if choice == "add" or not block_ids:
        command = AddBlock(Block(id=fresh, kind=draw(st.sampled_from(KIND_IDS))))
    elif choice == "remove":
        command = RemoveItems(draw(st.lists(st.sampled_from(block_ids), min_size=1, max_size=2)))
    elif choice == "connect":
        command = Connect(Connector(id=fresh, source=draw(st.sampled_from(block_ids)),
                                    target=draw(st.sampled_from(block_ids)), flow=draw(st.sampled_from(FLOWS))))
    elif choice in ("disconnect", "flow") and diagram.connectors:
        connector = draw(st.sampled_from([c.id for c in diagram.connectors]))
        command = RemoveItems([connector]) if choice == "disconnect" else SetFlow(connector, draw(st.sampled_from(FLOWS)))
    elif choice == "kind":  # Change Kind (Ctrl+Shift+K): the kind and its properties replaced at once
        command = ChangeKind(draw(st.sampled_from(block_ids)), draw(st.sampled_from(KIND_IDS)))
    elif choice == "reverse" and diagram.connectors:
        command = ReverseConnectors([draw(st.sampled_from([c.id for c in diagram.connectors]))])
    elif choice == "relabel":
        command = Relabel("blocks", draw(st.sampled_from(block_ids)), draw(st.sampled_from(["", "A", "Ranker", "b"])))
    elif choice == "prop":
        block = doc.block(draw(st.sampled_from(block_ids)))
        name = draw(st.sampled_from(sorted(props_model(block.kind).model_fields)))
        command = SetProperty(block.id, name, draw(st.sampled_from(prop_values(block.kind, name))))
    elif choice == "move":
        command = MoveItems.by(doc, [draw(st.sampled_from(block_ids))], 16, -8)
    elif choice == "req":
        command = SetRequirements(Requirements(
            business_objective=draw(st.sampled_from(["", "Grow watch time"])), task_type=draw(st.sampled_from(TASKS)),
            latency_slo_ms=draw(st.sampled_from([None, 50.0, 200.0])), dau=draw(st.sampled_from([None, 10**6])),
            qps_peak=draw(st.sampled_from([None, 100.0, 10**7])), corpus_size=draw(st.sampled_from([None, 10**3, 10**8])),
            offline_metrics=draw(st.sampled_from(METRICS)), online_metrics=draw(st.sampled_from(METRICS))))
    elif choice == "estimates":
        command = SetMeta("estimates", draw(st.sampled_from([None, EstimateInputs(memory_gb_per_host=1.0),
                                                             EstimateInputs(memory_gb_per_host=512.0, index_shards=4),
                                                             EstimateInputs(embedding_dim=64, embedding_precision="int8",
                                                                            memory_gb_per_host=2.0)])))
    elif choice == "rules":
        command = SetRuleSettings(RuleSettings(disabled=draw(st.lists(st.sampled_from(RULE_IDS), max_size=2)),
                                               severity={draw(st.sampled_from(RULE_IDS)): "info"}))
    elif choice == "paste":  # several blocks and their connectors in one command
        first, second = f"{fresh}p", f"{fresh}q"
        command = AddItems([("blocks", Block(id=first, kind=draw(st.sampled_from(KIND_IDS)))),
                            ("blocks", Block(id=second, kind=draw(st.sampled_from(KIND_IDS)))),
                            ("connectors", Connector(id=f"{fresh}r", source=first, target=second,
                                                     flow=draw(st.sampled_from(FLOWS)))),
                            ("connectors", Connector(id=f"{fresh}s", source=second, target=draw(st.sampled_from(block_ids)),
                                                     flow=draw(st.sampled_from(FLOWS))))])
    if command is None:
        return Edit("nothing", lambda history: None)
    return Edit(_describe(command), lambda history: history.push(command))


def agree(live: LiveValidation, doc: Document) -> None:
    before = list(live.findings)
    live.update()
    assert live.findings == validate(doc.diagram)
    assert live.coverage == coverage(doc.diagram)
    # the delta turns the findings before into the findings after, and names nothing that stayed
    after = Counter(before)
    after.subtract(live.delta.removed)
    after.update(live.delta.added)
    assert +after == Counter(live.findings) and min(after.values(), default=0) >= 0
    assert not set(live.delta.added) & set(live.delta.removed)
    held = {id(f) for f in before}  # what the app holds: the delta's removed are those very objects
    assert all(id(f) in held for f in live.delta.removed)


def run_edits(data: st.DataObject, start: Diagram, steps: int, burst: int = 1) -> None:
    """``steps`` updates, each after 1 to ``burst`` edits (the window's validator and a collaborator's
    sync hand over several at once), each compared with a full validation."""
    doc = Document(start)
    live = LiveValidation(doc)
    history = History(doc)
    agree(live, doc)
    for _ in range(steps):
        for _ in range(data.draw(st.integers(1, burst)) if burst > 1 else 1):
            try:
                data.draw(edits(doc)).make(history)
            except EditError:
                continue
        agree(live, doc)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.sampled_from(TEMPLATES))
def test_live_equals_full_after_every_edit_of_a_template(data: st.DataObject, template) -> None:
    run_edits(data, load(template), 25)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), diagrams(max_blocks=10))
def test_live_equals_full_after_every_edit_of_a_random_design(data: st.DataObject, start: Diagram) -> None:
    run_edits(data, start, 25)


@pytest.mark.parametrize("edit", ["move", "relabel", "prop", "connect", "disconnect", "add", "remove", "requirements"])
def test_one_edit_does_not_run_everything_again(edit: str) -> None:
    doc = Document(synthetic_diagram(400, seed=3))
    live = LiveValidation(doc)
    history = History(doc)
    block = doc.diagram.blocks[200]
    connector = doc.diagram.connectors[150]
    command = {"move": MoveItems.by(doc, [block.id], 16, 0), "relabel": Relabel("blocks", block.id, "New name"),
               "prop": SetProperty("c12_rank", "mode", "batch"),
               "connect": Connect(Connector(id="new", source=block.id, target="c3_train", flow="data")),
               "disconnect": RemoveItems([connector.id]), "add": AddBlock(Block(id="new", kind="ranking")),
               "remove": RemoveItems(["c20_alert"]),
               "requirements": SetRequirements(doc.diagram.requirements.model_copy(update={"latency_slo_ms": 90.0}))}[edit]
    history.push(command)
    agree(live, doc)
    assert live.full_runs == 1  # the one at the start


def test_a_changed_kind_is_judged_as_its_new_kind() -> None:
    """Trial 23: video search's one monitor turned into an alerting block (Change Kind); the live findings
    kept "passes every rule" while a full validation of the same design reports missing-monitoring."""
    doc = Document(load(EXAMPLES / "video-search.mlsd.json"))
    live = LiveValidation(doc)
    History(doc).push(ChangeKind("mon_sys", "alerting"))
    live.update()
    assert "missing-monitoring" in {finding.rule for finding in live.findings}
    assert live.findings == validate(doc.diagram) and live.full_runs == 1
