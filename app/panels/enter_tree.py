"""A tree whose Enter key activates the current row.

itemActivated is not used because some styles activate on a single click, which would act every
time someone browses the list (drop a block, jump to a finding).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem


class EnterTree(QTreeWidget):
    enterPressed = Signal(QTreeWidgetItem)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self.enterPressed.emit(self.currentItem())
            return
        super().keyPressEvent(event)
