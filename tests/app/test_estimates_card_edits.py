"""The inspector's Estimates card works out the design's figures again (~0.2 s at 45,000 blocks) only
after an edit that can change them."""

from __future__ import annotations

from pathlib import Path

from components.commands import MoveItems, Relabel
from tests.app.test_review_app import strong
from tests.app.window_helpers import make_window


def test_the_estimates_card_is_estimated_again_only_for_edits_it_reads(qtbot, tmp_path: Path) -> None:
    """Not for a move, nor for renaming a block its figures do not name; for renaming one they name."""
    window = make_window(qtbot, tmp_path, strong().build())
    card = window.findChild(object, "estimatesCard")
    assert card is not None
    card.refresh()
    refreshes = card.refreshes
    window.editor.push(MoveItems({"cands": (900.0, 40.0)}))
    window.editor.push(Relabel("blocks", "monitor", "Watcher"))
    window.editor.push(Relabel("blocks", "monitor", "Candidates"))  # now a name the figures show: still not named
    qtbot.wait(400)
    assert card.refreshes == refreshes
    window.editor.push(Relabel("blocks", "cands", "Retrieval"))
    qtbot.waitUntil(lambda: card.refreshes == refreshes + 1)
    assert "500 from “Retrieval”" in card.findChild(object, "estimate_ranking_scores").toolTip()
