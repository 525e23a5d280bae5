"""The network side of a live session: one websocket to the room, on its own thread, reconnecting
until told to stop. It only moves bytes: everything it receives goes into ``inbox`` for the thread
that owns the shared document (the UI thread) to apply, so the document is never touched from here.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

from components.collab.link import Link

Kind = Literal["open", "message", "closed", "refused"]
BACKOFF = (0.5, 1.0, 2.0, 4.0, 5.0)  # seconds between attempts; the last repeats
MAX_MESSAGE = 16 * 1024 * 1024


@dataclass(frozen=True)
class Incoming:
    """Something that happened on the connection: opened, a message, closed (will retry), refused
    (will not: wrong token, full room)."""

    kind: Kind
    data: bytes = b""
    reason: str = ""


class Connection:
    """A websocket to one room, reconnecting with a bounded back-off until ``stop``."""

    def __init__(self, link: Link, notify: Callable[[], None] | None = None, max_message: int = MAX_MESSAGE) -> None:
        self.link = link
        self.inbox: queue.SimpleQueue[Incoming] = queue.SimpleQueue()
        self.bytes_sent = 0
        self.bytes_received = 0
        self._notify = notify
        self._max_message = max_message
        self._loop: asyncio.AbstractEventLoop | None = None
        self._outbox: asyncio.Queue[bytes] | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._main, name=f"mlsd-live-{link.room}", daemon=True)

    def start(self) -> None:
        self._thread.start()
        self._ready.wait(5)

    def send(self, message: bytes) -> None:
        """Queue a message for the room (from any thread); dropped while disconnected, which is safe:
        the sync on reconnecting exchanges everything the other side lacks."""
        loop, outbox = self._loop, self._outbox
        if loop is not None and outbox is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed in between: nothing to send to
                loop.call_soon_threadsafe(outbox.put_nowait, message)

    def stop(self, timeout: float = 5.0) -> None:
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(stop.set)
        if self._thread.is_alive():
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    # ----- the network thread --------------------------------------------------------------------
    def _main(self) -> None:
        asyncio.run(self._run())

    def _put(self, item: Incoming) -> None:
        self.inbox.put(item)
        if self._notify is not None:
            self._notify()

    async def _run(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        self._outbox = asyncio.Queue()
        self._ready.set()
        attempt = 0
        while not self._stop.is_set():
            headers = {"Authorization": f"Bearer {self.link.token}"}
            try:
                async with connect(self.link.websocket_url, additional_headers=headers, max_size=self._max_message,
                                   open_timeout=10, close_timeout=2) as socket:
                    attempt = 0
                    while not self._outbox.empty():  # queued while offline: the sync re-sends it all
                        self._outbox.get_nowait()
                    self._put(Incoming("open"))
                    await self._serve(socket)
                    reason = _close_reason(socket)
            except InvalidStatus as exc:
                status = exc.response.status_code
                if status in (401, 403, 404, 429, 503):
                    self._put(Incoming("refused", reason=_refusal(status)))
                    return
                reason = f"the server answered {status}"
            except (OSError, InvalidHandshake, ConnectionClosed, TimeoutError) as exc:
                reason = str(exc) or type(exc).__name__
            self._put(Incoming("closed", reason=reason))
            delay = BACKOFF[min(attempt, len(BACKOFF) - 1)]
            attempt += 1
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), delay)

    async def _serve(self, socket: ClientConnection) -> None:
        assert self._outbox is not None and self._stop is not None
        tasks = [asyncio.create_task(self._receive(socket)), asyncio.create_task(self._send(socket)),
                 asyncio.create_task(self._stop.wait())]
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _receive(self, socket: ClientConnection) -> None:
        with contextlib.suppress(ConnectionClosed):
            async for message in socket:
                if isinstance(message, bytes):
                    self.bytes_received += len(message)
                    self._put(Incoming("message", message))

    async def _send(self, socket: ClientConnection) -> None:
        assert self._outbox is not None
        with contextlib.suppress(ConnectionClosed):
            while True:
                message = await self._outbox.get()
                await socket.send(message)
                self.bytes_sent += len(message)


def _close_reason(socket: ClientConnection) -> str:
    if socket.close_code == 1009:
        return "the server refused a message as too large"
    return socket.close_reason or "the connection closed"


def _refusal(status: int) -> str:
    if status in (401, 403):
        return "the server refused the link's token"
    if status == 404:
        return "the server has no such room"
    return "the session is full"
