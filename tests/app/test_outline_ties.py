"""The Outline orders an element's findings of equal rank (the same severity, step, rule, blocks and message:
they differ in their connectors or hint) as the validator's list does, after a findings delta as after a
rebuild: the delta put a new one after those of equal rank already there, wherever the validator had it."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.editor import Editor
from app.panels.outline import OutlinePanel
from app.panels.outline_changes import IDS, ROLE
from components.synthetic import synthetic_diagram
from components.validate.delta import follow
from components.validate.findings import Finding

BLOCK = "c0_rank"
CONNECTORS = ["c0_fson_rank", "c0_exp_rank", "c0_cand_rank", "c0_rank_rerank", "c0_rank_mon"]
TIED = [Finding("tied-rule", "warning", "Ranking has a gap", (BLOCK,), (connector,), 4, f"Mend {connector}.")
        for connector in CONNECTORS]


def _panel(qtbot: Any, editor: Editor, findings: list[Finding]) -> OutlinePanel:
    panel = OutlinePanel(editor)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_findings(findings)
    panel.rebuild()
    row = panel._block_row(BLOCK)
    assert row is not None
    row.setExpanded(True)
    return panel


def _finding_rows(panel: OutlinePanel) -> list[tuple[Any, ...]]:
    row = panel._block_row(BLOCK)
    assert row is not None
    children = (row.child(i) for i in range(row.childCount()))
    return [(c.text(0), c.toolTip(0), c.data(0, IDS)) for c in children if c is not None and c.data(0, ROLE) == "finding"]


def test_a_finding_added_before_its_equals_is_shown_before_them(qtbot) -> None:
    editor = Editor(synthetic_diagram(60, seed=1))
    first, second = TIED[0], TIED[1]
    panel = _panel(qtbot, editor, [first])
    delta, after = follow([first], [second, first])  # the validator made the new one first
    panel.set_findings(after, delta)
    panel.apply_changes()
    fresh = _panel(qtbot, editor, after)
    assert _finding_rows(panel) == _finding_rows(fresh)
    assert [ids for *_, ids in _finding_rows(panel)] == [[BLOCK, second.connectors[0]], [BLOCK, first.connectors[0]]]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.permutations(TIED), st.data())
def test_after_deltas_of_equal_findings_the_rows_are_in_a_rebuilds_order(qtbot, made: list[Finding],
                                                                        data: st.DataObject) -> None:
    editor = Editor(synthetic_diagram(60, seed=1))
    before = [f for f in made if data.draw(st.booleans())]  # the validator's order: the order they were made in
    panel = _panel(qtbot, editor, before)
    for _ in range(3):
        kept = [f for f in before if data.draw(st.booleans())]  # what stays keeps its order
        after = list(kept)
        for finding in (f for f in made if f not in before and data.draw(st.booleans())):
            after.insert(data.draw(st.integers(0, len(after))), finding)
        delta, after = follow(before, after)
        panel.set_findings(after, delta)
        panel.apply_changes()
        fresh = _panel(qtbot, editor, after)
        assert _finding_rows(panel) == _finding_rows(fresh)
        fresh.deleteLater()
        before = after
    panel.detach()
