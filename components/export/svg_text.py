"""Text made safe for XML: escaping, characters XML 1.0 forbids, ids that are valid names.

Labels hold whatever a person typed or pasted, including control characters and (from JSON escapes)
lone surrogates that cannot even be encoded as UTF-8. Every string the SVG writer emits goes through
here, so the output is well-formed for any input.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

# Everything outside XML 1.0's Char production (tab, LF and CR aside, which text turns into spaces).
_FORBIDDEN = re.compile("[^\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NEEDS_WORK = re.compile("[^\x20\x21\x23-\x25\x28-\x3b\x3d\x3f-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.\-]")


def clean(text: str) -> str:
    """``text`` with whitespace controls as spaces and every other character XML 1.0 forbids
    (C0 controls, lone surrogates, U+FFFE, U+FFFF) replaced by U+FFFD."""
    return _FORBIDDEN.sub(_replacement, text)


def _replacement(match: re.Match[str]) -> str:
    return " " if match.group() in "\t\n\r" else REPLACEMENT


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
