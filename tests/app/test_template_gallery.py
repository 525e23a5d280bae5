"""File > New from template: the gallery lists every template with an exported thumbnail and returns
the chosen id on double-click or OK."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyleOptionViewItem,
)

from app.template_gallery import (
    CELL_SIZE,
    DESCRIPTION_ROLE,
    ID_ROLE,
    THUMB_ROLE,
    THUMB_SIZE,
    TemplateGallery,
    _exported_picture,
    choose_template,
    render_thumbnail,
)
from components.templates import list_templates, template_ids
from tests.app.rendered_text import menu_text_heights, plausible_text_heights
from tests.app.window_helpers import make_window


def _gallery(qtbot) -> TemplateGallery:
    dialog = TemplateGallery()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _item(dialog: TemplateGallery, template_id: str) -> QListWidgetItem:
    for row in range(dialog.list.count()):
        if dialog.list.item(row).data(ID_ROLE) == template_id:
            return dialog.list.item(row)
    raise AssertionError(f"{template_id} is not in the gallery")


def _centre(dialog: TemplateGallery, item: QListWidgetItem) -> QPoint:
    dialog.list.scrollToItem(item)
    return dialog.list.visualItemRect(item).center()


def _drawn_share(image: QImage) -> float:
    """Share of pixels that are neither the white page nor the grey placeholder: what was drawn."""
    background = {QColor("white").rgb(), QColor("#f3f4f6").rgb()}
    samples = drawn = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            samples += 1
            drawn += image.pixel(x, y) not in background
    return drawn / samples


def test_gallery_shows_every_template_with_title_and_description(qtbot) -> None:
    dialog = _gallery(qtbot)
    assert dialog.list.count() == 11
    assert [dialog.list.item(row).data(ID_ROLE) for row in range(11)] == template_ids()
    for row, info in enumerate(list_templates()):
        item = dialog.list.item(row)
        assert item.text() == info.title
        assert info.description and info.description in item.toolTip()


def test_every_entry_gets_a_thumbnail_drawn_by_the_exporter(qtbot) -> None:
    dialog = _gallery(qtbot)
    qtbot.waitUntil(dialog.thumbnails_ready, timeout=30_000)
    for row in range(dialog.list.count()):
        thumbnail = dialog.list.item(row).data(THUMB_ROLE)
        assert isinstance(thumbnail, QImage) and thumbnail.size() == THUMB_SIZE
        # a placeholder is flat grey with two words on it; a drawn design covers much more
        assert _drawn_share(thumbnail) > 0.05, dialog.list.item(row).data(ID_ROLE)


@pytest.mark.parametrize("info", list_templates(), ids=lambda info: info.id)
def test_the_exporter_draws_each_template_at_thumbnail_size(qtbot, info) -> None:
    picture = _exported_picture(info, THUMB_SIZE)
    assert picture is not None
    assert picture.width() <= THUMB_SIZE.width() + 1 and picture.height() <= THUMB_SIZE.height() + 1
    assert max(picture.width() / THUMB_SIZE.width(), picture.height() / THUMB_SIZE.height()) > 0.95


def test_thumbnails_are_cached_between_openings(qtbot) -> None:
    info = list_templates()[0]
    assert render_thumbnail(info) is render_thumbnail(info)


def test_double_click_chooses_a_template(qtbot) -> None:
    dialog = _gallery(qtbot)
    item = _item(dialog, "video-recommendation")
    centre = _centre(dialog, item)
    # a real double-click: press and release, then the second press arrives as a double-click
    qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert dialog.result() == 0 and dialog.chosen_id is None  # one click only selects
    qtbot.mouseDClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen_id == "video-recommendation"


def test_click_then_ok_chooses_the_selected_template(qtbot) -> None:
    dialog = _gallery(qtbot)
    item = _item(dialog, "people-you-may-know")
    qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=_centre(dialog, item))
    assert dialog.list.currentItem() is item
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen_id == "people-you-may-know"


def test_cancel_chooses_nothing(qtbot) -> None:
    dialog = _gallery(qtbot)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.chosen_id is None


@pytest.mark.parametrize(("button", "expected"), [(QDialogButtonBox.StandardButton.Ok, "similar-listings"),
                                                  (QDialogButtonBox.StandardButton.Cancel, None)])
def test_choose_template_runs_the_modal_dialog(qtbot, button, expected) -> None:
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, TemplateGallery):  # not shown yet: try again on the next turn
            QTimer.singleShot(10, answer)
            return
        dialog.list.setCurrentItem(_item(dialog, "similar-listings"))
        qtbot.mouseClick(dialog.buttons.button(button), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    assert choose_template() == expected


def test_opening_and_cancelling_the_gallery_leaves_the_font_and_menu_text_alone(qtbot, tmp_path) -> None:
    """Issue 12: the gallery's thumbnails were painted at a foreign dpi, and Qt's shared font-engine
    cache then drew every menu's text 5x too big for the rest of the session."""
    window = make_window(qtbot, tmp_path)
    menu = window.window_actions.file_menu
    font = QFont(QApplication.font())
    before = menu_text_heights(menu)
    assert plausible_text_heights(menu, before), before
    seen: list[TemplateGallery] = []

    def cancel_when_drawn() -> None:  # File > New from template runs the gallery modally
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, TemplateGallery) or not dialog.thumbnails_ready():
            QTimer.singleShot(20, cancel_when_drawn)
            return
        seen.append(dialog)
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, cancel_when_drawn)
    window.window_actions.by_name["new_template"].trigger()
    assert seen, "the gallery did not open"
    assert QApplication.font() == font
    after = menu_text_heights(menu)
    assert after == before and plausible_text_heights(menu, after), (before, after)


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour.getRgbF()[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_descriptions_are_readable_in_both_themes(theme: str) -> None:
    """Seen under Xvfb: the descriptions were placeholder grey (#9ca3af on white, contrast 2.5)."""
    from app.template_gallery import description_colour
    from app.window.theme import palette_for

    palette = palette_for(theme)
    text, base = description_colour(palette), palette.color(palette.ColorRole.Base)
    lighter, darker = sorted((_luminance(text), _luminance(base)), reverse=True)
    assert (lighter + 0.05) / (darker + 0.05) >= 4.5  # WCAG AA for body text


def _answer_gallery(qtbot, seen: list[tuple[str, str, str]], button: QDialogButtonBox.StandardButton) -> None:
    """Once the modal gallery is up, note its title, intro and OK text, then press ``button``."""
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, TemplateGallery):
        QTimer.singleShot(10, lambda: _answer_gallery(qtbot, seen, button))
        return
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    seen.append((dialog.windowTitle(), dialog.intro.text(), ok.text()))
    dialog.list.setCurrentItem(_item(dialog, "video-recommendation"))
    qtbot.mouseClick(dialog.buttons.button(button), Qt.MouseButton.LeftButton)


