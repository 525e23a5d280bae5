"""The client session's message routing, without a network: a connection that only records."""

from __future__ import annotations

import queue
from typing import Any

from pycrdt import create_sync_message, write_var_uint

from components.collab.connection import Incoming
from components.collab.history import LiveHistory
from components.collab.link import new_link
from components.collab.session import LiveSession
from components.commands import SetTitle
from components.document import Document
from tests.core.collab_peers import peer


class Recorder:
    """Stands in for Connection: keeps what the session sends; the test fills the inbox."""

    def __init__(self, *_args: Any) -> None:
        self.inbox: queue.SimpleQueue[Incoming] = queue.SimpleQueue()
        self.sent: list[bytes] = []

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def send(self, message: bytes) -> None:
        self.sent.append(message)


def _session() -> tuple[LiveSession, Recorder]:
    session = LiveSession(Document(), new_link("127.0.0.1", 1), name="Me", colour="#123456", publish=False,
                          connection_factory=Recorder)
    assert isinstance(session.connection, Recorder)
    return session, session.connection


def test_garbage_from_the_server_is_ignored_and_the_session_goes_on() -> None:
    session, connection = _session()
    for junk in (b"\x00\x02\xff\xff\xff", b"\x01\x05abc", b"\x00", b"", b"\x07whatever"):
        connection.inbox.put(Incoming("message", junk))
    connection.inbox.put(Incoming("open"))
    assert session.pump() == 6
    assert session.ignored >= 2 and session.status == "connecting"
    other = peer()
    other.binding.publish()
    other.push(SetTitle("Still listening"))
    step2 = b"\x00\x01" + _encoded(other.binding.shared.ydoc.get_update())  # the server's answer to our step 1
    connection.inbox.put(Incoming("message", step2))
    session.pump()
    assert session.binding.doc.diagram.title == "Still listening" and session.status == "connected"


def test_edits_made_before_the_connection_opens_are_counted_then_carried_by_the_sync() -> None:
    session, connection = _session()
    LiveHistory(session.binding).push(SetTitle("offline edit"))
    assert session.unsent == 1 and not connection.sent
    connection.inbox.put(Incoming("open"))
    session.pump()
    assert connection.sent and connection.sent[0][:2] == b"\x00\x00"  # sync step 1 first
    other = peer()
    connection.inbox.put(Incoming("message", create_sync_message(other.binding.shared.ydoc)))
    session.pump()
    assert session.unsent == 0  # the reply to the server's step 1 carries the edit


def _encoded(update: bytes) -> bytes:
    """A varint length prefix and the bytes (the y-protocols framing of one update)."""
    return write_var_uint(len(update)) + update
