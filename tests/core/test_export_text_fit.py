"""The one text-fitting engine shared by canvas and export (components.style): measured widths,
wrapping, eliding; it ends for any width with work linear in the text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components import style
from components.export import to_svg
from components.io import parse
from components.model.elements import LABEL_MAX, TEXT_MAX
from tests.strategies import long_texts
from tests.work_budget import run_within, work_budget

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)


@given(texts, st.floats(min_value=40, max_value=400), st.integers(min_value=1, max_value=5), st.booleans())
def test_wrapped_lines_fit_and_keep_the_words(text: str, width: float, max_lines: int, bold: bool) -> None:
    lines = style.wrap_text(text, width, 13, bold=bold, max_lines=max_lines)
    assert 1 <= len(lines) <= max_lines
    for line in lines:
        assert style.text_width(line, 13, bold) <= width + 1e-6 or len(line) == 1
    words = " ".join(text.split())
    joined = " ".join(" ".join(lines).split())
    if lines[-1].endswith("…") and not words.endswith("…"):
        kept = joined[:-1].rstrip()
        assert words.replace(" ", "").startswith(kept.replace(" ", ""))
    else:
        assert joined.replace(" ", "") == words.replace(" ", "")


@given(texts, st.floats(min_value=20, max_value=300))
def test_elided_text_fits(text: str, width: float) -> None:
    line = " ".join(text.split())
    result = style.elide(line, width, 11)
    assert result == line or (result.endswith("…") and line.startswith(result[:-1].rstrip()))
    assert style.text_width(result, 11) <= width + 1e-6 or len(result) <= 2


@pytest.mark.parametrize(("label", "width", "height", "expected"), [
    ("Ranking", 168, 72, ["Ranking"]),
    ("Candidate generation: two-tower ANN", 168, 72, ["Candidate", "generation: two-t…"]),
    ("Homepage (app, web, TV)", 128, 64, ["Homepage (…"]),
    ("a\nb\nc\nd", 168, 200, ["a", "b", "c…"]),
    ("   ", 168, 72, []),
])
def test_block_label_lines(label: str, width: float, height: float, expected: list[str]) -> None:
    lines = style.block_label_lines(label, width, height)
    assert lines == expected
    assert all(style.text_width(line, style.LABEL_FONT_PX, True) <= style.block_label_width(width) for line in lines)


def test_widths_of_known_strings() -> None:
    assert style.text_width("Candidate generation", 13) == pytest.approx(141.3, abs=0.5)
    assert style.text_width("Candidate generation", 13, bold=True) == pytest.approx(159.2, abs=0.5)
    assert style.text_width("漢字", 10) == 20
    assert style.text_width("e\u0301", 10) == style.text_width("e", 10)  # a combining accent takes no room


# ----- any width terminates; work is linear in the text (issue 13: points 1 and 5) -----------------------------
STEPS_PER_CHAR = 20  # measured: 1-12 core steps per character, whatever the width (tests/work_budget.py)
STEPS_FIXED = 2_000


def linear_budget(*texts: str) -> int:
    return STEPS_PER_CHAR * sum(len(text) for text in texts) + STEPS_FIXED


widths = st.one_of(st.floats(min_value=0, max_value=10_000), st.sampled_from([0.0, 0.5, 1.0, 7.0, 10.0, 20.0]))


@settings(max_examples=60)
@given(long_texts(TEXT_MAX), widths, st.integers(min_value=-1, max_value=50), st.booleans())
def test_wrapping_ends_with_linear_work_for_any_width(text: str, width: float, max_lines: int, bold: bool) -> None:
    lines = run_within(linear_budget(text), style.wrap_text, text, width, 12, bold=bold, max_lines=max_lines)
    assert 1 <= len(lines) <= max(1, max_lines)


@settings(max_examples=60)
@given(long_texts(TEXT_MAX), widths, st.booleans())
def test_eliding_ends_with_linear_work_for_any_width(text: str, width: float, bold: bool) -> None:
    line = run_within(linear_budget(text), style.elide, text, width, 11, bold=bold)
    assert line == text or line.endswith(style.ELLIPSIS)


@settings(max_examples=40)
@given(long_texts(TEXT_MAX), long_texts(LABEL_MAX), widths, widths)
def test_element_text_at_the_model_limits_fits_with_linear_work(text: str, label: str, width: float,
                                                                height: float) -> None:
    """Notes up to TEXT_MAX, labels up to LABEL_MAX, frames from nothing to 10,000 units."""
    budget = linear_budget(text, label, label, label)
    with work_budget(budget):
        style.note_lines(text, width, height)
        style.block_label_lines(label, max(width, 1.0), max(height, 1.0))
        style.connector_label(label)
        style.group_label(label, width)


@pytest.mark.parametrize("width", [0, 10, 100, 1_000, 10_000])
def test_a_twenty_thousand_character_word_costs_linear_work(width: float) -> None:
    """One unbroken 20,000-character word (issue 13: 0.8-2.8 s each, quadratic)."""
    word = "x" * TEXT_MAX
    lines = run_within(linear_budget(word), style.note_lines, word, width, 10_000)
    assert lines and all(lines)


def test_a_note_ten_units_wide_exports() -> None:
    """`{"notes":[{"id":"n","text":"hello","width":10}]}` made `mlsd export` loop forever."""
    diagram = parse('{"schema_version":1,"notes":[{"id":"n","text":"hello","width":10}]}')  # the file
    svg = run_within(linear_budget("hello") * 50, to_svg, diagram)
    assert 'id="note-n"' in svg
