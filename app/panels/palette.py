"""The palette dock: the catalog grouped by the seven stages, searchable, drag-and-drop or double-click.

A drag carries the kind id as ``application/x-mlsd-kind`` (the canvas view accepts it); a double-click
or Enter asks the window to place the kind at the centre of the view (``placeRequested``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from app.panels.enter_tree import EnterTree
from app.panels.icons import kind_icon, stage_dot
from components.catalog import STAGES, KindSpec, kinds_of_stage

KIND_MIME = "application/x-mlsd-kind"
KIND_ROLE = Qt.ItemDataRole.UserRole + 1


def _children(header: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    """A stage header's kind rows."""
    return [child for index in range(header.childCount()) if (child := header.child(index)) is not None]


class _KindTree(EnterTree):
    """The catalog tree: stages as headers, kinds as draggable entries."""

    def mimeTypes(self) -> list[str]:
        return [KIND_MIME]

    def mimeData(self, items: Sequence[QTreeWidgetItem]) -> QMimeData:
        data = QMimeData()
        kinds = [item.data(0, KIND_ROLE) for item in items if item.data(0, KIND_ROLE)]
        if kinds:
            data.setData(KIND_MIME, kinds[0].encode("utf-8"))
            data.setText(kinds[0])
        return data

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction


class _SearchField(QLineEdit):
    """Search box: Down moves into the list, Enter places the first match, Escape clears."""

    downPressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.downPressed.emit()
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class Palette(QWidget):
    """Searchable catalog of block kinds."""

    placeRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme_name = "light"
        self.search = _SearchField()
        self.search.setObjectName("paletteSearch")
        self.search.setAccessibleName("Search blocks")
        self.search.setPlaceholderText("Search blocks (Ctrl+Shift+A)")
        self.search.setClearButtonEnabled(True)
        self.tree = _KindTree()
        self.tree.setObjectName("paletteTree")
        self.tree.setAccessibleName("Block kinds by stage")
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(6)
        self.tree.setIconSize(QSize(22, 22))
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QTreeWidget.DragDropMode.DragOnly)
        self.tree.setExpandsOnDoubleClick(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        self.stage_items: list[QTreeWidgetItem] = []
        self._fill()
        self.search.textChanged.connect(self.filter)
        self.search.returnPressed.connect(self._place_first)
        self.search.downPressed.connect(self._focus_first)
        self.tree.itemDoubleClicked.connect(self._activated)
        self.tree.enterPressed.connect(self._activated)

    def _fill(self) -> None:
        self.tree.clear()
        self.stage_items = []
        groups: list[tuple[str, str, list[KindSpec]]] = [
            (f"{entry.number}. {entry.name}", entry.description, kinds_of_stage(entry.number))
            for entry in STAGES
        ]
        groups.append(("Custom", "Free-form blocks with no stage", kinds_of_stage(None)))
        for title, description, kinds in groups:
            if not kinds:
                continue  # steps 1 and 2 live in the requirements card, not in blocks
            header = QTreeWidgetItem([title])
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            header.setIcon(0, stage_dot(kinds[0].kind, self.theme_name))
            header.setToolTip(0, description)
            font = header.font(0)
            font.setBold(True)
            header.setFont(0, font)
            self.tree.addTopLevelItem(header)
            for entry in kinds:
                item = QTreeWidgetItem([entry.name])
                item.setData(0, KIND_ROLE, entry.kind)
                item.setIcon(0, kind_icon(entry.kind, self.theme_name))
                item.setToolTip(0, f"<b>{entry.name}</b><br>{entry.description}<br><i>Drag onto the canvas "
                                   "or double-click to place</i>")
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)
                header.addChild(item)
            header.setExpanded(True)
            self.stage_items.append(header)

    def set_theme(self, theme_name: str) -> None:
        if theme_name == self.theme_name:
            return  # already drawn in this theme (the window sets it once at start-up)
        self.theme_name = theme_name
        text = self.search.text()
        self._fill()
        self.filter(text)

    def filter(self, text: str) -> None:
        """Show only kinds whose name, id or description contains every word typed."""
        words = text.lower().split()
        for header in self.stage_items:
            shown = 0
            for item in _children(header):
                haystack = f"{item.text(0)} {item.data(0, KIND_ROLE)} {item.toolTip(0)}".lower()
                hidden = not all(word in haystack for word in words)
                item.setHidden(hidden)
                shown += not hidden
            header.setHidden(shown == 0)
        best = self.best_match()
        self.tree.setCurrentItem(self.item_for(best) if best else None)  # type: ignore[arg-type]  # what Enter will place; None: nothing

    def visible_kinds(self) -> list[str]:
        """Kind ids currently listed (after the search filter)."""
        kinds = []
        for header in self.stage_items:
            if header.isHidden():
                continue
            for item in _children(header):
                if not item.isHidden():
                    kinds.append(item.data(0, KIND_ROLE))
        return kinds

    def item_for(self, kind: str) -> QTreeWidgetItem | None:
        for header in self.stage_items:
            for item in _children(header):
                if item.data(0, KIND_ROLE) == kind:
                    return item
        return None

    def show_stage(self, number: int) -> bool:
        """Clear the search and bring a stage's blocks into view; False for a stage without blocks."""
        self.search.clear()
        prefix = f"{number}. "
        for header in self.stage_items:
            children = _children(header)
            if header.text(0).startswith(prefix) and children:
                self.tree.scrollToItem(children[-1])
                self.tree.scrollToItem(header, QTreeWidget.ScrollHint.PositionAtTop)
                self.tree.setCurrentItem(children[0])
                return True
        return False

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        kind = item.data(0, KIND_ROLE)
        if kind:
            self.placeRequested.emit(kind)

    def best_match(self) -> str | None:
        """The kind Enter places: of those listed, the first whose name starts with what was typed,
        else whose name holds every word, else the first listed ("training" is the training pipeline,
        not the feature store whose description mentions training)."""
        words = self.search.text().lower().split()
        kinds = self.visible_kinds()
        if not words or not kinds:
            return None

        def rank(kind: str) -> int:
            item = self.item_for(kind)
            name = item.text(0).lower() if item is not None else kind
            if name.startswith(" ".join(words)):
                return 0
            return 1 if all(word in name for word in words) else 2

        return min(kinds, key=rank)  # min keeps the listed order among equals

    def _place_first(self) -> None:
        """Enter in the search: place the best match, then show every kind again (a palette left filtered
        to the last kind placed looked as if it held nothing else)."""
        kind = self.best_match()
        if kind is not None:
            self.placeRequested.emit(kind)
            self.search.clear()

    def _focus_first(self) -> None:
        kinds = self.visible_kinds()
        if kinds:
            item = self.item_for(kinds[0])
            if item is not None:
                self.tree.setCurrentItem(item)
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
