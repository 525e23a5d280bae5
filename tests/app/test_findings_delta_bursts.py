"""the findings list, the canvas badges and the Outline applying live validation's deltas must
show what a full rebuild shows, also when several edits (and undo/redo, a document replaced) come between
two validation runs, as they do when the validator waits (a heavy run waits DEBOUNCE_MS) or edits come in
one burst."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.canvas.badges import Badges
from app.finding_text import ordered
from app.panels import outline
from tests.app.random_edits import push_random_edit
from tests.app.test_findings_delta import flawed
from tests.app.test_outline_changes import _fresh, _settled, _tree
from tests.app.window_helpers import make_window

KINDS = ["remove-block", "remove-connector", "relabel", "undo", "redo", "settle", "reopen"]


@settings(max_examples=int(os.environ.get("FINDINGS_BURST_EXAMPLES", "15")), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.data())
def test_bursts_of_edits_between_runs_end_as_a_rebuild(qtbot, tmp_path: Path, monkeypatch, data) -> None:
    monkeypatch.setattr(outline, "OPEN_STAGES_UP_TO", 5_000)
    window = make_window(qtbot, tmp_path, flawed(tmp_path))
    window.navigation.focus_outline()
    panel = _settled(window)
    editor = window.editor
    for _ in range(8):
        kind = data.draw(st.sampled_from(KINDS))
        if kind == "settle":
            _settled(window)
        else:
            push_random_edit(editor, data, kind)
    panel = _settled(window)
    findings = window.validator.findings
    fresh_badges = Badges()
    fresh_badges.update(findings)
    if not os.environ.get("FINDINGS_BURST_SKIP_BADGES"):  # FINDINGS_BURST_SKIP_BADGES=1: check the list and the outline only
        assert dict(window.scene.badges.severity) == dict(fresh_badges.severity), "canvas badges"
    shown = [window.findings.tree.topLevelItem(i).text(0) for i in range(window.findings.tree.topLevelItemCount())]
    assert shown == [f.message for f in ordered(findings)] or (not findings and len(shown) == 1), "findings list"
    fresh = _fresh(window, panel)
    assert _tree(panel) == _tree(fresh), "outline"
    fresh.detach()
    fresh.deleteLater()
