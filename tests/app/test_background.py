"""Long work off the UI thread: auto-layout and export run on a worker while the event loop keeps
going, a progress indicator appears, Cancel discards the result, and a result computed from a
design that changed meanwhile is dropped.

The slow engines here are stand-ins that wait for the test to open a gate, so nothing depends on
how fast the machine is: if the work ran on the UI thread, the gate could never open (the timers
that open it would not tick) and the stand-in would give up and fail the test.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QProgressDialog, QPushButton

import app.background as background
import app.export.dialog as dialog_module
import components.layout as layout_package
from app.export.dialog import ExportDialog
from app.export.errors import ExportError
from app.export.service import ExportSettings, export_bytes
from components.commands import MoveItems
from components.io import dumps
from components.layout import LayoutError
from components.synthetic import synthetic_diagram
from tests.app.canvas_helpers import (
    Canvas,
    canvas,  # noqa: F401  (fixture)
)
from tests.app.window_helpers import install_answers, make_window
from tests.core.test_export_svg import small_diagram

REAL_LAYOUT = layout_package.auto_layout
CTRL = Qt.KeyboardModifier.ControlModifier
GATE_WAIT_S = 15.0


class Gated:
    """Stands in for a slow function: records the thread it ran on, waits for ``gate``, then runs
    ``then`` (and ignores any cancel request, like a worker stuck in a long step)."""

    def __init__(self, then: Callable[..., Any]) -> None:
        self.gate = threading.Event()
        self.then = then
        self.threads: list[threading.Thread] = []
        self.cancel_seen: list[bool] = []
        self.results: list[Any] = []

    def __call__(self, *args: Any, cancel: Callable[[], bool] | None = None, **kwargs: Any) -> Any:
        self.threads.append(threading.current_thread())
        if not self.gate.wait(GATE_WAIT_S):
            raise AssertionError("the gate never opened: the event loop was blocked")
        self.cancel_seen.append(bool(cancel and cancel()))
        result = self.then(*args, **kwargs)
        self.results.append(result)
        return result

    def join(self) -> None:
        for thread in self.threads:
            if thread is not threading.main_thread():
                thread.join(GATE_WAIT_S)


def builtin_layout(diagram: Any, ids: Any = None, engine: str = "auto", timeout: float = 10.0) -> Any:
    return REAL_LAYOUT(diagram, ids, engine="builtin", timeout=timeout)


def visible_progress() -> QProgressDialog | None:
    shown = [w for w in QApplication.allWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
    return shown[0] if shown else None


class Watcher:
    """Ticks a timer (proof the event loop runs) and, once the progress dialog is up and the loop
    has ticked a few more times, calls ``action(dialog)`` once."""

    def __init__(self, action: Callable[[QProgressDialog], None], ticks_after_shown: int = 5) -> None:
        self.ticks = 0
        self.ticks_at_show: int | None = None
        self.done = False
        self._action = action
        self._after = ticks_after_shown
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        self.ticks += 1
        dialog = visible_progress()
        if self.done or dialog is None:
            return
        if self.ticks_at_show is None:
            self.ticks_at_show = self.ticks
        if self.ticks - self.ticks_at_show >= self._after:
            self.done = True
            self.timer.stop()
            self._action(dialog)


def click_cancel(dialog: QProgressDialog) -> None:
    button = dialog.findChild(QPushButton)
    assert button is not None and button.text() == "Cancel"
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


# ----- auto-layout -------------------------------------------------------------------------------------
def test_a_big_layout_runs_off_the_ui_thread_and_lands_as_one_undo_step(qtbot, tmp_path: Path,
                                                                        monkeypatch) -> None:
    window = make_window(qtbot, tmp_path, synthetic_diagram(3000, seed=7))
    engine = Gated(builtin_layout)
    monkeypatch.setattr(layout_package, "auto_layout", engine)
    original = dumps(window.editor.doc.diagram)
    count = window.editor.undo_stack.count()
    watcher = Watcher(lambda _dialog: engine.gate.set())
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_L, CTRL)
    assert watcher.done and engine.threads[0] is not threading.main_thread()
    assert window.editor.undo_stack.count() == count + 1
    moved = engine.results[0].positions
    assert moved and all((window.editor.doc.block(i).x, window.editor.doc.block(i).y) == xy
                         for i, xy in moved.items())
    assert window.statusBar().currentMessage().startswith("Auto-layout with built-in engine")
    assert visible_progress() is None
    window.editor.undo_stack.undo()
    assert dumps(window.editor.doc.diagram) == original


@pytest.fixture
def background_always(monkeypatch: pytest.MonkeyPatch) -> None:
    """Send even a small design through the worker (the path big designs take)."""
    monkeypatch.setattr(background, "BACKGROUND_MIN_BLOCKS", 1)


def _messages(c: Canvas) -> list[str]:
    messages: list[str] = []
    c.scene.statusMessage.connect(messages.append)
    return messages


def test_cancel_returns_at_once_and_discards_the_result(qtbot, canvas: Canvas, monkeypatch,  # noqa: F811
                                                        background_always) -> None:
    engine = Gated(builtin_layout)
    monkeypatch.setattr(layout_package, "auto_layout", engine)
    canvas.editor.push(MoveItems({"monitor": (0, 0)}))  # overlapping: a layout would move blocks
    before, count = canvas.dumped(), canvas.editor.undo_stack.count()
    messages = _messages(canvas)
    watcher = Watcher(click_cancel)
    assert not canvas.scene.auto_layout()
    assert watcher.done and not engine.gate.is_set()  # control came back while the worker was still busy
    assert messages[-1] == "Auto-layout cancelled; nothing changed"
    engine.gate.set()
    engine.join()
    qtbot.wait(100)  # a late result would be delivered by now
    assert engine.results and engine.results[0].positions  # the worker did finish, with a layout...
    assert engine.cancel_seen == [True]  # ...after being told to stop
    assert canvas.dumped() == before and canvas.editor.undo_stack.count() == count  # ...that was dropped


def test_an_edit_during_the_layout_drops_the_result(canvas: Canvas, monkeypatch,  # noqa: F811
                                                    background_always) -> None:
    engine = Gated(builtin_layout)
    monkeypatch.setattr(layout_package, "auto_layout", engine)
    canvas.editor.push(MoveItems({"monitor": (0, 0)}))
    count = canvas.editor.undo_stack.count()
    messages = _messages(canvas)

    def edit_then_finish(_dialog: QProgressDialog) -> None:
        canvas.editor.push(MoveItems({"client": (40, 40)}, "Move"))  # a separate undo step
        engine.gate.set()

    watcher = Watcher(edit_then_finish)
    assert not canvas.scene.auto_layout()
    assert watcher.done and engine.results and engine.results[0].positions
    assert messages[-1].startswith("Auto-layout discarded: the design changed")
    assert canvas.editor.undo_stack.count() == count + 1  # only the edit
    assert (canvas.doc.block("client").x, canvas.doc.block("client").y) == (40, 40)
    assert (canvas.doc.block("monitor").x, canvas.doc.block("monitor").y) == (0, 0)


def test_a_worker_error_becomes_one_message(canvas: Canvas, monkeypatch, background_always) -> None:  # noqa: F811
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise LayoutError("dot failed: out of memory")

    engine = Gated(broken)
    engine.gate.set()
    monkeypatch.setattr(layout_package, "auto_layout", engine)
    before, count = canvas.dumped(), canvas.editor.undo_stack.count()
    messages = _messages(canvas)
    assert not canvas.scene.auto_layout()
    assert engine.threads[0] is not threading.main_thread()
    assert messages[-1] == "Auto-layout failed: dot failed: out of memory"
    assert canvas.dumped() == before and canvas.editor.undo_stack.count() == count


def test_small_designs_lay_out_synchronously(canvas: Canvas, monkeypatch) -> None:  # noqa: F811
    engine = Gated(builtin_layout)
    engine.gate.set()
    monkeypatch.setattr(layout_package, "auto_layout", engine)
    canvas.editor.push(MoveItems({"monitor": (0, 0)}))
    assert canvas.scene.auto_layout()
    assert engine.threads == [threading.main_thread()]


def test_cancel_kills_a_running_dot(qtbot, canvas: Canvas, monkeypatch, tmp_path: Path,  # noqa: F811
                                    background_always) -> None:
    from tests.core.test_layout_dot import _alive, fake_dot

    pids = tmp_path / "pids"
    fake_dot(tmp_path, monkeypatch, f"echo $$ > {pids}\n/bin/sleep 60 &\necho $! >> {pids}\nwait\n")
    before = canvas.dumped()
    messages = _messages(canvas)
    watcher = Watcher(lambda dialog: click_cancel(dialog) if pids.exists() and len(pids.read_text().split()) == 2 else None)
    assert not canvas.scene.auto_layout()
    assert watcher.done and messages[-1] == "Auto-layout cancelled; nothing changed"
    assert canvas.dumped() == before
    script_pid, sleep_pid = (int(line) for line in pids.read_text().split())
    qtbot.waitUntil(lambda: not _alive(script_pid) and not _alive(sleep_pid), timeout=5000)


# ----- export --------------------------------------------------------------------------------------------
@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of the error boxes shown (recorded, not shown: they would block the test)."""
    return install_answers(monkeypatch).errors


