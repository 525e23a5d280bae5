"""Review > Compare with Template: what the chosen template has that the design lacks, in a dock.

Missing roles, missing connections, blocks the design adds and requirements that differ, one line
each, as links: a missing role selects the design's nearest blocks (those the missing block would
connect to), a missing connection its two ends, an added block itself. The list follows the design:
it is compared again each time the live validator reports, so a gap disappears once it is filled.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from components.model import Diagram

if TYPE_CHECKING:
    from components.compare import Comparison

class ComparePanel(QWidget):
    """The comparison of the editor's design with one reference design, as a short page of links."""

    blocksActivated = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparePanel")
        self.reference: Diagram | None = None
        self.reference_name = ""
        self.result: Comparison | None = None
        self.rows: list[tuple[str, tuple[str, ...]]] = []  # (text, block ids) in the order shown
        self.page = QTextBrowser()
        self.page.setObjectName("comparePage")
        self.page.setOpenLinks(False)  # a link selects blocks; it never navigates
        self.page.anchorClicked.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(self.page, 1)

    def set_reference(self, reference: Diagram, name: str, design: Diagram) -> None:
        self.reference, self.reference_name = reference, name
        self.refresh(design)

    def clear(self, note: str = "") -> None:
        """Forget the reference (a practice session hides it): nothing of it stays on the page, and the
        validator's reports find nothing to compare until a reference is set again."""
        self.reference, self.reference_name, self.result, self.rows = None, "", None, []
        self.page.setPlainText(note)

    def refresh(self, design: Diagram) -> None:
        """Compare again and list the differences (sections with nothing in them are left out)."""
        if self.reference is None or not shiboken6.isValid(self):
            return
        from components.compare import compare

        result = compare(design, self.reference)
        self.result = result
        name = escape(self.reference_name)
        if result.no_gaps:
            head = f"Compared with {name}: <b>no gaps</b>. Every role and connection of the template is in the design."
        else:
            head = (f"Compared with {name}: {result.matched} of {result.reference_blocks} roles matched. "
                    "Click a line to select the blocks it is about.")
        sections: list[tuple[str, list[tuple[str, tuple[str, ...]]]]] = [
            ("Missing roles", [(item.text, item.nearest) for item in result.missing]),
            ("Missing connections", [(item.text, item.blocks) for item in result.links]),
            ("Added by this design", [(item.text, (item.block,)) for item in result.added]),
            ("Requirements that differ", [(text, ()) for text in result.requirements]),
        ]
        self.rows = []
        parts = [f"<p>{head}</p>"]
        for title, rows in sections:
            if not rows:
                continue
            items = []
            for text, ids in rows:
                if ids:
                    items.append(f'<li><a href="row:{len(self.rows)}">{escape(text)}</a></li>')
                else:
                    items.append(f"<li>{escape(text)}</li>")
                self.rows.append((text, ids))
            parts.append(f"<p><b>{escape(title)} ({len(rows)})</b></p><ul>{''.join(items)}</ul>")
        scroll = self.page.verticalScrollBar().value()
        self.page.setHtml("".join(parts))
        self.page.verticalScrollBar().setValue(scroll)

    def activate(self, row: int) -> None:
        """Select the blocks of one listed line (as a click on it does)."""
        ids = self.rows[row][1]
        if ids:
            self.blocksActivated.emit(list(ids))

    def _clicked(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith("row:") and target[4:].isdigit() and int(target[4:]) < len(self.rows):
            self.activate(int(target[4:]))
