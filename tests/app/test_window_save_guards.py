"""Saving and exporting from the window never replaces what it should not without asking: a file
another window or program saved since it was opened, a read-only file, the design's own file (from
the export dialog), or something that is not a regular file."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from app.canvas import operations
from app.export import dialog as dialog_module
from app.export.dialog import ExportDialog
from app.window import documents as documents_module
from components.io import dumps, load, save
from tests.app.window_helpers import install_answers, make_window, monitored_design


@pytest.fixture
def design(tmp_path: Path) -> Path:
    path = tmp_path / "shared.mlsd.json"
    save(monitored_design(), path)
    return path


class Asked:
    """Stands in for DocumentController.ask_replace: records the questions, answers from a script."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.titles: list[str] = []
        self.texts: list[str] = []

    def __call__(self, title: str, text: str, _replace_text: str) -> str:
        self.titles.append(title)
        self.texts.append(text)
        return self.answers.pop(0)


def _opened(qtbot: Any, tmp_path: Path, path: Path, name: str, asked: Asked) -> Any:
    folder = tmp_path / name
    folder.mkdir()
    window = make_window(qtbot, folder)
    assert window.documents.open(str(path))
    window.documents.ask_replace = asked
    return window


def test_the_second_of_two_windows_asks_before_replacing_the_firsts_save(qtbot, tmp_path: Path, design: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    install_answers(monkeypatch)
    first_asked, second_asked = Asked(), Asked(documents_module.CANCEL, documents_module.SAVE_AS,
                                               documents_module.REPLACE)
    first = _opened(qtbot, tmp_path, design, "a", first_asked)
    second = _opened(qtbot, tmp_path, design, "b", second_asked)
    operations.delete(first.editor, ["alert"])
    assert first.documents.save() and first_asked.titles == []  # nobody else saved: no question
    operations.delete(second.editor, ["log"])

    assert not second.documents.save()  # Cancel: the first window's save stays
    assert second_asked.titles == ["File changed on disk"]
    assert "“shared.mlsd.json” was changed on disk since you opened it" in second_asked.texts[0]
    assert dumps(load(design)) == dumps(first.editor.doc.diagram) and second.isWindowModified()

    copy = tmp_path / "copy.mlsd.json"
    second.documents.ask_save_path = lambda: str(copy)
    assert second.documents.save()  # Save As: both versions kept
    assert dumps(load(copy)) == dumps(second.editor.doc.diagram)
    assert dumps(load(design)) == dumps(first.editor.doc.diagram)

    second.documents.open(str(design))
    operations.delete(second.editor, ["mon"])
    operations.delete(first.editor, ["reg"])
    assert first.documents.save()
    assert second.documents.save()  # Replace: the second window's version wins, as asked
    assert dumps(load(design)) == dumps(second.editor.doc.diagram) and not second.isWindowModified()
    operations.delete(second.editor, ["data"])
    assert second.documents.save() and second_asked.answers == []  # its own save is no change on disk


def test_a_read_only_file_is_replaced_only_when_asked_and_stays_read_only(qtbot, tmp_path: Path, design: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    install_answers(monkeypatch)
    design.chmod(0o444)
    before = design.read_bytes()
    asked = Asked(documents_module.CANCEL, documents_module.REPLACE)
    window = _opened(qtbot, tmp_path, design, "a", asked)
    operations.delete(window.editor, ["alert"])
    assert not window.documents.save()
    assert asked.titles == ["File is read-only"] and design.read_bytes() == before and window.isWindowModified()
    assert window.documents.save()
    assert dumps(load(design)) == dumps(window.editor.doc.diagram)
    assert stat.S_IMODE(design.stat().st_mode) == 0o444


def test_a_file_changed_after_a_recovery_restore_is_noticed(qtbot, tmp_path: Path, design: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Restoring binds the window to the original as it was read then; a later change is noticed."""
    from app.recovery import restore
    from tests.app.test_autosave import _dead_pid, _plant_recovery, _recovered_version

    install_answers(monkeypatch)
    monkeypatch.setenv("MLSD_DATA_DIR", str(tmp_path / "data"))
    entry_path = _plant_recovery(tmp_path / "data" / "recovery", _recovered_version(), design, _dead_pid())
    from app.recovery_folder import list_recoveries

    entry = next(e for e in list_recoveries(entry_path.parent) if e.content == entry_path)
    window = make_window(qtbot, tmp_path)
    asked = Asked(documents_module.CANCEL)
    window.documents.ask_replace = asked
    assert restore(window, entry)
    save(monitored_design().model_copy(update={"title": "Saved elsewhere meanwhile"}), design)
    assert not window.documents.save()
    assert asked.titles == ["File changed on disk"] and load(design).title == "Saved elsewhere meanwhile"


def test_a_save_as_onto_a_pipe_is_an_error_not_a_hang(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = install_answers(monkeypatch)
    fifo = tmp_path / "pipe.mlsd.json"
    os.mkfifo(fifo)
    window = make_window(qtbot, tmp_path)
    window.documents.ask_save_path = lambda: str(fifo)
    assert not window.documents.save()
    assert len(answers.errors) == 1 and "not a regular file (a named pipe)" in answers.errors[0]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


# ---------------------------------------------------------------- the export dialog


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    monkeypatch.setattr(dialog_module, "_remembered", {})
    shown: list[tuple[str, str]] = []
    answer = {"question": QMessageBox.StandardButton.Yes}

    def record(kind: str) -> Any:
        def box(_parent: Any, _title: str, text: str, *_args: Any, **_kwargs: Any) -> Any:
            shown.append((kind, text))
            return answer.get(kind, QMessageBox.StandardButton.Ok)
        return box

    for kind in ("critical", "warning", "question"):
        monkeypatch.setattr(QMessageBox, kind, record(kind))
    return shown


def _export_to(qtbot: Any, design: Path, target: Path) -> ExportDialog:
    dialog = ExportDialog(None, load(design), (), document_path=design)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path_edit.setText(str(target))
    dialog._path_edited()
    dialog.export_button.click()
    return dialog


def test_the_export_dialog_never_writes_over_the_design_itself(qtbot, design: Path,
                                                               message_boxes: list[tuple[str, str]]) -> None:
    before = design.read_bytes()
    dialog = _export_to(qtbot, design, design)  # a .json name: the format stays SVG
    assert dialog.format_box.currentData() == "svg"
    assert ("critical", f"{design}: is the design file itself; choose another file to export to") in message_boxes
    assert design.read_bytes() == before and dialog.written_path is None


def test_the_export_dialog_asks_before_replacing_a_read_only_file(qtbot, tmp_path: Path, design: Path,
                                                                  message_boxes: list[tuple[str, str]]) -> None:
    target = tmp_path / "picture.svg"
    target.write_text("old")
    target.chmod(0o444)
    dialog = _export_to(qtbot, design, target)
    assert ("question", "picture.svg is read-only. Replace it anyway? It stays read-only.") in message_boxes
    assert target.read_text().startswith("<?xml") and stat.S_IMODE(target.stat().st_mode) == 0o444
    assert dialog.written_path == target
