"""The question asked when the design of a running practice session is about to go (the window closing,
File > New or Open, another session): end the session and keep the attempt, keep practising, or discard it.

Keeping is the default: a stray Ctrl+Q must not lose a timed mock interview. Escape keeps practising."""

from __future__ import annotations

from typing import Literal

from PySide6.QtWidgets import QMessageBox, QWidget

Answer = Literal["keep", "stay", "discard"]


def ask_to_end(parent: QWidget, left: str, doing: str) -> Answer:
    """Ask, with the time ``left`` and what is being done (``doing``: "closing", "opening another design"...)."""
    box = QMessageBox(QMessageBox.Icon.Question, "Practice session running",
                      f"A practice session is running ({left} left).", QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("practiceEndQuestion")
    box.setInformativeText(f"End it and keep the attempt before {doing}? It is scored and listed in File > Practice "
                           "Attempts. Discard drops the session and its design.")
    keep = box.addButton("&End and Keep", QMessageBox.ButtonRole.AcceptRole)
    stay = box.addButton("Keep &Practising", QMessageBox.ButtonRole.RejectRole)
    discard = box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
    for button, name in ((keep, "endAndKeep"), (stay, "keepPractising"), (discard, "discardSession")):
        button.setObjectName(name)
    box.setDefaultButton(keep)
    box.setEscapeButton(stay)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    return "keep" if clicked is keep else "discard" if clicked is discard else "stay"
