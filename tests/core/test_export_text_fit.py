"""Text fitting shared by canvas and export: measured widths, wrapping, eliding (style module)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from components import style

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
