"""Hostile files in the app: opening one shows an error dialog naming the file, and the design on
screen (document, undo history, path, modified state) stays exactly as it was."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from app.canvas import operations
from components.io import dumps
from tests.app.window_helpers import Answers, install_answers, make_window, monitored_design

DEEP = 100_000


def _utf16(_tmp: Path) -> bytes:
    return dumps(monitored_design()).encode("utf-16")


CASES: dict[str, Callable[[Path], bytes | None]] = {
    "deep nesting": lambda _t: b"[" * DEEP + b"]" * DEEP,
    "5000-digit number": lambda _t: b'{"schema_version": ' + b"9" * 5000 + b"}",
    "NaN": lambda _t: b'{"schema_version": 1, "blocks": [{"id": "a", "kind": "custom", "x": NaN}]}',
    "UTF-16": _utf16,
    "lone surrogate": lambda _t: b'{"schema_version": 1, "requirements": {"notes": "\\ud800"}}',
    "truncated": lambda _t: b'{"schema_version": 1, "title": "Half a fi',
    "binary junk": lambda _t: bytes(range(256)) * 64,
    "too large": lambda _t: b'{"schema_version": 1, "description": "' + b"x" * (33 * 1024 * 1024) + b'"}',
    "empty": lambda _t: b"",
    "a folder": lambda _t: None,
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_file_leaves_the_open_design_untouched(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       case: str) -> None:
    answers: Answers = install_answers(monkeypatch)
    window = make_window(qtbot, tmp_path)
    editor = window.editor
    operations.rename(editor, "client", "Edited before the bad open")  # unsaved work that must survive
    before = (dumps(editor.doc.diagram), editor.undo_stack.count(), editor.undo_stack.index(), editor.path,
              editor.modified, window.windowTitle())
    path = tmp_path / "hostile.mlsd.json"
    payload = CASES[case](tmp_path)
    if payload is None:
        path.mkdir()
    else:
        path.write_bytes(payload)
    assert window.documents.open(str(path)) is False
    assert len(answers.errors) == 1 and answers.errors[0].startswith(f"{path}: ")
    assert "\n" not in answers.errors[0] and len(answers.errors[0]) < 1000
    assert answers.questions == []  # refused before any "save your changes?" question
    after = (dumps(editor.doc.diagram), editor.undo_stack.count(), editor.undo_stack.index(), editor.path,
             editor.modified, window.windowTitle())
    assert after == before
    assert {item.item_id for item in window.scene.items() if hasattr(item, "item_id")} >= {"client"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_named_pipe_does_not_hang_the_window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = install_answers(monkeypatch)
    window = make_window(qtbot, tmp_path)
    pipe = tmp_path / "pipe.mlsd.json"
    os.mkfifo(pipe)
    assert window.documents.open(str(pipe)) is False
    assert answers.errors == [f"{pipe}: not a regular file"]
