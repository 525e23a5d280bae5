"""The validator's public contract: registry, Finding shape, ordering, rule settings, labels."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from components.catalog import KINDS, STAGES
from components.model import FLOWS, RULE_IDS, Diagram, Note, Requirements, RuleSettings, props_model
from components.model.estimates import EstimateInputs
from components.validate import RULES, SEVERITIES, Finding, StepCoverage, coverage, validate
from components.validate.graph import DiagramGraph
from tests.conftest import ROOT
from tests.core.validate_helpers import Design, healthy, one, rules_of

FINDING_KEYS = {"rule", "severity", "message", "blocks", "connectors", "stage", "hint"}


def broken() -> Design:
    """Healthy, minus monitoring alerts and one evaluation gate: findings of several severities/stages."""
    d = healthy()
    d.disconnect("monitor", "alerts")  # no-alerting (warning, 7) + orphan alerts (warning, 7)
    d.disconnect("ranker", "monitor")  # missing-monitoring (error, 7)
    d.unset("rerank", "p99_ms")  # latency-unestimated (info, 6)
    return d


def test_rule_ids_are_the_file_format_ids_in_order_of_their_step() -> None:
    assert tuple(rule.id for rule in RULES) == RULE_IDS
    assert [rule.stage for rule in RULES] == sorted(rule.stage for rule in RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_says_what_why_how_and_what_an_interviewer_asks(rule) -> None:
    assert rule.severity in SEVERITIES
    assert 1 <= rule.stage <= 7
    assert rule.title and not rule.title.endswith(".")
    assert len(rule.description) > 50, "the docstring says exactly what the rule checks"
    assert "\n" not in rule.description.split("\n\n")[0]
    assert len(rule.why) > 60 and rule.why.endswith("."), "why: the risk in an interviewer's words"
    assert rule.question.endswith("?"), "question: what an interviewer would ask"
    assert rule.reads.lines(), "every rule declares what it reads"
    assert rule.fix and rule.help.endswith(rule.fix)
    assert rule.why in rule.help and rule.question in rule.help


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_what_a_rule_reads_names_real_kinds_flows_properties_and_fields(rule) -> None:
    words = {"every kind", "every kind (its stage)", "every kind on the request path"}
    assert set(rule.reads.kinds) - words <= set(KINDS)
    assert set(rule.reads.flows) <= set(FLOWS)
    fields = {name for kind in KINDS for name in props_model(kind).model_fields}
    assert set(rule.reads.props) <= fields
    assert set(rule.reads.requirements) <= set(Requirements.model_fields)
    assert set(rule.reads.estimates) <= set(EstimateInputs.model_fields)


def test_findings_open_with_their_step_in_the_framework_s_words() -> None:
    found = broken().findings()
    assert found
    for finding in found:
        assert finding.message.startswith(f"Step {finding.stage}, {STAGES[finding.stage - 1].name}: ")


def test_default_severities_match_the_design_table() -> None:
    errors = {"missing-monitoring", "no-training-data", "registry-gap", "no-feedback-loop", "online-reads-offline",
              "request-cycle", "latency-budget", "index-lineage", "batch-on-request-path"}
    assert {r.id for r in RULES if r.severity == "error"} == errors
    assert {r.id for r in RULES if r.severity == "info"} == {"latency-unestimated"}


def test_finding_is_frozen_and_serialises_exactly_the_documented_keys() -> None:
    finding = Finding("orphan-block", "warning", "X has no connector", ("x",), (), 6, "connect X")
    data = finding.to_dict()
    assert set(data) == FINDING_KEYS
    assert data["blocks"] == ["x"] and data["connectors"] == []
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.rule = "other"  # type: ignore[misc]  # the test: findings are frozen


def test_step_coverage_serialises() -> None:
    step = StepCoverage(3, "Data", True, ("lake",))
    assert step.to_dict() == {"number": 3, "name": "Data", "covered": True, "by": ["lake"]}


def test_healthy_design_has_no_findings() -> None:
    assert healthy().findings() == []
    assert all(step.covered for step in coverage(healthy().build()))


def test_findings_sorted_by_severity_then_stage_then_rule_then_blocks() -> None:
    found = broken().findings()
    assert {f.severity for f in found} == set(SEVERITIES)
    rank = {name: i for i, name in enumerate(SEVERITIES)}
    keys = [(rank[f.severity], f.stage, f.rule, f.blocks) for f in found]
    assert keys == sorted(keys)


def test_validation_is_deterministic_and_does_not_touch_the_diagram() -> None:
    diagram = broken().build()
    before = diagram.model_dump()
    first = validate(diagram)
    assert validate(diagram) == first
    assert validate(Diagram.model_validate(diagram.model_dump())) == first
    assert diagram.model_dump() == before


def test_a_disabled_rule_never_fires() -> None:
    design = broken()
    assert "missing-monitoring" in rules_of(design.findings())
    design.rules = {"disabled": ["missing-monitoring", "no-alerting"]}
    remaining = rules_of(design.findings())
    assert "missing-monitoring" not in remaining and "no-alerting" not in remaining
    assert "latency-unestimated" in remaining


def test_every_rule_can_be_disabled() -> None:
    design = Design()  # empty: only stage-coverage fires
    design.block("a", "ranking", p99_ms=500).connect("a", "a", "request")
    design.require(latency_slo_ms=100)
    assert design.findings()
    design.rules = {"disabled": list(RULE_IDS)}
    assert design.findings() == []


def test_severity_override_changes_severity_only() -> None:
    design = broken()
    default = one(design, "missing-monitoring")
    design.rules = {"severity": {"missing-monitoring": "info", "latency-unestimated": "error"}}
    overridden = one(design, "missing-monitoring")
    assert overridden.severity == "info"
    assert dataclasses.replace(overridden, severity="error") == default
    assert one(design, "latency-unestimated").severity == "error"
    assert design.findings()[0].rule == "latency-unestimated"  # errors sort first


def test_unknown_rule_ids_in_settings_are_rejected_by_the_model() -> None:
    with pytest.raises(ValueError, match="no-such-rule"):
        RuleSettings(disabled=["no-such-rule"])


def test_messages_name_blocks_by_label_falling_back_to_id() -> None:
    design = healthy()
    design.disconnect("ranker", "monitor")
    opening = "Step 7, Monitoring: nobody watches"
    assert one(design, "missing-monitoring").message.startswith(f"{opening} “Ranking” in production")
    assert "connect “Ranking” to a Monitoring block" in one(design, "missing-monitoring").hint
    design.blocks["ranker"] = ("ranking", {"p99_ms": 60}, "")
    assert one(design, "missing-monitoring").message.startswith(f"{opening} “ranker” in production")
    design.blocks["ranker"] = ("ranking", {"p99_ms": 60}, "  Deep\n  ranker\t")
    assert one(design, "missing-monitoring").message.startswith(f"{opening} “Deep ranker” in production")


def test_notes_and_groups_are_not_blocks() -> None:
    diagram = healthy().build().model_copy(update={"notes": [Note(id="n1", text="remember the cache")]})
    assert validate(diagram) == []


def test_importing_the_core_or_the_validator_does_not_load_networkx() -> None:
    script = ("import sys, components, components.validate\n"
              "from components.validate import Finding, RULES, coverage\n"
              "assert 'networkx' not in sys.modules, 'networkx imported eagerly'\n"
              "from components.validate import validate\n"
              "from components.model import Diagram\n"
              "validate(Diagram())\n"
              "print('ok')\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_networkx_graph_has_blocks_and_every_connector_with_its_flow() -> None:
    design = healthy().connect("gateway", "cands", "request", "twin").connect("lake", "lake", "data", "self")
    graph = DiagramGraph(design.build()).graph
    assert list(graph.nodes) == list(design.blocks)
    assert graph.nodes["ranker"]["kind"] == "ranking" and graph.nodes["ranker"]["props"].p99_ms == 60
    assert graph.nodes["ranker"]["label"] == "Ranking"
    assert graph.number_of_edges() == len(design.edges)
    assert graph.number_of_edges("gateway", "cands") == 2
    assert graph.edges["gateway", "cands", "twin"]["flow"] == "request"
    assert graph.edges["lake", "lake", "self"]["flow"] == "data"
    assert {key for _, _, key in graph.edges(keys=True)} == {edge[0] for edge in design.edges}
