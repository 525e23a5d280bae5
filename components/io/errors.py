"""The one exception loading and saving raise, with a message fit for a user."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_\-]{1,60}$")


class DocumentError(Exception):
    """A file that cannot be read or written; the message names the file and the offending item."""


def clip(text: str, limit: int = 200) -> str:
    """Shorten text quoted from a file so a hostile value cannot make a message megabytes long."""
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"


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
            if not _PLAIN_KEY.match(name):  # a hostile key: quoted, escaped and shortened
                name = clip(repr(name), 60)
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
    if first["type"] == "extra_forbidden":
        message = "unknown key"
    elif first["type"] == "missing":
        message = "required key is missing"
    elif first["type"] == "string_unicode":
        message = "text with an invalid character (a lone surrogate escape such as \\ud800)"
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    text = f"{where}: {clip(message)}" if where else clip(message)
    count = len(problems) if total is None else total
    if count > 1:
        text += f" (and {count - 1} more problem{'s' if count > 2 else ''})"
    return text
