"""The main window: canvas in the middle, palette left, inspector right, findings and checklist below.

It owns no data: the Editor holds the document, the scene draws it, the panels show and edit it
through commands, and the live validator reports on it. The window wires them together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QByteArray, QPointF, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QCursor, QGuiApplication, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QUndoView, QWidget

from app.canvas.scene import CanvasScene
from app.canvas.view import CanvasView
from app.editor import Editor
from app.panels.checklist import ChecklistPanel
from app.panels.findings import FindingsPanel
from app.panels.inspector import Inspector
from app.panels.palette import Palette
from app.window import extras
from app.window.actions import WindowActions
from app.window.docks import BottomDocks, add_dock, default_dock_sizes
from app.window.documents import DocumentController
from app.window.drops import DesignDrops
from app.window.navigation import Navigation
from app.window.theme import apply_palette, install_style
from components.events import ChangeEvent
from components.model import Requirements

if TYPE_CHECKING:
    from app.live.controller import LiveController
    from app.live.local_server import LocalServer
    from app.window.shortcuts_dialog import ShortcutsDialog

MESSAGE_MS = 5000
FRAME_ALLOWANCE = (16, 48)  # px a window manager's frame and title bar may add around the window


class MainWindow(QMainWindow):
    """One design in one window."""

    def __init__(self, editor: Editor | None = None, settings: QSettings | None = None,
                 theme_name: str | None = None, parent: QWidget | None = None) -> None:
        install_style(theme_name or "light")  # before any widget (see there)
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.editor = editor if editor is not None else Editor()
        self.settings = settings if settings is not None else QSettings()
        self.scene = CanvasScene(self.editor)
        self.view = CanvasView(self.scene)
        self.view.setObjectName("canvasView")
        self.setCentralWidget(self.view)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)
        self.documents = DocumentController(self, self.editor, self.settings)
        self._build_docks()
        self._build_status_bar()
        from app.window.validation import LiveValidator

        self.validator = LiveValidator(self.editor, parent=self)
        from app.autosave import Autosaver

        self.autosaver = Autosaver(self.editor, parent=self)  # recovery copies of unsaved work
        self._live: LiveController | None = None  # made at the first share, join or leave (see ``live``)
        self._local_server: LocalServer | None = None
        self.scene.snap_enabled = str(self.settings.value("snap", "true")).lower() not in ("false", "0")
        self.navigation = Navigation(self)  # find bar, legend, minimap, outline, full screen
        self.window_actions = WindowActions(self, self, editor=self.editor, documents=self.documents,
                                            scene=self.scene, view=self.view, docks=self.docks,
                                            navigation=self.navigation)
        self.view.empty_hint = self._empty_hint()
        self.shortcuts_dialog: ShortcutsDialog | None = None
        self._wire()
        self.setAcceptDrops(True)
        self.drops = DesignDrops(self.documents.open, self)  # design files dropped on the window or the canvas
        self.installEventFilter(self.drops)
        self.view.viewport().installEventFilter(self.drops)
        self._fit_to_screen(1400, 900)
        self._restore_layout()
        self.set_theme(theme_name or str(self.settings.value("theme", "light")))
        self._update_counts()
        self.validator.first_run_after(self.view.viewport())  # validation starts once the canvas is on screen

    # ----- construction ----------------------------------------------------------------------------
    def _build_docks(self) -> None:
        self.palette_panel = Palette()
        self.inspector = Inspector(self.editor)
        self.findings = FindingsPanel(self._describe)
        self.checklist = ChecklistPanel(self._describe)
        self.history = QUndoView(self.editor.undo_stack)
        self.history.setEmptyLabel("<opened document>")
        self.history.setObjectName("historyView")
        area = Qt.DockWidgetArea
        self.palette_dock = add_dock(self, "Blocks", "paletteDock", self.palette_panel, area.LeftDockWidgetArea)
        self.inspector_dock = add_dock(self, "Inspector", "inspectorDock", self.inspector, area.RightDockWidgetArea)
        self.findings_dock = add_dock(self, "Findings", "findingsDock", self.findings, area.BottomDockWidgetArea)
        self.checklist_dock = add_dock(self, "Checklist", "checklistDock", self.checklist, area.BottomDockWidgetArea)
        self.bottom_docks = BottomDocks(self, self.findings_dock, self.checklist_dock)
        self.history_dock = add_dock(self, "History", "historyDock", self.history, area.RightDockWidgetArea)
        self.tabifyDockWidget(self.inspector_dock, self.history_dock)
        self.history_dock.hide()
        self.inspector_dock.raise_()
        self.docks = [self.palette_dock, self.inspector_dock, self.findings_dock, self.checklist_dock,
                      self.history_dock]
        self.setCorner(Qt.Corner.BottomLeftCorner, area.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, area.RightDockWidgetArea)

    def _empty_hint(self) -> str:
        """What the empty canvas says: how to put the first block on it (with the real keys)."""
        def key(name: str) -> str:
            action = self.window_actions.by_name.get(name)
            text = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText) if action else ""
            return f" ({text})" if text else ""

        return ("Drag a block from the Blocks palette onto the canvas or double-click it in the palette, or use "
                f"Edit > Add Block{key('add_block')} and type its name.\n\n"
                f"Or start from a case study: File > New from Template{key('new_template')}.")

    def _default_dock_sizes(self) -> None:
        """The docks' first sizes for this window's size (a saved layout wins: see _restore_layout)."""
        palette, inspector, bottom = default_dock_sizes(self.width(), self.height())
        self.bottom_docks.default_sizes([self.palette_dock, self.inspector_dock], [palette, inspector], bottom)

    def _fit_to_screen(self, width: int, height: int) -> None:
        """The first size (a saved one wins later): ``width`` x ``height``, or less on a smaller screen
        (a 1024 x 700 screen showed a 1400 x 900 window with the inspector off the edge)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            width = min(width, room.width() - FRAME_ALLOWANCE[0])
            height = min(height, room.height() - FRAME_ALLOWANCE[1])
        self.resize(width, height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.bottom_docks.fit()

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.counts_label = QLabel()
        self.counts_label.setObjectName("countsLabel")
        self.findings_label = QLabel()
        self.findings_label.setObjectName("findingsLabel")
        self.zoom_label = QLabel("100 %")
        self.zoom_label.setObjectName("zoomLabel")
        self.zoom_label.setMinimumWidth(52)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.live_label = QLabel()
        self.live_label.setObjectName("liveLabel")
        self.live_label.hide()
        for label in (self.live_label, self.findings_label, self.counts_label, self.zoom_label):
            label.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(label)

    def _wire(self) -> None:
        self.scene.idsSelected.connect(self._selection_changed)
        self.scene.statusMessage.connect(self.show_message)
        self.editor.editFailed.connect(lambda message: self.show_message(f"Not changed: {message}", 8000))
        self.documents.statusMessage.connect(self.show_message)
        self.editor.documentReplaced.connect(self._document_replaced)
        self.view.zoomChanged.connect(lambda zoom: self.zoom_label.setText(f"{zoom * 100:.0f} %"))
        self.palette_panel.placeRequested.connect(self.place_from_palette)
        self.findings.findingActivated.connect(self.show_finding)
        self.findings.stageActivated.connect(self.show_stage)
        self.findings.newError.connect(self._reveal_findings)
        self.checklist.stepActivated.connect(lambda ids: self.scene.go_to(ids, "for this step"))
        self.validator.updated.connect(self._validated)
        self.validator.unavailable.connect(self._validation_unavailable)
        self.autosaver.statusMessage.connect(self.show_message)
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.timeout.connect(self._update_counts)
        self.editor.doc.events.subscribe(self._doc_changed)

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray) and self.restoreState(state):
            return
        QTimer.singleShot(0, self._default_dock_sizes)
        self._default_dock_sizes()

    # ----- following the model ---------------------------------------------------------------------
    def _doc_changed(self, _event: ChangeEvent) -> None:
        if shiboken6.isValid(self._counts_timer):
            self._counts_timer.start(0)

    def _update_counts(self) -> None:
        diagram = self.editor.doc.diagram
        blocks, connectors = len(diagram.blocks), len(diagram.connectors)
        self.counts_label.setText(f"{blocks} block{'s' if blocks != 1 else ''} · "
                                  f"{connectors} connector{'s' if connectors != 1 else ''}")

    def clipboard_changed(self) -> None:
        self.window_actions.update_enabled()

    def _selection_changed(self, ids: list[str]) -> None:
        self.inspector.show_ids(ids)
        self.window_actions.update_enabled()

    def _document_replaced(self) -> None:
        self._update_counts()
        self.validator.schedule()
        QTimer.singleShot(0, self.view.zoom_to_fit)

    def _validated(self, findings: list[Any], steps: list[Any]) -> None:
        delta = self.validator.delta  # what changed since the last findings: the rows to touch
        self.scene.set_findings(findings, delta)
        self.findings.set_findings(findings, delta)
        self.inspector.set_findings(findings)
        self.checklist.set_coverage(steps)
        self.findings_label.setText(self.findings.summary.text())  # count_text(findings), counted once
        self.findings_dock.setWindowTitle(f"Findings ({len(findings)})")

    def _reveal_findings(self) -> None:
        """A new error brings the findings dock to the front of its tabs (unless the user closed it)."""
        if not self.findings_dock.isHidden():
            self.findings_dock.raise_()

    def _validation_unavailable(self, note: str) -> None:
        self.scene.set_findings([])
        self.inspector.set_findings([])
        self.findings.set_unavailable(note)
        self.checklist.set_unavailable(note)
        self.findings_label.setText("")
        self.findings_dock.setWindowTitle("Findings")

    def _describe(self, name: str) -> str | None:
        """How the checklist names what covers a step: a block's label, a requirement's title."""
        found = self.editor.doc.find(name)
        if found is not None:
            return getattr(found[1], "label", "") or name
        field = Requirements.model_fields.get(name)
        return field.title if field is not None and field.title else None

    # ----- commands the actions call ---------------------------------------------------------------
    def show_message(self, message: str, timeout: int = MESSAGE_MS) -> None:
        self.statusBar().showMessage(message, timeout)

    def place_from_palette(self, kind: str) -> None:
        """Near the middle of the view, in sight and clear of the overlays while such a spot is free;
        else the nearest free spot, brought to the middle of the view."""
        view = self.view
        made = self.scene.place_block(kind, view.centre_scene_pos(), clear=True, unseen=view.unseen_scene_rects())
        if made is not None:
            item = self.scene.item_for(made)
            if item is not None and not view.shows_clear(item.sceneBoundingRect()):
                view.centerOn(item.sceneBoundingRect().center())
            view.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_finding(self, blocks: list[str], connectors: list[str]) -> None:
        """Select and centre what a finding is about, showing again a hidden layer that holds it."""
        self.scene.go_to([*blocks, *connectors], "for this finding")

    def show_stage(self, number: int, fields: list[str] | None = None) -> None:
        """A finding about no element: the requirements card at the first field it is about (steps 1-2
        without one: the step's objective), else the palette's stage."""
        if fields or number in (1, 2):
            self.scene.clearSelection()
            self.inspector_dock.show()
            self.inspector_dock.raise_()
            objective = "business_objective" if number == 1 else "ml_objective"
            for name in [*(fields or ()), objective]:
                if self.inspector.focus_field(f"requirements.{name}"):
                    break
        elif self.palette_panel.show_stage(number):
            self.palette_dock.show()
            self.palette_dock.raise_()
            self.show_message(f"Drag a block of step {number} from the palette onto the canvas")

    def paste(self) -> None:
        """Edit > Paste (Ctrl+V): centred under the mouse when it is over the canvas (not over an overlay
        such as the legend), else beside the originals. Asks where the pointer is now: underMouse() can
        be stale after a menu or a drag."""
        pointer = self.view.mapFromGlobal(QCursor.pos())
        viewport = self.view.viewport()
        over = self.view.rect().contains(pointer) and self.view.childAt(pointer) is viewport
        self.scene.paste(self.view.mapToScene(viewport.mapFrom(self.view, pointer)) if over else None)

    def rename_selection(self) -> None:
        ids = self.scene.selected_ids()
        if ids:
            self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if self.scene.edit_label(ids[0]):
                return
        self.inspector_dock.show()
        self.inspector_dock.raise_()
        self.inspector.focus_label()

    def search_palette(self) -> None:
        """Edit > Add Block: the palette's search field (the dock shown first if it was closed);
        typing filters the kinds, Enter places the first one."""
        self.palette_dock.show()
        self.palette_dock.raise_()
        self.palette_panel.focus_search()

    def add_note(self) -> None:
        centre = self.view.centre_scene_pos()
        self.scene.add_note(centre - QPointF(100, 50))

    def show_history(self) -> None:
        self.history_dock.show()
        self.history_dock.raise_()

    def set_snap(self, on: bool) -> None:
        self.scene.snap_enabled = bool(on)
        self.settings.setValue("snap", "true" if on else "false")
        self.show_message("Snap to grid on" if on else "Snap to grid off")

    def set_dark(self, on: bool) -> None:
        self.set_theme("dark" if on else "light")

    def set_theme(self, name: str) -> None:
        """Switch the window chrome, the canvas and the panels to the light or dark theme."""
        name = name if name in ("light", "dark") else "light"
        apply_palette(name)
        self.scene.theme_name = name
        for panel in (self.palette_panel, self.inspector, self.findings, self.checklist):
            panel.set_theme(name)
        self.window_actions.refresh_icons()
        dark = self.window_actions.by_name["dark"]
        if dark.isChecked() != (name == "dark"):
            dark.blockSignals(True)
            dark.setChecked(name == "dark")
            dark.blockSignals(False)
        self.settings.setValue("theme", name)

    @property
    def theme_name(self) -> str:
        return self.scene.theme_name

    def auto_layout(self, selection_only: bool) -> None:
        """Arrange > Auto-layout (Selection): one undo step; the status bar says which engine ran."""
        ids = self.scene.selected_ids() if selection_only else None
        from app.background import layout_design

        _applied, message = layout_design(self.editor, ids, self)
        self.show_message(message, 8000)
        if not selection_only:
            QTimer.singleShot(0, self.view.zoom_to_fit)

    def new_from_template(self) -> None:
        extras.new_from_template(self)

    def export(self) -> None:
        extras.export(self)

    def copy_picture(self, fmt: str) -> None:
        extras.copy_picture(self, fmt)

    def show_shortcuts(self) -> None:
        from app.window.shortcuts_dialog import ShortcutsDialog

        self.shortcuts_dialog = ShortcutsDialog(self.window_actions.listed, self)
        self.shortcuts_dialog.open()

    @property
    def live(self) -> LiveController:
        """The live-session controller, made when first needed: its collab modules cost ~8 ms of every
        start, and a design that is never shared needs none of it."""
        if self._live is None:
            from app.live.controller import LiveController

            self._live = LiveController(self.editor, self.scene, self.view, parent=self)
            self._live.statusChanged.connect(self._live_status)
            self._live.refused.connect(lambda reason: QMessageBox.warning(
                self, "Live session", f"The live session ended: {reason}. The design stays here as it was."))
        return self._live

    @property
    def local_server(self) -> LocalServer:
        """File > Share live session's own server, if it starts one."""
        if self._local_server is None:
            from app.live.local_server import LocalServer

            self._local_server = LocalServer()
        return self._local_server

    def share_live(self) -> None:
        from app.live.dialogs import share

        share(self, self.live, self.settings, self.local_server)

    def join_live(self) -> None:
        from app.live.dialogs import join

        join(self, self.live, self.settings, self.documents.maybe_discard)

    def leave_live(self) -> None:
        self.live.leave()
        self.show_message("Left the live session; the design stays here (save it to keep a copy)")

    def _live_status(self, text: str) -> None:
        self.live_label.setText(text)
        self.live_label.setVisible(bool(text))
        self.window_actions.by_name["leave_live"].setEnabled(bool(text))

    def show_about(self) -> None:
        QMessageBox.about(self, "About MLSD Whiteboard",
                          "<b>MLSD Whiteboard</b><br>Design machine-learning systems on a canvas, step by step, "
                          "with a validator that knows what an ML system needs.")

    def review_design(self) -> None:
        from app.review import open_review

        open_review(self, self)

    def compare_with_template(self) -> None:
        from app.review import compare_with_template

        compare_with_template(self, self)

    def practice(self) -> None:
        from app.practice import start_practice

        start_practice(self, self)

    def practice_attempts(self) -> None:
        from app.practice import open_attempts

        open_attempts(self, self)

    def resume_extras(self, extras: dict[str, bytes]) -> None:
        """What recovery found kept with a design's copy: a practice session in progress comes back."""
        from app.practice import EXTRA, resume_session

        if EXTRA in extras:
            resume_session(self, self, extras[EXTRA])

    def settle(self) -> None:
        """Bring everything up to date at once (used before screenshots and by tests)."""
        self.validator.run_now()
        self._update_counts()
        self.inspector.settle()

    # ----- closing ------------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self._live is not None:
            self._live.leave()  # closing ends the session; what it made is the design to save or discard below
        if not self.documents.maybe_discard("closing"):
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.autosaver.close()  # a clean exit: the recovery copy goes, nothing is offered next time
        self.validator.close()
        self.scene.detach()
        self.editor.doc.events.unsubscribe(self._doc_changed)
        if self._local_server is not None:
            self._local_server.stop()
        event.accept()

