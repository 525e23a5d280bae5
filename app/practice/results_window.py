"""The end of a session: the score, the time per phase, the questions asked, the nudges, the comparison with
the reference design and the review by step, with "Retry this step" (the weakest), the attempts, Save."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.export.picture import SvgPicture
from components.io import write_atomic
from components.model import Diagram
from components.practice import LoadedPrompt, Scored
from components.practice.records import Attempt

if TYPE_CHECKING:
    from app.practice.host import PracticeHost

DESIGN_URL = "mlsd-practice:design"


class ResultsWindow(QDialog):
    def __init__(self, window: QMainWindow, host: PracticeHost, attempt: Attempt, scored: Scored, design: Diagram,
                 loaded: LoadedPrompt | None, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("practiceResults")
        self.setModal(False)
        self.window_, self.host = window, host
        self.attempt, self.scored, self.design, self.loaded = attempt, scored, design, loaded
        self.picture = SvgPicture(DESIGN_URL)
        self._svg: tuple[str, str] | None = None  # (theme, the design's SVG in it)
        self.browser = QTextBrowser()
        self.browser.setObjectName("resultsBrowser")
        self.browser.setOpenLinks(False)
        buttons = QDialogButtonBox()
        step = scored.review.steps[scored.weakest_step - 1]
        self.retry_button = QPushButton(f"Retry Step {step.number}: {step.name}")
        self.retry_button.setObjectName("retryStep")
        self.retry_button.setToolTip("Reopen this design with the step's checklist, timed for the step alone")
        self.retry_button.setEnabled(scored.review.total < scored.review.maximum and loaded is not None)
        self.attempts_button = QPushButton("Attempts…")
        self.attempts_button.setObjectName("showAttempts")
        self.save_button = QPushButton("Save…")
        self.save_button.setObjectName("saveResults")
        self.save_button.setToolTip("Save these results as a web page that prints well")
        for button in (self.retry_button, self.attempts_button, self.save_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.close)
        self.retry_button.clicked.connect(self.retry)
        self.attempts_button.clicked.connect(self.show_attempts)
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        available = window.screen().availableGeometry()
        self.resize(min(980, int(available.width() * 0.9)), min(860, int(available.height() * 0.9)))
        self.setWindowTitle(f"Practice results: {attempt.prompt_title} ({scored.review.total}/{scored.review.maximum})")
        self._resized = QTimer(self)  # the picture is drawn again at the new width once resizing settles
        self._resized.setSingleShot(True)
        self._resized.setInterval(150)
        self._resized.timeout.connect(self.refresh)
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._resized.start()

    def refresh(self) -> None:
        from components.practice.report import results_html

        picture = self.picture.in_browser(self.browser, self._design_svg())
        prompt = self.loaded.prompt if self.loaded is not None else None
        scroll = self.browser.verticalScrollBar().value()
        self.browser.setHtml(results_html(self.attempt, self.scored, prompt, picture, self.host.theme_name))
        self.browser.verticalScrollBar().setValue(scroll)

    def _design_svg(self) -> str:
        """The design's picture in the window's theme, drawn once per theme: the design and its review never
        change here, so a resize only fits the picture again (a big design's SVG takes a while)."""
        from components.review.documents import diagram_svg

        theme = self.host.theme_name
        if self._svg is None or self._svg[0] != theme:
            self._svg = (theme, diagram_svg(self.design, self.scored.review, theme))
        return self._svg[1]

    def retry(self) -> None:
        if self.loaded is None:
            return
        from app.practice import start_retry

        if start_retry(self.window_, self.host, self.attempt, self.design, self.loaded) is not None:
            self.close()

    def show_attempts(self) -> None:
        from app.practice import open_attempts

        open_attempts(self.window_, self.host)

    def save(self) -> Path | None:
        path, _chosen = QFileDialog.getSaveFileName(self, "Save the results",
                                                    str(Path.home() / f"{self.attempt.id}.html"), "Web page (*.html)")
        return self.write(Path(path)) if path else None

    def write(self, path: Path) -> Path | None:
        """The results as one self-contained page (the design inline as SVG); a failure is shown."""
        from components.practice.report import results_html
        from components.review.documents import diagram_svg
        from components.review.render_html import inline_svg

        if path.suffix.lower() not in (".html", ".htm"):
            path = path.with_name(path.name + ".html")
        prompt = self.loaded.prompt if self.loaded is not None else None
        text = results_html(self.attempt, self.scored, prompt, inline_svg(diagram_svg(self.design, self.scored.review)))
        try:
            write_atomic(path, text.encode("utf-8"))
        except OSError as exc:
            QMessageBox.warning(self, "Results not saved", f"{path}: {exc.strerror or exc}")
            return None
        self.host.show_message(f"Saved the results to {path}")
        return path


def show_results(window: QMainWindow, host: PracticeHost, attempt: Attempt, scored: Scored, design: Diagram,
                 loaded: LoadedPrompt | None) -> ResultsWindow:
    results = ResultsWindow(window, host, attempt, scored, design, loaded)
    results.show()
    results.raise_()
    results.activateWindow()
    return results
