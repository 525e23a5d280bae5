"""Canvas keyboard: arrows nudge, Delete/Backspace delete, F2 edits a label, Escape clears, Tab and
Shift+Tab step through the blocks (app/canvas/focus.py).

Arrow keys move the selection by one grid step; with Shift by BIG_STEP grid steps, with Alt by one
unit (fine positioning). Consecutive arrow presses on the same selection merge into one undo step.
The select tool acts on them; this module says which keys are the canvas's.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

ARROWS: dict[int, tuple[int, int]] = {
    Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1),
}
DELETE_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
CANVAS_KEYS = frozenset((*ARROWS, *DELETE_KEYS, Qt.Key.Key_F2, Qt.Key.Key_Escape))
BIG_STEP = 5  # grid steps of one Shift+arrow
NUDGE_MODIFIERS = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.AltModifier)
NUDGE_HELP = f"Arrow keys: one grid step (Shift: {BIG_STEP} steps, Alt: 1 px)"  # for Help > Keyboard shortcuts


MODIFIER_KEYS = frozenset((Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr))


def is_tab(event: QKeyEvent) -> bool:
    """Tab or Shift+Tab (Qt calls the latter Backtab): the canvas steps through its blocks with them."""
    mods = event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier)
    return event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and mods == Qt.KeyboardModifier.NoModifier


def is_modifier(event: QKeyEvent) -> bool:
    """A bare modifier key (pressing Shift between arrows must not end a nudge run)."""
    return event.key() in MODIFIER_KEYS


def handles(event: QKeyEvent) -> bool:
    """Whether the canvas takes this key itself (so a window shortcut on the same key stays quiet)."""
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if event.key() in ARROWS:
        return mods in NUDGE_MODIFIERS
    return event.key() in CANVAS_KEYS and mods == Qt.KeyboardModifier.NoModifier


def nudge_step(event: QKeyEvent, grid_step: float) -> tuple[float, float] | None:
    """How far an arrow key moves the selection, or None for any other key."""
    direction = ARROWS.get(event.key())
    if direction is None or not handles(event):
        return None
    mods = event.modifiers()
    step = grid_step
    if mods & Qt.KeyboardModifier.ShiftModifier:
        step *= BIG_STEP
    elif mods & Qt.KeyboardModifier.AltModifier:
        step = 1.0
    return direction[0] * step, direction[1] * step
