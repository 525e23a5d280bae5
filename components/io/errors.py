"""The one exception loading and saving raise, with a message fit for a user."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError


class DocumentError(Exception):
    """A file that cannot be read or written; the message names the file and the offending item."""


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
                text += f" (id {node['id']!r})"
        else:
            text += f".{part}" if text else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return text


def validation_message(error: ValidationError, data: Any) -> str:
    """The first validation problem as one line (plus a count of the others)."""
    problems = error.errors(include_url=False)
    first = problems[0]
    where = describe_location(tuple(first["loc"]), data)
    message = first["msg"]
    if first["type"] == "extra_forbidden":
        message = "unknown key"
    elif first["type"] == "missing":
        message = "required key is missing"
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    text = f"{where}: {message}" if where else message
    if len(problems) > 1:
        text += f" (and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''})"
    return text
