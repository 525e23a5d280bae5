"""The findings dock: what the validator says about the design, most severe first.

A list of the findings' messages, each wrapped in full, beside (or, when the dock is narrow, above)
a detail area that explains the current one: severity, step, rule, every section of
``finding_text.DETAIL_SECTIONS``, a "Why?" that opens the rule's why and an interviewer's question, and
the elements it is about (and the message again when beside). Clicking a finding asks the window to
select and centre the blocks it is about (``findingActivated``); a new error is scrolled into view.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QHelpEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QSplitter,
    QTextBrowser,
    QToolTip,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.finding_text import WHY_ANCHOR, WHY_LINK, finding_html, ordered
from app.panels.enter_tree import EnterTree
from app.panels.icons import check_icon, severity_icon
from app.panels.wrap import WrapDelegate
from components.model import SEVERITIES

if TYPE_CHECKING:
    from components.validate.delta import FindingsDelta

_FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
SIDE_BY_SIDE_WIDTH = 640  # narrower than this, the detail area goes below the list
# Longer lists scroll row by row: scrolled by pixel, the view needs every row's height (each row's wrapped
# text measured) to size its scroll bar, after every fill and every row that comes or goes (29,419 findings
# of a 45,000-block design: ~5 s); row by row it asks only the rows it shows.
LONG_LIST = 500
# A list longer than this gets its rows FILL_SLICE at a time, a turn of the event loop each (29,419 rows
# made at once held the window ~0.2 s); errors come first, so the first slice has them.
SLICED = 5_000
FILL_SLICE = 2_000
PROMPT = "Select a finding to read what it means and how to fix it."


def count_text(findings: Sequence[Any]) -> str:
    """``2 errors · 1 warning`` (or ``no findings``)."""
    return counts_text(Counter(finding.severity for finding in findings))


def counts_text(counts: Mapping[str, int]) -> str:
    """``2 errors · 1 warning`` from how many findings of each severity (or ``no findings``)."""
    ordered_counts: dict[str, int] = {name: counts.get(name, 0) for name in SEVERITIES}
    ordered_counts.update((name, n) for name, n in counts.items() if name not in ordered_counts)
    parts = [f"{n} {s}{'s' if n != 1 and s != 'info' else ''}" for s, n in ordered_counts.items() if n > 0]
    return " · ".join(parts) if parts else "no findings"


class FindingsPanel(QWidget):
    """The findings list and the detail area of the current finding."""

    findingActivated = Signal(list, list)
    stageActivated = Signal(int, list)  # a finding about no element: its step, the card fields it is about
    newError = Signal()  # an error that was not there before the last check

    def __init__(self, label_of: Callable[[str], str | None] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme_name = "light"
        self.label_of = label_of or (lambda _id: None)
        self.findings: list[Any] = []
        self._keys: Counter[tuple[Any, ...]] = Counter()  # of the findings shown: which are new errors
        self._counts: Counter[str] = Counter()  # findings shown per severity: the summary
        self.summary = QLabel()
        self.summary.setObjectName("findingsSummary")
        self.tree = EnterTree()
        self.tree.setObjectName("findingsTree")
        self.tree.setAccessibleName("Findings list")
        self.tree.setColumnCount(1)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)  # rows are tall (short lists)
        self.wrap = WrapDelegate(self.tree, max_lines=None)  # whole messages: rows grow, nothing is cut
        self.detail = QTextBrowser()
        self.detail.setObjectName("findingDetail")
        self.detail.setAccessibleName("Finding detail")
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._link)
        self.why_open = False  # the "Why?" stays open from one finding to the next until closed
        self.detail.document().setDefaultStyleSheet("p { margin-top: 0; margin-bottom: 5px; }")  # compact
        self.splitter = QSplitter()
        self.splitter.setAccessibleName("Findings and detail")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        self.tree.itemClicked.connect(self._activated)
        self.tree.enterPressed.connect(self._activated)
        self.tree.currentItemChanged.connect(lambda *_args: self._show_detail())
        self.tree.viewport().installEventFilter(self)  # a row's tooltip is written when it is asked for
        self._pending: list[Any] = []  # findings whose rows are still to come (a long list, in slices)
        self._pending_state: tuple[Any, Counter[tuple[Any, ...]], bool] = (None, Counter(), False)
        self._filler = QTimer(self)
        self._filler.setSingleShot(True)
        self._filler.setInterval(0)
        self._filler.timeout.connect(self._fill_more)
        self.set_unavailable("Checking the design…")

    def set_unavailable(self, note: str) -> None:
        """No validator (yet): an empty list and a note saying why."""
        self.findings = []
        self._keys, self._counts = Counter(), Counter()
        self._clear_rows()
        self.summary.setText(note)
        self._show_detail()

    def set_findings(self, findings: Sequence[Any], delta: FindingsDelta | None = None) -> None:
        """Show these findings, errors first; keeps the row the user was on when it is still there,
        and scrolls the first new error into view. With ``delta`` (what changed since the findings shown
        last, components.validate.delta) only the rows of the findings that appeared or went change."""
        if delta is not None and self.findings and findings and self.tree.topLevelItemCount() == len(self.findings):
            self._apply(ordered(findings), delta)
            return
        if delta is not None and not delta and not self.findings and not findings and self.tree.topLevelItemCount():
            return  # still no findings: the "no findings" row stays
        current = self.finding_of(self.tree.currentItem())
        kept = self._key(current) if current is not None else None
        before = self._keys
        self.findings = ordered(findings)
        self._keys = Counter(self._key(f) for f in self.findings)
        self._counts = Counter(f.severity for f in self.findings)
        self._clear_rows()
        self._fit_scrolling()
        self.summary.setText(counts_text(self._counts))
        if not self.findings:
            item = QTreeWidgetItem(["No findings: the design passes every enabled rule"])
            item.setIcon(0, check_icon(True, self.theme_name))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(item)
            self._show_detail()
            return
        now = self.findings[:FILL_SLICE] if len(self.findings) > SLICED else self.findings
        self._pending = self.findings[len(now):]
        self._pending_state = (kept, before, False)
        self._add_rows(now)
        self._show_detail()  # once: a later slice changes only which row is current, and that shows itself
        if self._pending:
            self._filler.start()

    def _add_rows(self, findings: list[Any]) -> None:
        """Rows for these findings at the end of the list: the one the user was on made current again,
        the first new error scrolled into view."""
        kept, before, revealed = self._pending_state
        first_new_error: QTreeWidgetItem | None = None
        kept_row: QTreeWidgetItem | None = None
        items = [self._item(finding) for finding in findings]
        for finding, item in zip(findings, items, strict=True):
            if kept is not None and kept_row is None and self._key(finding) == kept:
                kept_row = item
            if (not revealed and first_new_error is None and finding.severity == "error"
                    and before[self._key(finding)] <= 0):
                first_new_error = item
        self.tree.addTopLevelItems(items)
        if kept_row is not None:  # scrolled to first: a row far below would be found walking down from the top
            self.tree.scrollToItem(kept_row)
            self.tree.setCurrentItem(kept_row)
            kept = None
        self._pending_state = (kept, before, revealed or first_new_error is not None)
        self._reveal(first_new_error)

    def _fill_more(self) -> None:
        """The next slice of a long list's rows."""
        now, self._pending = self._pending[:FILL_SLICE], self._pending[FILL_SLICE:]
        self._add_rows(now)
        if self._pending:
            self._filler.start()

    @property
    def filling(self) -> bool:
        """Whether rows of a long list are still to come."""
        return bool(self._pending)

    def _clear_rows(self) -> None:
        """No rows. The current row is let go first: cleared under a current row far down, the view kept
        moving it as the rows went (4,000 rows: ~2 s; 0.01 s without)."""
        self._stop_filling()
        self.tree.selectionModel().clear()
        self.tree.clear()

    def _stop_filling(self) -> None:
        self._pending = []
        self._filler.stop()

    def _item(self, finding: Any) -> QTreeWidgetItem:
        item = QTreeWidgetItem([finding.message])
        item.setIcon(0, severity_icon(finding.severity, self.theme_name))
        item.setData(0, _FINDING_ROLE, finding)
        return item

    def _apply(self, findings: list[Any], delta: FindingsDelta) -> None:
        """Take the rows of the findings that went, put in rows for those that appeared: every other row
        (and the current one, when it stays) is kept as it is."""
        current = self.finding_of(self.tree.currentItem())
        gone = {id(f) for f in delta.removed}
        came = {id(f) for f in delta.added}
        for index in reversed([i for i, f in enumerate(self.findings) if id(f) in gone]):
            self.tree.takeTopLevelItem(index)
        first_new_error: QTreeWidgetItem | None = None
        made: dict[int, QTreeWidgetItem] = {}
        for index in [i for i, f in enumerate(findings) if id(f) in came]:
            finding = findings[index]
            item = made[id(finding)] = self._item(finding)
            self.tree.insertTopLevelItem(index, item)
            if first_new_error is None and finding.severity == "error" and self._keys[self._key(finding)] <= 0:
                first_new_error = item
        self._keys.subtract(self._key(f) for f in delta.removed)
        self._keys.update(self._key(f) for f in delta.added)
        self._counts.subtract(f.severity for f in delta.removed)
        self._counts.update(f.severity for f in delta.added)
        self.findings = findings
        self._fit_scrolling()
        if current is not None and id(current) in gone:  # as a rebuild would: the same kind of finding, or none
            replacement = next((made[id(f)] for f in findings if id(f) in made and self._key(f) == self._key(current)),
                               None)
            if replacement is not None:
                self.tree.setCurrentItem(replacement)
            else:
                self.tree.setCurrentIndex(QModelIndex())
                self.tree.clearSelection()
        self.summary.setText(counts_text(self._counts))
        self._show_detail()
        self._reveal(first_new_error)

    def _fit_scrolling(self) -> None:
        """By pixel while the list is short (smooth), row by row when long (see ``LONG_LIST``)."""
        mode = QAbstractItemView.ScrollMode
        wanted = mode.ScrollPerItem if len(self.findings) > LONG_LIST else mode.ScrollPerPixel
        if self.tree.verticalScrollMode() != wanted:
            self.tree.setVerticalScrollMode(wanted)

    def _reveal(self, first_new_error: QTreeWidgetItem | None) -> None:
        if first_new_error is not None:
            self.tree.scrollToItem(first_new_error)
            self.newError.emit()

    def tooltip_at(self, item: QTreeWidgetItem | None) -> str:
        """A row's tooltip: everything about its finding. Written on hover, not kept per row: 26,000
        findings of a 45,000-block design held ~1 KB of HTML each."""
        finding = self.finding_of(item)
        return finding_html(finding, self.theme_name, self._names(finding)) if finding is not None else ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent) and watched is self.tree.viewport():
            text = self.tooltip_at(self.tree.itemAt(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self.tree.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().eventFilter(watched, event)

    def set_theme(self, theme_name: str) -> None:
        if theme_name == self.theme_name:
            return  # the window sets the theme once at start-up: "Checking the design…" stays until then
        self.theme_name = theme_name
        self.set_findings(self.findings)

    @staticmethod
    def _key(finding: Any) -> tuple[Any, ...]:
        return (finding.rule, finding.message)

    def _names(self, finding: Any) -> dict[str, str]:
        return {i: self.label_of(i) or i for i in (*finding.blocks, *finding.connectors)}

    def finding_of(self, item: QTreeWidgetItem | None) -> Any | None:
        """The finding a row shows (None for the "no findings" row)."""
        return item.data(0, _FINDING_ROLE) if item is not None else None

    def item_of(self, rule: str) -> QTreeWidgetItem | None:
        """The first row of a rule (for tests and keyboard navigation)."""
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            finding = self.finding_of(item)
            if finding is not None and finding.rule == rule:
                return item
        return None

    def _show_detail(self) -> None:
        """Explain the current finding. Beside the list the area stays (with a prompt when no row is
        current); below it, it shows only while a row is current, so the list keeps the height."""
        finding = self.finding_of(self.tree.currentItem())
        side_by_side = self.splitter.orientation() == Qt.Orientation.Horizontal
        self.detail.setVisible(bool(self.findings) and (side_by_side or finding is not None))
        if finding is None:
            self.detail.setHtml(f"<p><i>{PROMPT}</i></p>" if self.findings else "")
        else:  # stacked, the selected row is right above: the detail starts with how to fix it
            self.detail.setHtml(finding_html(finding, self.theme_name, self._names(finding), message=side_by_side,
                                             why=self.why_open))

    def _link(self, url: QUrl) -> None:
        """The "Why?" link opens (or closes) the rule's explanation: why it matters, what an interviewer asks."""
        if url.toString() == WHY_LINK:
            self.why_open = not self.why_open
            self._show_detail()
            if self.why_open:  # a short detail area (stacked under the list) shows the explanation first
                self.detail.scrollToAnchor(WHY_ANCHOR)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Side by side when there is room for both, else the detail below the list."""
        wide = event.size().width() >= SIDE_BY_SIDE_WIDTH
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            self._show_detail()
        super().resizeEvent(event)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = self.finding_of(item)
        if finding is None:
            return
        if finding.blocks or finding.connectors:
            self.findingActivated.emit(list(finding.blocks), list(finding.connectors))
        elif getattr(finding, "stage", None):
            self.stageActivated.emit(int(finding.stage), list(getattr(finding, "fields", ())))
