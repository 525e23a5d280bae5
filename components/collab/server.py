"""``mlsd serve``: a standard y-websocket server (pycrdt-websocket's rooms on the `websockets`
library) with the rules a shared design needs: each room opens only with its token, messages and
connections per room are limited, and every room is kept in a SQLite file (store.py) so a restart
loses nothing. The server never reads the designs: it is a Yjs peer like any other.

A request is checked before the websocket opens (``_check``): a room name of the link's form, a token
(``Authorization: Bearer``, or ``?token=`` for clients that cannot set headers), the room's token
(the first one a new room sees), a free place in the room; otherwise an HTTP error and no websocket.
A message over the limit closes that one connection (websocket code 1009); nothing else notices.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs, urlsplit

from anyio import Lock
from pycrdt.websocket import WebsocketServer, YRoom
from pycrdt.websocket.websocket_server import exception_logger
from websockets.asyncio.server import Request, Response, ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from components.collab.link import ROOM, TOKEN
from components.collab.store import RoomStore

log = logging.getLogger("mlsd.serve")


@dataclass(frozen=True)
class Limits:
    max_message: int = 8 * 1024 * 1024  # bytes in one websocket message
    max_clients: int = 16  # connections to one room at once


class _Channel:
    """A websocket connection as the pycrdt Channel a room serves."""

    def __init__(self, connection: ServerConnection, room: str) -> None:
        self._connection = connection
        self._room = room

    @property
    def path(self) -> str:
        return self._room

    def __aiter__(self) -> _Channel:
        return self

    async def __anext__(self) -> bytes:
        try:
            return await self.recv()
        except ConnectionClosed:
            raise StopAsyncIteration from None

    async def recv(self) -> bytes:
        while True:
            message = await self._connection.recv()
            if isinstance(message, bytes):
                return message

    async def send(self, message: bytes) -> None:
        with contextlib.suppress(ConnectionClosed):  # the room drops this client when its receive loop ends
            await self._connection.send(message)


class RoomServer(WebsocketServer):
    """pycrdt-websocket's server with stored, token-checked, limited rooms."""

    def __init__(self, store: RoomStore, limits: Limits) -> None:
        super().__init__(rooms_ready=False, auto_clean_rooms=False, exception_handler=exception_logger, log=log)
        self.store = store
        self.limits = limits
        self.active: dict[str, int] = {}
        self._lock = Lock()

    async def open_room(self, name: str) -> YRoom:
        """The running room, loaded from the store the first time (one at a time: a client never
        sees a room before its stored state is in)."""
        async with self._lock:
            room = self.rooms.get(name)
            if room is None:
                room = YRoom(ready=False, exception_handler=exception_logger, log=log)
                self.store.load(name, room.ydoc)
                ydoc = room.ydoc
                # Subscribed before the room's own broadcast: stored before anyone else hears of it.
                room.ydoc.observe(lambda event: self.store.append(name, event.update, ydoc))
                room.ready = True
                self.rooms[name] = room
            await self.start_room(room)
            return room

    async def close_room_if_empty(self, name: str) -> None:
        async with self._lock:
            room = self.rooms.get(name)
            if room is not None and not room.clients and not self.active.get(name):
                self.store.compact(name, room.ydoc)
                await self.delete_room(name=name)

    def check(self, connection: ServerConnection, request: Request) -> Response | None:
        """Refuse a request before the websocket opens; None lets it through."""
        parts = urlsplit(request.path)
        room = parts.path.strip("/")
        if not ROOM.match(room):
            return connection.respond(HTTPStatus.NOT_FOUND, "No such room.\n")
        header = request.headers.get("Authorization", "")
        token = header[7:] if header.startswith("Bearer ") else (parse_qs(parts.query).get("token") or [""])[0]
        if not TOKEN.match(token) or not self.store.admit(room, token):
            return connection.respond(HTTPStatus.FORBIDDEN, "This link does not open the room.\n")
        if self.active.get(room, 0) >= self.limits.max_clients:
            return connection.respond(HTTPStatus.SERVICE_UNAVAILABLE, "The session is full.\n")
        return None

    async def handle(self, connection: ServerConnection) -> None:
        room_name = urlsplit(connection.request.path if connection.request else "/").path.strip("/")
        self.active[room_name] = self.active.get(room_name, 0) + 1
        try:
            room = await self.open_room(room_name)
            await room.serve(_Channel(connection, room_name))
        finally:
            self.active[room_name] -= 1
            await self.close_room_if_empty(room_name)


async def run(host: str, port: int, store: RoomStore, limits: Limits, stop: asyncio.Event,
              ready: Callable[[int], Any] | None = None) -> None:
    """Serve until ``stop`` is set; ``ready`` hears the port (useful with port 0: a free one)."""
    rooms = RoomServer(store, limits)
    async with rooms, serve(
        rooms.handle, host, port, max_size=limits.max_message, process_request=rooms.check,
        ping_interval=20, ping_timeout=20, close_timeout=2,
    ) as server:
        bound = next(iter(server.sockets)).getsockname()[1]
        if ready is not None:
            ready(bound)
        await stop.wait()
        server.close()
        await asyncio.wait_for(server.wait_closed(), 10)
