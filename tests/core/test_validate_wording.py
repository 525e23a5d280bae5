"""Findings speak the designer's language: a field is named as the inspector labels it ("p99 latency
(ms)"), never by its file-format key (``p99_ms``), which a user never sees (issue 12)."""

from __future__ import annotations

import re

import pytest

from components.catalog import KINDS
from components.model import Connector, Diagram, Requirements, props_model
from components.model.elements import Block
from components.validate import RULES, validate
from tests.conftest import EXAMPLES

FIELD_KEYS = sorted({name for kind in KINDS for name in props_model(kind).model_fields if "_" in name}
                    | {name for name in Requirements.model_fields if "_" in name})


def _keys_in(text: str) -> list[str]:
    return [key for key in FIELD_KEYS if re.search(rf"\b{re.escape(key)}\b", text)]


def _unestimated_request_path() -> Diagram:
    """A request path without latency estimates under an SLO: the latency rules speak."""
    return Diagram(
        requirements=Requirements(latency_slo_ms=100),
        blocks=[Block(id="app", kind="client", label="App", x=0, y=0),
                Block(id="rank", kind="ranking", label="Ranker", x=200, y=0),
                Block(id="store", kind="feature_store", label="Features", x=400, y=0)],
        connectors=[Connector(id="c1", source="app", target="rank", flow="request"),
                    Connector(id="c2", source="rank", target="store", flow="request")],
    )


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_a_rules_fix_names_fields_by_their_labels(rule) -> None:
    assert _keys_in(f"{rule.title} {rule.fix}") == []


def test_findings_name_fields_by_their_labels() -> None:
    designs = [_unestimated_request_path()]
    from components.io import load

    designs += [load(path) for path in sorted(EXAMPLES.glob("*.mlsd.json"))]
    said = [f"{f.message} {f.hint}" for design in designs for f in validate(design)]
    assert any("latency" in text for text in said)  # the design above does reach the latency rules
    assert [(text, _keys_in(text)) for text in said if _keys_in(text)] == []
