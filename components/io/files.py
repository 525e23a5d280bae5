"""Loading and saving `.mlsd.json` files."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Collection
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from components.gcpause import without_gc
from components.io import limits
from components.io.atomic import Written, remove_stale_temps, write_atomic
from components.io.errors import DocumentError, clip, validation_message
from components.io.jsontext import loads
from components.io.migrate import MIGRATIONS, Migration, MigrationError, migrate
from components.io.target import FileStamp, TargetRefused
from components.model import SCHEMA_VERSION, Diagram

M = TypeVar("M", bound=BaseModel)
DESIGN_SUFFIX = ".mlsd.json"  # a design file's name ends so (saved designs, templates, recovery copies, attempts)
_MANY_PROBLEMS = 1000  # past this, find the first problem on a pruned copy (listing all is slow)


def _encoding_of(head: bytes) -> str:
    """A guess at the encoding of text that is not UTF-8: by its byte order mark, or by the zero
    bytes that ASCII characters (JSON's braces and quotes) get in UTF-16/32; '' when unknown."""
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = head[: len(head) // 4 * 4]
    if len(head) < 8:
        return ""
    if not any(head[1::4] + head[2::4] + head[3::4]) or not any(head[0::4] + head[1::4] + head[2::4]):
        return "UTF-32"
    if not any(head[1::2]) or not any(head[0::2]):
        return "UTF-16"
    return ""


def _too_large(source: str, size: int) -> DocumentError:
    return DocumentError(f"{source}: file is too large ({size >> 20} MB; at most {limits.MAX_FILE_BYTES >> 20} MB)")


def _not_utf8(payload: bytes, source: str, what: str) -> DocumentError:
    """Name the likely encoding of a file that is not UTF-8, so the user knows what to convert."""
    encoding = _encoding_of(payload[:64])
    if encoding:
        return DocumentError(f"{source}: not UTF-8 text (it looks like {encoding}; save it as UTF-8)")
    if b"\x00" in payload[:4096]:
        return DocumentError(f"{source}: not a {what} (binary content)")
    try:
        payload.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return DocumentError(f"{source}: not UTF-8 text (byte {exc.start}: {exc.reason}; save it as UTF-8)")
    return DocumentError(f"{source}: not a {what} (binary content)")


@without_gc  # tens of thousands of new objects, no cycles: see components/gcpause.py
def parse(text: str | bytes, source: str = "<string>") -> Diagram:
    """Parse a document from JSON text; every problem becomes one DocumentError naming ``source``.

    Time and memory stay bounded for any input (see components/io/limits.py): a hostile file is
    refused in well under two seconds.
    """
    return from_data(parse_json(text, source), source)


def parse_json(text: str | bytes, source: str = "<string>", what: str = "design file") -> Any:
    """JSON text (or its UTF-8 bytes) as data, with the checks every file of ours gets: size, encoding,
    repeated keys, nesting, numbers JSON cannot carry; each problem one DocumentError naming ``source``
    (``what`` the file should have been, for the messages)."""
    if isinstance(text, bytes):
        payload = text
        if len(payload) > limits.MAX_FILE_BYTES:
            raise _too_large(source, len(payload))
        if b"\x00" in payload[:4096]:
            raise _not_utf8(payload, source, what)
        try:
            text = payload.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise _not_utf8(payload, source, what) from None
    if not text.strip():
        raise DocumentError(f"{source}: the file is empty")
    limits.check_text(text, source)
    try:
        data = loads(text, source)
    except json.JSONDecodeError as exc:
        raise DocumentError(f"{source}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise DocumentError(f"{source}: not a {what} (JSON nested too deeply)") from None
    except ValueError as exc:  # NaN/Infinity, or a whole number with too many digits
        raise DocumentError(f"{source}: {exc}") from None
    limits.check_data(data, source)
    limits.check_surrogates(text, data, source)
    return data


def from_data(data: Any, source: str = "<data>") -> Diagram:
    """Validate already-parsed JSON data as a Diagram (migrating older schema versions)."""
    return validate_data(Diagram, data, source, what="design file", version=SCHEMA_VERSION, migrations=MIGRATIONS,
                         problem=_problem)


def validate_data(model: type[M], data: Any, source: str, *, what: str, version: int, migrations: list[Migration],
                  problem: Callable[[ValidationError, dict[str, Any]], str] = validation_message) -> M:
    """Parsed JSON data as ``model``, a versioned file format of ours: brought up to ``version`` through
    ``migrations``, then validated strictly; every problem one DocumentError naming ``source``."""
    if not isinstance(data, dict):
        raise DocumentError(f"{source}: not a {what} (expected a JSON object, got {type(data).__name__})")
    try:
        data = migrate(data, version, migrations)
    except MigrationError as exc:
        raise DocumentError(f"{source}: {clip(str(exc), 300)}") from None
    try:
        return model.model_validate(data, strict=True)
    except ValidationError as exc:
        raise DocumentError(f"{source}: {problem(exc, data)}") from None
    except RecursionError:
        raise DocumentError(f"{source}: not a {what} (nested too deeply)") from None


def _problem(error: ValidationError, data: dict[str, Any]) -> str:
    """The validation message; for a flood of errors, the first one found on a pruned copy."""
    total = error.error_count()
    if total <= _MANY_PROBLEMS:
        return validation_message(error, data)
    try:
        sample = limits.prune(data)
        Diagram.model_validate(sample, strict=True)
    except ValidationError as small:
        return validation_message(small, sample, total)
    except RecursionError:
        pass
    return f"{total:,} problems; this is not a valid design"


class SaveRefused(DocumentError):
    """A save the target forbids (see components/io/target.py); ``reason`` says which refusal, so
    the window can ask "replace it anyway?" for a read-only or changed file."""

    def __init__(self, message: str, reason: TargetRefused) -> None:
        super().__init__(message)
        self.reason = reason


def load(path: str | os.PathLike[str]) -> Diagram:
    """Read a design file; raises DocumentError (never anything else) when it cannot."""
    return load_stamped(path)[0]


def load_stamped(path: str | os.PathLike[str]) -> tuple[Diagram, FileStamp]:
    """Read a design file and the stamp of what was read, for saving it back later with a check that
    nobody changed it in between (``save(..., expected=stamp)``)."""
    payload, stamp = read_file(path)
    return parse(payload, str(path)), stamp


def read_file(path: str | os.PathLike[str], what: str = "design file") -> tuple[bytes, FileStamp]:
    """The bytes of a file of ours (at most the size limit) and its stamp; DocumentError for a folder,
    a pipe or device, a missing or unreadable file (``what`` it should have been, for the messages)."""
    name = str(path)
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer; it is refused just below.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except IsADirectoryError:
        raise DocumentError(f"{name}: is a folder, not a {what}") from None
    except FileNotFoundError:
        raise DocumentError(f"{name}: no such file") from None
    except PermissionError:
        raise DocumentError(f"{name}: permission denied") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL character in the path
        raise DocumentError(f"{name}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise DocumentError(f"{name}: is a folder, not a {what}")
        if not stat.S_ISREG(info.st_mode):  # a pipe, socket or device (/dev/zero never ends)
            raise DocumentError(f"{name}: not a regular file")
        if info.st_size > limits.MAX_FILE_BYTES:
            raise _too_large(name, info.st_size)
        payload = _read_at_most(fd, limits.MAX_FILE_BYTES + 1)  # the file may have grown since fstat
        stamp = FileStamp.of(os.fstat(fd))
    except OSError as exc:
        raise DocumentError(f"{name}: cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    return payload, stamp


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    while limit > 0:
        chunk = os.read(fd, min(limit, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        limit -= len(chunk)
    return b"".join(chunks)


def dumps(diagram: Diagram) -> str:
    """The canonical text of a diagram: stable key and list order, 2-space indent, final newline."""
    data = diagram.model_dump(mode="json", exclude_none=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def encode(diagram: Diagram) -> bytes:
    """The canonical UTF-8 bytes of a diagram, as save writes them.

    Unconstrained text fields accept a lone surrogate (say, pasted from a broken clipboard), which
    UTF-8 cannot encode; rather than making the document unsaveable, it is written as U+FFFD.
    """
    text = dumps(diagram)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        repaired = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        return repaired.encode("utf-8")


def save(diagram: Diagram, path: str | os.PathLike[str], *, expected: FileStamp | None = None,
         replace_read_only: bool = False, avoid: Collection[FileStamp] = ()) -> Written:
    """Write a diagram atomically (the guards are write_atomic's); raises DocumentError naming the
    file when it cannot, SaveRefused when the target forbids it."""
    payload = encode(diagram)
    try:
        written = write_atomic(path, payload, expected=expected, replace_read_only=replace_read_only, avoid=avoid)
    except TargetRefused as exc:
        raise SaveRefused(f"{path}: {exc}", exc) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DocumentError(f"{path}: could not save: {reason}; the previous file is unchanged") from None
    remove_stale_temps(written.path)
    return written
