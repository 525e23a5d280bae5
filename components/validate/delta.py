"""What one live update changed in the findings: the ones that appeared and the ones that went (a finding
whose message or elements changed is both). The app's panels apply this to their rows instead of
rebuilding every row after each edit.

Findings of rules an edit did not make run again are the very same objects before and after, so the
difference is found by identity, and only the findings made anew are compared by value (a rule that ran
again usually makes the same findings again: those did not change).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from components.validate.findings import Finding


@dataclass(frozen=True)
class FindingsDelta:
    """``removed`` are objects of the list before, ``added`` objects of the list after, each in its list's order."""

    added: list[Finding] = field(default_factory=list)
    removed: list[Finding] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)


def delta_of(before: Sequence[Finding], after: Sequence[Finding]) -> FindingsDelta:
    """The findings of ``after`` not in ``before`` and those of ``before`` not in ``after`` (as multisets)."""
    return follow(before, after)[0]


def follow(before: Sequence[Finding], after: Sequence[Finding]) -> tuple[FindingsDelta, list[Finding]]:
    """The delta from ``before`` to ``after``, and ``after`` with each finding made again replaced by its
    equal object of ``before``: what stayed keeps its identity, so the next delta's ``removed`` are objects
    the app holds."""
    old = {id(finding) for finding in before}
    new = {id(finding) for finding in after}
    gone = [finding for finding in before if id(finding) not in new]
    came = [finding for finding in after if id(finding) not in old]
    if not gone or not came:
        return FindingsDelta(came, gone), list(after)
    made_again = Counter(came)
    removed: list[Finding] = []
    kept: dict[Finding, list[Finding]] = {}  # a value made again -> its objects before
    for finding in gone:
        if made_again[finding] > 0:
            made_again[finding] -= 1
            kept.setdefault(finding, []).append(finding)
        else:
            removed.append(finding)
    added: list[Finding] = []
    same: list[Finding] = []
    for finding in after:
        if id(finding) in old:
            same.append(finding)
        elif kept.get(finding):
            same.append(kept[finding].pop())
        else:
            added.append(finding)
            same.append(finding)
    return FindingsDelta(added, removed), same
