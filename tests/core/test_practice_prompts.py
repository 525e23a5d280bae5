"""Interview prompts: one built-in per case study agreeing with its template, the user's own from the data
folder, a JSON Schema that is current and agrees with the loader, clear one-line errors for bad files."""

from __future__ import annotations

import json
import string
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from components.io import DocumentError, save
from components.model import Diagram, Requirements
from components.practice import prompt_catalog
from components.practice.docs import SCHEMA_PATH, main, schema_text
from components.practice.prompt import SCHEMA_VERSION, Prompt, prompt_schema
from components.practice.prompts import builtin_folder, load_prompt, parse_prompt
from components.templates import TEMPLATE_IDS, load_template

CASE_STUDIES = [template_id for template_id in TEMPLATE_IDS if template_id != "seven-step-skeleton"]


def valid() -> dict[str, Any]:
    return {"schema_version": 1, "id": "my-prompt", "title": "Spam filter", "opening": "Design a spam filter.",
            "questions": [{"id": "scale", "topic": "scale", "ask": "How many emails?",
                           "answer": "A billion a day.", "reveals": {"dau": 1000}},
                          {"id": "rules", "topic": "constraints", "ask": "Anything else?", "answer": "No."}]}


@pytest.fixture
def user_prompts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MLSD_DATA_DIR", str(tmp_path / "data"))
    folder = tmp_path / "data" / "prompts"
    folder.mkdir(parents=True)
    return folder


def test_one_built_in_prompt_per_case_study_in_gallery_order(user_prompts: Path) -> None:
    catalog = prompt_catalog()
    assert catalog.problems == ()
    assert catalog.ids() == CASE_STUDIES
    for loaded in catalog.prompts:
        assert loaded.builtin and loaded.prompt.reference == loaded.id
        assert loaded.path.name == f"{loaded.id}.prompt.json"
        topics = {question.topic for question in loaded.prompt.questions}
        assert {"scale", "latency", "success_metric", "constraints"} <= topics, loaded.id
        assert loaded.reference_design() == load_template(loaded.id)


@pytest.mark.parametrize("prompt_id", CASE_STUDIES)
def test_what_the_interviewer_reveals_agrees_with_the_reference_design(prompt_id: str) -> None:
    """An answer's values are the reference template's own: the design the attempt is compared with."""
    prompt = load_prompt(builtin_folder() / f"{prompt_id}.prompt.json")
    card = load_template(prompt_id).requirements
    revealed = {name: value for question in prompt.questions for name, value in question.revealed.items()}
    assert revealed, prompt_id
    for name, value in revealed.items():
        assert getattr(card, name) == value, (prompt_id, name)
    assert "latency_slo_ms" in revealed or "run_window_hours" in revealed
    assert {"dau", "volume_per_run"} & set(revealed) and "online_metrics" in revealed


def test_an_answer_fills_the_card_once_and_the_interviewer_wins_over_a_guess() -> None:
    question = Prompt.model_validate(valid()).question("scale")
    card = Requirements(dau=5, notes="my notes", latency_slo_ms=100)
    filled = question.fill(card)
    assert filled.dau == 1000 and filled.latency_slo_ms == 100  # only what the answer reveals changes
    assert filled.notes == "my notes\nScale: A billion a day."
    assert question.fill(filled) == filled  # asking again adds nothing
    assert Prompt.model_validate(valid()).question("rules").fill(Requirements()).notes == "Constraints: No."


def test_the_committed_schema_is_current_and_every_built_in_prompt_meets_it(capsys) -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), \
        "docs/prompt.schema.json is stale: run .venv/bin/python -m components.practice.docs"
    assert main(["--check"]) == 0
    schema = prompt_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in sorted(builtin_folder().glob("*.prompt.json")):
        jsonschema.Draft202012Validator(schema).validate(json.loads(path.read_text(encoding="utf-8")))
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    assert "schema_version" in schema["required"]


def test_check_mode_reports_a_stale_schema(tmp_path: Path, monkeypatch, capsys) -> None:
    stale = tmp_path / "prompt.schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    monkeypatch.setattr("components.practice.docs.SCHEMA_PATH", stale)
    assert main(["--check"]) == 1 and "stale" in capsys.readouterr().err
    assert main([]) == 0 and main(["--check"]) == 0


def _with(change: dict[str, Any]) -> bytes:
    data = valid()
    data.update(change)
    return json.dumps(data).encode()


