"""Schema migrations: an ordered list of steps, each taking a file's data from version N to N+1."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from components.model import SCHEMA_VERSION

Migration = Callable[[dict[str, Any]], dict[str, Any]]



def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 lets a monitor watch several things: `target` "x" becomes ["x"]. (Version 2 also adds
    optional fields, batch scale and logging contents, whose defaults need no step.)"""
    blocks = data.get("blocks")
    if not isinstance(blocks, list):
        return data
    upgraded = []
    for block in blocks:
        props = block.get("props") if isinstance(block, dict) else None
        if isinstance(props, dict) and block.get("kind") == "monitoring" and isinstance(props.get("target"), str):
            block = {**block, "props": {**props, "target": [props["target"]]}}
        upgraded.append(block)
    return {**data, "blocks": upgraded}


# MIGRATIONS[n] upgrades data of schema_version n+1 to n+2; each step has a fixture in tests/fixtures
# (an old file and what it must become).
MIGRATIONS: list[Migration] = [_v1_to_v2]


class MigrationError(ValueError):
    """A schema_version this program cannot read."""


def migrate(data: dict[str, Any], current: int = SCHEMA_VERSION,
            migrations: list[Migration] | None = None) -> dict[str, Any]:
    """Bring a file's data up to ``current`` through ``migrations`` (a design file's by default); refuse
    versions that are missing, unknown or newer."""
    migrations = MIGRATIONS if migrations is None else migrations
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
        data = migrations[version - 1](dict(data))
        version += 1
        data["schema_version"] = version
    return data
