"""A gallery of the templates, each with a thumbnail, title and description, for File > New from
template and for Review > Compare with Template (the purpose sets the title, intro and button).

    template_id = choose_template(parent)      # or: dialog = TemplateGallery(parent); dialog.exec()
    if template_id is not None:
        diagram = load_template(template_id)
    template_id = choose_template(parent, "compare")

Thumbnails are drawn by the SVG exporter (the same picture as File > Export), one per event-loop turn
after the dialog opens, so it appears at once; they are cached in memory for the next opening.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from components.templates import TemplateInfo, list_templates, load_template

THUMB_SIZE = QSize(280, 150)
CELL_SIZE = QSize(300, 236)
ID_ROLE = Qt.ItemDataRole.UserRole
DESCRIPTION_ROLE = Qt.ItemDataRole.UserRole + 1
THUMB_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Purpose:
    """What the chosen template is for, in the dialog's words."""

    title: str
    intro: str
    button: str


PurposeName = Literal["new", "compare"]
PURPOSES: dict[PurposeName, Purpose] = {
    "new": Purpose("New from template", "Start from a case study of the ML system design framework, or from the "
                   "blank seven-step skeleton.", "Create"),
    "compare": Purpose("Compare with template", "Choose the case study to compare your design with: the "
                       "Comparison panel lists the roles it has that your design lacks. Your design is not "
                       "changed.", "Compare"),
}

# (template id, file modification time) -> thumbnail; survives closing the dialog.
_THUMBNAILS: dict[tuple[str, int], QImage] = {}


def render_thumbnail(info: TemplateInfo, size: QSize = THUMB_SIZE) -> QImage:
    """The template drawn by the exporter, scaled to fit ``size`` and centred on white; cached."""
    key = (info.id, info.path.stat().st_mtime_ns)
    cached = _THUMBNAILS.get(key)
    if cached is not None:
        return cached
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    picture = _exported_picture(info, size)
    painter = QPainter(image)
    try:
        if picture is None:
            _paint_placeholder(painter, QRect(0, 0, size.width(), size.height()), "no preview")
        else:
            x = (size.width() - picture.width()) // 2
            y = (size.height() - picture.height()) // 2
            painter.drawImage(x, y, picture)
    finally:
        painter.end()
    _THUMBNAILS[key] = image
    return image


def _exported_picture(info: TemplateInfo, size: QSize) -> QImage | None:
    """The exporter's PNG rendering of the template at the scale that fits ``size`` (None if the
    exporter is missing or fails: the gallery still works, with a placeholder)."""
    try:
        from app.export.render import render_png, svg_size
        from components.export import SvgOptions, to_svg

        svg = to_svg(load_template(info.id), SvgOptions(title=False))
        view = svg_size(svg)
        scale = min(size.width() / max(view.width(), 1.0), size.height() / max(view.height(), 1.0))
        return render_png(svg, scale=scale)
    except Exception:  # a preview is a nicety; never let it break File > New
        return None


