"""New, open, open recent, save, save as and close for the window's one document.

Rules a user relies on: nothing is lost without asking (Save / Discard / Cancel before a new, open or
close replaces modified work); a file that cannot be read leaves the current document untouched; a
save that fails leaves the document modified; the title shows the file name and a ``*`` when modified.
Saving over a file that changed on disk since it was opened (another window or program saved it), or
over a read-only file, asks first: replace it, save under another name, or cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from app.editor import Editor
from components.io import (
    DESIGN_SUFFIX,
    ChangedOnDisk,
    DocumentError,
    FileStamp,
    ReadOnlyTarget,
    SaveRefused,
    load_stamped,
    save,
)
from components.model import Diagram

APP_TITLE = "MLSD Whiteboard"
FILE_FILTER = "MLSD designs (*.mlsd.json);;JSON files (*.json);;All files (*)"
RECENT_KEY = "recentFiles"
MAX_RECENT = 10
REPLACE, SAVE_AS, CANCEL = "replace", "save as", "cancel"


def is_design_path(path: str) -> bool:
    """Whether a dropped file looks like a design (by name; loading checks the content)."""
    return path.lower().endswith((DESIGN_SUFFIX, ".json"))


class DocumentController(QObject):
    """File operations of a main window around its Editor."""

    recentChanged = Signal()
    statusMessage = Signal(str)

    def __init__(self, window: QMainWindow, editor: Editor, settings: QSettings) -> None:
        super().__init__(window)
        self.window = window
        self.editor = editor
        self.settings = settings
        # Asked before the unsaved-changes question with what is being done ("closing"...): None to go on to
        # it, True to replace the design without it, False to stay. A practice session asks about itself here.
        self.guards: list[Callable[[str], bool | None]] = []
        editor.undo_stack.cleanChanged.connect(self.update_title)
        editor.pathChanged.connect(lambda _path: self.update_title())
        editor.documentReplaced.connect(self.update_title)
        self.update_title()

    # ----- title ---------------------------------------------------------------------------------
    def display_name(self) -> str:
        return self.editor.path.name if self.editor.path is not None else "Untitled"

    def update_title(self) -> None:
        if not (shiboken6.isValid(self.window) and shiboken6.isValid(self.editor.undo_stack)):
            return  # the stack signals while being destroyed with its editor
        self.window.setWindowTitle(f"{self.display_name()}[*] — {APP_TITLE}")
        self.window.setWindowModified(self.editor.modified)

    # ----- asking the user (tests patch these) ---------------------------------------------------
    def _start_dir(self) -> str:
        if self.editor.path is not None:
            return str(self.editor.path.parent)
        recent = self.recent_files()
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    def ask_open_path(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self.window, "Open design", self._start_dir(), FILE_FILTER)
        return path

    def ask_save_path(self) -> str:
        suggested = self.editor.path or Path(self._start_dir()) / (_slug(self.editor.doc.diagram.title) + DESIGN_SUFFIX)
        path, _ = QFileDialog.getSaveFileName(self.window, "Save design as", str(suggested), FILE_FILTER)
        return path

    def maybe_discard(self, doing: str = "closing") -> bool:
        """True when the current document may be replaced: unmodified, saved, or discarded by the user."""
        for guard in list(self.guards):
            settled = guard(doing)
            if settled is not None:
                return settled
        if not self.editor.modified:
            return True
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.window, "Unsaved changes",
            f"Save the changes to “{self.display_name()}” before {doing}?\n\nYour changes are lost if you don't save them.",
            buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save,
        )
        if answer == buttons.Save:
            return self.save()
        return answer == buttons.Discard

    def _error(self, title: str, message: str) -> None:
        QMessageBox.critical(self.window, title, message)

    def ask_replace(self, title: str, text: str, replace_text: str) -> str:
        """REPLACE, SAVE_AS or CANCEL (Escape); Cancel is the default, since replacing loses something."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, self.window)
        replace = box.addButton(replace_text, QMessageBox.ButtonRole.DestructiveRole)
        save_as = box.addButton("Save &As…", QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        return REPLACE if clicked is replace else SAVE_AS if clicked is save_as else CANCEL

    # ----- operations ------------------------------------------------------------------------------
    def new(self, diagram: Diagram | None = None) -> bool:
        """Start an empty design (or the given one, e.g. from a template) without a file."""
        if not self.maybe_discard("starting a new design"):
            return False
        self.editor.replace(diagram if diagram is not None else Diagram(), None)
        self.statusMessage.emit("New design")
        return True

    def open(self, path: str | None = None) -> bool:
        """Open a design file (asking for one when ``path`` is None). Errors leave everything as it was."""
        if path is None:
            path = self.ask_open_path()
            if not path:
                return False
        try:
            diagram, stamp = load_stamped(path)
        except DocumentError as exc:
            self._error("Cannot open design", str(exc))
            if not Path(path).exists():
                self._forget_recent(path)
            return False
        if not self.maybe_discard("opening another design"):
            return False
        resolved = Path(path).resolve()
        self.editor.replace(diagram, resolved, stamp)
        self.remember(resolved)
        self.statusMessage.emit(f"Opened {resolved}")
        return True

    def save(self) -> bool:
        """Save to the current file, or ask for one; False (still modified) when it did not happen."""
        if self.editor.path is None:
            return self.save_as()
        return self._write(self.editor.path)

    def save_as(self) -> bool:
        path = self.ask_save_path()
        if not path:
            return False
        if not path.lower().endswith(".json"):
            path += DESIGN_SUFFIX  # the user typed a bare name
        return self._write(Path(path).resolve())

    def close_document(self) -> bool:
        """Close the design (asking about unsaved changes) and leave an empty one in its place."""
        if not self.maybe_discard("closing it"):
            return False
        self.editor.replace(Diagram(), None)
        return True

    def _write(self, path: Path) -> bool:
        # The file this document came from must still be the one read (or saved) last.
        expected: FileStamp | None = self.editor.stamp if path == self.editor.path else None
        replace_read_only = False
        while True:
            try:
                written = save(self.editor.doc.diagram, path, expected=expected, replace_read_only=replace_read_only)
                break
            except SaveRefused as exc:
                answer = self._ask_about(path, exc)
                if answer == SAVE_AS:
                    return self.save_as()
                if answer != REPLACE:
                    return False
                if isinstance(exc.reason, ChangedOnDisk):
                    expected = None
                else:
                    replace_read_only = True
            except DocumentError as exc:
                self._save_failed(str(exc))
                return False
        self.editor.mark_saved(path, written.stamp)
        self.update_title()
        self.remember(path)
        self.statusMessage.emit(f"Saved {path}")
        return True

    def _ask_about(self, path: Path, refused: SaveRefused) -> str:
        """What to do about a refused save: REPLACE, SAVE_AS or CANCEL (refusals nobody can override
        are an error, answered CANCEL)."""
        if isinstance(refused.reason, ChangedOnDisk):
            return self.ask_replace(
                "File changed on disk",
                f"“{path.name}” was changed on disk since you opened it, by another window or program.\n\n"
                "Replace it with your version? The other changes are lost; Save As keeps both.", "&Replace")
        if isinstance(refused.reason, ReadOnlyTarget):
            return self.ask_replace(
                "File is read-only",
                f"“{path.name}” is read-only.\n\nReplace it anyway? It stays read-only; Save As writes a copy "
                "elsewhere.", "&Replace")
        self._save_failed(str(refused))
        return CANCEL

    def _save_failed(self, message: str) -> None:
        self._error("Cannot save design", f"{message}\n\nYour design is still open and unchanged; "
                                          "try Save As to write it somewhere else.")

    # ----- recent files ------------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.settings.value(RECENT_KEY, [])
        if isinstance(value, str):  # QSettings returns a bare string for a one-item list
            value = [value]
        return [str(item) for item in value] if isinstance(value, list) else []

    def remember(self, path: Path) -> None:
        entries = [str(path), *[p for p in self.recent_files() if p != str(path)]][:MAX_RECENT]
        self.settings.setValue(RECENT_KEY, entries)
        self.recentChanged.emit()

    def _forget_recent(self, path: str) -> None:
        resolved = str(Path(path).resolve())
        entries = [p for p in self.recent_files() if p not in (path, resolved)]
        self.settings.setValue(RECENT_KEY, entries)
        self.recentChanged.emit()

    def clear_recent(self) -> None:
        self.settings.setValue(RECENT_KEY, [])
        self.recentChanged.emit()


def _slug(title: str) -> str:
    text = "".join(ch.lower() if ch.isalnum() else "-" for ch in title).strip("-")
    while "--" in text:
        text = text.replace("--", "-")
    return text or "design"
