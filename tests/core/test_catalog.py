"""The catalog: every kind of DESIGN.md section 3, and the default flow of a new connector."""

from __future__ import annotations

import re

import pytest

from components.catalog import KINDS, STAGES, default_flow, is_model_serving, kinds_of_stage, spec
from components.model import Block
from components.model.types import Kind
from tests.conftest import ROOT

DESIGN = ROOT.parent / "shared" / "DESIGN.md"


def test_catalog_matches_the_model_literal() -> None:
    assert set(KINDS) == set(Kind.__args__)


@pytest.mark.skipif(not DESIGN.exists(), reason="shared/DESIGN.md not beside the checkout")
def test_catalog_matches_design_table() -> None:
    table = DESIGN.read_text().split("## 3.")[1].split("## 4.")[0]
    rows = re.findall(r"^\| ([^|]+) \| `([a-z_]+)` \|", table, flags=re.M)
    assert {kind for _, kind in rows} == set(KINDS)
    for stage_text, kind in rows:
        number = int(stage_text.split()[0]) if stage_text.strip()[0].isdigit() else None
        assert spec(kind).stage == number, kind


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_is_complete(kind: str) -> None:
    entry = spec(kind)
    assert entry.name and entry.description and entry.width > 0 and entry.height > 0
    assert re.fullmatch(r"#[0-9a-f]{6}", entry.colour)
    assert entry.icon_path.name == f"{kind}.svg"


def test_stages_have_distinct_colours() -> None:
    assert len({s.colour for s in STAGES}) == 7
    assert [k.kind for k in kinds_of_stage(None)] == ["custom"]


@pytest.mark.parametrize(
    ("source", "target", "flow"),
    [
        ("ranking", "monitoring", "observe"),
        ("monitoring", "alerting", "observe"),
        ("model_registry", "inference_service", "model"),
        ("training_pipeline", "model_registry", "model"),
        ("training_pipeline", "offline_evaluation", "model"),
        ("client", "api_gateway", "request"),
        ("client", "ranking", "request"),
        ("candidate_generation", "ranking", "request"),
        ("ranking", "logging", "feedback"),
        ("logging", "data_store", "feedback"),
        ("data_source", "feature_pipeline", "data"),
        ("feature_pipeline", "feature_store", "data"),
        ("feature_store", "ranking", "data"),
        ("reranking", "client", "data"),
    ],
)
def test_default_flow(source: str, target: str, flow: str) -> None:
    assert default_flow(source, target) == flow


def test_model_serving_blocks() -> None:
    assert is_model_serving("ranking", Block(id="r", kind="ranking").props)
    rule_based = Block(id="c", kind="candidate_generation", props={"uses_model": False})
    assert not is_model_serving("candidate_generation", rule_based.props)
    assert not is_model_serving("cache", Block(id="x", kind="cache").props)
