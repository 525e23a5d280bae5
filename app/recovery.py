"""After a crash: offer the recovery copies a dead process left, to restore, open beside, or discard.

``offer_recovery(window)`` runs once at start (app/main.py). It first makes the folder private (see
app/recovery_folder.py) and says so when copies exist that cannot be read (left by a run as another user):
those are kept, and would otherwise be lost without a word. Copies whose process still runs (another
window of the app) are not offered, nor anything after a clean exit or a discard, since those remove
the copy. Restoring is one undoable step on top of the original file as it is on disk, so Undo
shows what the file holds and Save writes the recovered work over it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.recovery_folder import RecoveryEntry, list_recoveries, recovery_folder, secure_folder, unreadable_copies
from components.commands import Command
from components.document import Document
from components.io import DocumentError, load, load_stamped, parse
from components.model import Diagram

RESTORE, BESIDE, DISCARD, LATER = "restore", "beside", "discard", "later"
Chooser = Callable[[QWidget, list[RecoveryEntry]], tuple[str, RecoveryEntry | None]]


class RestoreRecovered(Command):
    """Swap in the recovered diagram as one undo step; undo gives back what was there before."""

    def __init__(self, recovered: Diagram, text: str = "Restore recovered design") -> None:
        self.text = text
        self._json = recovered.model_dump_json(exclude_none=True)
        self._first: Diagram | None = recovered
        self._previous: Diagram | None = None

    def do(self, doc: Document) -> None:
        self._previous = doc.diagram
        diagram, self._first = self._first, None
        doc.replace(diagram if diagram is not None else parse(self._json, "<recovered>"))

    def undo(self, doc: Document) -> None:
        if self._previous is not None:
            doc.replace(self._previous)


def _changed_since(entry: RecoveryEntry) -> bool:
    """Whether the original file was written after the copy (e.g. saved again after the crash)."""
    if entry.original is None:
        return False
    try:
        return entry.original.stat().st_mtime > entry.saved_at + 1
    except OSError:
        return False


class RecoveryDialog(QDialog):
    """Lists the recovered designs; each button acts on the selected one."""

    def __init__(self, entries: list[RecoveryEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle("Recover unsaved work")
        self.entries = entries
        self.choice: tuple[str, RecoveryEntry | None] = (LATER, None)
        intro = QLabel("MLSD Whiteboard did not close properly last time. These designs had unsaved "
                       "changes; an autosaved copy of each was kept.")
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("recoveryList")
        self.tree.setHeaderLabels(["Design", "Autosaved", "Original file"])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for entry in entries:
            original = str(entry.original) if entry.original is not None else "(never saved)"
            if _changed_since(entry):
                original += "  (changed since)"
            kept = "".join(f" ({name} session in progress)" for name in sorted(entry.extras()))  # comes back too
            item = QTreeWidgetItem([entry.title + kept, entry.time_text(), original])
            item.setToolTip(2, original)
            self.tree.addTopLevelItem(item)
        for column in range(3):
            self.tree.resizeColumnToContents(column)
            self.tree.setColumnWidth(column, self.tree.columnWidth(column) + 24)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        self.tree.itemDoubleClicked.connect(lambda *_: self._choose(RESTORE))
        buttons = QDialogButtonBox()
        self.restore_button = self._button(buttons, "&Restore", RESTORE, QDialogButtonBox.ButtonRole.AcceptRole,
                                           "Open the recovered work as the original file, with unsaved changes")
        self.beside_button = self._button(buttons, "Open &Beside the Original", BESIDE,
                                          QDialogButtonBox.ButtonRole.AcceptRole,
                                          "Open the recovered work as a new untitled design; the file stays as it is")
        self.discard_button = self._button(buttons, "&Discard", DISCARD, QDialogButtonBox.ButtonRole.DestructiveRole,
                                           "Delete this recovered copy for good")
        self.later_button = self._button(buttons, "Decide &Later", LATER, QDialogButtonBox.ButtonRole.RejectRole,
                                         "Keep the copies and ask again at the next start")
        self.restore_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(760, 300)

    def _button(self, box: QDialogButtonBox, text: str, action: str, role: QDialogButtonBox.ButtonRole,
                tip: str) -> QPushButton:
        button = box.addButton(text, role)
        button.setObjectName(f"{action}Button")
        button.setToolTip(tip)
        button.clicked.connect(lambda: self._choose(action))
        return button

    def selected(self) -> RecoveryEntry | None:
        current = self.tree.currentItem()
        index = self.tree.indexOfTopLevelItem(current) if current is not None else -1
        return self.entries[index] if 0 <= index < len(self.entries) else None

    def _choose(self, action: str) -> None:
        entry = self.selected()
        if action != LATER and entry is None:
            return
        self.choice = (action, entry)
        self.accept() if action != LATER else self.reject()

    def reject(self) -> None:  # Escape and the window's close button mean "later"
        if self.choice[0] != LATER:
            self.choice = (LATER, None)
        super().reject()


def ask(parent: QWidget, entries: list[RecoveryEntry]) -> tuple[str, RecoveryEntry | None]:
    """The default chooser: the modal dialog."""
    dialog = RecoveryDialog(entries, parent)
    dialog.exec()
    choice = dialog.choice
    dialog.deleteLater()
    return choice


def offer_recovery(window: Any, folder: Path | None = None, choose: Chooser | None = None) -> str:
    """Offer what crashed sessions left; returns what happened: none/restore/beside/discard/later."""
    folder = folder or recovery_folder()
    secure_folder(folder)
    unreadable = unreadable_copies(folder)
    if unreadable:
        QMessageBox.warning(window, "Recovered work cannot be read", unreadable_message(folder, unreadable))
    skip = {path for path, _ in unreadable}
    entries = [entry for entry in list_recoveries(folder) if entry.orphaned and entry.content not in skip]
    outcome = "none"
    choose = choose or ask
    while entries:
        action, entry = choose(window, entries)
        if action == LATER or entry is None:
            return LATER if outcome == "none" else outcome
        if action == DISCARD:
            entry.remove()
            entries.remove(entry)
            outcome = DISCARD
            continue
        if restore(window, entry, beside=action == BESIDE):
            return action
        entries.remove(entry)  # unreadable: kept on disk, not asked again in this session
    return outcome


def unreadable_message(folder: Path, unreadable: list[tuple[Path, str]]) -> str:
    """What the start-up warning says: which copies, why, and what to do; they are never deleted."""
    if unreadable == [(folder, unreadable[0][1])]:
        return (f"The recovery folder {folder} cannot be read ({unreadable[0][1].lower()}), so any work "
                "autosaved there cannot be offered.\n\nIt may belong to another user (for example a run "
                "with sudo). Give it back to your user to recover its copies.")
    count = len(unreadable)
    names = "\n".join(f"  {path.name}: {reason.lower()}" for path, reason in unreadable[:5])
    more = f"\n  and {count - 5} more" if count > 5 else ""
    copies, they, them = ("copy", "It", "it") if count == 1 else ("copies", "They", "them")
    return (f"{count} autosaved {copies} of unsaved work in {folder} cannot be read:\n{names}{more}\n\n"
            f"{they} may belong to another user (for example a run with sudo). {they} {'is' if count == 1 else 'are'} "
            f"kept: give {them} back to your user (chown) and start again to recover {them}.")


def restore(window: Any, entry: RecoveryEntry, beside: bool = False) -> bool:
    """Open a recovery copy in ``window``: bound to its original file (modified), or untitled."""
    try:
        recovered = load(entry.content)
    except DocumentError as exc:
        QMessageBox.warning(window, "Cannot recover design", f"{exc}\n\nThe copy is kept in {entry.content.parent}.")
        return False
    editor = window.editor
    documents = getattr(window, "documents", None)
    if editor.modified and documents is not None and not documents.maybe_discard("recovering a design"):
        return False
    path = None if beside else entry.original
    base, stamp = Diagram(), None
    if path is not None:
        try:
            base, stamp = load_stamped(path)
        except DocumentError:
            base = Diagram()  # the original is gone or broken: the recovered copy is all there is
    editor.replace(base, path, stamp)
    editor.push(RestoreRecovered(recovered))
    extras = entry.extras()  # what was kept with the copy (a practice session in progress), before it goes
    autosaver = getattr(window, "autosaver", None)
    if autosaver is not None:
        autosaver.write_now()  # our own copy first, so a crash right now still loses nothing
        autosaver.after_pending(entry.remove)
    else:
        entry.remove()
    if documents is not None and path is not None:
        documents.remember(path)
    show = getattr(window, "show_message", None)
    if show is not None:
        where = f"as {path.name}" if path is not None else "as an untitled design"
        show(f"Recovered “{recovered.title}” {where} (autosaved {entry.time_text()}); save it to keep it", 10_000)
    resume = getattr(window, "resume_extras", None)
    if resume is not None and extras:
        resume(extras)
    return True

