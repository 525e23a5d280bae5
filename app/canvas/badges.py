"""Findings badges: which blocks carry one, of what severity, for which findings, and where it is.

The scene keeps one Badges; the validator's findings come in through ``update`` (the severity by
components.badges, the rule the SVG export follows too), the block items ask ``severity`` when they
paint, and hovering a badge shows ``findings`` as its tooltip.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt

from app.canvas.items import BlockItem
from components import style
from components.badges import block_badges
from components.model import Severity

if TYPE_CHECKING:
    from PySide6.QtWidgets import QGraphicsScene

    from components.validate.delta import FindingsDelta

HOVER_SLACK = 3.0  # the badge answers a little beyond its disc: it is small


class Badges:
    """The worst severity and the findings of every flagged block."""

    def __init__(self) -> None:
        self.severity: dict[str, Severity] = {}
        self.findings: dict[str, list[Any]] = {}

    def update(self, findings: Iterable[Any], delta: FindingsDelta | None = None) -> set[str]:
        """Take the validator's latest findings; the ids of blocks whose badge changed. With ``delta``
        (what changed since the findings taken last) only the blocks it names are looked at."""
        if delta is not None:
            return self._apply(delta)
        findings = list(findings)
        worst = {block_id: severity for block_id, (severity, _count) in block_badges(findings).items()}
        self.findings = {}
        for finding in findings:
            for block_id in dict.fromkeys(getattr(finding, "blocks", ()) or ()):
                self.findings.setdefault(block_id, []).append(finding)
        changed = {k for k in worst.keys() | self.severity.keys() if worst.get(k) != self.severity.get(k)}
        self.severity = worst
        return changed

    def _apply(self, delta: FindingsDelta) -> set[str]:
        touched: set[str] = set()
        for finding in delta.removed:
            for block_id in dict.fromkeys(finding.blocks):
                own = self.findings.get(block_id, [])
                index = next((i for i, f in enumerate(own) if f is finding), None)
                if index is not None:
                    del own[index]
                touched.add(block_id)
        for finding in delta.added:
            for block_id in dict.fromkeys(finding.blocks):
                self.findings.setdefault(block_id, []).append(finding)
                touched.add(block_id)
        changed: set[str] = set()
        for block_id in touched:
            own = self.findings.get(block_id, [])
            own.sort(key=lambda f: f.sort_key())  # the validator's order, as a full update has them
            badge = block_badges(own).get(block_id)
            if not own:
                self.findings.pop(block_id, None)
            worst = badge[0] if badge is not None else None
            if worst != self.severity.get(block_id):
                changed.add(block_id)
                if worst is None:
                    del self.severity[block_id]
                else:
                    self.severity[block_id] = worst
        return changed

    def clear(self) -> None:
        self.severity.clear()
        self.findings.clear()

    def at(self, scene: QGraphicsScene, pos: QPointF) -> str:
        """The id of the block whose badge is under a scene point, or ""."""
        reach = style.BADGE_RADIUS + HOVER_SLACK
        area = QRectF(pos.x() - reach, pos.y() - reach, 2 * reach, 2 * reach)
        for item in scene.items(area, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
            if isinstance(item, BlockItem) and self.severity.get(item.item_id):
                centre = item.mapToScene(item.badge_centre())
                if (centre.x() - pos.x()) ** 2 + (centre.y() - pos.y()) ** 2 <= reach * reach:
                    return item.item_id
        return ""
