"""The document model: exactly the documented keys, typed properties, referential checks."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from components.catalog import KINDS
from components.io import parse
from components.model import SCHEMA_VERSION, Block, Diagram, Requirements, props_model


def _diagram(**extra: object) -> dict:
    return {"schema_version": SCHEMA_VERSION, **extra}


def test_documented_example_loads() -> None:
    """DESIGN.md section 4's example, a version-1 file: it loads through migration."""
    data = dict(schema_version=1,
        title="Video recommendation", description="",
        requirements={"business_objective": "Increase watch time", "ml_objective": "Predict P(watch)",
                      "task_type": "ranking", "inputs": "user, context", "outputs": "top-k videos",
                      "dau": 100000000, "qps_peak": 50000, "latency_slo_ms": 200, "corpus_size": 10000000000,
                      "offline_metrics": ["mAP", "nDCG"], "online_metrics": ["CTR", "watch time"], "notes": ""},
        rules={"disabled": [], "severity": {}, "params": {}},
        blocks=[{"id": "ranker", "kind": "ranking", "label": "Ranking", "x": 600, "y": 80,
                 "props": {"p99_ms": 60}, "notes": "", "tradeoffs": ""}],
        connectors=[], notes=[], groups=[],
    )
    diagram = parse(json.dumps(data))
    assert diagram.blocks[0].props.p99_ms == 60
    assert diagram.blocks[0].props.mode == "online"


@pytest.mark.parametrize(
    "data",
    [
        _diagram(colour="red"),
        _diagram(blocks=[{"id": "a", "kind": "ranking", "colour": "red"}]),
        _diagram(blocks=[{"id": "a", "kind": "ranking", "props": {"store_type": "lake"}}]),
        _diagram(requirements={"budget": 3}),
        _diagram(connectors=[], notes=[{"id": "n", "txt": "x"}]),
    ],
)
def test_unknown_keys_are_errors(data: dict) -> None:
    with pytest.raises(ValidationError, match="Extra inputs"):
        Diagram.model_validate(data, strict=True)


@pytest.mark.parametrize(
    ("block", "problem"),
    [
        ({"props": {"p99_ms": -1}}, "greater than or equal"),
        ({"x": float("nan")}, "finite"),
        ({"y": float("inf")}, "finite"),
        ({"props": {"p99_ms": "60"}}, "valid number"),
        ({"width": 0}, "greater than 0"),
        ({"kind": "blockchain"}, "Input should be"),
        ({"id": ""}, "at least 1"),
        ({"id": "has space"}, "pattern"),
        ({"props": {"mode": "sometimes"}}, "online"),
    ],
)
def test_block_constraints(block: dict, problem: str) -> None:
    data = {"id": "a", "kind": "ranking", **block}
    with pytest.raises(ValidationError, match=problem):
        Diagram.model_validate(_diagram(blocks=[data]), strict=True)


def test_requirements_constraints() -> None:
    with pytest.raises(ValidationError, match="greater than 0"):
        Requirements(latency_slo_ms=0)
    with pytest.raises(ValidationError):
        Requirements(dau=-5)
    with pytest.raises(ValidationError):
        Requirements(task_type="astrology")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (_diagram(blocks=[{"id": "a", "kind": "cache"}, {"id": "a", "kind": "cache"}]), "duplicate id 'a'"),
        (_diagram(blocks=[{"id": "a", "kind": "cache"}], notes=[{"id": "a"}]), "duplicate id 'a'"),
        (_diagram(blocks=[{"id": "a", "kind": "cache"}],
                  connectors=[{"id": "c", "source": "a", "target": "zz"}]), "target 'zz' is not a block"),
        (_diagram(groups=[{"id": "g", "members": ["ghost"]}]), "member 'ghost' is not a block"),
    ],
)
def test_referential_checks(data: dict, problem: str) -> None:
    with pytest.raises(ValidationError, match=problem):
        Diagram.model_validate(data, strict=True)


def test_rule_settings_reject_unknown_rule_ids() -> None:
    with pytest.raises(ValidationError, match="unknown rule id 'no-such-rule'"):
        Diagram.model_validate(_diagram(rules={"disabled": ["no-such-rule"]}), strict=True)
    with pytest.raises(ValidationError, match="unknown rule id 'nope'"):
        Diagram.model_validate(_diagram(rules={"severity": {"nope": "info"}}), strict=True)
    with pytest.raises(ValidationError, match="unknown rule parameter"):
        Diagram.model_validate(_diagram(rules={"params": {"threshold": 3}}), strict=True)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_has_valid_defaults(kind: str) -> None:
    block = Block(id="x", kind=kind)
    assert isinstance(block.props, props_model(kind))
    assert block.props.p99_ms is None


def test_assignment_is_validated() -> None:
    block = Block(id="x", kind="ranking")
    with pytest.raises(ValidationError):
        block.x = float("nan")
    assert block.x == 0
