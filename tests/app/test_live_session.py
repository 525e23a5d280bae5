"""Two designer windows in one live session through a real `mlsd serve` on 127.0.0.1.

Both windows run in this one process (offscreen Qt): nothing in a session is global (each window
has its own controller, session, connection thread and Yjs document), so two app clients here are
two real clients of the server. Every wait is bounded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from app.canvas.presence import PointerMark, SelectionMark
from app.window.main_window import MainWindow
from components.collab.link import Link, new_link
from components.commands import Relabel
from components.io import dumps, load
from components.model import reference_problem
from tests.app.window_helpers import make_window, monitored_design
from tests.core.collab_server import Server

WAIT_MS = 20_000


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(tmp_path / "rooms.db").start()
    yield running
    running.stop()


def _pair(qtbot: Any, tmp_path: Path, server: Server) -> tuple[MainWindow, MainWindow, Link]:
    one = make_window(qtbot, tmp_path / "one", monitored_design())
    two = make_window(qtbot, tmp_path / "two", None)
    link = new_link("127.0.0.1", server.port)
    one.live.share(link, "Ann")
    two.live.join(link, "Bob")
    qtbot.waitUntil(lambda: _same(one, two) and "connected" in one.live_label.text()
                    and "connected" in two.live_label.text(), timeout=WAIT_MS)
    return one, two, link


def _same(one: MainWindow, two: MainWindow) -> bool:
    return dumps(one.editor.doc.diagram) == dumps(two.editor.doc.diagram)


def _leave(*windows: MainWindow) -> None:
    for window in windows:
        window.live.leave()


def test_two_windows_edit_survive_a_server_restart_and_an_offline_spell(qtbot: Any, tmp_path: Path,
                                                                        server: Server) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one, two, _link = _pair(qtbot, tmp_path, server)
    try:
        assert two.scene.item_for("serve") is not None  # the canvas followed the joined design
        qtbot.waitUntil(lambda: two.view.mapToScene(two.view.viewport().rect()).boundingRect().contains(
            two.scene.content_rect()), timeout=WAIT_MS)  # and shows all of it
        title = two.inspector.findChild(QLineEdit, "field_title")  # the inspector shows the room's design
        assert title is not None and title.text() == "Window test"
        # Edits on both sides: a block placed on one canvas, a rename on the other.
        placed = one.scene.place_block("cache", QPointF(900, 500))
        assert placed is not None
        assert two.editor.push(Relabel("blocks", "serve", "Scorer v2"))
        qtbot.waitUntil(lambda: _same(one, two) and two.editor.doc.has_id(placed), timeout=WAIT_MS)
        assert one.editor.doc.block("serve").label == "Scorer v2"

        # The server is killed and restarted; an edit made meanwhile is counted, then merged.
        server.stop(kill=True)
        qtbot.waitUntil(lambda: "reconnecting" in one.live_label.text(), timeout=WAIT_MS)
        one.scene.select_ids([placed])
        one.editor.push(Relabel("blocks", placed, "Feature cache"))
        qtbot.waitUntil(lambda: "1 local edit" in one.live_label.text(), timeout=WAIT_MS)
        server.start(server.port)
        qtbot.waitUntil(lambda: _same(one, two) and "connected" in one.live_label.text()
                        and two.editor.doc.block(placed).label == "Feature cache", timeout=WAIT_MS)

        # One window goes offline and edits; the other edits too; back online, both merge.
        assert two.live.session is not None
        two.live.session.disconnect()
        qtbot.waitUntil(lambda: two.live_label.text().startswith("○ Live: offline"), timeout=WAIT_MS)
        two.editor.push(Relabel("blocks", "mon", "Drift monitor"))
        one.editor.push(Relabel("blocks", "alert", "On-call pager"))
        qtbot.wait(300)
        assert one.editor.doc.block("mon").label == "Monitor"  # not heard while offline
        two.live.session.reconnect()
        qtbot.waitUntil(lambda: _same(one, two) and one.editor.doc.block("mon").label == "Drift monitor"
                        and two.editor.doc.block("alert").label == "On-call pager", timeout=WAIT_MS)
        for window in (one, two):
            assert reference_problem(window.editor.doc.diagram) == ""

        # The validator, findings and checklist follow the shared design on both windows.
        one.settle()
        two.settle()
        assert one.findings_label.text() == two.findings_label.text()
        assert one.checklist.isEnabled() == two.checklist.isEnabled()

        # Undo in one window takes back its own last edit only, on both.
        one.editor.undo_stack.undo()
        qtbot.waitUntil(lambda: two.editor.doc.block("alert").label == "Pager", timeout=WAIT_MS)
        assert two.editor.doc.block("mon").label == "Drift monitor"

        # Save writes the shared design to a local file; leaving keeps the local copy.
        saved = tmp_path / "shared.mlsd.json"
        assert two.documents._write(saved)
        assert dumps(load(saved)) == dumps(one.editor.doc.diagram)
        two.live.leave()
        assert two.live_label.isHidden() and two.editor.doc.has_id(placed)
        assert two.editor.modified  # the session changed it: closing asks to save
    finally:
        _leave(one, two)


def test_presence_shows_the_others_pointer_and_selection(qtbot: Any, tmp_path: Path, server: Server) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one, two, _link = _pair(qtbot, tmp_path, server)
    try:
        one.scene.select_ids(["serve"])
        target = one.view.mapFromScene(QPointF(100, 100))
        QTest.mouseMove(one.view.viewport(), target + QPoint(1, 1))
        QTest.mouseMove(one.view.viewport(), target)

        def marks() -> list[Any]:
            return two.live.layer.marks()

        qtbot.waitUntil(lambda: any(isinstance(m, PointerMark) for m in marks())
                        and any(isinstance(m, SelectionMark) for m in marks()), timeout=WAIT_MS)
        pointer = next(m for m in marks() if isinstance(m, PointerMark))
        assert pointer.peer.name == "Ann" and abs(pointer.pos().x() - 100) < 2
        selection = next(m for m in marks() if isinstance(m, SelectionMark))
        served = two.scene.item_for("serve")
        assert served is not None and selection.rect.contains(served.sceneBoundingRect())
        assert "1 other" in two.live_label.text()
        one.live.leave()  # gone from the other canvas at once (awareness says goodbye)
        qtbot.waitUntil(lambda: not marks(), timeout=WAIT_MS)
    finally:
        _leave(one, two)


def test_a_wrong_token_is_refused_and_the_window_keeps_its_design(qtbot: Any, tmp_path: Path, server: Server,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one, two, link = _pair(qtbot, tmp_path, server)
    intruder = make_window(qtbot, tmp_path / "intruder", None)
    warnings: list[str] = []
    monkeypatch.setattr("app.window.main_window.QMessageBox.warning",
                        lambda _parent, _title, text, *_a: warnings.append(text))
    before = dumps(intruder.editor.doc.diagram)
    try:
        intruder.live.join(Link(link.host, link.port, link.room, "Z" * 32), "Eve")
        qtbot.waitUntil(lambda: bool(warnings), timeout=WAIT_MS)
        assert "token" in warnings[0]
        assert not intruder.live.active and dumps(intruder.editor.doc.diagram) == before
        assert _same(one, two)
    finally:
        _leave(one, two, intruder)


def test_closing_the_window_leaves_the_session(qtbot: Any, tmp_path: Path, server: Server) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one, two, _link = _pair(qtbot, tmp_path, server)
    try:
        qtbot.waitUntil(lambda: "1 other" in one.live_label.text(), timeout=WAIT_MS)
        two.editor.undo_stack.setClean()
        two.live.leave()
        qtbot.waitUntil(lambda: "you alone" in one.live_label.text(), timeout=WAIT_MS)
        assert one.window_actions.by_name["leave_live"].isEnabled()
        assert not two.window_actions.by_name["leave_live"].isEnabled()
        one.close()
        assert not one.live.active
    finally:
        _leave(one, two)


def test_the_join_dialog_explains_a_bad_link(qtbot: Any, tmp_path: Path) -> None:
    from app.live.dialogs import JoinDialog

    (tmp_path / "w").mkdir()
    window = make_window(qtbot, tmp_path / "w", None)
    dialog = JoinDialog(window.settings, window)
    dialog.link.setText("mlsd://127.0.0.1:8765/abcdefghij")
    dialog._check()
    assert "no token" in dialog.problem.text() and dialog.result() == 0
    dialog.link.setText(f"mlsd://127.0.0.1:8765/abcdefghij#{'t' * 24}")
    dialog._check()
    assert dialog.result() == 1


def test_share_starts_a_server_on_this_computer_and_copies_the_link(qtbot: Any, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QDialog

    from app.live.dialogs import LinkDialog, ShareDialog
    from components.collab.link import parse_link

    monkeypatch.setenv("MLSD_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "w").mkdir()
    window = make_window(qtbot, tmp_path / "w", monitored_design())
    monkeypatch.setattr(ShareDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(LinkDialog, "exec", lambda self: 0)
    try:
        window.share_live()
        qtbot.waitUntil(lambda: "connected" in window.live_label.text(), timeout=WAIT_MS)
        process = window.local_server.process
        assert process is not None and process.running and (tmp_path / "data" / "sessions.db").exists()
        link = parse_link(QGuiApplication.clipboard().text())
        assert (link.host, link.port) == ("127.0.0.1", process.port)
    finally:
        window.live.leave()
        window.editor.undo_stack.setClean()
        window.close()
    assert window.local_server.process is None and not process.running
