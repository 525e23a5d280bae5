"""How estimates read: three significant figures, thousands separators, decimal byte units.

Back-of-envelope numbers are orders of magnitude, so results are rounded to three significant figures
("11,600 QPS", "2.56 TB") while the inputs they come from are shown exactly ("100,000,000 DAU").
Bytes use decimal units (1 KB = 1,000 B), as interview arithmetic does.
"""

from __future__ import annotations

import math
from collections.abc import Callable

_LARGE = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_BYTES = ("B", "KB", "MB", "GB", "TB", "PB", "EB")


def significant(value: float, digits: int = 3) -> float:
    """``value`` rounded to ``digits`` significant figures (0 stays 0)."""
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


def _plain(value: float) -> str:
    """A rounded number with thousands separators and no trailing zeros: 11600.0 -> '11,600'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return text


def approx(value: float) -> str:
    """A result to three significant figures: 231.48 -> '231', 11574 -> '11,600', 1.157e9 ->
    '1.16 billion', 0.0123 -> '0.0123'. Past a thousand trillion: '1.2 × 10^15'."""
    if not math.isfinite(value):
        return "∞"
    rounded = significant(value)
    magnitude = abs(rounded)
    if magnitude >= 1e15:
        exponent = math.floor(math.log10(magnitude))
        return f"{_plain(significant(rounded / 10 ** exponent))} × 10^{exponent}"
    for scale, word in _LARGE:
        if magnitude >= scale:
            return f"{_plain(significant(rounded / scale))} {word}"
    return _plain(rounded)


def exact(value: float) -> str:
    """An input as given: 100000000 -> '100,000,000', 2.5 -> '2.5'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,g}"


def size(value: float, digits: int = 3) -> str:
    """Bytes in decimal units to ``digits`` significant figures: 2.56e12 -> '2.56 TB', 640 -> '640 B'."""
    magnitude = abs(value)
    index = 0
    while index < len(_BYTES) - 1 and significant(magnitude, digits) >= 1000:
        magnitude /= 1000
        index += 1
    return f"{_plain(significant(math.copysign(magnitude, value), digits))} {_BYTES[index]}"


def whole(value: float) -> str:
    """A count that must be whole (replicas, hosts), rounded up: 40.2 -> '41'."""
    return f"{math.ceil(value - 1e-9):,}"


COUNTED = frozenset({"hosts", "replicas", "workers"})  # units that are things counted: singular for one


def quantity(value: float, unit: str, show: Callable[[float], str]) -> str:
    """A number with its unit; byte units ('B', 'B/day') are scaled, to three significant figures for a
    result (``show`` is ``approx``) and exactly for an input: 2e12, 'B/day' -> '2 TB/day'."""
    if unit.startswith("B"):
        return size(value, 3 if show is approx else 12) + unit[1:]
    shown = show(value)
    if shown == "1" and unit in COUNTED:
        unit = unit[:-1]  # 1 host, 1 replica, 1 worker
    return f"{shown} {unit}".strip()
