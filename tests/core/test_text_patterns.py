"""The patterns that clean and escape text, written as the few characters they match, match exactly the
characters XML 1.0's Char production leaves out (and, for the SVG writer, the five it escapes), over
every code point."""

from __future__ import annotations

from components.export import svg_text
from components.style import text


def _xml_char(code: int) -> bool:
    return (code >= 0x20 and not 0xD800 <= code <= 0xDFFF and code not in (0xFFFE, 0xFFFF)) or code in (9, 10, 13)


EVERY = "".join(map(chr, range(0x110000)))  # lone surrogates included: labels can hold them (JSON escapes)


def test_clean_replaces_exactly_what_xml_forbids_and_the_whitespace_controls() -> None:
    found = {ord(match) for match in text._FORBIDDEN.findall(EVERY)}
    assert found == {code for code in range(0x110000) if not _xml_char(code)} | {9, 10, 13}


def test_escape_works_on_exactly_what_clean_or_the_escapes_change() -> None:
    found = {ord(match) for match in svg_text._NEEDS_WORK.findall(EVERY)}
    assert found == {ord(match) for match in text._FORBIDDEN.findall(EVERY)} | {ord(c) for c in "&<>\"'"}