def export_dialog(qtbot: Any, tmp_path: Path, fmt: str, scale: float = 2.0) -> ExportDialog:
    monkey_memory = dialog_module._remembered
    monkey_memory.clear()
    dialog_module._last_written.clear()
    widget = ExportDialog(None, small_diagram(), (), document_path=tmp_path / "design.mlsd.json")
    qtbot.addWidget(widget)
    widget.show()
    widget.format_box.setCurrentIndex(widget.format_box.findData(fmt))
    widget.scale_box.setValue(scale)
    return widget


class ExportWatcher:
    """Once the dialog's busy bar shows (export running on a worker, Cancel live), calls ``action``."""

    def __init__(self, widget: ExportDialog, action: Callable[[], None]) -> None:
        self.seen_busy = False
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(lambda: self._tick(widget, action))
        self.timer.start()

    def _tick(self, widget: ExportDialog, action: Callable[[], None]) -> None:
        cancel = widget.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if widget.progress.isVisible() and cancel.isEnabled() and not widget.export_button.isEnabled():
            self.seen_busy = True
            self.timer.stop()
            action()


def test_a_big_png_renders_in_the_background_and_is_written(qtbot, tmp_path: Path, monkeypatch,
                                                            message_boxes) -> None:
    monkeypatch.setattr(dialog_module, "BACKGROUND_MIN_PIXELS", 1)  # any PNG counts as big
    render = Gated(export_bytes)
    monkeypatch.setattr(dialog_module, "export_bytes", render)
    widget = export_dialog(qtbot, tmp_path, "png")
    watcher = ExportWatcher(widget, render.gate.set)
    qtbot.mouseClick(widget.export_button, Qt.MouseButton.LeftButton)
    assert not (tmp_path / "design.png").exists()  # the click returned before the picture existed
    qtbot.waitUntil(lambda: widget.result() == QDialog.DialogCode.Accepted, timeout=int(GATE_WAIT_S * 1000))
    assert watcher.seen_busy and render.threads[0] is not threading.main_thread()
    written = (tmp_path / "design.png").read_bytes()
    assert written == export_bytes(small_diagram(), ExportSettings(format="png", scale=2.0))  # same as on the UI thread
    assert widget.written_path == tmp_path / "design.png" and message_boxes == []


