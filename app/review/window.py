"""Review > Review Design: the interview coach's review of the open design in a window of its own.

The window follows the design: each time the live validator reports, the review is scored again with
its findings and the page redrawn where the reader was. The page is the review's HTML read by Qt's
rich-text engine; the diagram, which that engine cannot draw as SVG, is the exported SVG rendered to
an image. Save writes the full self-contained HTML (or Markdown with its SVG, or JSON).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.export.picture import SvgPicture
from components.io import DESIGN_SUFFIX, write_atomic
from components.review.documents import Format

if TYPE_CHECKING:
    from app.review.host import ReviewHost

DIAGRAM_URL = "mlsd-review:diagram"
FILTERS: dict[Format, str] = {"html": "Web page (*.html)", "md": "Markdown (*.md)", "json": "JSON (*.json)"}


class ReviewWindow(QDialog):
    """A non-modal window with the review of ``window``'s design, kept up to date (``host``: the main
    window's editor, validator and theme)."""

    def __init__(self, window: QWidget, host: ReviewHost, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("reviewWindow")
        self.main = host
        self.setModal(False)
        self.result: Any = None
        self.picture = SvgPicture(DIAGRAM_URL)
        self._resized = QTimer(self)
        self._resized.setSingleShot(True)
        self._resized.setInterval(150)
        self._resized.timeout.connect(lambda: self.refresh(list(self.result.findings) if self.result else None))
        self.browser = QTextBrowser()
        self.browser.setObjectName("reviewBrowser")
        self.browser.setOpenLinks(False)
        self.status = QLabel()
        self.status.setObjectName("reviewStatus")
        self.status.setEnabled(False)
        buttons = QDialogButtonBox()
        self.save_button = QPushButton("Save…")
        self.save_button.setObjectName("saveReview")
        self.save_button.setToolTip("Save the review as a web page that prints well, as Markdown or as JSON")
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.close)
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.browser, 1)
        row = QVBoxLayout()
        row.addWidget(self.status)
        layout.addLayout(row)
        layout.addWidget(buttons)
        available = window.screen().availableGeometry()
        self.resize(min(980, int(available.width() * 0.9)), min(820, int(available.height() * 0.9)))
        host.validator.updated.connect(self._validated)
        self.refresh()

    # ----- following the design ------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        """The application's palette changes with the theme: draw the page again in it, once the main window
        has finished switching (its theme name follows the palette)."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and self.isVisible():
            QTimer.singleShot(0, self._follow_theme)

    def _follow_theme(self) -> None:
        if shiboken6.isValid(self) and self.isVisible():
            self.refresh()

    def _validated(self, findings: list[Any], _steps: list[Any]) -> None:
        if shiboken6.isValid(self) and self.isVisible():
            self.refresh(findings)

    def refresh(self, findings: list[Any] | None = None) -> None:
        """Score the design again and redraw the page, keeping the reader's place."""
        from components.review import review
        from components.review.render_html import to_html

        diagram = self.main.editor.doc.diagram
        if findings is None:
            findings = self.main.validator.findings if not self.main.validator.pending else None
        try:
            self.result = review(diagram, findings)
        except Exception as exc:  # a review bug must never take the editor down
            self.browser.setPlainText(f"The review could not be made: {exc}")
            return
        theme = self.main.theme_name
        picture = self._picture(diagram, theme)
        scroll = self.browser.verticalScrollBar().value()
        self.browser.setHtml(to_html(self.result, diagram, picture, theme))
        self.browser.verticalScrollBar().setValue(scroll)
        self.setWindowTitle(f"Design review: {self.result.title} ({self.result.total}/{self.result.maximum})")
        self.status.setText(f"Scored with the open rubric (docs/review-rubric.md). {self.result.summary}")

    def _picture(self, diagram: Any, theme: str) -> str:
        """The diagram as an image resource of the page, drawn at the width it is shown at."""
        from components.review.documents import diagram_svg

        return self.picture.in_browser(self.browser, diagram_svg(diagram, self.result, theme))

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.result is not None:
            self._resized.start()  # the picture fits the new width once resizing settles

    # ----- saving ----------------------------------------------------------------------------------
    def save(self) -> Path | None:
        """Ask where, then write the review; the format follows the chosen file type."""
        stem = self.main.editor.path.name.removesuffix(DESIGN_SUFFIX) if self.main.editor.path else "design"
        folder = self.main.editor.path.parent if self.main.editor.path else Path.home()
        path, chosen = QFileDialog.getSaveFileName(self, "Save the review", str(folder / f"{stem}-review.html"),
                                                   ";;".join(FILTERS.values()))
        if not path:
            return None
        fmt: Format = next((key for key, text in FILTERS.items() if text == chosen), "html")
        return self.write(Path(path), fmt)

    def write(self, path: Path, fmt: Format) -> Path | None:
        """Write the review (and, for Markdown, its diagram beside it); a failure is shown, nothing lost."""
        from components.review.documents import EXTENSIONS, review_document

        fmt = EXTENSIONS.get(path.suffix.lower(), fmt)
        if path.suffix.lower() not in EXTENSIONS:
            path = path.with_name(path.name + f".{fmt}")
        document = review_document(self.main.editor.doc.diagram, fmt, path.name, result=self.result)
        try:
            for name, text in document.attachments.items():
                write_atomic(path.parent / name, text.encode("utf-8"))
            write_atomic(path, document.text.encode("utf-8"))
        except OSError as exc:
            QMessageBox.warning(self, "Review not saved", f"{path}: {exc.strerror or exc}")
            return None
        self.main.show_message(f"Saved the review to {path}")
        return path
