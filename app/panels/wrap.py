"""Rows that grow to show wrapped text: long finding messages read in full instead of ending in "…".

QTreeView word wrap paints wrapped lines but sizes rows as if the text were one line; this delegate
measures each cell against its column's width, and the view re-measures when a column is resized.
A view with rows of differing heights asks every row's size again whenever a row comes or goes (625
findings: ~45 ms an edit), so each text's size at a width is measured once and remembered.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

_PADDING = 8
_REMEMBERED = 50_000  # sizes kept (a few MB at most); forgotten all at once past that


class WrapDelegate(QStyledItemDelegate):
    """Sizes each row to its wrapped text (at most ``max_lines`` lines per cell; None: all of it)."""

    def __init__(self, view: QTreeView, max_lines: int | None = 3) -> None:
        super().__init__(view)
        self.view = view
        self.max_lines = max_lines
        view.setWordWrap(True)
        view.setUniformRowHeights(False)
        view.setItemDelegate(self)
        self._sizes: dict[tuple[object, ...], QSize] = {}  # (text, column, width, icon) -> size, in this font and style
        self._font = QFont()
        self._style: object = None
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.timeout.connect(view.doItemsLayout)
        view.header().sectionResized.connect(lambda *_args: self._relayout.start(0))

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text:
            return super().sizeHint(option, index)
        style = self.view.style()
        if style is not self._style or option.font != self._font:  # sizes in another font: measure again
            self._sizes.clear()
            self._style, self._font = style, QFont(option.font)
        column = index.column()
        key = (text, column, self.view.columnWidth(column), index.data(Qt.ItemDataRole.DecorationRole) is None)
        size = self._sizes.get(key)
        if size is None:
            if len(self._sizes) >= _REMEMBERED:
                self._sizes.clear()
            size = self._sizes[key] = self._measure(option, index, str(text))
        return QSize(size)

    def _measure(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex, text: str) -> QSize:
        base = super().sizeHint(option, index)
        # where the style really puts the text in a cell of the column's width (icon, margins, indent)
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        indent = self.view.indentation() if index.column() == 0 and self.view.rootIsDecorated() else 0
        cell.rect = QRect(0, 0, self.view.columnWidth(index.column()) - indent, 100_000)
        style = self.view.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.view) + 1
        width = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, cell, self.view).width() - 2 * margin
        metrics = option.fontMetrics
        box = metrics.boundingRect(QRect(0, 0, max(width, 40), 100_000), Qt.TextFlag.TextWordWrap, text)
        lines = box.height() if self.max_lines is None else min(box.height(), metrics.lineSpacing() * self.max_lines)
        height = lines + _PADDING
        return QSize(base.width(), max(base.height(), height))
