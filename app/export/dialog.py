"""File > Export: one dialog for SVG, PNG, PDF, Mermaid and DOT.

The format follows the file name's extension and the other way round; PNG shows its pixel size as
the scale changes and refuses (with the largest scale that fits) before anything is written. Errors
appear in a message box and the dialog stays open with every choice kept; the last choices are
remembered for the next export in the same session. Big designs and big PNGs render on a worker
thread (app.background): the busy bar animates, Cancel stops the export and writes nothing, and the
file is written (atomically) on the UI thread only once the picture is complete.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Collection
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import background
from app.export import render
from app.export.dialog_options import ExportOptions
from app.export.errors import ExportError
from app.export.service import (
    DEFAULT_EXTENSION,
    DEFAULT_PNG_SCALE,
    FORMAT_NAMES,
    FORMATS,
    ExportSettings,
    export_bytes,
    format_from_path,
    svg_dimensions,
    svg_for,
)
from components.io import FileStamp, ReadOnlyTarget, TargetRefused, write_atomic
from components.io.target import IsInput
from components.layers import LayerView
from components.model import Diagram
from components.validate.rules.base import plural

BACKGROUND_MIN_PIXELS = 16_000_000  # PNGs this big take a second or more to paint and encode
_remembered: dict[str, object] = {}  # the last choices, for the next export in this session
_last_written: dict[str, Path] = {}  # a design file -> where it was last exported to, this session


def _key(document_path: str | os.PathLike[str]) -> str:
    return os.path.abspath(document_path)


def _safe_stem(title: str) -> str:
    stem = "".join(c if c.isalnum() or c in "-_ " else " " for c in title).strip()
    return "-".join(stem.lower().split())[:80] or "diagram"


class ExportDialog(QDialog):
    """Export ``diagram`` (or the blocks ``selected_ids``) to a file. ``exec()`` returns Accepted once
    a file was written; ``written_path`` then names it."""

    def __init__(self, parent: QWidget | None, diagram: Diagram, selected_ids: Collection[str] = (),
                 document_path: str | os.PathLike[str] | None = None, layers: LayerView | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self._diagram = diagram
        self._selected = set(selected_ids)
        self._size_cache: dict[tuple[bool, ...], tuple[float, float]] = {}
        self.options = ExportOptions(layers)  # panels, layers, PDF page
        self.written_path: Path | None = None
        self._document_path = document_path  # never exported over
        self._confirmed_path: str | None = None  # a path the file chooser already asked to replace
        self._job: background.BackgroundJob[bytes] | None = None  # an export running on a worker thread

        self.format_box = QComboBox()
        for fmt in FORMATS:
            self.format_box.addItem(f"{FORMAT_NAMES[fmt]} (*{DEFAULT_EXTENSION[fmt]})", fmt)
        self.path_edit = QLineEdit()
        self.browse_button = QPushButton("Browse…")
        self.browse_button.setAutoDefault(False)  # Return in the file field exports, it does not browse
        self.scale_box = QDoubleSpinBox()
        self.scale_box.setRange(0.1, 64.0)
        self.scale_box.setSingleStep(0.5)
        self.scale_box.setDecimals(2)
        self.scale_box.setSuffix(" ×")
        self.size_label = QLabel()
        self.theme_box = QComboBox()
        self.theme_box.addItem("Light", "light")
        self.theme_box.addItem("Dark", "dark")
        self.background_box = QComboBox()
        self.background_box.addItem("Theme background", "white")
        self.background_box.addItem("Transparent", "transparent")
        self.selection_box = QCheckBox(f"Only the selection ({plural(len(self._selected), 'item')})")
        self.badges_box = QCheckBox("Findings badges")
        self.title_box = QCheckBox("Diagram title")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: no percentage to show
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)

        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        self.size_label.setWordWrap(True)
        self.path_edit.setMinimumWidth(360)
        scale_row = QHBoxLayout()
        scale_row.addWidget(self.scale_box)
        scale_row.addWidget(self.size_label, 1)
        form = QFormLayout()
        form.addRow("Format:", self.format_box)
        form.addRow("File:", path_row)
        form.addRow("Scale:", scale_row)
        form.addRow("Theme:", self.theme_box)
        form.addRow("Background:", self.background_box)
        form.addRow("", self.selection_box)
        form.addRow("", self.badges_box)
        form.addRow("", self.title_box)
        self.options.add_rows(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)

        self._restore(document_path)
        self.format_box.currentIndexChanged.connect(self._format_changed)
        self.path_edit.textEdited.connect(self._path_edited)  # the format follows a typed extension
        self.browse_button.clicked.connect(self._browse)
        for signal in (self.scale_box.valueChanged, self.selection_box.toggled, self.badges_box.toggled,
                       self.title_box.toggled, self.options.legend_box.toggled, self.options.requirements_box.toggled,
                       self.options.layers_box.toggled):
            signal.connect(self._update_size)
        self.buttons.accepted.connect(self._export)
        self.buttons.rejected.connect(self.reject)
        self._format_changed()
        # Return exports: only after the buttons sit in the dialog does "default" stick
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(button is self.export_button)
        self.export_button.setDefault(True)
        self.path_edit.setFocus()

    # ----- state -----------------------------------------------------------------------------
    def _restore(self, document_path: str | os.PathLike[str] | None) -> None:
        fmt = str(_remembered.get("format", "svg"))
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(fmt)))
        self.scale_box.setValue(float(_remembered.get("scale", DEFAULT_PNG_SCALE)))  # type: ignore[arg-type]  # stored from the spin box: a float
        self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(_remembered.get("theme", "light"))))
        self.background_box.setCurrentIndex(max(0, self.background_box.findData(_remembered.get("background", "white"))))
        self.badges_box.setChecked(bool(_remembered.get("badges", True)))
        self.title_box.setChecked(bool(_remembered.get("title", True)))
        self.options.restore(_remembered)
        self.selection_box.setEnabled(bool(self._selected))
        # the whole design unless "only the selection" was the last choice: a click on a finding selects
        # its block, and that one block was exported without the user meaning to (trial 23)
        self.selection_box.setChecked(bool(self._selected) and bool(_remembered.get("selection", False)))
        last = _last_written.get(_key(document_path)) if document_path else None
        if last is not None:  # where this design was last exported to, in the chosen format
            self.path_edit.setText(str(last.with_suffix(DEFAULT_EXTENSION[fmt])))
            return
        if document_path:  # beside the document, named like it
            folder, stem = Path(document_path).parent, Path(document_path).name.split(".")[0] or "diagram"
        else:
            folder, stem = Path(str(_remembered.get("folder", Path.home()))), _safe_stem(self._diagram.title)
        self.path_edit.setText(str(folder / f"{stem}{DEFAULT_EXTENSION[fmt]}"))

    def settings(self) -> ExportSettings:
        """The choices made, as an ExportSettings."""
        selection = self._selected if self.selection_box.isChecked() and self._selected else None
        return ExportSettings(format=self.format_box.currentData(), scale=self.scale_box.value(),
                              theme=self.theme_box.currentData(), background=self.background_box.currentData(),
                              badges=self.badges_box.isChecked(), title=self.title_box.isChecked(),
                              selection=selection, **self.options.settings())

    def path(self) -> str:
        return self.path_edit.text().strip()

    # ----- reactions -------------------------------------------------------------------------
    def _format_changed(self) -> None:
        fmt = self.format_box.currentData()
        picture = fmt in ("svg", "png", "pdf")
        self.scale_box.setEnabled(fmt == "png")
        self.options.format_changed(fmt)
        for widget in (self.theme_box, self.background_box, self.badges_box, self.title_box):
            widget.setEnabled(picture)
        text = self.path()
        if text:
            current = Path(text)
            if format_from_path(current) != fmt:
                stem = current.name[: -len(current.suffix)] if current.suffix else current.name
                self.path_edit.setText(str(current.with_name(stem + DEFAULT_EXTENSION[fmt])))
        self._update_size()

    def _path_edited(self) -> None:
        fmt = format_from_path(self.path())
        if fmt is not None and fmt != self.format_box.currentData():
            self.format_box.setCurrentIndex(self.format_box.findData(fmt))

    def _browse(self) -> None:
        fmt = self.format_box.currentData()
        name_filter = f"{FORMAT_NAMES[fmt]} (*{DEFAULT_EXTENSION[fmt]})"
        chosen, _ = QFileDialog.getSaveFileName(self, "Export to", self.path(), name_filter)
        if chosen:
            if Path(chosen).suffix == "":
                chosen += DEFAULT_EXTENSION[fmt]
            self.path_edit.setText(chosen)
            self._path_edited()
            self._confirmed_path = chosen

    def _picture_size(self) -> tuple[float, float]:
        settings = self.settings()
        key = (settings.selection is not None, settings.badges, settings.title, *self.options.size_key())
        if key not in self._size_cache:
            svg_settings = dataclasses.replace(settings, format="svg")
            self._size_cache[key] = svg_dimensions(svg_for(self._diagram, svg_settings))
        return self._size_cache[key]

    def _update_size(self) -> None:
        if self.format_box.currentData() != "png":
            self.size_label.setText("")
            self.export_button.setEnabled(True)
            return
        width, height = self._picture_size()
        scale = self.scale_box.value()
        try:
            px_w, px_h = render.check_png_size(width, height, scale)
        except ExportError:
            px_w, px_h = render.png_size(width, height, scale)
            fit = render.largest_scale(width, height)
            self.size_label.setText(f"<span style='color:#dc2626'>{px_w} × {px_h} px is too large; "
                                    f"the largest scale that fits is {fit:g}</span>")
            self.export_button.setEnabled(False)
            return
        self.size_label.setText(f"{px_w} × {px_h} px")
        self.export_button.setEnabled(True)

    # ----- export ----------------------------------------------------------------------------
    def _export(self) -> None:
        path = self.path()
        if not path:
            QMessageBox.warning(self, "Export", "Choose a file to export to.")
            return
        if (Path(path).exists() and self._confirmed_path != path
                and QMessageBox.question(self, "Export", f"{Path(path).name} already exists. Replace it?")
                != QMessageBox.StandardButton.Yes):
            return
        settings = self.settings()
        if self._in_background(settings):
            self._start_job(path, settings)
            return
        self._set_busy(True)
        try:
            data = export_bytes(self._diagram, settings)
        except ExportError as exc:
            self._set_busy(False)
            QMessageBox.critical(self, "Export failed", f"{path}: {exc}")
            return
        self._set_busy(False)
        self._write(path, settings, data)

    def _write(self, path: str, settings: ExportSettings, data: bytes) -> None:
        """Write atomically: never over the design's own file, a read-only file only after asking;
        any refusal or failure is a message and the dialog stays open."""
        avoid = self._document_stamps()
        replace_read_only = False
        while True:
            try:
                written = write_atomic(path, data, avoid=avoid, replace_read_only=replace_read_only)
                break
            except ReadOnlyTarget:
                if QMessageBox.question(self, "Export", f"{Path(path).name} is read-only. Replace it anyway? "
                                        "It stays read-only.") != QMessageBox.StandardButton.Yes:
                    return
                replace_read_only = True
            except IsInput:
                QMessageBox.critical(self, "Export failed", f"{path}: is the design file itself; choose another "
                                                            "file to export to")
                return
            except TargetRefused as exc:
                QMessageBox.critical(self, "Export failed", f"{path}: {exc}")
                return
            except OSError as exc:
                QMessageBox.critical(self, "Export failed", f"{path}: cannot write: {exc.strerror or exc}")
                return
        self._done(written.path, settings)

    def _document_stamps(self) -> list[FileStamp]:
        try:
            return [FileStamp.of(os.stat(self._document_path))] if self._document_path else []
        except OSError:
            return []

    def _done(self, written: Path, settings: ExportSettings) -> None:
        self.written_path = written
        _remembered.update(format=settings.format, scale=settings.scale, theme=settings.theme,
                           background=settings.background, badges=settings.badges, title=settings.title,
                           folder=str(written.parent))
        if self._selected:  # a choice was offered
            _remembered["selection"] = settings.selection is not None
        if self._document_path:
            _last_written[_key(self._document_path)] = written
        self.options.remember(_remembered)
        self.accept()

    # ----- export on a worker thread ---------------------------------------------------------
    def _in_background(self, settings: ExportSettings) -> bool:
        if background.in_background(self._diagram):
            return True
        if settings.format != "png":
            return False
        px_w, px_h = render.png_size(*self._picture_size(), settings.scale)
        return px_w * px_h >= BACKGROUND_MIN_PIXELS

    def _start_job(self, path: str, settings: ExportSettings) -> None:
        """Render on a worker thread from a snapshot; the bar shows after a moment; Cancel stays live."""
        diagram = background.snapshot(self._diagram)
        job: background.BackgroundJob[bytes] = background.BackgroundJob(
            lambda _token: export_bytes(diagram, settings), self)
        job.succeeded.connect(lambda data: self._job_succeeded(path, settings, data))
        job.failed.connect(lambda exc: self._job_failed(path, exc))
        job.cancelled.connect(self._job_cancelled)
        self._job = job
        self._set_busy(True)
        self.progress.hide()  # fast jobs do not flash it
        QTimer.singleShot(background.SHOW_AFTER_MS, self, lambda: self.progress.setVisible(self._job is job))
        job.start()

    def _end_job(self) -> None:
        if self._job is not None:
            self._job.deleteLater()
        self._job = None
        self._set_busy(False)

    def _job_succeeded(self, path: str, settings: ExportSettings, data: bytes) -> None:
        self._end_job()
        self._write(path, settings, data)

    def _job_failed(self, path: str, exc: BaseException) -> None:
        self._end_job()
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        message = detail if isinstance(exc, ExportError) else f"could not export: {detail}"
        QMessageBox.critical(self, "Export failed", f"{path}: {message}")

    def _job_cancelled(self) -> None:
        self._end_job()
        size = self.size_label.text()
        self.size_label.setText(f"{size} · export cancelled, nothing was written" if size
                                else "Export cancelled, nothing was written")

    def cancel_export(self) -> bool:
        """Stop a running export (its result is discarded); whether one was running."""
        if self._job is None:
            return False
        self._job.cancel()
        return True

    def reject(self) -> None:
        """Cancel, Esc and the close button first stop a running export, then close the dialog."""
        if not self.cancel_export():
            super().reject()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.format_box, self.path_edit, self.browse_button, self.scale_box, self.theme_box,
                       self.background_box, self.selection_box, self.badges_box, self.title_box,
                       self.export_button, *self.options.widgets()):
            widget.setEnabled(not busy)
        # Cancel stays live only while a worker can be stopped; a synchronous export cannot be
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(not busy or self._job is not None)
        self.progress.setVisible(busy)
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            QApplication.processEvents()
        else:
            QApplication.restoreOverrideCursor()
            self.selection_box.setEnabled(bool(self._selected))
            self._format_changed()
