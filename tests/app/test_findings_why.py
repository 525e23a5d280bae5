"""The findings panel's "Why?" (issue 11): a link under the current finding that opens the rule's why
(the risk in an interviewer's words) and the question an interviewer would ask."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl

from app.finding_text import WHY_LINK, finding_html
from components.validate import RULES_BY_ID
from tests.app.window_helpers import click_item, make_window, monitored_design


def _unmonitored_window(qtbot, tmp_path: Path):
    design = monitored_design()
    design = design.model_copy(update={
        "blocks": [b for b in design.blocks if b.id != "mon"],
        "connectors": [c for c in design.connectors if "mon" not in (c.source, c.target)]})
    window = make_window(qtbot, tmp_path, design)
    window.validator.run_now()
    qtbot.waitUntil(lambda: window.validator.runs >= 1)
    return window


def test_why_opens_the_rules_why_and_question_and_stays_open_for_the_next_finding(qtbot, tmp_path: Path) -> None:
    window = _unmonitored_window(qtbot, tmp_path)
    panel = window.findings
    click_item(panel.tree, panel.item_of("missing-monitoring"))
    rule = RULES_BY_ID["missing-monitoring"]
    shown = panel.detail.toPlainText()
    assert "Why?" in shown and rule.why not in shown and rule.question not in shown  # closed: just the link
    assert f"href='{WHY_LINK}'" in panel.detail.toHtml() or f'href="{WHY_LINK}"' in panel.detail.toHtml()
    panel.detail.anchorClicked.emit(QUrl(WHY_LINK))
    shown = " ".join(panel.detail.toPlainText().split())
    assert " ".join(rule.why.split()) in shown and rule.question in shown
    other = next(f for f in panel.findings if f.rule != "missing-monitoring")
    click_item(panel.tree, panel.item_of(other.rule))
    shown = " ".join(panel.detail.toPlainText().split())
    assert " ".join(RULES_BY_ID[other.rule].why.split()) in shown  # still open on the next finding
    panel.detail.anchorClicked.emit(QUrl(WHY_LINK))
    assert RULES_BY_ID[other.rule].question not in panel.detail.toPlainText()


def test_badge_tooltips_and_lists_stay_short_and_unknown_rules_have_no_why() -> None:
    finding = type("F", (), {"rule": "no-alerting", "severity": "warning", "message": "m", "hint": "h",
                             "blocks": (), "connectors": (), "stage": 7})()
    assert "Why?" not in finding_html(finding)  # tooltips leave it out
    assert RULES_BY_ID["no-alerting"].question in finding_html(finding, why=True)
    finding.rule = "not-a-rule"
    assert "Why?" not in finding_html(finding, why=True)
