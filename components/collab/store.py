"""The server's SQLite file: each room's updates, and the hash of each room's token.

Updates are written synchronously, as the server's copy of the room applies them and before they
are forwarded to the other clients, so a server killed at any moment has stored everything it ever
passed on. (pycrdt-store's SQLiteYStore writes from a background task that a room's shutdown can
cancel; a design tool cannot lose the last edit before the server stops.) Each room's updates are
folded into one every ``COMPACT_EVERY`` writes, so the file grows with the design, not its history.
"""

from __future__ import annotations

import hashlib
import hmac
import sqlite3
import time
from pathlib import Path
from typing import Any

from pycrdt import Doc

COMPACT_EVERY = 500

_SCHEMA = """
CREATE TABLE IF NOT EXISTS rooms (name TEXT PRIMARY KEY, token_sha256 TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, room TEXT NOT NULL, data BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS updates_room ON updates (room, seq);
"""


class StoreError(Exception):
    """The store file cannot be used (a one-line message for the command line)."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class RoomStore:
    """Rooms and their updates in one SQLite file (``:memory:`` for none)."""

    def __init__(self, path: str | Path) -> None:
        try:
            self._db = sqlite3.connect(str(path), timeout=10, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot be used as the session store ({exc})") from None
        self._pending: dict[str, int] = {}

    def close(self) -> None:
        self._db.close()

    def admit(self, room: str, token: str) -> bool:
        """Whether ``token`` opens ``room``; the first token a new room sees becomes its token."""
        row = self._db.execute("SELECT token_sha256 FROM rooms WHERE name = ?", (room,)).fetchone()
        if row is None:
            self._db.execute("INSERT OR IGNORE INTO rooms VALUES (?, ?, ?)", (room, _digest(token), time.time()))
            row = self._db.execute("SELECT token_sha256 FROM rooms WHERE name = ?", (room,)).fetchone()
        return hmac.compare_digest(row[0], _digest(token))

    def load(self, room: str, ydoc: Doc[Any]) -> int:
        """Apply the room's stored updates to ``ydoc``; how many there were."""
        rows = self._db.execute("SELECT data FROM updates WHERE room = ? ORDER BY seq", (room,)).fetchall()
        for (data,) in rows:
            ydoc.apply_update(bytes(data))
        self._pending[room] = len(rows)
        return len(rows)

    def append(self, room: str, update: bytes, ydoc: Doc[Any]) -> None:
        """Store one update of ``room`` (whose current state is ``ydoc``), folding when due."""
        self._db.execute("INSERT INTO updates (room, data) VALUES (?, ?)", (room, update))
        self._pending[room] = self._pending.get(room, 0) + 1
        if self._pending[room] >= COMPACT_EVERY:
            self.compact(room, ydoc)

    def compact(self, room: str, ydoc: Doc[Any]) -> None:
        """Replace the room's updates by one holding its whole state, in one transaction."""
        state = ydoc.get_update()
        with self._db:
            self._db.execute("BEGIN")
            self._db.execute("DELETE FROM updates WHERE room = ?", (room,))
            self._db.execute("INSERT INTO updates (room, data) VALUES (?, ?)", (room, state))
        self._pending[room] = 1
