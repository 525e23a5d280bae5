"""Practice windows do only the work asked of them: a resize fits the picture again (the results window
does not draw the design's SVG again, nor the interviewer's window review the design again), a retry from
the attempts window does not score the design again."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from app.practice import start_practice
from components.practice import FakeClock
from components.templates import load_template
from tests.app.practice_helpers import advance, controller, draw, practice_window


def _image_width(browser: Any) -> int:
    found = re.search(r'<img src="mlsd-practice:\w+" width="(\d+)"', browser.toHtml())
    assert found is not None, "the page has no picture"
    return int(found.group(1))


def _counting(monkeypatch: pytest.MonkeyPatch, module: str, name: str) -> list[int]:
    """Count the calls of ``module.name`` from now on (it still does its work)."""
    import importlib

    target = importlib.import_module(module)
    original = getattr(target, name)
    calls: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(target, name, counted)
    return calls


def _resize_and_settle(qtbot: Any, widget: Any, width: int) -> None:
    widget.resize(width, widget.height())
    qtbot.wait(400)  # the picture is fitted once resizing settles (150 ms)


def test_resizing_the_results_fits_the_picture_without_drawing_the_design_again(qtbot, tmp_path: Path,
                                                                               monkeypatch) -> None:
    clock = FakeClock()
    window = practice_window(qtbot, tmp_path, monkeypatch, clock)
    start_practice(window, window, "video-search", 30)
    draw(window, load_template("video-search"))
    advance(window, clock, 60)
    assert controller(window).finish() is not None
    results = window.findChild(object, "practiceResults")
    _resize_and_settle(qtbot, results, 900)
    wide = _image_width(results.browser)
    drawn = _counting(monkeypatch, "components.review.documents", "diagram_svg")
    _resize_and_settle(qtbot, results, 600)
    assert _image_width(results.browser) < wide
    assert drawn == []


def test_resizing_the_interviewer_window_fits_the_reference_without_reviewing_again(qtbot, tmp_path: Path,
                                                                                   monkeypatch) -> None:
    clock = FakeClock()
    window = practice_window(qtbot, tmp_path, monkeypatch, clock)
    start_practice(window, window, "ad-click-prediction", 45)
    view = controller(window).open_interviewer()
    _resize_and_settle(qtbot, view, 900)
    wide = _image_width(view.browser)
    reviewed = _counting(monkeypatch, "components.review", "review")
    _resize_and_settle(qtbot, view, 600)
    assert _image_width(view.browser) < wide
    assert "Score now: 0/21" in view.browser.toPlainText()
    assert reviewed == []


def test_retrying_from_the_attempts_window_does_not_score_the_design_again(qtbot, tmp_path: Path,
                                                                           monkeypatch) -> None:
    from app.practice import open_attempts

    clock = FakeClock()
    window = practice_window(qtbot, tmp_path, monkeypatch, clock)
    start_practice(window, window, "video-search", 30)
    draw(window, load_template("video-search"), lambda block: block.kind != "monitoring")
    advance(window, clock, 60)
    attempt = controller(window).finish()
    assert attempt is not None and attempt.total < attempt.maximum
    attempts = open_attempts(window, window)
    assert attempts.selected() == attempt
    scored = _counting(monkeypatch, "app.practice.attempts_window", "score")
    attempts.retry()
    assert controller(window).session.retry.step == attempt.steps.index(min(attempt.steps)) + 1
    assert scored == []  # the attempt's record has its scores
    attempts = open_attempts(window, window)
    attempts.open_results()
    assert scored == [1]  # its results page scores the design again
