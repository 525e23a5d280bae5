"""After one edit: what the app does (DESIGN.md section 7, "validation after one edit"), and proof that an
edit does not cost more as the design grows (no O(n^2) on an edit path).

The validator has no incremental path: every check is a full ``validate`` + ``coverage`` on the new
diagram, run once by the debounced LiveValidator (app/window/validation.py) after a burst of edits, from
the event loop and never from a paint. So "validation after one edit" is: push one edit through the
Editor, then the live validator's run (validate, coverage, findings shown on the canvas and the panels).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.canvas.scene import CanvasScene
from app.canvas.view import CanvasView
from app.editor import Editor
from bench.conftest import VIEWPORT, diagram_of
from components.commands import MoveItems, Relabel
from components.document import Document
from components.validate import coverage, validate


@pytest.mark.parametrize("n", [1_000, 10_000])
def test_core_edit_then_validate(benchmark, n: int) -> None:
    """Without Qt: relabel one block through the Document, then the full validate + coverage."""
    doc = Document(diagram_of(n))
    block_id = doc.diagram.blocks[n // 2].id
    step = [0]

    def edit_then_validate() -> int:
        step[0] += 1
        Relabel("blocks", block_id, f"Ranker {step[0]}").do(doc)
        return len(validate(doc.diagram)) + len(coverage(doc.diagram))

    benchmark(edit_then_validate)
    benchmark.extra_info.update(blocks=n, connectors=len(doc.diagram.connectors))


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    monkeypatch.setenv("MLSD_DATA_DIR", str(tmp_path))
    from app.window.main_window import MainWindow

    editor = Editor(diagram_of(5_000))
    win = MainWindow(editor, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win.resize(*VIEWPORT)
    win.show()
    qtbot.waitExposed(win)
    win.validator.run_now()
    QApplication.processEvents()
    yield win
    win.editor.undo_stack.setClean()
    win.close()


def test_window_edit_then_live_validation(benchmark, window) -> None:
    """5,000 blocks in the main window: move one block (one undo step), then the live validator's run
    with everything it updates (canvas badges, findings list, checklist), as the debounce timer fires it."""
    editor = window.editor
    block_id = editor.doc.diagram.blocks[2_500].id
    step = [0]

    def edit_then_validate() -> None:
        step[0] += 1
        editor.push(MoveItems.by(editor.doc, [block_id], 16 if step[0] % 2 else -16, 0))
        assert window.validator.pending  # the debounce timer was started by the edit, not a validation
        window.validator.run_now()
        QApplication.processEvents()

    benchmark(edit_then_validate)
    benchmark.extra_info.update(blocks=5_000, findings=len(window.validator.findings))


@pytest.mark.parametrize("n", [1_000, 5_000, 10_000])
def test_one_edit_on_canvas(benchmark, qtbot, n: int) -> None:
    """Move one block through the Editor and let the scene follow (item, its connectors, the repaint):
    flat in n when no edit path walks the whole design."""
    editor = Editor(diagram_of(n))
    scene = CanvasScene(editor)
    view = CanvasView(scene)
    view.resize(*VIEWPORT)
    view.show()
    qtbot.waitExposed(view)
    block_id = editor.doc.diagram.blocks[n // 2].id
    view.reset_zoom()
    view.centerOn(scene.item_for(block_id))
    QApplication.processEvents()
    step = [0]

    def one_edit() -> None:
        step[0] += 1
        editor.push(MoveItems.by(editor.doc, [block_id], 16 if step[0] % 2 else -16, 0, text=f"Move {step[0]}"))
        QApplication.processEvents()

    benchmark(one_edit)
    benchmark.extra_info.update(blocks=n, undo_steps=editor.undo_stack.count())
    scene.detach()
    view.close()
