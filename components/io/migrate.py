"""Schema migrations: an ordered list of steps, each taking a file's data from version N to N+1."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from components.model import SCHEMA_VERSION

Migration = Callable[[dict[str, Any]], dict[str, Any]]

# MIGRATIONS[n] upgrades data of schema_version n+1 to n+2. Version 1 is the first public format, so
# the list is empty; a new version appends one step here together with a fixture in tests/fixtures.
MIGRATIONS: list[Migration] = []


class MigrationError(ValueError):
    """A schema_version this program cannot read."""


def migrate(data: dict[str, Any], current: int = SCHEMA_VERSION) -> dict[str, Any]:
    """Bring a file's data up to ``current``; refuse versions that are missing, unknown or newer."""
    version = data.get("schema_version")
    if type(version) is not int:
        raise MigrationError(f"schema_version: expected a whole number, got {version!r}")
    if version > current:
        raise MigrationError(
            f"schema_version {version} is newer than this program understands ({current}); "
            "update MLSD Whiteboard to open it"
        )
    if version < 1:
        raise MigrationError(f"schema_version {version} is not a version this program knows")
    while version < current:
        data = MIGRATIONS[version - 1](dict(data))
        version += 1
        data["schema_version"] = version
    return data
