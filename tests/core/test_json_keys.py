"""Keys in design files: a repeated key is a load error naming it and where it is; a key with
lookalike characters (Cyrillic 'а' for Latin 'a') is shown by code point, not as a lookalike."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from components.io import DocumentError, parse
from components.io.jsontext import loads

KEYS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6)
VALUES = st.recursive(st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.text(max_size=5),
                      lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
                      max_leaves=20)


@given(VALUES)
def test_without_repeats_it_reads_what_json_reads(value: Any) -> None:
    text = json.dumps(value)
    assert loads(text, "x") == json.loads(text)


def _with_repeat(value: Any, key: str) -> str:
    """JSON text of ``value`` with one object gaining ``key`` twice (spliced in as text)."""
    return json.dumps({"wrapper": value}).replace("{", "{" + json.dumps(key) + ": 1, " + json.dumps(key) + ": 2, ", 1)


@given(VALUES, KEYS)
def test_any_repeated_key_is_an_error_naming_it(value: Any, key: str) -> None:
    text = _with_repeat(value, key)
    with pytest.raises(DocumentError) as caught:
        loads(text, "d.json")
    message = str(caught.value)
    assert message.startswith("d.json: ") and f"duplicate key {ascii(key)[:60]}" in message


@pytest.mark.parametrize(("text", "expected"), [
    ('{"schema_version": 1, "title": "a", "title": "b"}',
     "d.mlsd.json: duplicate key 'title' (a key may appear only once in an object)"),
    ('{"schema_version": 1, "blocks": [{"id": "a", "kind": "ranking"}, '
     '{"id": "r", "kind": "ranking", "props": {"p99_ms": 5, "p99_ms": 9}}]}',
     "d.mlsd.json: blocks[1] (id 'r').props: duplicate key 'p99_ms' (a key may appear only once in an object)"),
    ('{"schema_version": 1, "rules": {"severity": {}, "disabled": [], "disabled": ["x"]}}',
     "d.mlsd.json: rules: duplicate key 'disabled' (a key may appear only once in an object)"),
])
def test_a_repeated_key_names_its_json_path(text: str, expected: str) -> None:
    with pytest.raises(DocumentError) as caught:
        parse(text, "d.mlsd.json")
    assert str(caught.value) == expected


def test_a_repeat_inside_a_dropped_value_still_names_a_reachable_one() -> None:
    text = '{"schema_version": 1, "requirements": {"dau": 1, "dau": 2}, "requirements": {}}'
    with pytest.raises(DocumentError) as caught:
        parse(text, "d.mlsd.json")
    assert str(caught.value).startswith("d.mlsd.json: duplicate key 'requirements'")


def test_a_lookalike_key_shows_its_code_points() -> None:
    text = '{"schema_version": 1, "blocks": [{"id": "a", "kind": "ranking", "l\\u0430bel": "x"}]}'
    with pytest.raises(DocumentError) as caught:
        parse(text, "d.mlsd.json")
    message = str(caught.value)
    assert message == ("d.mlsd.json: blocks[0] (id 'a').'l\\u0430bel': unknown key (it has characters that are "
                       "not plain ASCII: U+0430 CYRILLIC SMALL LETTER A at character 2)")
    assert "\u0430" not in message  # never printed as the lookalike itself


def test_several_odd_characters_are_counted() -> None:
    key = "\u0435\u0445\u0442r\u0430\u0430"  # 'extraa' with five Cyrillic letters
    with pytest.raises(DocumentError) as caught:
        parse(json.dumps({"schema_version": 1, key: 1}), "d.mlsd.json")
    message = str(caught.value)
    assert "U+0435 CYRILLIC SMALL LETTER IE at character 1" in message and "and 2 more" in message


def test_a_plain_unknown_key_keeps_its_short_message() -> None:
    with pytest.raises(DocumentError) as caught:
        parse('{"schema_version": 1, "extra": 1}', "d.mlsd.json")
    assert str(caught.value) == "d.mlsd.json: extra: unknown key"
