"""Attempts: scored against the prompt's reference, saved in the data folder with their design, listed
back (bad records named, not fatal), the trend over whole sessions, its chart, and the results page."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest

from components.io import load
from components.model import Diagram
from components.practice import FakeClock, Session, list_attempts, prompt_catalog, save_attempt, score, trend
from components.practice.attempts import RECORD_SUFFIX, attempts_folder, delete_attempt, read_attempt
from components.practice.chart import trend_svg
from components.practice.interviewer import interviewer_html
from components.practice.records import RetryOf
from components.practice.report import clock_text, results_html
from components.practice.score import Scored
from components.templates import load_template
from tests.core.test_review_documents import check_html

CATALOG = prompt_catalog()
LOADED = CATALOG.find("video-recommendation")


def finished(design: Diagram, minutes: float = 20, wall: float = 1_767_225_600.0, retry: RetryOf | None = None,
             asked: tuple[str, ...] = ("scale",)) -> tuple[Session, Scored]:
    clock = FakeClock(wall_start=wall)
    run = Session(LOADED.prompt, 45, clock, retry=retry)
    for question in asked:
        run.ask(question)
    clock.advance(minutes * 60)
    run.record("serving")
    run.tick(lambda planned: f"nothing for {planned.name}")
    run.submit()
    return run, score(design, LOADED)


def without(template_id: str, *block_ids: str) -> Diagram:
    design = load_template(template_id)
    gone = set(block_ids)
    return design.model_copy(update={
        "blocks": [block for block in design.blocks if block.id not in gone],
        "connectors": [c for c in design.connectors if c.source not in gone and c.target not in gone],
        "groups": [g.model_copy(update={"members": [m for m in g.members if m not in gone]}) for g in design.groups]})


def test_score_reviews_the_design_and_compares_it_with_the_reference() -> None:
    scored = score(without("video-recommendation", "fs_on"), LOADED)
    assert scored.reference == "the template “Video recommendation”"
    assert scored.comparison is not None and [item.kind for item in scored.comparison.missing] == ["feature_store"]
    data = scored.to_dict(LOADED)
    assert data["prompt"] == "video-recommendation" and data["total"] == scored.review.total
    assert data["comparison"]["missing"][0]["kind"] == "feature_store"
    assert score(load_template("video-recommendation"), LOADED).to_dict(LOADED)["weakest_step"] is None


def test_score_says_why_there_is_no_comparison(tmp_path: Path) -> None:
    from components.practice.prompts import LoadedPrompt

    none = LoadedPrompt(LOADED.prompt.model_copy(update={"reference": None}), tmp_path / "p.json", builtin=False)
    assert score(Diagram(), none).reference == "This prompt has no reference design"
    (tmp_path / "broken.mlsd.json").write_text("{", encoding="utf-8")
    broken = LoadedPrompt(LOADED.prompt.model_copy(update={"reference": "broken.mlsd.json"}), tmp_path / "p.json",
                          builtin=False)
    scored = score(Diagram(), broken)
    assert scored.comparison is None and scored.reference.startswith("The reference design cannot be read: ")


def test_an_attempt_is_saved_with_its_design_and_listed_back(tmp_path: Path) -> None:
    design = without("video-recommendation", "mon_ml")
    run, scored = finished(design)
    attempt = save_attempt(run, scored, design, tmp_path)
    assert attempt.id == "20260101-000000-video-recommendation"
    assert (tmp_path / attempt.design).is_file() and load(tmp_path / attempt.design) == design
    listed = list_attempts(tmp_path)
    assert listed.problems == () and listed.attempts == (attempt,) and listed.design_of(attempt) == design
    assert attempt.ended_by == "submit" and attempt.elapsed == 1200 and attempt.total == scored.review.total
    assert attempt.steps == [step.score for step in scored.review.steps] and attempt.questions == 5
    assert [asked.id for asked in attempt.asked] == ["scale"] and attempt.comparison is not None
    again = save_attempt(run, scored, design, tmp_path)  # the same start time: a new id, nothing replaced
    assert again.id == attempt.id + "-2" and len(list_attempts(tmp_path).attempts) == 2


def test_unreadable_records_are_named_and_the_others_still_listed(tmp_path: Path) -> None:
    run, scored = finished(Diagram())
    good = save_attempt(run, scored, Diagram(), tmp_path)
    (tmp_path / f"broken{RECORD_SUFFIX}").write_text("{", encoding="utf-8")
    hostile = json.loads((tmp_path / f"{good.id}{RECORD_SUFFIX}").read_text(encoding="utf-8"))
    hostile["design"] = "../../escape.mlsd.json"
    (tmp_path / f"hostile{RECORD_SUFFIX}").write_text(json.dumps(hostile), encoding="utf-8")
    listed = list_attempts(tmp_path)
    assert listed.attempts == (good,)
    assert len(listed.problems) == 2 and all("\n" not in problem for problem in listed.problems)
    assert any("hostile.attempt.json: design: String should match pattern" in p for p in listed.problems)
    delete_attempt(good, tmp_path)
    assert list_attempts(tmp_path).attempts == () and not (tmp_path / good.design).exists()


def test_attempts_live_in_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLSD_DATA_DIR", str(tmp_path))
    assert attempts_folder() == tmp_path / "attempts"
    run, scored = finished(Diagram())
    attempt = save_attempt(run, scored, Diagram())
    assert read_attempt(tmp_path / "attempts" / f"{attempt.id}{RECORD_SUFFIX}") == attempt


def test_the_trend_follows_whole_sessions_and_says_what_changed(tmp_path: Path) -> None:
    assert trend([]).summary() == "No whole session yet."
    weak = without("video-recommendation", "mon_ml", "mon_sys", "ab")
    first = save_attempt(*finished(weak, wall=1_767_225_600), weak, tmp_path)
    assert trend([first]).summary() == f"One session so far: {first.total}/21. The trend shows from the second."
    retry = save_attempt(*finished(weak, wall=1_767_300_000, retry=RetryOf(attempt=first.id, step=7, before=0)),
                         weak, tmp_path)
    better = load_template("video-recommendation")
    second = save_attempt(*finished(better, wall=1_767_400_000), better, tmp_path)
    attempts = list_attempts(tmp_path).attempts
    assert [attempt.id for attempt in attempts] == [first.id, retry.id, second.id]
    progress = trend(attempts)
    assert [point.attempt for point in progress.points] == [first.id, second.id]  # the retry is not a session
    assert progress.summary() == (f"2 sessions: {first.total} → 21 of 21 (+{21 - first.total} since the first). "
                                  f"Most improved: step 7, Monitoring (+{3 - first.steps[6]}). Every step earned all "
                                  "its points last time.")
    backwards = trend([second, first.model_copy(update={"started_at": second.started_at + 1})])
    assert backwards.summary() == (f"2 sessions: 21 → {first.total} of 21 ({first.total - 21:+d} since the first). "
                                   f"Weakest last time: step 7, Monitoring ({first.steps[6]}/3).")
    assert trend(attempts, "video-search").points == ()


def test_the_chart_draws_the_total_and_each_step_per_session(tmp_path: Path) -> None:
    designs = [without("video-recommendation", "mon_ml", "mon_sys"), without("video-recommendation", "mon_ml"),
               load_template("video-recommendation")]
    ten_am = datetime(2026, 1, 1, 10).timestamp()  # local time, so the days are Jan 1-3 in any zone
    attempts = [save_attempt(*finished(design, wall=ten_am + day * 86_400), design, tmp_path)
                for day, design in enumerate(designs)]
    progress = trend(attempts)
    svg = trend_svg(progress, "dark")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    lines = root.findall(f"{ns}polyline")
    assert len(lines) == 1 + 7  # the total and one line per step
    total = [tuple(map(float, pair.split(","))) for pair in lines[0].get("points").split()]
    assert len(total) == 3 and total[0][0] < total[1][0] < total[2][0]
    heights = [y for _x, y in total]  # higher on the page is a higher score
    assert [a.total for a in attempts] == sorted(a.total for a in attempts) and heights == sorted(heights, reverse=True)
    texts = [text.text for text in root.iter(f"{ns}text")]
    assert {"Jan 1", "Jan 2", "Jan 3"} <= set(texts) and "7. Monitoring" in texts
    assert root.find(f"{ns}title").text == progress.summary()
    assert "script" not in svg and "href" not in svg
    empty = ET.fromstring(trend_svg(trend([])))
    assert "No whole session yet" in [text.text for text in empty.iter(f"{ns}text")]


def test_the_chart_labels_a_second_session_of_the_same_day_by_its_time(tmp_path: Path) -> None:
    design = load_template("video-recommendation")
    ten_am = datetime(2026, 1, 1, 10).timestamp()  # local time: the same day two hours later in any zone
    attempts = [save_attempt(*finished(design, wall=ten_am + hours * 3600), design, tmp_path) for hours in (0, 2, 26)]
    ns = "{http://www.w3.org/2000/svg}"
    texts = [text.text for text in ET.fromstring(trend_svg(trend(attempts))).iter(f"{ns}text")]
    first, second, third = trend(attempts).points
    assert (first.day, second.day, third.day, first.time, second.time) == ("Jan 1", "Jan 1", "Jan 2", "10:00", "12:00")
    assert [first.day, second.time, third.day] == [t for t in texts if t in (first.day, second.time, third.day)]
    assert second.day not in texts[texts.index(first.day) + 1:texts.index(third.day)]


def test_the_results_page_has_the_times_questions_nudges_comparison_and_review(tmp_path: Path) -> None:
    design = without("video-recommendation", "fs_on")
    run, scored = finished(design, asked=("scale", "latency"))
    attempt = save_attempt(run, scored, design, tmp_path)
    page = results_html(attempt, scored, LOADED.prompt)
    check_html(page)
    for heading in ("Time per phase", "Clarifying questions", "Nudges", "Comparison with the template “Video "
                    "recommendation”", "Score by step", "Follow-up questions"):
        assert f"<h2>{heading}</h2>" in page
    assert "Submitted after 20:00 of 45:00" in page and "2 of 5 asked." in page
    assert "Success metric</b>, not asked" in page and "nothing for Data and features" in page
    assert "No online feature store fed by " in page
    assert f"{scored.review.total}/21</span>" in page


def test_the_interviewers_page_keeps_each_step_name_whole_and_lists_every_answer() -> None:
    design = without("video-recommendation", "fs_on")
    _run, scored = finished(design)
    page = interviewer_html(LOADED.prompt, {"scale": 103.0}, scored.review, elapsed=200)
    check_html(page)
    line = page.split("Score now: ", 1)[1].split("</p>", 1)[0]
    assert "<table" not in line  # seven columns broke "Requirements" in two at half a screen
    assert f"6.&nbsp;Deployment&nbsp;and&nbsp;serving&nbsp;<b>{scored.review.steps[5].score}/3</b>" in line
    assert line.count(" · ") == 6
    assert "asked</span> at 1:43" in page and page.count("not yet") == len(LOADED.prompt.questions) - 1


def test_clock_text() -> None:
    assert [clock_text(s) for s in (0, 59.6, 425, 3723, -5)] == ["0:00", "1:00", "7:05", "1:02:03", "0:00"]
