"""`mlsd validate FILE... --format text|json|sarif`: output shapes, SARIF schema, exit codes (no Qt)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from app.cli import main
from components.io import save
from components.validate import RULES, RULES_BY_ID
from tests.conftest import ROOT
from tests.core.validate_helpers import Design, healthy

SARIF_SCHEMA = json.loads((ROOT / "tests" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
FINDING_KEYS = {"rule", "severity", "message", "blocks", "connectors", "stage", "hint"}


def write(tmp_path: Path, name: str, design: Design) -> str:
    path = tmp_path / name
    save(design.build(), path)
    return str(path)


def with_error() -> Design:
    """Healthy minus the ranker's monitor (an error) and the monitor's alerts (two warnings)."""
    return healthy().disconnect("ranker", "monitor").disconnect("monitor", "alerts")


def with_warning_only() -> Design:
    return healthy().block("spare", "cache", "Spare cache")


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["validate", *args])
    out, err = capsys.readouterr()
    return code, out, err


# --- text -----------------------------------------------------------------------------------------------------

def test_text_lists_findings_then_a_summary_with_the_checklist(tmp_path, capsys) -> None:
    path = write(tmp_path, "design.mlsd.json", with_error())
    code, out, err = run_cli(capsys, path)
    assert code == 1 and err == ""
    lines = out.splitlines()
    assert lines[0] == (f"{path}: error missing-monitoring: Step 7, Monitoring: nobody watches “Ranking” in prod"
                        "uction: if its inputs drift or its quality drops, nobody notices until the business metric does [ranker]")
    assert lines[1] == (f"{path}: warning no-alerting: Step 7, Monitoring: “Monitor” alerts nobody: a problem it sees "
                        "waits until someone opens the dashboard [monitor]")
    assert lines[2] == (f"{path}: warning orphan-block: Step 7, Monitoring: “Alerts” is connected to nothing: what does "
                        "it do in this design? [alerts]")
    assert lines[-1] == f"{path}: 1 error, 2 warnings, 0 info; steps: 1✓ 2✓ 3✓ 4✓ 5✓ 6✓ 7✓"
    assert len(lines) == 4


def test_text_for_a_clean_design_is_just_the_summary_and_exit_0(tmp_path, capsys) -> None:
    path = write(tmp_path, "ok.mlsd.json", healthy())
    assert run_cli(capsys, path) == (0, f"{path}: 0 errors, 0 warnings, 0 info; steps: 1✓ 2✓ 3✓ 4✓ 5✓ 6✓ 7✓\n", "")


def test_findings_without_blocks_have_no_brackets_and_missing_steps_show(tmp_path, capsys) -> None:
    path = write(tmp_path, "empty.mlsd.json", Design())
    code, out, _ = run_cli(capsys, path)
    assert code == 0  # stage-coverage is a warning
    lines = out.splitlines()
    assert lines[0] == (f"{path}: warning stage-coverage: Step 1, Requirements: no business objective: what should the "
                        "system improve for the business?; no scale: how many users or items, how many requests, how "
                        "fast?")
    assert lines[-1].endswith("0 errors, 7 warnings, 0 info; steps: 1✗ 2✗ 3✗ 4✗ 5✗ 6✗ 7✗")


def test_warnings_alone_exit_0_and_overrides_decide_the_exit_code(tmp_path, capsys) -> None:
    assert run_cli(capsys, write(tmp_path, "w.mlsd.json", with_warning_only()))[0] == 0
    promoted = with_warning_only()
    promoted.rules = {"severity": {"orphan-block": "error"}}
    assert run_cli(capsys, write(tmp_path, "p.mlsd.json", promoted))[0] == 1
    demoted = with_error()
    demoted.rules = {"severity": {"missing-monitoring": "warning"}}
    assert run_cli(capsys, write(tmp_path, "d.mlsd.json", demoted))[0] == 0


def test_several_files_and_unreadable_ones(tmp_path, capsys) -> None:
    good = write(tmp_path, "good.mlsd.json", healthy())
    bad = write(tmp_path, "bad.mlsd.json", with_error())
    missing = str(tmp_path / "missing.mlsd.json")
    code, out, err = run_cli(capsys, good, missing, bad)
    assert code == 2
    assert err == f"{missing}: no such file\n"
    assert out.splitlines()[0].startswith(f"{good}: 0 errors")
    assert any(line.startswith(f"{bad}: error missing-monitoring") for line in out.splitlines())
    assert run_cli(capsys, good, bad)[0] == 1


def test_unknown_rule_id_in_the_file_is_a_load_error_naming_it(tmp_path, capsys) -> None:
    path = tmp_path / "rules.mlsd.json"
    path.write_text(json.dumps({"schema_version": 1, "rules": {"disabled": ["no-such-rule"]}}))
    code, out, err = run_cli(capsys, str(path))
    assert code == 2 and out == ""
    assert err.startswith(f"{path}: ") and "no-such-rule" in err and len(err.splitlines()) == 1


# --- json -----------------------------------------------------------------------------------------------------

def test_json_has_exactly_the_documented_keys(tmp_path, capsys) -> None:
    path = write(tmp_path, "design.mlsd.json", with_error())
    code, out, _ = run_cli(capsys, "--format", "json", path)
    assert code == 1
    report = json.loads(out)
    assert set(report) == {"findings", "coverage"}
    assert report["findings"] and all(set(f) == FINDING_KEYS for f in report["findings"])
    first = report["findings"][0]
    assert first == {
        "rule": "missing-monitoring", "severity": "error",
        "message": "Step 7, Monitoring: nobody watches “Ranking” in production: if"
                   " its inputs drift or its quality drops, nobody notices until the business metric does", "blocks": ["ranker"], "connectors": [],
        "stage": 7, "hint": "connect “Ranking” to a Monitoring block (observe), or feed its prediction log to one",
    }
    assert report["coverage"]["covered"] == report["coverage"]["total"] == 7
    assert [s["number"] for s in report["coverage"]["steps"]] == [1, 2, 3, 4, 5, 6, 7]
    assert set(report["coverage"]["steps"][2]) == {"number", "name", "covered", "by"}


def test_json_for_several_files_is_a_list_with_the_file(tmp_path, capsys) -> None:
    one = write(tmp_path, "one.mlsd.json", healthy())
    two = write(tmp_path, "two.mlsd.json", with_error())
    code, out, _ = run_cli(capsys, "--format", "json", one, two)
    assert code == 1
    reports = json.loads(out)
    assert [r["file"] for r in reports] == [one, two]
    assert all(set(r) == {"file", "findings", "coverage"} for r in reports)
    assert reports[0]["findings"] == [] and reports[1]["findings"]


def test_json_leaves_unreadable_files_out(tmp_path, capsys) -> None:
    good = write(tmp_path, "good.mlsd.json", healthy())
    missing = str(tmp_path / "nope.mlsd.json")
    code, out, err = run_cli(capsys, "--format", "json", good, missing)
    assert code == 2 and [r["file"] for r in json.loads(out)] == [good] and "nope" in err
    code, out, err = run_cli(capsys, "--format", "json", missing)
    assert code == 2 and out == "" and err.strip() == f"{missing}: no such file"


# --- sarif ----------------------------------------------------------------------------------------------------

def sarif_of(capsys, *args: str) -> tuple[int, dict]:
    code, out, _ = run_cli(capsys, "--format", "sarif", *args)
    log = json.loads(out)
    jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=jsonschema.FormatChecker()).validate(log)
    return code, log


def test_sarif_validates_and_carries_rules_results_and_locations(tmp_path, capsys) -> None:
    path = write(tmp_path, "design.mlsd.json", with_error())
    code, log = sarif_of(capsys, path)
    assert code == 1 and log["version"] == "2.1.0" and len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "mlsd"
    assert [r["id"] for r in driver["rules"]] == [r.id for r in RULES]
    assert all(r["help"]["text"] and r["fullDescription"]["text"] for r in driver["rules"])
    for rule, entry in zip(driver["rules"], RULES, strict=True):
        assert entry.why in rule["help"]["text"] and entry.question in rule["help"]["text"]
        assert rule["properties"]["why"] == entry.why and rule["properties"]["question"] == entry.question
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert levels["missing-monitoring"] == "error" and levels["latency-unestimated"] == "note"
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["missing-monitoring", "no-alerting", "orphan-block"]
    first = results[0]
    assert first["level"] == "error" and first["message"]["text"].startswith("Step 7, Monitoring: nobody watches “Ranking”")
    assert driver["rules"][first["ruleIndex"]]["id"] == "missing-monitoring"
    location = first["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == Path(path).as_uri()
    assert [loc["name"] for loc in location["logicalLocations"]] == ["ranker"]
    text = Path(path).read_text().splitlines()
    assert '"id": "ranker"' in text[location["physicalLocation"]["region"]["startLine"] - 1]


def test_sarif_levels_for_every_severity_and_relative_uris(tmp_path, capsys, monkeypatch) -> None:
    design = with_error()
    design.unset("rerank", "p99_ms")  # latency-unestimated: info -> note
    write(tmp_path, "my design.mlsd.json", design)
    monkeypatch.chdir(tmp_path)
    _, log = sarif_of(capsys, "my design.mlsd.json")
    results = log["runs"][0]["results"]
    assert {r["level"] for r in results} == {"error", "warning", "note"}
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {"my%20design.mlsd.json"}


def test_sarif_with_several_files_an_empty_design_and_a_load_error(tmp_path, capsys) -> None:
    empty = write(tmp_path, "empty.mlsd.json", Design())
    clean = write(tmp_path, "clean.mlsd.json", healthy())
    missing = str(tmp_path / "gone.mlsd.json")
    code, log = sarif_of(capsys, empty, clean, missing, empty)
    assert code == 2
    run = log["runs"][0]
    assert [a["location"]["uri"] for a in run["artifacts"]] == [Path(empty).as_uri(), Path(clean).as_uri()]
    assert len(run["results"]) == 14  # the empty design twice, seven steps each
    steps_1_2 = [r for r in run["results"] if r["properties"]["stage"] in (1, 2)]
    assert all(r["locations"][0]["physicalLocation"]["region"]["startLine"] > 1 for r in steps_1_2)
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "no such file" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_sarif_for_a_clean_design_has_no_results(tmp_path, capsys) -> None:
    code, log = sarif_of(capsys, write(tmp_path, "clean.mlsd.json", healthy()))
    assert code == 0 and log["runs"][0]["results"] == []
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_the_schema_file_is_the_official_one_and_rejects_bad_logs() -> None:
    assert SARIF_SCHEMA["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    assert SARIF_SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA)
    assert not validator.is_valid({"version": "2.1.0", "runs": [{"results": []}]})  # run.tool is required
    assert not validator.is_valid({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                                                                   "results": [{"ruleId": "r", "level": "info",
                                                                                "message": {"text": "m"}}]}]})


# --- the real console script ---------------------------------------------------------------------------------

def test_console_script_prints_findings_without_a_traceback(tmp_path) -> None:
    path = write(tmp_path, "design.mlsd.json", with_error())
    result = subprocess.run([sys.executable, "-m", "app", "validate", "--format", "json", path], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and result.stderr == ""
    assert json.loads(result.stdout)["findings"][0]["rule"] == "missing-monitoring"


def test_help_documents_the_formats_and_the_multi_file_json_shape(capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["validate", "--help"])
    assert exited.value.code == 0
    text = capsys.readouterr().out
    assert "--format {text,json,sarif}" in text and '"file" key' in text and "exit status" in text
    assert "--explain RULE" in text and "docs/rules.md" in text


# --- explain ----------------------------------------------------------------------------------------------------

def test_explain_prints_everything_about_one_rule(capsys) -> None:
    code, out, err = run_cli(capsys, "--explain", "implausible-scale")
    assert code == 0 and err == ""
    flat = " ".join(out.split())
    rule = RULES_BY_ID["implausible-scale"]
    assert out.startswith("implausible-scale: The scale numbers do not add up\nSeverity: warning")
    assert "Step: 1, Requirements" in out
    for part in (rule.why, rule.question, rule.fix, "peak_factor (float, default 3.0)", "ranker_items_per_ms"):
        assert " ".join(part.split()) in flat
    assert all(len(line) <= 100 for line in out.splitlines())


def test_explain_a_rule_without_parameters_says_so(capsys) -> None:
    code, out, _ = run_cli(capsys, "--explain", "no-alerting")
    assert code == 0 and out.rstrip().endswith("Parameters: none")


def test_explain_an_unknown_rule_suggests_close_ids(capsys) -> None:
    code, out, err = run_cli(capsys, "--explain", "latency-budgte")
    assert code == 2 and out == ""
    assert err.strip() == ("mlsd validate: unknown rule 'latency-budgte'; did you mean latency-budget or "
                           "latency-unestimated or no-latency-slo?")


def test_explain_and_files_do_not_mix_and_nothing_to_do_is_a_usage_error(tmp_path, capsys) -> None:
    path = write(tmp_path, "ok.mlsd.json", healthy())
    for args, says in ((("--explain", "no-alerting", path), "either design files or --explain"),
                       ((), "no design file given")):
        with pytest.raises(SystemExit) as exited:
            run_cli(capsys, *args)
        err = capsys.readouterr().err
        assert exited.value.code == 2 and says in err and err.startswith("usage: mlsd validate")
