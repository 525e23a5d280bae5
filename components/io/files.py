"""Loading and saving `.mlsd.json` files."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from components.io.atomic import write_atomic
from components.io.errors import DocumentError, validation_message
from components.io.migrate import MigrationError, migrate
from components.model import Diagram

MAX_FILE_BYTES = 200 * 1024 * 1024


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a valid number in a design file")


def parse(text: str | bytes, source: str = "<string>") -> Diagram:
    """Parse a document from JSON text; every problem becomes one DocumentError naming ``source``."""
    if isinstance(text, bytes):
        if b"\x00" in text[:4096]:
            raise DocumentError(f"{source}: not a design file (binary content)")
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DocumentError(f"{source}: not UTF-8 text (byte {exc.start}: {exc.reason})") from None
    if not text.strip():
        raise DocumentError(f"{source}: the file is empty")
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise DocumentError(f"{source}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise DocumentError(f"{source}: not a design file (JSON nested too deeply)") from None
    except ValueError as exc:  # NaN/Infinity, or an integer with thousands of digits
        raise DocumentError(f"{source}: not valid JSON: {exc}") from None
    return from_data(data, source)


def from_data(data: Any, source: str = "<data>") -> Diagram:
    """Validate already-parsed JSON data as a Diagram (migrating older schema versions)."""
    if not isinstance(data, dict):
        raise DocumentError(f"{source}: not a design file (expected a JSON object, got {type(data).__name__})")
    try:
        data = migrate(data)
    except MigrationError as exc:
        raise DocumentError(f"{source}: {exc}") from None
    try:
        return Diagram.model_validate(data, strict=True)
    except ValidationError as exc:
        raise DocumentError(f"{source}: {validation_message(exc, data)}") from None
    except RecursionError:
        raise DocumentError(f"{source}: not a design file (nested too deeply)") from None


def load(path: str | os.PathLike[str]) -> Diagram:
    """Read a design file; raises DocumentError (never anything else) when it cannot."""
    name = str(path)
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            raise DocumentError(f"{name}: file is too large ({size // (1024 * 1024)} MB) to be a design")
        payload = Path(path).read_bytes()
    except IsADirectoryError:
        raise DocumentError(f"{name}: is a folder, not a design file") from None
    except FileNotFoundError:
        raise DocumentError(f"{name}: no such file") from None
    except PermissionError:
        raise DocumentError(f"{name}: permission denied") from None
    except OSError as exc:
        raise DocumentError(f"{name}: cannot read: {exc.strerror or exc}") from None
    return parse(payload, name)


def dumps(diagram: Diagram) -> str:
    """The canonical text of a diagram: stable key and list order, 2-space indent, final newline."""
    data = diagram.model_dump(mode="json", exclude_none=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def save(diagram: Diagram, path: str | os.PathLike[str]) -> Path:
    """Write a diagram atomically; raises DocumentError naming the file when it cannot."""
    payload = dumps(diagram).encode("utf-8")
    try:
        return write_atomic(path, payload)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DocumentError(f"{path}: could not save: {reason}; the previous file is unchanged") from None
