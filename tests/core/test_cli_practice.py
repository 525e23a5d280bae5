"""`mlsd practice list|score|check|schema`, for scripts and graders, without Qt."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from components.io import save
from components.templates import load_template
from tests.conftest import EXAMPLES, ROOT
from tests.core.test_no_qt import BLOCKER
from tests.core.test_practice_prompts import CASE_STUDIES, valid


@pytest.fixture(autouse=True)
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MLSD_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["practice", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_prints_every_prompt_and_names_the_files_left_out(capsys, data_folder: Path) -> None:
    (data_folder / "prompts").mkdir(parents=True)
    (data_folder / "prompts" / "mine.json").write_text(json.dumps(valid()), encoding="utf-8")
    (data_folder / "prompts" / "bad.json").write_text("[]", encoding="utf-8")
    code, out, err = run(capsys, "list")
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == [*CASE_STUDIES, "my-prompt"]
    assert lines[0].endswith("Visual search  (built-in)")
    assert lines[-1].endswith(f"Spam filter  ({data_folder / 'prompts' / 'mine.json'})")
    assert f"left out: {data_folder / 'prompts' / 'bad.json'}: not a prompt file" in err
    assert f"your prompts folder: {data_folder / 'prompts'}" in err
    code, out, _err = run(capsys, "list", "--long")
    assert "Design the homepage video recommendations for a video platform." in out


def test_score_prints_the_review_and_the_comparison_as_json(capsys, tmp_path: Path) -> None:
    design = load_template("video-recommendation")
    design = design.model_copy(update={"blocks": [b for b in design.blocks if b.id != "ann"],
                                       "connectors": [c for c in design.connectors if "ann" not in (c.source, c.target)]})
    save(design, tmp_path / "answer.mlsd.json")
    code, out, err = run(capsys, "score", str(tmp_path / "answer.mlsd.json"), "--prompt", "video-recommendation")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert set(data) == {"prompt", "title", "total", "max", "weakest_step", "reference", "review", "comparison"}
    assert data["max"] == 21 and data["total"] == data["review"]["total"]
    assert [item["kind"] for item in data["comparison"]["missing"]] == ["vector_index"]


def test_score_refuses_unknown_prompts_and_bad_designs_with_one_line(capsys, tmp_path: Path) -> None:
    code, _out, err = run(capsys, "score", str(EXAMPLES / "video-search.mlsd.json"), "--prompt", "nope")
    assert code == 2 and err.startswith("mlsd practice score: unknown prompt 'nope' (known: visual-search")
    code, _out, err = run(capsys, "score", str(tmp_path / "gone.mlsd.json"), "--prompt", "video-search")
    assert code == 2 and err.strip() == f"{tmp_path / 'gone.mlsd.json'}: no such file"


def test_check_and_schema(capsys, tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(valid()), encoding="utf-8")
    assert run(capsys, "check", str(good)) == (0, f"{good}: a valid prompt: 'my-prompt', 2 questions\n", "")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**valid(), "schema_version": 3}), encoding="utf-8")
    code, out, err = run(capsys, "check", str(bad))
    assert code == 2 and out == "" and err.strip() == (f"{bad}: schema_version 3 is newer than this program "
                                                       "understands (1); update MLSD Whiteboard to open it")
    code, out, _err = run(capsys, "schema")
    assert code == 0 and json.loads(out)["title"] == "MLSD Whiteboard interview prompt"


def test_the_practice_commands_run_without_qt(tmp_path: Path) -> None:
    script = BLOCKER + (
        "import sys\nfrom app.cli import main\n"
        f"code = main(['practice', 'score', {str(EXAMPLES / 'video-search.mlsd.json')!r}, '--prompt', 'video-search'])\n"
        "code += main(['practice', 'list'])\n"
        "assert 'PySide6' not in sys.modules, 'Qt was imported'\nsys.exit(code)\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={"MLSD_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert '"prompt": "video-search"' in result.stdout and "people-you-may-know" in result.stdout
