"""Text made safe for XML: escaping, characters XML 1.0 forbids, ids that are valid names.

Labels hold whatever a person typed or pasted, including control characters and (from JSON escapes)
lone surrogates that cannot even be encoded as UTF-8. Every string the SVG writer emits goes through
here, so the output is well-formed for any input (``clean`` lives with the text-fitting engine,
which fits the same cleaned text the canvas draws).
"""

from __future__ import annotations

import re

from components.style.text import REPLACEMENT, clean

__all__ = ["REPLACEMENT", "IdMaker", "clean", "escape"]

# What ``clean`` replaces or the escapes change (named directly: a complement class of the allowed
# ranges took ~3 ms to compile, at every start)
_NEEDS_WORK = re.compile("[\x00-\x1f\"&'<>\ud800-\udfff\ufffe\uffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.\-]")


def escape(text: str) -> str:
    """``text`` cleaned and escaped for element content or a quoted attribute value."""
    if not _NEEDS_WORK.search(text):  # the common case: nothing to do
        return text
    return clean(text).translate(_ESCAPES)


class IdMaker:
    """Valid, unique XML ids from model ids: a prefix, unsafe characters as '_', a counter on clash."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def make(self, prefix: str, raw: str) -> str:
        base = prefix + (raw if raw.isidentifier() else _ID_UNSAFE.sub("_", raw))
        candidate, number = base, 2
        while candidate in self._used:
            candidate = f"{base}-{number}"
            number += 1
        self._used.add(candidate)
        return candidate
