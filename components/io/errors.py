"""The one exception loading and saving raise, with a message fit for a user."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from pydantic import ValidationError

_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_\-]{1,60}$")


class DocumentError(Exception):
    """A file that cannot be read or written; the message names the file and the offending item."""


def clip(text: str, limit: int = 200) -> str:
    """Shorten text quoted from a file so a hostile value cannot make a message megabytes long."""
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"


def quote_key(key: str) -> str:
    """A key as a message shows it: quoted, anything outside printable ASCII escaped (so a Cyrillic
    'а' in 'lаbel' cannot pass for the real key), and shortened."""
    return clip(ascii(key), 60)


def unexpected_characters(text: str, limit: int = 3) -> str:
    """The first characters that are not plain ASCII, by code point and name, e.g.
    ``U+0430 CYRILLIC SMALL LETTER A at character 2``; '' when there are none."""
    found = [(index, ch) for index, ch in enumerate(text[:200]) if not (ch.isascii() and ch.isprintable())]
    named = [f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed character')} at character {index + 1}"
             for index, ch in found[:limit]]
    more = len(found) - limit
    return ", ".join(named) + (f" and {more} more" if more > 0 else "")


def describe_location(loc: tuple[Any, ...], data: Any) -> str:
    """Turn a pydantic location such as ('blocks', 3, 'props', 'p99_ms') into
    ``blocks[3] 'ranker' .props.p99_ms``, naming the element's id when there is one."""
    text = ""
    node = data
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                text += f" (id {clip(repr(node['id']), 60)})"
        else:
            name = str(part)
            if not _PLAIN_KEY.match(name):  # a hostile or lookalike key: quoted, escaped and shortened
                name = quote_key(name)
            text += f".{name}" if text else name
            node = node.get(part) if isinstance(node, dict) else None
    return text


def validation_message(error: ValidationError, data: Any, total: int | None = None) -> str:
    """The first validation problem as one line (plus a count of the others).

    ``total`` overrides the problem count, for a caller that found the first problem on a pruned
    copy of ``data`` because listing a million errors of the original takes seconds.
    """
    problems = error.errors(include_url=False, include_input=False)
    first = problems[0]
    where = describe_location(tuple(first["loc"]), data)
    message = first["msg"]
    odd = ""
    if first["type"] == "extra_forbidden":
        message = "unknown key"
        odd = unexpected_characters(str(first["loc"][-1])) if first["loc"] else ""
    elif first["type"] == "missing":
        message = "required key is missing"
    elif first["type"] == "string_unicode":
        message = "text with an invalid character (a lone surrogate escape such as \\ud800)"
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    text = f"{where}: {clip(message)}" if where else clip(message)
    if odd:
        text += f" (it has characters that are not plain ASCII: {odd})"
    count = len(problems) if total is None else total
    if count > 1:
        text += f" (and {count - 1} more problem{'s' if count > 2 else ''})"
    return text
