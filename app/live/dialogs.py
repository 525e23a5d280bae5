"""File > Share live session… and File > Join live session…: the dialogs and what they start.

Share: your name and a server (one started on this computer, or a team server's address); the
design goes into a new room and the link to it is shown, ready to copy. Join: paste a link; the
room's design replaces the window's (after the usual question about unsaved changes).
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.live.local_server import LocalServer, ServerStartError
from components.collab.link import DEFAULT_PORT, LinkError, new_link, parse_link

if TYPE_CHECKING:
    from app.live.controller import LiveController

NAME_KEY, SERVER_KEY = "live/name", "live/server"


def _default_name(settings: QSettings) -> str:
    saved = settings.value(NAME_KEY)
    if isinstance(saved, str) and saved.strip():
        return saved
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "Guest"


class ShareDialog(QDialog):
    """Your name and where the session runs."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Share live session")
        self.setObjectName("shareDialog")
        self.name = QLineEdit(_default_name(settings))
        self.name.setMaxLength(40)
        self.local = QRadioButton("Start a server on this computer")
        self.remote = QRadioButton("Use a server:")
        saved = settings.value(SERVER_KEY)
        self.address = QLineEdit(saved if isinstance(saved, str) else "")
        self.address.setPlaceholderText(f"host:port (default port {DEFAULT_PORT})")
        self.secure = QCheckBox("through TLS (a proxy on the server)")
        self.port = QSpinBox()
        self.port.setRange(0, 65535)
        self.port.setSpecialValueText("any free port")
        self.port.setValue(0)
        (self.remote if self.address.text() else self.local).setChecked(True)
        form = QFormLayout()
        form.addRow("Your name:", self.name)
        local_row = QHBoxLayout()
        local_row.addWidget(self.local)
        local_row.addWidget(QLabel("port"))
        local_row.addWidget(self.port)
        remote_row = QHBoxLayout()
        remote_row.addWidget(self.remote)
        remote_row.addWidget(self.address, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(local_row)
        layout.addLayout(remote_row)
        layout.addWidget(self.secure)
        note = QLabel("A server started here listens on this computer only (127.0.0.1); for people on other "
                      "machines run <code>mlsd serve --host 0.0.0.0</code> where they can reach it, or a "
                      "team server (README: Live sessions).")
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Share")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def server(self) -> tuple[str, int, bool] | None:
        """(host, port, secure) of the chosen remote server; None for a local one."""
        if self.local.isChecked():
            return None
        text = self.address.text().strip()
        host, _, port = text.rpartition(":") if ":" in text else (text, "", str(DEFAULT_PORT))
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise LinkError(f"“{text}” is not a server address (host:port)")
        return host.strip("[]"), int(port), self.secure.isChecked()


class LinkDialog(QDialog):
    """The link to give to the others, with a Copy button."""

    def __init__(self, link: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Live session link")
        self.setObjectName("linkDialog")
        self.field = QLineEdit(link)
        self.field.setReadOnly(True)
        self.field.setMinimumWidth(460)
        copy = QPushButton("Copy")
        copy.clicked.connect(self.copy)
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(copy)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Give this link to the people joining (File > Join Live Session…). "
                                "Anyone who has it can edit the design: share it privately."))
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.field.text())
        self.field.selectAll()


class JoinDialog(QDialog):
    """A pasted link and your name; the link is checked before the dialog closes."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Join live session")
        self.setObjectName("joinDialog")
        self.link = QLineEdit()
        self.link.setPlaceholderText("mlsd://host:port/room#token")
        self.link.setMinimumWidth(420)
        pasted = QGuiApplication.clipboard().text().strip()
        if pasted.startswith(("mlsd://", "mlsds://")):
            self.link.setText(pasted)
        self.name = QLineEdit(_default_name(settings))
        self.name.setMaxLength(40)
        self.problem = QLabel()
        self.problem.setObjectName("joinProblem")
        self.problem.setStyleSheet("color: #c0392b")
        form = QFormLayout(self)
        form.addRow("Link:", self.link)
        form.addRow("Your name:", self.name)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Join")
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _check(self) -> None:
        try:
            parse_link(self.link.text())
        except LinkError as exc:
            self.problem.setText(str(exc))
            return
        self.accept()


def share(window: QWidget, live: LiveController, settings: QSettings, server: LocalServer) -> bool:
    """Ask, start a local server if chosen, share the design, show the link."""
    dialog = ShareDialog(settings, window)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        name = dialog.name.text().strip() or "Guest"
        settings.setValue(NAME_KEY, name)
        try:
            chosen = dialog.server()
            if chosen is None:
                QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
                try:
                    port = server.start(dialog.port.value())
                finally:
                    QGuiApplication.restoreOverrideCursor()
                chosen = ("127.0.0.1", port, False)
            else:
                settings.setValue(SERVER_KEY, dialog.address.text().strip())
        except (LinkError, ServerStartError) as exc:
            QMessageBox.warning(window, "Cannot share", str(exc))
            return False
    finally:
        dialog.deleteLater()
    link = new_link(*chosen)
    live.share(link, name)
    shown = LinkDialog(str(link), window)
    shown.copy()
    shown.exec()
    shown.deleteLater()
    return True


def join(window: QWidget, live: LiveController, settings: QSettings, maybe_discard: Callable[[str], bool]) -> bool:
    """Ask for a link; after the unsaved-changes question, show the room's design."""
    dialog = JoinDialog(settings, window)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        link = parse_link(dialog.link.text())
        name = dialog.name.text().strip() or "Guest"
    finally:
        dialog.deleteLater()
    settings.setValue(NAME_KEY, name)
    if not maybe_discard("joining a live session"):
        return False
    live.join(link, name)
    return True