def test_review_compare_opens_the_gallery_worded_for_comparing(qtbot, tmp_path) -> None:
    """Trial 23: Review > Compare with Template showed File > New's gallery ("New from template", an intro
    about starting a design, "Create"), telling a user with unsaved work they were about to replace it."""
    window = make_window(qtbot, tmp_path)
    seen: list[tuple[str, str, str]] = []
    QTimer.singleShot(0, lambda: _answer_gallery(qtbot, seen, QDialogButtonBox.StandardButton.Ok))
    window.window_actions.by_name["compare"].trigger()
    [(title, intro, button)] = seen
    assert (title, button) == ("Compare with template", "Compare")
    assert "compare" in intro.lower() and "start from" not in intro.lower()
    dock = window.findChild(QDockWidget, "compareDock")
    assert dock is not None and dock.windowTitle() == "Comparison: Video recommendation"
    assert not window.editor.undo_stack.count()  # comparing leaves the design alone


def test_file_new_from_template_keeps_its_own_words(qtbot, tmp_path) -> None:
    window = make_window(qtbot, tmp_path)
    seen: list[tuple[str, str, str]] = []
    QTimer.singleShot(0, lambda: _answer_gallery(qtbot, seen, QDialogButtonBox.StandardButton.Cancel))
    window.window_actions.by_name["new_template"].trigger()
    [(title, intro, button)] = seen
    assert (title, button) == ("New from template", "Create") and intro.startswith("Start from a case study")