BAD_FILES = [
    (b"", "src: the file is empty"),
    (b"{not json", "src: not valid JSON: Expecting property name enclosed in double quotes at line 1 column 2"),
    (b"[1, 2]", "src: not a prompt file (expected a JSON object, got list)"),
    (b"\x00\x01binary", "src: not a prompt file (binary content)"),
    ('{"a": 1}'.encode("utf-16"), "src: not UTF-8 text (it looks like UTF-16; save it as UTF-8)"),
    (b'{"schema_version": 1, "schema_version": 1}', "src: duplicate key 'schema_version' (a key may appear only once"),
    (_with({"schema_version": 2}), "src: schema_version 2 is newer than this program understands (1); update MLSD "
                                   "Whiteboard to open it"),
    (_with({"schema_version": "1"}), "src: schema_version: expected a whole number, got '1'"),
    (_with({"colour": "red"}), "src: colour: unknown key"),
    (_with({"id": "Has Spaces"}), "src: id: String should match pattern '^[a-z0-9][a-z0-9-]*$'"),
    (_with({"questions": []}), "src: questions: List should have at least 1 item after validation, not 0"),
    (_with({"questions": [{"id": "q", "topic": "weather", "ask": "?", "answer": "!"}]}),
     "src: questions[0] (id 'q'): unknown topic 'weather' (one of: scale, latency, success_metric, constraints, "
     "data, other)"),
    (_with({"questions": [{"id": "q", "topic": "scale", "ask": "?", "answer": "!", "reveals": {"dau": -1}}]}),
     "src: questions[0] (id 'q').reveals.dau: Input should be greater than or equal to 0"),
    (_with({"questions": [{"id": "q", "topic": "scale", "ask": "?", "answer": "!"}] * 2}),
     "src: questions[1]: duplicate question id 'q'"),
]


@pytest.mark.parametrize(("payload", "message"), BAD_FILES, ids=[message[5:40] for _, message in BAD_FILES])
def test_a_bad_prompt_file_gets_one_clear_line_naming_the_item(payload: bytes, message: str) -> None:
    with pytest.raises(DocumentError) as caught:
        parse_prompt(payload, "src")
    text = str(caught.value)
    assert text.startswith(message) and "\n" not in text


def test_a_reference_must_be_a_template_or_a_design_beside_the_prompt(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps({**valid(), "reference": "mine.mlsd.json"}), encoding="utf-8")
    with pytest.raises(DocumentError, match=r"p\.json: reference 'mine\.mlsd\.json' is neither a template id"):
        load_prompt(path)
    save(Diagram(title="Mine"), tmp_path / "mine.mlsd.json")
    assert load_prompt(path).reference == "mine.mlsd.json"
    for where, what in ((tmp_path, "is a folder, not a prompt file"), (tmp_path / "gone.json", "no such file")):
        with pytest.raises(DocumentError, match=what):
            load_prompt(where)


def test_user_prompts_come_after_the_built_in_ones_and_bad_files_are_named(user_prompts: Path) -> None:
    (user_prompts / "a-good.json").write_text(json.dumps({**valid(), "reference": "ref.mlsd.json"}), encoding="utf-8")
    save(Diagram(title="Reference"), user_prompts / "ref.mlsd.json")
    (user_prompts / "b-broken.json").write_text("{", encoding="utf-8")
    (user_prompts / "c-taken.json").write_text(json.dumps({**valid(), "id": "video-search"}), encoding="utf-8")
    (user_prompts / "notes.txt").write_text("not a prompt", encoding="utf-8")
    catalog = prompt_catalog()
    assert catalog.ids() == [*CASE_STUDIES, "my-prompt"]
    mine = catalog.find("my-prompt")
    assert not mine.builtin and mine.reference_design().title == "Reference"
    assert len(catalog.problems) == 2
    assert catalog.problems[0].startswith(f"{user_prompts / 'b-broken.json'}: not valid JSON")
    assert catalog.problems[1] == (f"{user_prompts / 'c-taken.json'}: prompt id 'video-search' is already used by "
                                   "another prompt; rename it")
    with pytest.raises(LookupError, match="unknown prompt 'nope' \\(known: visual-search, "):
        catalog.find("nope")


JSON = st.recursive(st.none() | st.booleans() | st.integers(-10, 10**12) | st.floats(allow_nan=False)
                    | st.text(string.printable, max_size=12),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                    max_leaves=6)
PLACES = [(), ("questions",), ("questions", 0), ("questions", 0, "reveals"), ("questions", 1)]


@given(place=st.sampled_from(PLACES), key=st.sampled_from(["id", "title", "opening", "reference", "questions",
                                                            "topic", "ask", "answer", "reveals", "dau", "extra",
                                                            "schema_version", "online_metrics"]),
       value=JSON)
def test_the_loader_never_accepts_what_the_schema_refuses(place: tuple[Any, ...], key: str, value: Any) -> None:
    """Any one key of a valid prompt set to any JSON value: the loader either accepts a prompt the schema
    accepts too, or refuses with one line (never another exception)."""
    data: Any = valid()
    node = data
    for step in place:
        node = node[step]
    if isinstance(node, dict):
        node[key] = value
    else:
        node.append(value)
    text = json.dumps(data)
    try:
        parse_prompt(text, "src")
    except DocumentError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("src: ")
        return
    jsonschema.Draft202012Validator(prompt_schema()).validate(json.loads(text))
