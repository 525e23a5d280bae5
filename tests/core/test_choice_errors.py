"""A value outside a fixed set of words (a block kind, a flow, a store type, a severity...) is named in
plain words with a pointer to the valid ones, not pydantic's list of every choice cut off mid-word."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from components.io import DocumentError, parse

GOOD: dict[str, Any] = {
    "schema_version": 2,
    "blocks": [{"id": "uploads", "kind": "data_source"}, {"id": "lake", "kind": "data_store"},
               {"id": "mon", "kind": "monitoring"}, {"id": "logs", "kind": "logging"}],
    "connectors": [{"id": "c", "source": "uploads", "target": "lake", "flow": "data"}],
}


def _message(**changes: Any) -> str:
    with pytest.raises(DocumentError) as caught:
        parse(json.dumps({**GOOD, **changes}), "d.mlsd.json")
    return str(caught.value)


def _blocks(first: dict[str, Any]) -> list[dict[str, Any]]:
    return [first, *GOOD["blocks"][1:]]


def test_an_unknown_block_kind_is_named_with_a_pointer_to_the_kinds() -> None:
    """Trial 23 F6: "blocks[0] (id 'uploads').kind: Input should be 'data_source', ... 'mod... (437
    characters) (and 1 more problem)"."""
    message = _message(blocks=_blocks({"id": "uploads", "kind": "quantum_computer", "props": {}}))
    assert message == ("d.mlsd.json: blocks[0] (id 'uploads'): unknown block kind 'quantum_computer' "
                       "(`mlsd schema` lists the 26 valid ones)")


def test_a_misspelt_block_kind_gets_the_nearest_name() -> None:
    message = _message(blocks=_blocks({"id": "uploads", "kind": "data_sorce"}))
    assert message == ("d.mlsd.json: blocks[0] (id 'uploads'): unknown block kind 'data_sorce': did you mean "
                       "'data_source'? (`mlsd schema` lists the 26 valid ones)")


@pytest.mark.parametrize(("changes", "expected"), [
    ({"connectors": [{"id": "c", "source": "uploads", "target": "lake", "flow": "magic"}]},
     "connectors[0] (id 'c'): unknown flow 'magic' (one of: request, data, model, feedback, observe)"),
    ({"connectors": [{"id": "c", "source": "uploads", "target": "lake", "flow": "dta"}]},
     "connectors[0] (id 'c'): unknown flow 'dta': did you mean 'data'? (one of: request, data, model, feedback, "
     "observe)"),
    ({"connectors": [{"id": "c", "source": "uploads", "target": "lake", "style": "curvy"}]},
     "connectors[0] (id 'c'): unknown connector style 'curvy' (one of: straight, elbow)"),
    ({"connector_style": "curvy"}, "unknown connector style 'curvy' (one of: straight, elbow)"),
    ({"blocks": [GOOD["blocks"][0], {"id": "lake", "kind": "data_store", "props": {"store_type": "tape"}},
                 *GOOD["blocks"][2:]]},
     "blocks[1] (id 'lake').props: unknown store type 'tape' (one of: warehouse, lake, sql, nosql, kv, "
     "object_store, search_index, graph)"),
    ({"blocks": [*GOOD["blocks"][:3], {"id": "logs", "kind": "logging", "props": {"logs": ["requests", "vibes"]}}]},
     "blocks[3] (id 'logs').props.logs[1]: unknown logged item 'vibes' (one of: requests, features, predictions, "
     "impressions, outcomes)"),
    ({"rules": {"severity": {"orphan-block": "fatal"}}},
     "rules.severity.orphan-block: unknown severity 'fatal' (one of: error, warning, info)"),
    ({"requirements": {"task_type": "astrology"}},
     "requirements: unknown task type 'astrology' (`mlsd schema` lists the 15 valid ones)"),
    ({"blocks": _blocks({"id": "uploads", "kind": 7})},
     "blocks[0] (id 'uploads'): unknown block kind 7 (`mlsd schema` lists the 26 valid ones)"),
])
def test_every_choice_field_gets_the_same_clear_wording(changes: dict[str, Any], expected: str) -> None:
    message = _message(**changes)
    assert message == f"d.mlsd.json: {expected}"


def test_a_hostile_value_is_quoted_escaped_and_short() -> None:
    message = _message(blocks=_blocks({"id": "uploads", "kind": "r\u0430nking" + "x" * 10_000}))
    assert message.startswith("d.mlsd.json: blocks[0] (id 'uploads'): unknown block kind 'r\\u0430nkingxxx")
    assert len(message) < 250 and "\u0430" not in message


def test_other_problems_keep_their_messages() -> None:
    assert _message(blocks=_blocks({"id": "uploads", "kind": "data_source", "x": "12"})).startswith(
        "d.mlsd.json: blocks[0] (id 'uploads').x: Input should be a valid number")
    assert _message(extra=1) == "d.mlsd.json: extra: unknown key"


def test_mlsd_validate_says_the_same(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "badkind.mlsd.json"
    path.write_text(json.dumps({**GOOD, "blocks": _blocks({"id": "uploads", "kind": "quantum_computer"})}))
    assert main(["validate", str(path)]) == 2
    _out, err = capsys.readouterr()
    assert err.strip() == (f"{path}: blocks[0] (id 'uploads'): unknown block kind 'quantum_computer' "
                           "(`mlsd schema` lists the 26 valid ones)")
