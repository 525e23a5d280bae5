"""A long findings list (29,419 findings on a 45,000-block design, issue 13) fills without measuring
every row: scrolled by pixel, the view asked every row's wrapped height to size its scroll bar (~5 s on
the UI thread); the panel now scrolls a long list row by row, so only the rows shown are measured."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QApplication, QTreeWidgetItem

from app.panels.findings import LONG_LIST, FindingsPanel
from app.panels.wrap import WrapDelegate
from components.validate.delta import FindingsDelta
from components.validate.findings import Finding

_ROWS = 3_000


def _findings(n: int, severity: str = "warning") -> list[Finding]:
    words = " and a few more words" * 6
    return [Finding("rule", severity, f"Finding number {i} about block b{i}{words if i % 3 == 0 else ''}",
                    (f"b{i}",), (), 3, "") for i in range(n)]


def _panel(qtbot) -> FindingsPanel:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.resize(500, 400)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _row(panel: FindingsPanel, index: int) -> QTreeWidgetItem:
    item = panel.tree.topLevelItem(index)
    assert item is not None
    return item


def _counting(monkeypatch) -> list[int]:
    asked: list[int] = []
    real = WrapDelegate.sizeHint

    def counting(self: WrapDelegate, option, index):
        asked.append(index.row())
        return real(self, option, index)

    monkeypatch.setattr(WrapDelegate, "sizeHint", counting)
    return asked


def test_a_long_list_measures_only_the_rows_it_shows(qtbot, monkeypatch) -> None:
    panel = _panel(qtbot)
    asked = _counting(monkeypatch)
    findings = _findings(_ROWS)
    panel.set_findings(findings)
    QApplication.processEvents()
    assert panel.tree.topLevelItemCount() == _ROWS
    assert 0 < len(asked) < 300  # the rows on screen (and around), not 3,000 (6,000 asks before)
    asked.clear()
    far = _row(panel, _ROWS - 10)
    panel.tree.scrollToItem(far)  # the user scrolls down, clicks a row
    panel.tree.setCurrentItem(far)
    QApplication.processEvents()
    asked.clear()
    panel.set_findings(findings)  # taken anew: the row the user was on stays current
    QApplication.processEvents()
    assert len(asked) < 300
    assert panel.finding_of(panel.tree.currentItem()) is findings[_ROWS - 10]
    asked.clear()
    new = Finding("rule", "error", "A new error", ("x",), (), 9, "")
    panel.set_findings([*findings, new], FindingsDelta([new], []))
    QApplication.processEvents()
    assert panel.tree.topLevelItemCount() == _ROWS + 1
    assert len(asked) < 300
    error = _row(panel, 0)
    assert panel.finding_of(error) is new
    assert panel.tree.viewport().rect().intersects(panel.tree.visualItemRect(error))  # scrolled into view


def test_a_long_list_still_wraps_every_message_in_full(qtbot) -> None:
    panel = _panel(qtbot)
    panel.set_findings(_findings(_ROWS))
    QApplication.processEvents()
    tree = panel.tree
    assert tree.verticalScrollMode() == QAbstractItemView.ScrollMode.ScrollPerItem
    long_row, short_row = tree.visualItemRect(_row(panel, 0)), tree.visualItemRect(_row(panel, 1))
    assert long_row.height() > short_row.height()  # the long message's row grew to show all its lines
    last = _row(panel, _ROWS - 1)
    tree.setCurrentItem(last)  # the detail area opens below (the list gets shorter)
    QApplication.processEvents()
    tree.scrollToItem(last)
    QApplication.processEvents()
    assert tree.viewport().rect().intersects(tree.visualItemRect(last))


def test_a_short_list_scrolls_by_pixel_and_switches_as_it_grows_or_shrinks(qtbot) -> None:
    panel = _panel(qtbot)
    mode = QAbstractItemView.ScrollMode
    panel.set_findings(_findings(LONG_LIST))
    assert panel.tree.verticalScrollMode() == mode.ScrollPerPixel
    findings = _findings(LONG_LIST)
    panel.set_findings(findings)
    extra = Finding("rule", "warning", "One more", ("y",), (), 3, "")
    panel.set_findings([*findings, extra], FindingsDelta([extra], []))
    assert panel.tree.verticalScrollMode() == mode.ScrollPerItem
    panel.set_findings(findings, FindingsDelta([], [extra]))
    assert panel.tree.verticalScrollMode() == mode.ScrollPerPixel


def test_a_very_long_list_gets_its_rows_in_slices_between_turns_of_the_event_loop(qtbot) -> None:
    from app.panels.findings import FILL_SLICE, SLICED

    panel = _panel(qtbot)
    findings = _findings(SLICED + 3 * FILL_SLICE)
    panel.set_findings(findings)
    far = findings[-5]
    panel.tree.setCurrentItem(_row(panel, 0))
    panel.set_findings(findings)
    assert panel.tree.topLevelItemCount() == FILL_SLICE  # the rest at the next turns (all at once before)
    qtbot.waitUntil(lambda: not panel.filling)
    panel.tree.setCurrentItem(panel.tree.topLevelItem(len(findings) - 5))
    new = Finding("rule", "error", "A new error", ("x",), (), 9, "")
    panel.set_findings([*findings, new])  # taken anew: the row the user was on is in the last slice
    assert panel.tree.topLevelItemCount() == FILL_SLICE
    assert panel.finding_of(_row(panel, 0)) is new
    assert panel.tree.viewport().rect().intersects(panel.tree.visualItemRect(_row(panel, 0)))
    qtbot.waitUntil(lambda: not panel.filling)
    tree = panel.tree
    assert [panel.finding_of(tree.topLevelItem(i)) for i in range(tree.topLevelItemCount())] == [new, *findings]
    assert panel.finding_of(tree.currentItem()) is far
    assert panel.summary.text() == "1 error · " + f"{len(findings)} warnings"
    panel.set_findings(findings[:3])  # a short list meanwhile: no slice of the long one comes after it
    panel.set_findings(findings)
    panel.set_findings(findings[:3])
    QApplication.processEvents()
    assert tree.topLevelItemCount() == 3


def test_rows_are_taken_anew_without_moving_the_current_row_through_them(qtbot, monkeypatch) -> None:
    panel = _panel(qtbot)
    findings = _findings(_ROWS)
    panel.set_findings(findings)
    panel.tree.setCurrentItem(_row(panel, _ROWS - 5))
    QApplication.processEvents()
    moves: list[object] = []
    panel.tree.currentItemChanged.connect(lambda *args: moves.append(args))
    new = Finding("rule", "error", "A new error", ("x",), (), 9, "")
    panel.set_findings([new, *findings])  # taken anew (no delta): the row stays current
    assert len(moves) <= 2  # let go, then made current again (3 before: it moved as the rows went, and the
    # view's bookkeeping of that made clearing 4,000 rows under a current row far down take ~2 s)
    assert panel.finding_of(panel.tree.currentItem()) is findings[_ROWS - 5]


def test_a_long_list_renders_the_detail_once_not_per_slice(qtbot, monkeypatch) -> None:
    """Besides each change of the current row, the detail is rendered once per fill (after every slice before)."""
    from app.panels.findings import FILL_SLICE, SLICED

    panel = _panel(qtbot)
    renders: list[object] = []
    real = FindingsPanel._show_detail

    def counting(this: FindingsPanel) -> None:
        renders.append(this.finding_of(this.tree.currentItem()))
        real(this)

    monkeypatch.setattr(FindingsPanel, "_show_detail", counting)
    changes: list[object] = []
    panel.tree.currentItemChanged.connect(lambda *args: changes.append(args))
    findings = _findings(SLICED + 3 * FILL_SLICE)  # six slices

    def fill() -> int:
        renders.clear()
        changes.clear()
        panel.set_findings(findings)
        qtbot.waitUntil(lambda: not panel.filling)
        return len(renders) - len(changes)

    assert fill() == 1  # 6 before
    panel.tree.setCurrentItem(_row(panel, 1))
    assert fill() == 1  # taken anew: the row the user was on, in the first slice, made current again
    assert panel.finding_of(panel.tree.currentItem()) is findings[1]
    panel.tree.setCurrentItem(_row(panel, len(findings) - 1))
    assert fill() == 1  # the row the user was on comes in the last slice
    assert renders[-1] is findings[-1]
    assert f"About: {findings[-1].blocks[0]}" in panel.detail.toPlainText()  # stacked (narrow): the message is the row above