def _contrast(one: QColor, other: QColor) -> float:
    lighter, darker = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _paint_card(theme: str, state: QStyle.StateFlag) -> QImage:
    """One gallery card painted by the gallery's delegate, in a theme's palette, in ``state``."""
    from app.template_gallery import _TemplateDelegate
    from app.window.theme import palette_for

    holder = QListWidget()
    item = QListWidgetItem("Video recommendation")
    item.setData(DESCRIPTION_ROLE, "Candidate generation, ranking and re-ranking for a video feed")
    holder.addItem(item)
    option = QStyleOptionViewItem()
    option.rect = QRect(QPoint(0, 0), CELL_SIZE)
    option.palette = palette_for(theme)
    option.font = QApplication.font()
    option.state = QStyle.StateFlag.State_Enabled | state
    image = QImage(CELL_SIZE, QImage.Format.Format_ARGB32)
    image.fill(option.palette.color(QPalette.ColorRole.Base))
    painter = QPainter(image)
    try:
        _TemplateDelegate(holder).paint(painter, option, holder.model().index(0, 0))
    finally:
        painter.end()
    return image


def _text_contrast(image: QImage, fill: QColor, top: int, bottom: int) -> float:
    """The best contrast between ``fill`` and the text drawn in rows top..bottom (the text's own colour)."""
    return max(_contrast(fill, image.pixelColor(x, y)) for y in range(top, bottom) for x in range(12, 200))


CARD_STATES = {"selected": QStyle.StateFlag.State_Selected, "hovered": QStyle.StateFlag.State_MouseOver,
               "focused": QStyle.StateFlag.State_HasFocus,
               "selected+focused": QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus,
               "plain": QStyle.StateFlag.State_None}


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("state", CARD_STATES, ids=str)
def test_a_card_is_readable_in_every_state_and_theme(qtbot, theme: str, state: str) -> None:
    """Trial 23: in the dark theme the selected card had a pale blue fill under white text (unreadable)."""
    image = _paint_card(theme, CARD_STATES[state])
    title_top = 4 + 6 + THUMB_SIZE.height() + 6
    fill = image.pixelColor(9, title_top + 10)  # inside the card, left of the title
    assert _text_contrast(image, fill, title_top, title_top + 20) >= 4.5, fill.name()
    assert _text_contrast(image, fill, title_top + 22, CELL_SIZE.height() - 12) >= 4.5, fill.name()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_selected_hovered_and_focused_cards_look_different_from_a_plain_one(qtbot, theme: str) -> None:
    plain = _paint_card(theme, QStyle.StateFlag.State_None)
    looks = {name: _paint_card(theme, flag) for name, flag in CARD_STATES.items() if name != "plain"}
    for name, image in looks.items():
        assert image != plain, f"a {name} card looks like a plain one"
    assert looks["selected"] != looks["selected+focused"], "the keyboard focus is not shown on a selected card"
    assert looks["selected"] != looks["hovered"]


def test_the_card_under_the_mouse_is_shown_hovered(qtbot) -> None:
    """Seen under Xvfb: the list never told the delegate which card the mouse was over (no hover events)."""
    from app.window.theme import palette_for

    dialog = _gallery(qtbot)
    dialog.setPalette(palette_for("dark"))
    item = _item(dialog, "visual-search")
    rect = dialog.list.visualItemRect(item)
    spot = QPoint(rect.x() + 9, rect.y() + 4 + 6 + THUMB_SIZE.height() + 16)  # inside the card, left of the title
    base = dialog.list.viewport().grab().toImage().pixelColor(spot)
    qtbot.mouseMove(dialog.list.viewport(), QPoint(rect.center().x(), rect.center().y() - 5))
    qtbot.mouseMove(dialog.list.viewport(), rect.center())
    qtbot.waitUntil(lambda: dialog.list.viewport().grab().toImage().pixelColor(spot) != base, timeout=2000)
