"""Which blocks carry a findings badge, and in which severity: one rule for the canvas and the export.

A finding is any object with ``severity`` and ``blocks`` (the validator's Finding, or a stand-in).
A severity the vocabulary does not know counts as its mildest, "info" (``severity_rank``), so a
badge looks the same on the canvas and in an exported SVG whatever a finding says.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from typing import Any

from components.model.types import SEVERITIES, Severity, severity_rank


def block_badges(findings: Iterable[Any] | None, blocks: Container[str] | None = None) -> dict[str, tuple[Severity, int]]:
    """Block id -> (worst severity, number of findings naming it), for the blocks in ``blocks``
    (None: every block a finding names)."""
    ranks: dict[str, tuple[int, int]] = {}
    for finding in findings or ():
        rank = severity_rank(str(getattr(finding, "severity", "")))
        for block_id in dict.fromkeys(getattr(finding, "blocks", ()) or ()):
            if blocks is not None and block_id not in blocks:
                continue
            worst, count = ranks.get(block_id, (rank, 0))
            ranks[block_id] = (min(worst, rank), count + 1)
    return {block_id: (SEVERITIES[rank], count) for block_id, (rank, count) in ranks.items()}
