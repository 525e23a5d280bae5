"""A window's live session: starts and leaves it, feeds it from the UI thread, shows the others'
presence on the canvas and the connection in the status bar.

The network thread only says "something arrived" (a queued signal); the pump then applies it here,
on the thread that owns the document, so the canvas, panels and validator follow remote edits
through the usual model events. Joining starts a new undo history (so does leaving): in a session,
Undo takes back this client's own shared steps.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent

from app.canvas.presence import PresenceLayer
from app.canvas.scene import CanvasScene
from app.canvas.view import CanvasView
from app.editor import Editor
from components.collab.link import Link
from components.collab.presence import PALETTE
from components.io import FileStamp, dumps
from components.model import Diagram

if TYPE_CHECKING:  # the session (pycrdt, asyncio: ~0.1 s to import) loads when one starts, not with the window
    from components.collab.session import LiveSession

POINTER_MS = 50  # at most 20 pointer updates a second
TICK_MS = 1000
PUMP_LIMIT = 2000  # messages per turn of the event loop: a big catch-up never freezes the window


class LiveController(QObject):
    """Owns at most one LiveSession for one Editor (one window)."""

    statusChanged = Signal(str)  # the status bar's text ("" when not in a session)
    refused = Signal(str)  # the server refused the link: why (the session has been left)
    _arrived = Signal()

    def __init__(self, editor: Editor, scene: CanvasScene, view: CanvasView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor, self.scene, self.view = editor, scene, view
        self.session: LiveSession | None = None
        self.layer = PresenceLayer(scene)
        self.colour = random.choice(PALETTE)
        self._start_text = ""
        self._before_join: tuple[Diagram, Path | None, FileStamp | None] | None = None  # restored if the room refuses us
        self._pointer: QPointF | None = None
        self._arrived.connect(self.pump, Qt.ConnectionType.QueuedConnection)
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self._pointer_timer = QTimer(self)
        self._pointer_timer.setSingleShot(True)
        self._pointer_timer.setInterval(POINTER_MS)
        self._pointer_timer.timeout.connect(self._send_pointer)
        editor.aboutToReplace.connect(self.leave)
        scene.idsSelected.connect(self._selection_changed)
        editor.doc.events.subscribe(self._doc_changed)
        view.viewport().installEventFilter(self)

    @property
    def active(self) -> bool:
        return self.session is not None

    # ----- starting and leaving -------------------------------------------------------------------
    def share(self, link: Link, name: str) -> None:
        """Put the current design into a new room and stay in it."""
        self._start(link, name, publish=True)

    def join(self, link: Link, name: str) -> None:
        """Show the room's design instead of the current one (the caller asked about unsaved work)."""
        self.leave()
        self._before_join = (self.editor.doc.diagram, self.editor.path, self.editor.stamp)
        self.editor.replace(Diagram(title="Joining a live session…"), None)
        self._start(link, name, publish=False)

    def _start(self, link: Link, name: str, publish: bool) -> None:
        self.leave()
        self.editor.undo_stack.clear()
        from components.collab.history import LiveSteps
        from components.collab.session import LiveSession

        session = LiveSession(self.editor.doc, link, name=name, colour=self.colour, publish=publish,
                              notify=self._arrived.emit)
        self.session = session
        self._start_text = dumps(self.editor.doc.diagram)
        self.editor.live = LiveSteps(session.binding)
        session.on_status.append(self._status_changed)
        session.on_presence.append(self._presence_changed)
        self.view.viewport().setMouseTracking(True)
        session.set_presence(selection=self.scene.selected_ids())
        session.start()
        self._ticker.start()
        self._status_changed()

    def leave(self) -> None:
        """Leave the session; the window keeps the design as it was (a local copy, to save)."""
        session = self.session
        if session is None:
            return
        self.session = None
        self._ticker.stop()
        session.leave()
        self.editor.live = None
        self.editor.undo_stack.clear()
        if dumps(self.editor.doc.diagram) != self._start_text:
            self.editor.undo_stack.resetClean()  # changed in the session: Save (or the close prompt) keeps it
        self.layer.show_peers([])
        self.statusChanged.emit("")

    # ----- feeding the session --------------------------------------------------------------------
    def pump(self) -> None:
        session = self.session
        if session is None:
            return
        if session.pump(PUMP_LIMIT) >= PUMP_LIMIT:
            self._arrived.emit()  # more to do: after the window has had its turn

    def _tick(self) -> None:
        if self.session is not None:
            self.session.tick()
            self._status_changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.session is not None:
            if event.type() == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
                self._pointer = self.view.mapToScene(event.position().toPoint())
                if not self._pointer_timer.isActive():
                    self._pointer_timer.start()
            elif event.type() == QEvent.Type.Leave:
                self._pointer = None
                self._pointer_timer.stop()
                self.session.set_presence(pointer_gone=True)
        return False

    def _send_pointer(self) -> None:
        if self.session is not None and self._pointer is not None:
            self.session.set_presence(pointer=(round(self._pointer.x(), 1), round(self._pointer.y(), 1)))

    def _selection_changed(self, ids: list[str]) -> None:
        if self.session is not None:
            self.session.set_presence(selection=list(ids))

    def _doc_changed(self, _event: object) -> None:
        if self.session is not None and self.layer.peers:
            QTimer.singleShot(0, self.layer.refresh)  # outlines follow elements that moved

    # ----- showing it -----------------------------------------------------------------------------
    def _presence_changed(self) -> None:
        if self.session is not None:
            self.layer.show_peers(self.session.peers())
            self._status_changed()

    def _status_changed(self) -> None:
        session = self.session
        if session is None:
            return
        if session.status == "refused":
            reason, before = session.reason, self._before_join if not session.synced else None
            self.leave()
            if before is not None:  # nothing came from the room: the window shows what it showed before
                diagram, path, stamp = before
                self.editor.replace(diagram, path, stamp)
            self.refused.emit(reason)
            return
        if session.synced and self._before_join is not None:
            self._before_join = None  # the room's design is here: show all of it
            QTimer.singleShot(0, self.view.zoom_to_fit)
        self.statusChanged.emit(status_text(session))


def status_text(session: LiveSession) -> str:
    """connected / connecting / reconnecting, with who is here and what is not yet sent."""
    others = len(session.peers())
    if session.status == "connected":
        people = "you alone" if not others else f"{others} other{'s' if others != 1 else ''}"
        return f"● Live: connected · {people}"
    if session.status == "connecting" and not session.synced:
        return "◌ Live: connecting…"
    edits = f" · {session.unsent} local edit{'s' if session.unsent != 1 else ''}" if session.unsent else ""
    if session.status == "offline":
        return f"○ Live: offline{edits}"
    return f"○ Live: offline, reconnecting{edits}"
