"""Links to a live session: ``mlsd://host:port/room#token`` (``mlsds://`` through TLS).

The room name says where; the token (after ``#``, so it is never part of a logged request line)
is the secret that opens it. The client sends the token in the ``Authorization`` header.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

PLAIN, SECURE = "mlsd", "mlsds"
DEFAULT_PORT = 8765
ROOM = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,128}$")


class LinkError(ValueError):
    """A link that cannot be used, with a one-line message for the user."""


@dataclass(frozen=True)
class Link:
    host: str
    port: int
    room: str
    token: str
    secure: bool = False

    def __str__(self) -> str:
        scheme = SECURE if self.secure else PLAIN
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{host}:{self.port}/{self.room}#{self.token}"

    @property
    def websocket_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{'wss' if self.secure else 'ws'}://{host}:{self.port}/{self.room}"


def new_link(host: str, port: int, secure: bool = False) -> Link:
    """A link to a new room: an unguessable room name and token."""
    return Link(host, port, secrets.token_urlsafe(12), secrets.token_urlsafe(24), secure)


def parse_link(text: str) -> Link:
    """Read a pasted link; LinkError says what is wrong with it."""
    text = text.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise LinkError(f"not a session link: {exc}") from None
    if parts.scheme not in (PLAIN, SECURE):
        raise LinkError(f"a session link starts with {PLAIN}:// or {SECURE}://")
    if not parts.hostname:
        raise LinkError("the link names no server")
    room = parts.path.strip("/")
    if not ROOM.match(room):
        raise LinkError("the link names no room (…/room#token)")
    if not parts.fragment:
        raise LinkError("the link has no token (the part after #): ask for the whole link")
    if not TOKEN.match(parts.fragment):
        raise LinkError("the link's token is damaged: ask for the link again")
    return Link(parts.hostname, port or DEFAULT_PORT, room, parts.fragment, parts.scheme == SECURE)
