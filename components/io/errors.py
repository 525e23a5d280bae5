"""The one exception loading and saving raise, with a message fit for a user."""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from typing import Any

from pydantic import ValidationError

_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_\-]{1,60}$")
_QUOTED = re.compile(r"'([^']*)'")
# A choice field's name in a message when its key alone would not say what it is.
_CHOICE_NOUNS = {"kind": "block kind", "style": "connector style", "logs": "logged item", "target": "monitor target",
                 "embedding_precision": "precision"}
_LISTED = 8  # a field with up to this many choices lists them; one with more points to `mlsd schema`


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
    count = total if total is not None else len(problems) - sum(_follows_from_kind(p, problems) for p in problems)
    choice = _choice_problem(first, data)
    if choice is not None:
        return choice + _more(count)
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
    return text + _more(count)


def _more(count: int) -> str:
    return f" (and {count - 1} more problem{'s' if count > 2 else ''})" if count > 1 else ""


def _follows_from_kind(problem: Any, problems: list[Any]) -> bool:
    """A block's props cannot be checked when its kind is wrong: that second problem is the first one
    again, not one more for the user to fix."""
    loc = tuple(problem["loc"])
    return (problem["type"] == "value_error" and loc[-1:] == ("props",)
            and any(tuple(other["loc"]) == (*loc[:-1], "kind") for other in problems))


def _choice_problem(problem: Any, data: Any) -> str | None:
    """A value outside a fixed set of words, e.g. ``blocks[0] (id 'a'): unknown block kind 'x' (...)``, with
    the nearest valid word when one is close and the valid ones (or where to find them); None for any
    other problem. Pydantic's own wording lists every choice, which a long list cuts mid-word."""
    if problem["type"] != "literal_error":
        return None
    choices = _QUOTED.findall(str(problem.get("ctx", {}).get("expected", "")))
    loc = tuple(problem["loc"])
    fields = [part for part in loc if isinstance(part, str) and part.isidentifier()]  # not a dict key such as a rule id
    value = _value_at(data, loc)
    if not choices or not fields or value is _ABSENT:
        return None  # a number literal (a format version), or a value the data does not hold
    field = fields[-1]
    where = describe_location(loc[:-1] if loc[-1] == field else loc, data)
    text = f"unknown {_CHOICE_NOUNS.get(field, field.replace('_', ' '))} {_shown(value)}"
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.75) if isinstance(value, str) and len(value) <= 100 else []
    if close:
        text += f": did you mean '{close[0]}'?"
    if len(choices) <= _LISTED:
        text += f" (one of: {', '.join(choices)})"
    else:
        text += f" (`mlsd schema` lists the {len(choices)} valid ones)"
    return f"{where}: {text}" if where else text


_ABSENT = object()


def _value_at(data: Any, loc: tuple[Any, ...]) -> Any:
    node = data
    for part in loc:
        in_list = isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node)
        if not (in_list or (isinstance(part, str) and isinstance(node, dict) and part in node)):
            return _ABSENT
        node = node[part]
    return node


def _shown(value: Any) -> str:
    """A value quoted from a file: a string escaped and shortened (a lookalike letter shows as \\u0430),
    a number, true, false or null as JSON writes it, a list or an object as [...] or {...}."""
    if isinstance(value, str):
        return clip(ascii(value), 60)
    if isinstance(value, list):
        return "[...]"
    if isinstance(value, dict):
        return "{...}"
    return clip(json.dumps(value), 60)
