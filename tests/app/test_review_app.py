"""The Review menu in the app: the review window follows the design and saves it; Compare with Template
lists the missing roles and selects the nearest blocks; the inspector's live Estimates card."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QLabel, QMessageBox

from app.panels.document_form import DocumentForm
from app.review import compare_with_template, open_review
from app.review.window import DIAGRAM_URL
from components.commands import RemoveItems, SetEstimates, SetProperty
from components.model.estimates import EstimateInputs
from components.templates import load_template
from tests.app.canvas_helpers import block
from tests.app.window_helpers import make_window, monitored_design, type_into
from tests.core.review_helpers import strong
from tests.core.test_review_documents import check_html


def test_review_design_opens_a_window_that_follows_the_design(qtbot, tmp_path: Path) -> None:
    design = strong().set("monitor", target=["model_quality"]).build().model_copy(update={"title": "Feed"})
    window = make_window(qtbot, tmp_path, design)
    window.settle()
    assert [action.text() for action in window.window_actions.review_menu.actions()] == [
        "&Review Design…", "&Compare with Template…"]
    window.window_actions.by_name["review"].trigger()
    review = window.findChild(object, "reviewWindow")
    assert review.isVisible() and review.windowTitle() == "Design review: Feed (20/21)"
    text = review.browser.toPlainText()
    assert "Design review: Feed" in text and "Score by step" in text and "Walkthrough" in text
    assert review.browser.document().resource(2, QUrl(DIAGRAM_URL)) is not None  # the diagram, as an image
    window.editor.push(SetProperty("monitor", "target", ["system", "data_drift", "model_quality"]))
    window.settle()  # the live validator reports; the review is scored again
    assert review.windowTitle() == "Design review: Feed (21/21)"
    assert open_review(window, window) is review  # reopening brings the same window forward


def test_the_review_window_saves_html_markdown_and_json(qtbot, tmp_path: Path, monkeypatch) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *_: warnings.append(text))
    window = make_window(qtbot, tmp_path, load_template("ad-click-prediction"))
    review = open_review(window, window)
    (tmp_path / "out").mkdir()
    page = review.write(tmp_path / "out" / "review.html", "html")
    check_html(page.read_text(encoding="utf-8"))
    assert review.write(tmp_path / "out" / "notes.md", "html").name == "notes.md"  # the extension decides
    assert (tmp_path / "out" / "notes.svg").read_text(encoding="utf-8").startswith("<?xml")
    assert review.write(tmp_path / "out" / "data", "json").name == "data.json"
    assert review.write(tmp_path / "missing" / "folder" / "x.html", "html") is None  # refused, said, nothing lost
    assert len(warnings) == 1 and warnings[0].startswith(str(tmp_path / "missing" / "folder" / "x.html"))


def test_compare_with_template_lists_gaps_and_selects_the_nearest_blocks(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path, load_template("video-recommendation"))
    window.editor.push(RemoveItems(["fs_on"]))
    panel = compare_with_template(window, window, "video-recommendation")
    assert panel is not None and panel.result is not None
    [missing] = panel.result.missing
    assert missing.text.startswith("No online feature store fed by ") and missing.kind == "feature_store"
    assert "Missing roles (1)" in panel.page.toPlainText() and missing.text in panel.page.toPlainText()
    panel.activate(0)
    assert sorted(window.scene.selected_ids()) == sorted(missing.nearest) and "sfp" in missing.nearest
    window.editor.undo_stack.undo()  # the store is back: the comparison follows after validation
    window.settle()
    assert panel.result.no_gaps and "no gaps" in panel.page.toPlainText()
    assert compare_with_template(window, window, "video-recommendation") is panel  # one dock per window


def test_the_estimates_card_shows_live_figures_and_edits_inputs_with_undo(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path, strong().build())  # peak 50,000 QPS, 500 candidates
    form = window.inspector.form
    assert isinstance(form, DocumentForm)
    card = form.findChild(object, "estimatesCard")
    card.refresh()
    assert card.findChild(object, "estimate_serving_replicas").text() == "<b>100 replicas</b>"
    form.estimates_toggle.setChecked(True)
    spin = form.field("estimates.replica_qps")
    spin.check.click()
    type_into(spin.spin, "250")
    assert window.editor.doc.diagram.estimates.replica_qps == 250
    qtbot.waitUntil(lambda: card.findChild(object, "estimate_serving_replicas").text() == "<b>200 replicas</b>",
                    timeout=3000)
    window.editor.undo_stack.undo()
    assert window.editor.doc.diagram.estimates is None
    qtbot.waitUntil(lambda: card.findChild(object, "estimate_serving_replicas").text() == "<b>100 replicas</b>",
                    timeout=3000)
    window.editor.push(SetProperty("cands", "candidates_out", 2000))  # a block edit updates the card too
    qtbot.waitUntil(lambda: card.findChild(object, "estimate_ranking_scores").text() == "<b>100 million scores/s</b>",
                    timeout=3000)


def test_an_index_too_big_for_the_memory_stated_is_a_finding_as_soon_as_the_memory_is_set(qtbot, tmp_path) -> None:
    window = make_window(qtbot, tmp_path, strong().build())  # 10,000,000 items x 256 x 4 B = 10.2 GB of vectors
    window.settle()
    assert "index-exceeds-memory" not in [finding.rule for finding in window.validator.findings]
    window.editor.push(SetEstimates(EstimateInputs(memory_gb_per_host=8)))
    window.settle()
    [finding] = [finding for finding in window.validator.findings if finding.rule == "index-exceeds-memory"]
    assert finding.blocks == ("index",) and "at least 2 hosts" in finding.message
    window.editor.undo_stack.undo()
    window.settle()
    assert "index-exceeds-memory" not in [finding.rule for finding in window.validator.findings]


def test_the_review_follows_the_theme(qtbot, tmp_path) -> None:
    from components.review.html_style import PALETTES

    window = make_window(qtbot, tmp_path, strong().build())
    review = open_review(window, window)
    qtbot.wait(500)  # the first resizes have been drawn: only the theme can redraw the page now
    dark_head = PALETTES["dark"]["head"]  # table headings: a colour the light page never uses
    assert dark_head not in review.browser.toHtml()
    window.set_theme("dark")
    qtbot.waitUntil(lambda: dark_head in review.browser.toHtml(), timeout=3000)


def test_each_missing_input_the_estimates_card_names_is_a_sentence_of_its_own(qtbot, tmp_path: Path) -> None:
    """Seen on Xvfb: '... on the requirements card Corpus storage and index memory: ...' read as one run-on
    sentence in the wrapped note (the lines had no full stops)."""
    design = monitored_design()  # a request path, no DAU or peak QPS
    design.blocks.append(block("index", "vector_index", 0, 480, "Index"))  # and no corpus size
    window = make_window(qtbot, tmp_path, design)
    card = window.inspector.form.findChild(object, "estimatesCard")
    card.refresh()
    lines = card.findChild(QLabel, "estimatesNote").text().splitlines()
    assert len(lines) >= 2 and all(line.endswith(".") for line in lines), lines
