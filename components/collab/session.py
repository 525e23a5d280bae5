"""One client of a live session: the binding, the connection and the awareness, driven by whoever
owns the document (the UI thread calls ``pump`` when the connection says something arrived, and
``tick`` every second or so). The y-websocket protocol (sync steps 1 and 2, updates, awareness) is
pycrdt's; this only routes its messages."""

from __future__ import annotations

import queue
import time
from collections.abc import Callable
from typing import Any, Literal

from pycrdt import (
    Awareness,
    TransactionEvent,
    YMessageType,
    YSyncMessageType,
    create_awareness_message,
    create_sync_message,
    create_update_message,
    handle_sync_message,
    read_message,
)

from components.collab.binding import LiveBinding
from components.collab.connection import Connection, Incoming
from components.collab.link import Link
from components.collab.presence import Peer, local_state, read_peer
from components.document import Document

Status = Literal["connecting", "connected", "reconnecting", "offline", "refused", "left"]
RENEW_MS = 15_000  # awareness: say we are here this often
OUTDATED_MS = 30_000  # and forget a peer not heard from for this long (y-protocols' figures)


class LiveSession:
    """A Document shared through one room; see the module docstring."""

    def __init__(self, doc: Document, link: Link, *, name: str, colour: str, publish: bool,
                 notify: Callable[[], None] | None = None,
                 connection_factory: Callable[..., Connection] = Connection) -> None:
        self.link = link
        self.binding = LiveBinding(doc)
        if publish:
            self.binding.publish()
        self.ydoc = self.binding.shared.ydoc
        self.awareness = Awareness(self.ydoc)
        self.awareness.set_local_state(local_state(name, colour))
        self._factory = connection_factory
        self._notify = notify
        self.connection = self._connect()
        self.status: Status = "connecting"
        self.reason = ""
        self.synced = False  # the server's state has reached this client at least once
        self.unsent = 0  # local edits made while not connected (sent by the next sync)
        self.ignored = 0  # messages that could not be read (another client's or a proxy's garbage)
        self.on_status: list[Callable[[], Any]] = []
        self.on_presence: list[Callable[[], Any]] = []
        self._open = False
        self._receiving = False
        self._doc_subscription = self.ydoc.observe(self._on_transaction)
        self._awareness_subscription = self.awareness.observe(self._on_awareness)

    # ----- driving -------------------------------------------------------------------------------
    def start(self) -> None:
        self.connection.start()

    def pump(self, limit: int = 10_000) -> int:
        """Handle what arrived (at most ``limit`` items: the caller comes back for the rest)."""
        handled = 0
        while handled < limit:
            try:
                item = self.connection.inbox.get_nowait()
            except queue.Empty:
                break
            handled += 1
            self._handle(item)
        return handled

    def tick(self, now_ms: int | None = None) -> None:
        """Renew this client's presence and forget peers gone silent (no disconnect message)."""
        now = int(time.time() * 1000) if now_ms is None else now_ms
        meta = self.awareness.meta
        if now - meta[self.awareness.client_id]["lastUpdated"] >= RENEW_MS:
            self.awareness.set_local_state(self.awareness.get_local_state())
        gone = [cid for cid, m in meta.items() if cid != self.awareness.client_id
                and now - m["lastUpdated"] >= OUTDATED_MS and cid in self.awareness.states]
        if gone:
            self.awareness.remove_awareness_states(gone, "timeout")

    def _connect(self) -> Connection:
        return self._factory(self.link, self._notify)

    def disconnect(self) -> None:
        """Work offline: edits go on locally and are sent by the sync of ``reconnect``."""
        self.connection.stop()
        self._drop_connection()
        self._set_status("offline")

    def reconnect(self) -> None:
        """A fresh connection (after ``disconnect``, or to retry at once)."""
        self.connection.stop()
        self._drop_connection()
        self.connection = self._connect()
        self._set_status("reconnecting")
        self.connection.start()

    def _drop_connection(self) -> None:
        self._open = False
        others = [cid for cid in self.awareness.states if cid != self.awareness.client_id]
        if others:
            self.awareness.remove_awareness_states(others, "disconnected")

    def leave(self) -> None:
        """Say goodbye, close the connection and stop following; the document keeps what it shows."""
        if self.status == "left":
            return
        if self._open:
            self.awareness.set_local_state(None)
        self.connection.stop()
        self.ydoc.unobserve(self._doc_subscription)
        self.awareness.unobserve(self._awareness_subscription)
        self.binding.close()
        self._set_status("left")

    # ----- presence ------------------------------------------------------------------------------
    def set_presence(self, *, selection: list[str] | None = None, pointer: tuple[float, float] | None = None,
                     pointer_gone: bool = False) -> None:
        state = dict(self.awareness.get_local_state() or {})
        if selection is not None:
            state["selection"] = list(selection)
        if pointer is not None:
            state["pointer"] = [pointer[0], pointer[1]]
        elif pointer_gone:
            state["pointer"] = None
        self.awareness.set_local_state(state)

    def peers(self) -> list[Peer]:
        """The other participants, in a stable order."""
        found = (read_peer(cid, state) for cid, state in sorted(self.awareness.states.items())
                 if cid != self.awareness.client_id)
        return [peer for peer in found if peer is not None]

    # ----- messages ------------------------------------------------------------------------------
    def _handle(self, item: Incoming) -> None:
        if item.kind == "open":
            self._open = True
            self.connection.send(create_sync_message(self.ydoc))
            self.connection.send(create_awareness_message(
                self.awareness.encode_awareness_update([self.awareness.client_id])))
        elif item.kind == "message":
            try:
                self._receive(item.data)
            except Exception:  # a malformed message must not end the session; the next sync repairs
                self.ignored += 1
        elif item.kind == "closed":
            self.reason = item.reason
            self._drop_connection()
            self._set_status("reconnecting")
        elif item.kind == "refused":
            self._open = False
            self.reason = item.reason
            self._set_status("refused")

    def _receive(self, message: bytes) -> None:
        if not message:
            return
        if message[0] == YMessageType.SYNC and len(message) > 1:
            self._receiving = True
            try:
                reply = handle_sync_message(message[1:], self.ydoc)
            finally:
                self._receiving = False
            self.binding.follow()
            if reply is not None:
                self.connection.send(reply)
                self.unsent = 0  # our side of the sync carries every local edit the server lacks
            if message[1] == YSyncMessageType.SYNC_STEP2:
                self.synced = True
                self._set_status("connected")
        elif message[0] == YMessageType.AWARENESS:
            self.awareness.apply_awareness_update(read_message(message[1:]), "remote")

    def _on_transaction(self, event: TransactionEvent) -> None:
        if self._receiving:
            return
        if self._open:
            self.connection.send(create_update_message(event.update))
        else:
            self.unsent += 1
            self._set_status(self.status)

    def _on_awareness(self, topic: str, changes: tuple[dict[str, Any], Any]) -> None:
        if changes[1] == "local":
            if topic == "update" and self._open:
                self.connection.send(create_awareness_message(
                    self.awareness.encode_awareness_update([self.awareness.client_id])))
        elif topic == "change":
            if changes[0].get("added") and self._open:
                # A newcomer (or someone back after a reconnect) has not heard of us: the server only
                # forwards awareness, it does not replay it. Saying it again costs one small message.
                self.awareness.set_local_state(self.awareness.get_local_state())
            for listener in list(self.on_presence):
                listener()

    def _set_status(self, status: Status) -> None:
        self.status = status
        for listener in list(self.on_status):
            listener()
