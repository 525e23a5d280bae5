"""The interviewer's view: a second window, for two people at one screen or a second screen, with every
answer (asked or not yet), the rubric applied live to the candidate's design, the questions to ask
next, and the reference design the candidate does not see. It follows the live validator."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QMainWindow, QTextBrowser, QVBoxLayout, QWidget

from app.export.picture import SvgPicture
from components.practice import LoadedPrompt, Session

if TYPE_CHECKING:
    from app.practice.host import PracticeHost
    from components.review import Review

REFERENCE_URL = "mlsd-practice:reference"


class InterviewerWindow(QWidget):
    def __init__(self, window: QMainWindow, host: PracticeHost, loaded: LoadedPrompt, session: Session) -> None:
        super().__init__(window, Qt.WindowType.Window)
        self.setObjectName("interviewerWindow")
        self.setWindowTitle(f"Interviewer: {loaded.title}")
        self.host, self.loaded, self.session = host, loaded, session
        self.picture = SvgPicture(REFERENCE_URL)
        self.reference_svg = ""
        self.reference_name = ""
        self.result: Review | None = None  # the live review the page shows, and when in the session it was made
        self.reviewed_at = 0.0
        self._load_reference()
        self.browser = QTextBrowser()
        self.browser.setObjectName("interviewerBrowser")
        self.browser.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.browser)
        available = window.screen().availableGeometry()
        self.resize(min(900, int(available.width() * 0.8)), min(860, int(available.height() * 0.9)))
        host.validator.updated.connect(self._validated)
        self._resized = QTimer(self)  # the picture is drawn again at the new width once resizing settles
        self._resized.setSingleShot(True)
        self._resized.setInterval(150)
        self._resized.timeout.connect(self._draw)
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._resized.start()

    def _load_reference(self) -> None:
        from components.export.svg import SvgOptions, to_svg
        from components.io import DocumentError

        try:
            reference = self.loaded.reference_design()
        except DocumentError as exc:
            self.reference_name = f"The reference design cannot be read: {exc}"
            return
        if reference is None:
            self.reference_name = "This prompt has no reference design"
            return
        self.reference_name = " ".join(reference.title.split())
        self.reference_svg = to_svg(reference, SvgOptions(theme="dark" if self.host.theme_name == "dark" else "light",
                                                          legend=True, title=False))

    def _validated(self, findings: list[Any], _steps: list[Any]) -> None:
        if shiboken6.isValid(self) and self.isVisible():
            self.refresh(findings)

    def refresh(self, findings: list[Any] | None = None) -> None:
        """Review the design again (with the validator's ``findings`` when it has them) and redraw the page."""
        from components.review import review

        validator = self.host.validator
        if findings is None and not validator.pending:
            findings = list(validator.findings)
        try:
            self.result = review(self.host.editor.doc.diagram, findings)
        except Exception as exc:  # a review bug must never take the session down
            self.result = None
            self.browser.setPlainText(f"The review could not be made: {exc}")
            return
        self.reviewed_at = self.session.elapsed()
        self._draw()

    def _draw(self) -> None:
        """The page of the last review, its reference picture fitted to the window (a resize draws only this:
        the design did not change, so neither did its review)."""
        from components.practice.interviewer import interviewer_html

        if self.result is None:
            return
        picture = ""
        if self.reference_svg:
            picture = self.picture.in_browser(self.browser, self.reference_svg)
        asked = {item.id: item.at for item in self.session.asked}
        scroll = self.browser.verticalScrollBar().value()
        self.browser.setHtml(interviewer_html(self.session.prompt, asked, self.result, picture, self.reference_name,
                                              self.host.theme_name, self.reviewed_at))
        self.browser.verticalScrollBar().setValue(scroll)
