"""Files: clear errors for every malformed input, deterministic atomic saves, migrations."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given

from components import io as mio
from components.io import DocumentError, dumps, load, parse, save
from components.model import Block, Connector, Diagram
from tests.conftest import EXAMPLES
from tests.strategies import diagrams

GOOD = {"schema_version": 1, "blocks": [{"id": "a", "kind": "ranking"}, {"id": "b", "kind": "monitoring"}],
        "connectors": [{"id": "c", "source": "a", "target": "b", "flow": "observe"}]}


def _with(**changes: object) -> str:
    return json.dumps({**GOOD, **changes})


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", "empty"),
        ("not json", "not valid JSON"),
        ('{"schema_version": 1, "blocks": [', "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('"hello"', "expected a JSON object"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        (b'{"title": "\xff\xfe"}', "not UTF-8"),
        ('{"schema_version": 1, "title": NaN}', "NaN"),
        ('{"schema_version": 1, "blocks": [{"id": "a", "kind": "ranking", "x": Infinity}]}', "Infinity"),
        ('{"schema_version": 1, "blocks": [{"id": "a", "kind": "ranking", "x": 1e999}]}', "finite"),
        (_with(blocks=[{"id": "a", "kind": "ranking", "x": "12"}]), "blocks[0] (id 'a').x"),
        (_with(blocks=[{"id": "a", "kind": "warp_drive"}]), "blocks[0] (id 'a'): unknown block kind 'warp_drive'"),
        (_with(connectors=[{"id": "c", "source": "a", "target": "b", "flow": "magic"}]),
         "connectors[0] (id 'c'): unknown flow 'magic'"),
        (_with(extra=1), "extra: unknown key"),
        (_with(blocks=[{"id": "a", "kind": "cache"}, {"id": "a", "kind": "cache"}], connectors=[]), "duplicate id 'a'"),
        (_with(connectors=[{"id": "c", "source": "a", "target": "nowhere"}]), "'nowhere' is not a block"),
        ('{"schema_version": 99}', "newer than this program"),
        ('{"schema_version": "1"}', "schema_version"),
        ('{"blocks": []}', "schema_version"),
        ("[" * 100_000, "nested too deeply"),
        ('{"schema_version": 1, "requirements": {"dau": ' + "9" * 5000 + "}}", "digits"),
    ],
)
def test_malformed_input_names_the_problem(text: str | bytes, needle: str) -> None:
    with pytest.raises(DocumentError) as caught:
        parse(text, "design.mlsd.json")
    message = str(caught.value)
    assert message.startswith("design.mlsd.json: ")
    assert needle in message
    assert "Traceback" not in message


def test_load_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no such file"):
        load(tmp_path / "missing.mlsd.json")
    with pytest.raises(DocumentError, match="is a folder"):
        load(tmp_path)


def test_newer_schema_is_refused_and_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.mlsd.json"
    payload = b'{"schema_version": 2, "hover_boards": true}'
    path.write_bytes(payload)
    before = path.stat().st_mtime_ns
    with pytest.raises(DocumentError, match="newer"):
        load(path)
    assert path.read_bytes() == payload
    assert path.stat().st_mtime_ns == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["future.mlsd.json"]


def test_migration_steps_run_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """The mechanism: data of version 1 passes through each step up to the current version."""
    calls: list[int] = []

    def step_1_to_2(data: dict) -> dict:
        calls.append(1)
        data["title"] = data.pop("name")
        return data

    monkeypatch.setitem(mio.migrate.__globals__, "MIGRATIONS", [step_1_to_2])
    migrated = mio.migrate({"schema_version": 1, "name": "old"}, current=2)
    assert calls == [1]
    assert migrated == {"schema_version": 2, "title": "old"}


def test_save_is_deterministic_and_canonical(tmp_path: Path) -> None:
    diagram = Diagram(blocks=[Block(id="a", kind="ranking", x=600, y=80.5, props={"p99_ms": 60})])
    first = save(diagram, tmp_path / "a.mlsd.json").path.read_bytes()
    second = save(diagram.model_copy(deep=True), tmp_path / "b.mlsd.json").path.read_bytes()
    assert first == second
    text = first.decode()
    assert text.endswith("}\n")
    assert '\n  "title"' in text  # 2-space indent
    assert '"x": 600,' in text and '"y": 80.5' in text  # whole numbers written without ".0"


@given(diagrams())
def test_round_trip_generated(diagram: Diagram) -> None:
    text = dumps(diagram)
    again = parse(text)
    assert again == diagram
    assert dumps(again) == text


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.mlsd.json")), ids=lambda p: p.name)
def test_round_trip_examples(path: Path, tmp_path: Path) -> None:
    diagram = load(path)
    saved = save(diagram, tmp_path / path.name).path
    again = load(saved)
    assert again == diagram
    assert saved.read_bytes() == save(again, tmp_path / "second.mlsd.json").path.read_bytes()
    assert saved.read_bytes() == path.read_bytes(), "examples are stored in canonical form"


def test_save_keeps_symlink_and_permissions(tmp_path: Path) -> None:
    real = tmp_path / "real.mlsd.json"
    save(Diagram(title="one"), real)
    os.chmod(real, 0o640)
    link = tmp_path / "link.mlsd.json"
    link.symlink_to(real)
    save(Diagram(title="two"), link)
    assert link.is_symlink()
    assert load(real).title == "two"
    assert oct(real.stat().st_mode & 0o777) == oct(0o640)


def test_failed_save_leaves_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "d.mlsd.json"
    save(Diagram(title="old"), path)

    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(DocumentError, match="No space left on device"):
        save(Diagram(title="new"), path)
    monkeypatch.undo()
    assert load(path).title == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["d.mlsd.json"]


def test_connector_and_block_order_is_kept() -> None:
    diagram = Diagram(
        blocks=[Block(id=i, kind="cache") for i in ("z", "a", "m")],
        connectors=[Connector(id="c2", source="z", target="a"), Connector(id="c1", source="a", target="m")],
    )
    again = parse(dumps(diagram))
    assert [b.id for b in again.blocks] == ["z", "a", "m"]
    assert [c.id for c in again.connectors] == ["c2", "c1"]


def test_version_1_file_migrates_to_version_2() -> None:
    """The v1 -> v2 step on a real v1 file: a monitor's single `target` becomes a list; everything else
    (rule settings, properties, defaults of the new fields) reads as before."""
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "migrations"
    old = json.loads((fixtures / "v1.mlsd.json").read_text(encoding="utf-8"))
    expected = json.loads((fixtures / "v1-as-v2.json").read_text(encoding="utf-8"))
    assert mio.migrate(old) == expected
    diagram = parse((fixtures / "v1.mlsd.json").read_text(encoding="utf-8"))
    assert diagram.schema_version == 2
    props = {block.id: block.props for block in diagram.blocks}
    assert props["mon"].target == ["model_quality"]
    assert props["mon2"].target == ["system"]  # the v1 default, kept
    assert props["log"].logs == ["predictions"]
    assert diagram.rules.params == {"corpus_threshold": 5000}
    assert diagram.requirements.volume_per_run is None and diagram.requirements.run_window_hours is None
