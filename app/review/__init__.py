"""The Review menu: the interview coach's review of the design, and the comparison with a template.

Both are opened lazily (they import the review and comparison code on first use) and live as long as
their window: the review window and the comparison dock are found again by object name when reopened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox

if TYPE_CHECKING:
    from app.review.compare_panel import ComparePanel
    from app.review.host import ReviewHost
    from app.review.window import ReviewWindow


def open_review(window: QMainWindow, host: ReviewHost) -> ReviewWindow:
    """Review > Review Design: show (or bring forward) the review window of this design (``host``: the
    main window's editor, validator and theme; usually ``window`` itself)."""
    from app.review.window import ReviewWindow

    review = window.findChild(ReviewWindow, "reviewWindow")
    if review is None:
        review = ReviewWindow(window, host)
    else:
        review.refresh()
    review.show()
    review.raise_()
    review.activateWindow()
    return review


def comparison_panel(window: QMainWindow, host: ReviewHost) -> ComparePanel:
    """The window's comparison dock (created on first use, bottom area, tabbed with the findings)."""
    from app.review.compare_panel import ComparePanel

    dock = window.findChild(QDockWidget, "compareDock")
    if dock is not None and isinstance(panel := dock.widget(), ComparePanel):
        return panel
    panel = ComparePanel()
    dock = QDockWidget("Comparison", window)
    dock.setObjectName("compareDock")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    window.tabifyDockWidget(host.findings_dock, dock)
    panel.blocksActivated.connect(lambda ids: host.scene.go_to(ids, "for this comparison"))
    host.validator.updated.connect(lambda _findings, _steps: panel.refresh(host.editor.doc.diagram))
    return panel


def hide_reference(window: QMainWindow, why: str) -> None:
    """A practice session starts: the review window closes and the comparison forgets its template (its
    dock closed, retitled, its page only ``why``, its toggle off), so neither can show the reference or the
    gaps again, not even from the docks' context menu, until a new comparison is asked for."""
    from app.review.compare_panel import ComparePanel
    from app.review.window import ReviewWindow

    for review in window.findChildren(ReviewWindow, "reviewWindow"):
        review.close()
    dock = window.findChild(QDockWidget, "compareDock")
    if dock is not None and isinstance(panel := dock.widget(), ComparePanel):
        panel.clear(why)
        dock.setWindowTitle("Comparison")
        dock.close()
        dock.toggleViewAction().setEnabled(False)  # greyed in the docks' context menu until compared again


def compare_with_template(window: QMainWindow, host: ReviewHost, template_id: str | None = None) -> ComparePanel | None:
    """Review > Compare with Template: pick a template in the gallery, then list what the design lacks."""
    from components.io import DocumentError
    from components.templates import load_template

    if template_id is None:
        from app.template_gallery import choose_template

        template_id = choose_template(window, "compare")
        if not template_id:
            return None
    try:
        reference = load_template(template_id)
    except DocumentError as exc:
        QMessageBox.critical(window, "Cannot open template", str(exc))
        return None
    panel = comparison_panel(window, host)
    title = " ".join(reference.title.split())
    panel.set_reference(reference, f"the template “{title}”", host.editor.doc.diagram)
    dock = panel.parentWidget()
    if isinstance(dock, QDockWidget):
        dock.setWindowTitle(f"Comparison: {title}")
        dock.toggleViewAction().setEnabled(True)
        dock.show()
        dock.raise_()
    host.show_message(f"Compared with the template “{title}”")
    return panel
