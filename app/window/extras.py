"""File and clipboard commands that open other tasks' dialogs: New from template, Export, Copy as image.

Kept apart from the window so its module stays about wiring; each imports its dialog lazily (they pull
in the exporter) and reports to the status bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QMessageBox

if TYPE_CHECKING:
    from app.window.main_window import MainWindow


def new_from_template(window: MainWindow) -> None:
    """File > New from template: pick a case study in the gallery, start an untitled copy of it."""
    from app.template_gallery import choose_template
    from components.io import DocumentError
    from components.templates import load_template

    template_id = choose_template(window)  # deletes the dialog afterwards (thumbnails stay cached)
    if not template_id:
        return
    try:
        diagram = load_template(template_id)
    except DocumentError as exc:
        QMessageBox.critical(window, "Cannot open template", str(exc))
        return
    if window.documents.new(diagram):
        window.show_message(f"New design from the template “{diagram.title}”")


def export(window: MainWindow) -> None:
    """File > Export: the export dialog on the design (offering the selection when there is one)."""
    from app.export.dialog import ExportDialog

    dialog = ExportDialog(window, window.editor.doc.diagram, window.scene.selected_ids(), window.editor.path,
                          layers=window.scene.layers.view)
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.written_path is not None:
        window.show_message(f"Exported {dialog.written_path}")


def copy_picture(window: MainWindow, fmt: str) -> None:
    """Edit > Copy as image / SVG: the selection, or the whole design when nothing is selected."""
    from app.export import clipboard
    from app.export.errors import ExportError

    ids = window.scene.selected_ids()
    try:
        if fmt == "png":
            clipboard.copy_png(window.editor.doc.diagram, ids, theme=window.theme_name)
        else:
            clipboard.copy_svg(window.editor.doc.diagram, ids, theme=window.theme_name)
    except ExportError as exc:
        window.show_message(f"Not copied: {exc}", 8000)
        return
    what = "the selection" if ids else "the design"
    window.show_message(f"Copied {what} as {'an image' if fmt == 'png' else 'SVG'}")
