"""docs/rules.md is generated from the rule registry and must be current."""

from __future__ import annotations

from components.validate import RULES
from components.validate.docs import DOC_PATH, main, rules_markdown


def test_the_committed_rules_doc_is_current() -> None:
    assert DOC_PATH.read_text(encoding="utf-8") == rules_markdown(), \
        "docs/rules.md is stale: run .venv/bin/python -m components.validate.docs"


def test_the_doc_has_every_rule_with_its_why_question_and_fix() -> None:
    text = rules_markdown()
    for rule in RULES:
        assert f"### `{rule.id}`: {rule.title}" in text
        assert rule.why in text and rule.question in text and rule.fix in text


def test_check_mode_reports_a_stale_file(tmp_path, monkeypatch, capsys) -> None:
    stale = tmp_path / "rules.md"
    stale.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr("components.validate.docs.DOC_PATH", stale)
    assert main(["--check"]) == 1 and "stale" in capsys.readouterr().err
    assert main([]) == 0 and stale.read_text(encoding="utf-8") == rules_markdown()
    assert main(["--check"]) == 0