def test_cancelling_an_export_writes_nothing_and_keeps_the_dialog(qtbot, tmp_path: Path, monkeypatch,
                                                                  background_always, message_boxes) -> None:
    render = Gated(export_bytes)
    monkeypatch.setattr(dialog_module, "export_bytes", render)
    widget = export_dialog(qtbot, tmp_path, "pdf")
    cancel = widget.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    watcher = ExportWatcher(widget, lambda: qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton))
    qtbot.mouseClick(widget.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: watcher.seen_busy and widget.export_button.isEnabled(), timeout=int(GATE_WAIT_S * 1000))
    render.gate.set()
    render.join()
    qtbot.wait(100)  # a late result would be delivered by now
    assert render.results and render.results[0].startswith(b"%PDF")  # rendered, then thrown away
    assert not (tmp_path / "design.pdf").exists() and list(tmp_path.iterdir()) == []
    assert widget.isVisible() and widget.result() != QDialog.DialogCode.Accepted
    assert widget.size_label.text() == "Export cancelled, nothing was written" and message_boxes == []
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)  # now Cancel closes the dialog
    assert not widget.isVisible() and widget.result() == QDialog.DialogCode.Rejected


@pytest.mark.parametrize(("error", "message"), [
    (ExportError("the SVG could not be rendered"), "the SVG could not be rendered"),
    (RuntimeError("QPainter failed\nmore detail"), "could not export: QPainter failed"),
])
def test_a_render_error_in_the_worker_is_one_message(qtbot, tmp_path: Path, monkeypatch, background_always,
                                                     message_boxes, error: Exception, message: str) -> None:
    def broken(*_args: Any) -> bytes:
        raise error

    render = Gated(broken)
    render.gate.set()
    monkeypatch.setattr(dialog_module, "export_bytes", render)
    widget = export_dialog(qtbot, tmp_path, "png")
    qtbot.mouseClick(widget.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=int(GATE_WAIT_S * 1000))
    assert message_boxes == [f"{tmp_path / 'design.png'}: {message}"]
    assert render.threads[0] is not threading.main_thread()
    assert not (tmp_path / "design.png").exists() and widget.isVisible()
    assert widget.export_button.isEnabled() and widget.path_edit.isEnabled()


def test_a_real_pdf_export_on_the_worker(qtbot, tmp_path: Path, background_always, message_boxes) -> None:
    widget = export_dialog(qtbot, tmp_path, "pdf")
    qtbot.mouseClick(widget.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: widget.result() == QDialog.DialogCode.Accepted, timeout=int(GATE_WAIT_S * 1000))
    assert (tmp_path / "design.pdf").read_bytes().startswith(b"%PDF") and message_boxes == []