def _paint_placeholder(painter: QPainter, rect: QRect, text: str) -> None:
    painter.fillRect(rect, QColor("#f3f4f6"))
    painter.setPen(QColor("#9ca3af"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def _mix(colour: QColor, other: QColor, share: float) -> QColor:
    """``colour`` moved ``share`` of the way to ``other``."""
    return QColor.fromRgbF(*(a + share * (b - a) for a, b in zip((colour.redF(), colour.greenF(), colour.blueF()),
                                                                 (other.redF(), other.greenF(), other.blueF()),
                                                                 strict=True)))


def description_colour(palette: QPalette, behind: QColor | None = None) -> QColor:
    """Muted but readable on the cell (the placeholder grey was too faint to read a description in):
    the text colour, 30 % of the way to what is behind it (the palette's base unless given)."""
    return _mix(palette.color(QPalette.ColorRole.Text), behind if behind is not None else palette.color(QPalette.ColorRole.Base), 0.3)


def card_fill(palette: QPalette, state: QStyle.StateFlag) -> QColor | None:
    """The fill behind a selected or hovered card (None: the list's own base): the palette's highlight
    mixed into its base, so the palette's text stays readable on it in the light and the dark theme alike
    (a lightened highlight, the old fill, was pale blue under the dark theme's white text)."""
    base, highlight = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Highlight)
    if state & QStyle.StateFlag.State_Selected:
        return _mix(base, highlight, 0.22)
    if state & QStyle.StateFlag.State_MouseOver:
        return _mix(base, highlight, 0.08)
    return None


class _TemplateDelegate(QStyledItemDelegate):
    """Paints one gallery cell: thumbnail, bold title, description wrapped below it."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return CELL_SIZE

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        painter.save()
        try:
            rect = option.rect.adjusted(4, 4, -4, -4)
            palette = option.palette
            fill = card_fill(palette, option.state)
            self._paint_frame(painter, rect, palette, option.state, fill)
            thumb_rect = QRect(rect.x() + (rect.width() - THUMB_SIZE.width()) // 2, rect.y() + 6,
                               THUMB_SIZE.width(), THUMB_SIZE.height())
            thumbnail = index.data(THUMB_ROLE)
            if isinstance(thumbnail, QImage):
                painter.drawImage(thumb_rect, thumbnail)
            else:
                _paint_placeholder(painter, thumb_rect, "…")
            painter.setPen(palette.color(QPalette.ColorRole.Mid))
            painter.drawRect(thumb_rect)
            text_colour = palette.color(QPalette.ColorRole.Text)
            title_font = QFont(option.font)
            title_font.setBold(True)
            painter.setFont(title_font)
            painter.setPen(text_colour)
            title_rect = QRect(rect.x() + 8, thumb_rect.bottom() + 6, rect.width() - 16, 20)
            title = painter.fontMetrics().elidedText(index.data(Qt.ItemDataRole.DisplayRole) or "",
                                                     Qt.TextElideMode.ElideRight, title_rect.width())
            painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
            small = QFont(option.font)
            small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.9))
            painter.setFont(small)
            painter.setPen(description_colour(palette, fill))
            desc_rect = QRect(title_rect.x(), title_rect.bottom() + 2, title_rect.width(),
                              rect.bottom() - title_rect.bottom() - 4)
            painter.drawText(desc_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                             | Qt.TextFlag.TextWordWrap, index.data(DESCRIPTION_ROLE) or "")
        finally:
            painter.restore()

    @staticmethod
    def _paint_frame(painter: QPainter, rect: QRect, palette: QPalette, state: QStyle.StateFlag,
                     fill: QColor | None) -> None:
        """The card's fill and outline: a highlight border when selected, a fainter one when hovered, and
        a dotted ring in the text colour where the keyboard is (focus)."""
        highlight = palette.color(QPalette.ColorRole.Highlight)
        if fill is not None:
            painter.fillRect(rect, fill)
        if state & QStyle.StateFlag.State_Selected:
            painter.setPen(QPen(highlight, 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        elif state & QStyle.StateFlag.State_MouseOver:
            painter.setPen(QPen(_mix(palette.color(QPalette.ColorRole.Base), highlight, 0.5), 1))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
        if state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Text), 1, Qt.PenStyle.DotLine))
            painter.drawRect(rect.adjusted(3, 3, -4, -4))


class TemplateGallery(QDialog):
    """Pick a template; after ``exec()`` returns Accepted, ``chosen_id`` is its id (else None).
    ``purpose`` ("new" or "compare") words the title, the intro and the OK button."""

    def __init__(self, parent: QWidget | None = None, purpose: PurposeName = "new") -> None:
        super().__init__(parent)
        words = PURPOSES[purpose]
        self.setWindowTitle(words.title)
        self.chosen_id: str | None = None
        self._infos = list_templates()
        self._pending: list[int] = list(range(len(self._infos)))

        self.intro = QLabel(words.intro)
        self.intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("templateList")
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setMovement(QListWidget.Movement.Static)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setUniformItemSizes(True)
        self.list.setGridSize(CELL_SIZE)
        self.list.setSpacing(0)
        self.list.setItemDelegate(_TemplateDelegate(self.list))
        self.list.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover)  # so the card under the mouse shows it
        for info in self._infos:
            item = QListWidgetItem(info.title)
            item.setData(ID_ROLE, info.id)
            item.setData(DESCRIPTION_ROLE, info.description)
            item.setToolTip(f"{info.title}\n{info.description}")
            item.setSizeHint(CELL_SIZE)
            self.list.addItem(item)
        self.list.itemActivated.connect(self._choose_item)  # double-click, or Enter
        self.list.currentItemChanged.connect(self._current_changed)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(words.button)
        self.buttons.accepted.connect(self._choose_current)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.resize(CELL_SIZE.width() * 3 + 60, CELL_SIZE.height() * 2 + 120)
        if self.list.count():
            self.list.setCurrentRow(0)
        # owned by the dialog, so no tick can outlive it (a bare singleShot would fire after deletion)
        self._thumb_timer = QTimer(self)
        self._thumb_timer.setInterval(0)
        self._thumb_timer.timeout.connect(self._render_next)
        self._thumb_timer.start()

    # ----- thumbnails, one per event-loop turn ----------------------------------------------------
    def _render_next(self) -> None:
        if not self._pending:
            self._thumb_timer.stop()
            return
        row = self._pending.pop(0)
        self.list.item(row).setData(THUMB_ROLE, render_thumbnail(self._infos[row]))

    def thumbnails_ready(self) -> bool:
        """Whether every entry shows its thumbnail (for tests and screenshots)."""
        return all(isinstance(self.list.item(row).data(THUMB_ROLE), QImage) for row in range(self.list.count()))

    # ----- choosing -----------------------------------------------------------------------------------
    def _current_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(current is not None)

    def _choose_item(self, item: QListWidgetItem) -> None:
        self.chosen_id = item.data(ID_ROLE)
        self.accept()

    def _choose_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._choose_item(item)


def choose_template(parent: QWidget | None = None, purpose: PurposeName = "new") -> str | None:
    """Show the gallery modally, worded for ``purpose``; the chosen template id, or None when cancelled."""
    dialog = TemplateGallery(parent, purpose)
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.chosen_id if accepted else None
    finally:
        dialog.deleteLater()
