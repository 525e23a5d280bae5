"""File > Practice Attempts: every attempt, newest first, with the chart of the total and per-step scores
over the whole sessions, so progress is visible; open an attempt's results, retry its weakest step, or
delete it."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from components.catalog import STAGES
from components.io import DocumentError
from components.model import Diagram
from components.practice import AttemptList, LoadedPrompt, Scored, Trend, list_attempts, prompt_catalog, score, trend
from components.practice.attempts import delete_attempt
from components.practice.records import Attempt
from components.practice.report import clock_text

if TYPE_CHECKING:
    from app.practice.host import PracticeHost

ALL = ""  # the prompt filter's "all prompts"


class AttemptsWindow(QDialog):
    def __init__(self, window: QMainWindow, host: PracticeHost) -> None:
        super().__init__(window)
        self.setObjectName("attemptsWindow")
        self.setWindowTitle("Practice attempts")
        self.setModal(False)
        self.window_, self.host = window, host
        self.listing = AttemptList((), (), list_attempts().folder)
        self.shown: list[Attempt] = []
        self.filter = QComboBox()
        self.filter.setObjectName("attemptsFilter")
        self.filter.currentIndexChanged.connect(lambda _index: self.refresh())
        self.summary = QLabel()
        self.summary.setObjectName("trendSummary")
        self.summary.setWordWrap(True)
        self.chart = QLabel()
        self.chart.setObjectName("trendChart")
        self.chart.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tree = QTreeWidget()
        self.tree.setObjectName("attemptsList")
        self.tree.setHeaderLabels(["Date", "Prompt", "Session", "Score", *[str(stage.number) for stage in STAGES],
                                   "Ended", "Time"])
        for column, stage in enumerate(STAGES, start=4):
            self.tree.headerItem().setToolTip(column, f"Step {stage.number}: {stage.name}")
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.itemDoubleClicked.connect(lambda *_: self.open_results())
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.problems = QLabel()
        self.problems.setObjectName("attemptsProblems")
        self.problems.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.open_button = QPushButton("Open Results")
        self.open_button.setObjectName("openAttempt")
        self.retry_button = QPushButton("Retry Weakest Step")
        self.retry_button.setObjectName("retryAttempt")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName("deleteAttempt")
        for button in (self.open_button, self.retry_button, self.delete_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.close)
        self.open_button.clicked.connect(self.open_results)
        self.retry_button.clicked.connect(self.retry)
        self.delete_button.clicked.connect(self.delete)
        top = QHBoxLayout()
        top.addWidget(QLabel("Prompt:"))
        top.addWidget(self.filter, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.chart)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        available = window.screen().availableGeometry()
        self.resize(min(900, int(available.width() * 0.9)), min(860, int(available.height() * 0.9)))
        self.reload()

    def reload(self) -> None:
        """Read the attempts folder again (after a session, a delete)."""
        self.listing = list_attempts()
        chosen = self.filter.currentData() or ALL
        prompts = {attempt.prompt_id: attempt.prompt_title for attempt in self.listing.attempts}
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem("All prompts", ALL)
        for prompt_id, title in sorted(prompts.items(), key=lambda item: item[1].lower()):
            self.filter.addItem(title, prompt_id)
        self.filter.setCurrentIndex(max(0, self.filter.findData(chosen)))
        self.filter.blockSignals(False)
        problems = self.listing.problems
        self.problems.setText("" if not problems else
                              f"{len(problems)} attempt file(s) could not be read: " + "; ".join(problems[:3]))
        self.problems.setVisible(bool(problems))
        self.refresh()

    def refresh(self) -> None:
        prompt_id = self.filter.currentData() or None
        self.shown = [attempt for attempt in reversed(self.listing.attempts)
                      if prompt_id is None or attempt.prompt_id == prompt_id]
        progress = trend(self.shown, prompt_id)
        self.summary.setText(progress.summary())
        self._draw_chart(progress)
        self.tree.clear()
        for attempt in self.shown:
            when = datetime.fromtimestamp(attempt.started_at).strftime("%Y-%m-%d %H:%M")
            kind = f"{attempt.length} min" if attempt.retry is None else f"Retry of step {attempt.retry.step}"
            ended = "Time up" if attempt.ended_by == "time_up" else "Submitted"
            item = QTreeWidgetItem([when, attempt.prompt_title, kind, f"{attempt.total}/{attempt.maximum}",
                                    *[str(points) for points in attempt.steps], ended, clock_text(attempt.elapsed)])
            self.tree.addTopLevelItem(item)
        for column in range(self.tree.columnCount()):
            self.tree.resizeColumnToContents(column)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        self._update_buttons()

    def _draw_chart(self, progress: Trend) -> None:
        from app.export.errors import ExportError
        from app.export.render import render_png
        from components.practice.chart import trend_svg

        ratio = self.devicePixelRatioF()
        try:
            image = render_png(trend_svg(progress, "dark" if self.host.theme_name == "dark" else "light"), ratio)
        except ExportError:
            self.chart.setText("The chart could not be drawn.")
            return
        image.setDevicePixelRatio(ratio)
        self.chart.setPixmap(QPixmap.fromImage(image))

    def selected(self) -> Attempt | None:
        current = self.tree.currentItem()
        index = self.tree.indexOfTopLevelItem(current) if current is not None else -1
        return self.shown[index] if 0 <= index < len(self.shown) else None

    def _update_buttons(self) -> None:
        attempt = self.selected()
        for button in (self.open_button, self.delete_button):
            button.setEnabled(attempt is not None)
        self.retry_button.setEnabled(attempt is not None and attempt.total < attempt.maximum)

    def _reopen(self, attempt: Attempt) -> tuple[Diagram, LoadedPrompt | None] | None:
        """The attempt's design (None, said, when it cannot be read) and its prompt when it still exists."""
        try:
            design = self.listing.design_of(attempt)
        except DocumentError as exc:
            QMessageBox.warning(self, "Cannot open the attempt", str(exc))
            return None
        try:
            return design, prompt_catalog().find(attempt.prompt_id)
        except LookupError:
            return design, None

    def open_results(self) -> None:
        """The attempt's results, its design scored again (against the prompt's reference while it exists)."""
        from components.review import review

        attempt = self.selected()
        reopened = self._reopen(attempt) if attempt is not None else None
        if attempt is None or reopened is None:
            return
        from app.practice.results_window import show_results

        design, loaded = reopened
        scored = (score(design, loaded) if loaded is not None
                  else Scored(review(design), None, "The prompt of this attempt is no longer available"))
        show_results(self.window_, self.host, attempt, scored, design, loaded)

    def retry(self) -> None:
        """Retry the attempt's weakest step (its scores are in the record: the design is not scored again)."""
        attempt = self.selected()
        reopened = self._reopen(attempt) if attempt is not None else None
        if attempt is None or reopened is None:
            return
        design, loaded = reopened
        if loaded is None:
            QMessageBox.information(self, "Cannot retry", "The prompt of this attempt is no longer available.")
            return
        from app.practice import start_retry

        if start_retry(self.window_, self.host, attempt, design, loaded) is not None:
            self.close()

    def delete(self) -> None:
        attempt = self.selected()
        if attempt is None:
            return
        buttons = QMessageBox.StandardButton
        if QMessageBox.question(self, "Delete the attempt?", f"Delete the attempt of {attempt.prompt_title} "
                                f"({attempt.total}/{attempt.maximum}) and its design?",
                                buttons.Yes | buttons.Cancel, buttons.Cancel) != buttons.Yes:
            return
        delete_attempt(attempt, self.listing.folder)
        self.reload()
