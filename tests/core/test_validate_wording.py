"""Findings speak the designer's language: a field is named as the inspector labels it ("p99 latency
(ms)"), never by its file-format key (``p99_ms``), which a user never sees (issue 12)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


@given(st.floats(min_value=0, allow_nan=False))
def test_numbers_in_messages_show_no_rounding_noise(value: float) -> None:
    """Trial 23: a finding said '28,799,999,999,999,971,328 requests per user' for 2.88e19."""
    from components.validate.rules.base import count

    shown = count(value)
    if value == float("inf"):
        assert shown == "more than 10^308"
        return
    assert "e" not in shown and len(shown) <= 27
    digits = shown.split(" x ")[0].replace(",", "").replace(".", "").lstrip("0")
    if value >= 1e15:
        assert set(digits[3:]) <= {"0"}, shown  # three significant digits, then zeros


def test_a_huge_implied_rate_reads_as_a_round_number() -> None:
    from components.validate.rules.base import count

    assert count(2.8799999999999997e19) == "28,800,000,000,000,000,000"
    assert count(1.5e300) == "1.5 x 10^300"
    assert count(999_999_999_999_999) == "999,999,999,999,999" and count(12.5) == "12.5"


def test_a_peak_past_any_plausible_number_is_reported_not_a_crash() -> None:
    """Review 23: a file with qps_peak 1e306 and one daily user made `mlsd validate` fail ("cannot convert
    float infinity to integer"): the implied requests per user overflowed."""
    design = Diagram(requirements=Requirements(dau=1, qps_peak=1e306))
    found = [f for f in validate(design) if f.rule == "implausible-scale"]
    assert found and "more than 10^308 requests per user per day" in found[0].message
