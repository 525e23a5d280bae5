"""Size limits that keep loading a hostile file fast (well under 2 s) and its memory bounded.

DESIGN.md targets 5,000 blocks (~2 MB, ~87,000 JSON entries, i.e. object members plus list items);
the limits admit ~45,000 blocks with as many connectors (~18 MB, ~800,000 entries), so the 40,000-block
designs issue 7 asks to stay usable (Qt's "40000 chips" scale) open. Validating a
valid entry costs well under 1 µs, but pydantic spends ~1 µs per *error* (and the message code
would spend 3 µs more listing them all), so the entry limit mostly bounds a file of wrong values.
"""

from __future__ import annotations

import re
from typing import Any

from components.io.errors import DocumentError, describe_location
from components.model import COLLECTIONS

MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_VALUES = 900_000  # object members + list items
MAX_ELEMENTS = 100_000
MAX_INT_DIGITS = 19  # whole numbers must fit 64 bits: dau, corpus size, rule parameters
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def parse_int(text: str) -> int:
    """json.loads hook: refuse whole numbers too large for any field (before Python's 4,300-digit
    limit turns them into an obscure ValueError)."""
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise ValueError(f"a number with {digits} digits is too large for a design file")
    return int(text)


def check_text(text: str, source: str) -> None:
    """Refuse text with more JSON values than a design can have, before parsing it into objects.

    Every object member and list item is preceded by ',' '[' or '{', so counting those characters
    outside string literals counts them (keys are string literals, so there cannot be more members
    than half the quotes either). All of it runs at C speed (str.count/replace/split); most files
    stop at the first, cheapest count.
    """
    if len(text) > MAX_FILE_BYTES:
        megabytes = len(text) // (1024 * 1024)
        raise DocumentError(f"{source}: file is too large ({megabytes} MB; at most {MAX_FILE_BYTES >> 20} MB)")
    if _separators(text) <= MAX_VALUES:
        return
    # Drop escaped backslashes, then escaped quotes: every '"' left delimits a string literal.
    plain = text.replace("\\\\", "").replace('\\"', "")
    too_many = DocumentError(f"{source}: too many values to be a design (more than {MAX_VALUES:,})")
    if plain.count('"') // 2 > MAX_VALUES:
        raise too_many
    if _separators("".join(plain.split('"')[0::2])) > MAX_VALUES:
        raise too_many


def _separators(text: str) -> int:
    return text.count(",") + text.count("[") + text.count("{")


def check_data(data: Any, source: str) -> None:
    """Refuse parsed data with more elements than a design can have, before validating them."""
    if not isinstance(data, dict):
        return
    counts = {name: len(data[name]) for name in COLLECTIONS if isinstance(data.get(name), list)}
    if sum(counts.values()) > MAX_ELEMENTS:
        listed = ", ".join(f"{count:,} {name}" for name, count in counts.items())
        raise DocumentError(f"{source}: too many elements ({listed}; at most {MAX_ELEMENTS:,} in all)")


def check_surrogates(text: str, data: Any, source: str) -> None:
    """Refuse a lone surrogate escape such as "\\ud800" anywhere in the file.

    JSON allows it, Python keeps it, pydantic accepts it in unconstrained text fields, and then no
    save can encode it as UTF-8. Such text can only come from an escape, so files without one skip
    the walk.
    """
    if _SURROGATE_ESCAPE.search(text) is None:
        return
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if _unencodable(key):
                    where = describe_location(path, data) or "the file"
                    raise DocumentError(f"{source}: {where}: a key with an invalid character (a lone surrogate)")
                stack.append((value, (*path, key)))
        elif isinstance(node, list):
            stack.extend((value, (*path, index)) for index, value in enumerate(node))
        elif isinstance(node, str) and _unencodable(node):
            raise DocumentError(f"{source}: {describe_location(path, data)}: text with an invalid character "
                                "(a lone surrogate escape such as \\ud800)")


def _unencodable(text: str) -> bool:
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def prune(data: Any, keep: int = 20) -> Any:
    """A small copy of the data (lists cut to ``keep`` items, dicts to 64 keys, more than any model
    has) for re-validating it when the full validation found so many errors that listing them all
    would take seconds; the first error of the copy is then the one to report."""
    if isinstance(data, dict):
        return {key: prune(value, keep) for key, value in list(data.items())[:64]}
    if isinstance(data, list):
        return [prune(value, keep) for value in data[:keep]]
    return data
