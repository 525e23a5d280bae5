"""The window's commands as QActions: menus, toolbar and shortcuts in one place.

Each action calls the same code a context menu or a canvas key would (app.canvas.operations, the
canvas scene, the document controller, the view), so every way to do something behaves the same.
The shortcuts dialog is built from ``WindowActions.listed`` so it always matches what the keys
really do. The window passes in what the actions act on; the window's own commands (dialogs,
panels, settings) are reached through ``WindowCommands``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QToolBar, QToolButton

from app.canvas import operations
from app.canvas.scene import CanvasScene
from app.canvas.view import CanvasView
from app.editor import Editor
from app.panels.undo_keys import REDO_KEYS, UNDO_KEYS
from app.window import navigation_actions
from app.window.documents import DocumentController
from app.window.navigation import Navigation
from app.window.toolbar_icons import toolbar_icon
from components.events import ChangeEvent

Keys = QKeySequence.StandardKey
ALIGN_EDGES = tuple(operations.EDGE_LABELS.items())
DISTRIBUTE_AXES = (("horizontal", "Horizontally"), ("vertical", "Vertically"))
# Ctrl+Shift+arrow lines the selection up on that side (as in Excalidraw); H and V the centres. In a text
# field these keys select words instead: the field takes them first.
ALIGN_KEYS = {"left": "Ctrl+Shift+Left", "hcentre": "Ctrl+Shift+H", "right": "Ctrl+Shift+Right",
              "top": "Ctrl+Shift+Up", "vcentre": "Ctrl+Shift+V", "bottom": "Ctrl+Shift+Down"}
DISTRIBUTE_KEYS = {"horizontal": "Ctrl+Alt+H", "vertical": "Ctrl+Alt+V"}


class WindowCommands(Protocol):
    """The window's commands that actions trigger (the main window has them)."""

    def new_from_template(self) -> None: ...
    def export(self) -> None: ...
    def copy_picture(self, fmt: str) -> None: ...
    def paste(self) -> None: ...
    def rename_selection(self) -> None: ...
    def search_palette(self) -> None: ...
    def add_note(self) -> None: ...
    def show_history(self) -> None: ...
    def set_snap(self, on: bool) -> None: ...
    def set_dark(self, on: bool) -> None: ...
    def auto_layout(self, selection_only: bool) -> None: ...
    def show_shortcuts(self) -> None: ...
    def show_about(self) -> None: ...
    def clipboard_changed(self) -> None: ...
    def share_live(self) -> None: ...
    def join_live(self) -> None: ...
    def leave_live(self) -> None: ...
    def review_design(self) -> None: ...
    def compare_with_template(self) -> None: ...
    def practice(self) -> None: ...
    def practice_attempts(self) -> None: ...


class WindowActions:
    """Creates every action of a MainWindow, its menus and its toolbar."""

    def __init__(self, window: QMainWindow, commands: WindowCommands, *, editor: Editor,
                 documents: DocumentController, scene: CanvasScene, view: CanvasView,
                 docks: Sequence[QDockWidget], navigation: Navigation) -> None:
        self.window, self.commands = window, commands
        self.editor, self.documents, self.scene, self.view, self.docks = editor, documents, scene, view, docks
        self.navigation = navigation
        self.listed: list[tuple[str, QAction]] = []  # (menu, action) for the shortcuts dialog
        self.by_name: dict[str, QAction] = {}
        self.icons: dict[str, str] = {}  # action name -> toolbar icon name, redrawn on theme change
        self._menu = ""
        self._chosen_keys: set[str] = set()  # sequences we bind by name, to one action each
        self._platform_keys: dict[str, list[QKeySequence]] = {}  # action -> sequences a StandardKey added
        self._build_file()
        self._build_edit()
        self._build_view()
        self._build_arrange()
        self._build_review()
        self._build_help()
        self._build_toolbar()
        self._drop_clashing_platform_keys()
        self.update_enabled()

    # ----- helpers -------------------------------------------------------------------------------
    def make(self, name: str, text: str, slot: Callable[..., object] | None = None, *,
             keys: list[QKeySequence | str | Keys] | None = None, tip: str = "", checkable: bool = False,
             icon: str = "") -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(f"action_{name}")
        if keys:
            sequences: list[QKeySequence] = []
            for key in keys:  # a platform's standard key may repeat an explicit one
                standard = isinstance(key, Keys)
                for sequence in (QKeySequence.keyBindings(key) if isinstance(key, Keys) else [QKeySequence(key)]):
                    if not sequence.isEmpty() and sequence not in sequences:
                        sequences.append(sequence)
                        if standard:
                            self._platform_keys.setdefault(name, []).append(sequence)
                        else:
                            self._chosen_keys.add(sequence.toString())
            action.setShortcuts(sequences)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                              if keys else tip)
        if icon:
            action.setIcon(toolbar_icon(icon))
            self.icons[name] = icon
        action.setCheckable(checkable)
        if slot is not None:
            if checkable:
                action.toggled.connect(slot)
            else:
                action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)  # shortcuts work even when the menu bar is hidden
        self.by_name[name] = action
        self.listed.append((self._menu, action))
        return action

    def _drop_clashing_platform_keys(self) -> None:
        """A platform's standard binding may be a key we chose for another action: X11 adds Ctrl+D to
        Delete, our Duplicate. Qt then runs neither ("ambiguous shortcut"), so the chosen key wins
        and the platform's extra goes."""
        for name, extras in self._platform_keys.items():
            action = self.by_name[name]
            mine = {sequence.toString() for sequence in action.shortcuts() if sequence not in extras}
            taken = self._chosen_keys - mine
            action.setShortcuts([s for s in action.shortcuts() if s.toString() not in taken])

    def _add(self, menu: QMenu, *names: str | None) -> None:
        for name in names:
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(self.by_name[name])

    # ----- menus -----------------------------------------------------------------------------------
    def _build_file(self) -> None:
        w, c, docs = self.window, self.commands, self.documents
        self._menu = "File"
        self.make("new", "&New", docs.new, keys=["Ctrl+N", Keys.New], tip="Start an empty design", icon="new")
        self.make("new_template", "New from &Template…", c.new_from_template, keys=["Ctrl+Shift+N"],
                  tip="Start from a case-study template")
        self.make("open", "&Open…", docs.open, keys=["Ctrl+O", Keys.Open], tip="Open a design file", icon="open")
        self.make("save", "&Save", docs.save, keys=["Ctrl+S", Keys.Save], tip="Save the design", icon="save")
        self.make("save_as", "Save &As…", docs.save_as, keys=["Ctrl+Shift+S"], tip="Save under another name")
        self.make("export", "&Export…", c.export, keys=["Ctrl+E"], tip="Export to SVG, PNG, PDF, Mermaid or DOT",
                  icon="export")
        self.make("practice", "&Practice…", c.practice, keys=["Ctrl+Shift+P"],
                  tip="A timed mock interview: a prompt, clarifying questions, phases, then the review")
        self.make("practice_attempts", "Practice Atte&mpts…", c.practice_attempts,
                  tip="Your practice attempts, with the scores over time")
        self.make("share_live", "Share &Live Session…", c.share_live,
                  tip="Edit this design together with others: start a live session and get a link to it")
        self.make("join_live", "&Join Live Session…", c.join_live, tip="Open a live session from its link")
        self.make("leave_live", "Lea&ve Live Session", c.leave_live, tip="Stop sharing; the design stays here")
        self.by_name["leave_live"].setEnabled(False)
        self.make("close", "&Close", docs.close_document, keys=["Ctrl+W", Keys.Close], tip="Close the design")
        self.make("quit", "&Quit", w.close, keys=["Ctrl+Q"], tip="Leave MLSD Whiteboard")
        self.by_name["quit"].setMenuRole(QAction.MenuRole.QuitRole)
        menu = w.menuBar().addMenu("&File")
        self.file_menu = menu
        self._add(menu, "new", "new_template", "open")
        self.recent_menu = menu.addMenu("Open &Recent")
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self.fill_recent)
        self._add(menu, None, "save", "save_as", None, "export", None, "practice", "practice_attempts", None,
                  "share_live", "join_live", "leave_live", None, "close", "quit")
        self.fill_recent()
        docs.recentChanged.connect(self.fill_recent)

    def fill_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        files = self.documents.recent_files()
        for index, path in enumerate(files):
            label = f"&{index + 1}  {path}" if index < 9 else path
            action = menu.addAction(label)
            action.setData(path)
            action.triggered.connect(lambda _checked=False, p=path: self.documents.open(p))
        if files:
            menu.addSeparator()
            menu.addAction("Clear recent files", self.documents.clear_recent)
        else:
            menu.addAction("No recent files").setEnabled(False)

    def _build_edit(self) -> None:
        w, c, editor, scene = self.window, self.commands, self.editor, self.scene
        self._menu = "Edit"
        stack = editor.undo_stack
        undo = stack.createUndoAction(w, "&Undo")
        undo.setShortcuts([QKeySequence(key) for key in UNDO_KEYS])  # the inspector's fields hand these over
        redo = stack.createRedoAction(w, "&Redo")
        redo.setShortcuts([QKeySequence(key) for key in REDO_KEYS])
        for name, action, icon in (("undo", undo, "undo"), ("redo", redo, "redo")):
            self._chosen_keys.update(sequence.toString() for sequence in action.shortcuts())
            action.setObjectName(f"action_{name}")
            action.setIcon(toolbar_icon(icon))
            self.icons[name] = icon
            w.addAction(action)
            self.by_name[name] = action
            self.listed.append(("Edit", action))
        self.make("cut", "Cu&t", lambda: operations.cut(editor, scene.selected_ids()), keys=["Ctrl+X", Keys.Cut],
                  tip="Cut the selection")
        self.make("copy", "&Copy", lambda: operations.copy(editor, scene.selected_ids()), keys=["Ctrl+C", Keys.Copy],
                  tip="Copy the selection")
        self.make("copy_png", "Copy as &Image", lambda: c.copy_picture("png"), keys=["Ctrl+Shift+C"],
                  tip="Copy the selection (or the whole design) as a PNG picture")
        self.make("copy_svg", "Copy as S&VG", lambda: c.copy_picture("svg"),
                  tip="Copy the selection (or the whole design) as SVG")
        self.make("paste", "&Paste", c.paste, keys=["Ctrl+V", Keys.Paste], tip="Paste blocks and connectors")
        self.make("duplicate", "Dup&licate", lambda: scene.duplicate(scene.selected_ids()),
                  keys=["Ctrl+D"], tip="Duplicate the selection")
        self.make("delete", "&Delete", lambda: operations.delete(editor, scene.selected_ids()),
                  keys=[Keys.Delete], tip="Delete the selection", icon="delete")
        # Del only acts on the canvas: pressed in the findings list or the palette it must not delete blocks
        delete = self.by_name["delete"]
        w.removeAction(delete)
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.view.addAction(delete)
        self.make("select_all", "Select &All", scene.select_all, keys=["Ctrl+A", Keys.SelectAll],
                  tip="Select everything on the canvas")
        self.make("rename", "Rena&me", c.rename_selection, keys=["F2"], tip="Edit the selected element's label")
        self.make("add_block", "Add &Block…", c.search_palette, keys=["Ctrl+Shift+A", "Insert"],
                  tip="Search the block palette; Enter places the first match")
        navigation_actions.make_edit_actions(self)
        self.make("add_note", "Add &Note", c.add_note, keys=["Ctrl+Alt+N"], tip="Add a sticky note")
        self.make("history", "&History…", c.show_history, keys=["Ctrl+H"], tip="Show the undo history")
        menu = w.menuBar().addMenu("&Edit")
        self._add(menu, "undo", "redo", None, "cut", "copy", "copy_png", "copy_svg", "paste", "duplicate", "delete", None,
                  "select_all", "rename", None, *navigation_actions.EDIT_ACTIONS, None, "add_block", "add_note", None,
                  "history")
        # bound to the window (a QObject), so the connection dies with it
        QGuiApplication.clipboard().dataChanged.connect(c.clipboard_changed)

    def _build_view(self) -> None:
        w, c, view = self.window, self.commands, self.view
        self._menu = "View"
        self.make("zoom_in", "Zoom &In", view.zoom_in, keys=["Ctrl+=", "Ctrl++"], tip="Zoom in", icon="zoom_in")
        self.make("zoom_out", "Zoom &Out", view.zoom_out, keys=["Ctrl+-"], tip="Zoom out", icon="zoom_out")
        self.make("zoom_reset", "&Actual Size", view.reset_zoom, keys=["Ctrl+0"], tip="Zoom to 100 %")
        self.make("zoom_fit", "Zoom to &Fit", view.zoom_to_fit, keys=["Ctrl+1"], tip="Show the whole design",
                  icon="fit")
        self.make("snap", "&Snap to Grid", c.set_snap, keys=["Ctrl+'"], checkable=True,
                  tip="Snap blocks to the grid while moving")
        self.by_name["snap"].blockSignals(True)
        self.by_name["snap"].setChecked(self.scene.snap_enabled)
        self.by_name["snap"].blockSignals(False)
        self.make("dark", "&Dark Theme", c.set_dark, keys=["Ctrl+Shift+D"], checkable=True,
                  tip="Switch between the light and dark theme", icon="theme")
        # plain + and - zoom too while the canvas has the focus (not in text fields)
        for name, keys, slot in (("zoom_in_key", "+", view.zoom_in), ("zoom_out_key", "-", view.zoom_out)):
            action = QAction(name, view)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            view.addAction(action)
        navigation_actions.make_view_actions(self)
        menu = w.menuBar().addMenu("&View")
        self._add(menu, "zoom_in", "zoom_out", "zoom_reset", "zoom_fit", None, "snap", "dark", None,
                  *navigation_actions.VIEW_ACTIONS)
        navigation_actions.add_layers_menu(menu, self.scene)
        menu.addSeparator()
        panels = menu.addMenu("&Panels")
        for dock in self.docks:
            panels.addAction(dock.toggleViewAction())
        self.view_menu = menu

    def _build_arrange(self) -> None:
        """Everything that places blocks relative to each other: layout, align, distribute, group."""
        w, c, editor, scene = self.window, self.commands, self.editor, self.scene
        self._menu = "Arrange"
        self.make("layout_all", "&Auto-layout", lambda: c.auto_layout(selection_only=False), keys=["Ctrl+L"],
                  tip="Arrange the whole design left to right", icon="layout")
        self.make("layout_selection", "Auto-layout &Selection", lambda: c.auto_layout(selection_only=True),
                  keys=["Ctrl+Shift+L"], tip="Arrange only the selected blocks")
        for edge, text in ALIGN_EDGES:
            self.make(f"align_{edge}", f"&{text}", lambda e=edge: operations.align(editor, scene.selected_ids(), e),
                      keys=[ALIGN_KEYS[edge]], tip=f"Align the selection: {text.lower()}")
        for axis, text in DISTRIBUTE_AXES:
            self.make(f"distribute_{axis}", f"&{text}",
                      lambda a=axis: operations.distribute(editor, scene.selected_ids(), a),
                      keys=[DISTRIBUTE_KEYS[axis]], tip=f"Space the selection evenly, {text.lower()}")
        self.make("group", "&Group", lambda: scene.group_selection("Group"), keys=["Ctrl+G"],
                  tip="Frame the selected blocks in a group")
        self.make("elbows", "&Elbow Connectors",
                  lambda on: scene.set_default_style("elbow" if on else "straight"), checkable=True,
                  tip="Draw connectors with right angles, round the blocks, unless a connector has a style of its own")
        self._follow_default_style(ChangeEvent("reset"))
        editor.doc.events.subscribe(self._follow_default_style)
        menu = w.menuBar().addMenu("&Arrange")
        self._add(menu, "layout_all", "layout_selection", None)
        align = menu.addMenu("A&lign")
        self._add(align, *[f"align_{edge}" for edge, _ in ALIGN_EDGES[:3]], None,
                  *[f"align_{edge}" for edge, _ in ALIGN_EDGES[3:]])
        distribute = menu.addMenu("&Distribute")
        self._add(distribute, *[f"distribute_{axis}" for axis, _ in DISTRIBUTE_AXES])
        self._add(menu, None, "group", None, "elbows")
        self.arrange_menu, self.align_menu, self.distribute_menu = menu, align, distribute

    def _follow_default_style(self, event: ChangeEvent) -> None:
        """Arrange > Elbow Connectors shows the design's default (after an undo, on another document)."""
        if not shiboken6.isValid(self.window):
            self.editor.doc.events.unsubscribe(self._follow_default_style)
            return
        if event.action == "reset" or (event.action == "meta" and "connector_style" in event.fields):
            action = self.by_name["elbows"]
            action.blockSignals(True)
            action.setChecked(self.editor.doc.diagram.connector_style == "elbow")
            action.blockSignals(False)

    def _build_review(self) -> None:
        w, c = self.window, self.commands
        self._menu = "Review"
        self.make("review", "&Review Design…", c.review_design, keys=["Ctrl+Shift+R"],
                  tip="Score the design step by step as an interviewer would, with gaps and follow-up questions")
        self.make("compare", "&Compare with Template…", c.compare_with_template,
                  tip="List what a case-study template has that this design lacks")
        menu = w.menuBar().addMenu("&Review")
        self._add(menu, "review", "compare")
        self.review_menu = menu

    def _build_help(self) -> None:
        w, c = self.window, self.commands
        self._menu = "Help"
        self.make("shortcuts", "&Keyboard Shortcuts", c.show_shortcuts, keys=["Ctrl+/", "F1"],
                  tip="List every keyboard shortcut")
        self.make("about", "&About MLSD Whiteboard", c.show_about, tip="Version and credits")
        self.by_name["about"].setMenuRole(QAction.MenuRole.AboutRole)
        menu = w.menuBar().addMenu("&Help")
        self._add(menu, "shortcuts", None, "about")

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main toolbar", self.window)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.setIconSize(bar.iconSize().scaled(18, 18, Qt.AspectRatioMode.KeepAspectRatio))
        for name in ("new", "open", "save", "export", None, "undo", "redo", None, "delete", None, "zoom_out",
                     "zoom_in", "zoom_fit", None, "layout_all", None, "dark"):
            if name is None:
                bar.addSeparator()
            else:
                bar.addAction(self.by_name[name])
        for name in ("new", "open", "save", "export", "undo", "redo", "zoom_out", "zoom_in", "dark", "delete"):
            button = bar.widgetForAction(self.by_name[name])
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.toolbar = bar

    def refresh_icons(self) -> None:
        """Redraw the toolbar icons in the current palette (after a theme switch)."""
        for name, icon in self.icons.items():
            self.by_name[name].setIcon(toolbar_icon(icon))

    # ----- state -----------------------------------------------------------------------------------
    def update_enabled(self) -> None:
        """Enable what makes sense for the current selection and clipboard."""
        if not shiboken6.isValid(self.window):
            return
        count = len(self.scene.selected_ids())
        for name in ("cut", "copy", "duplicate", "delete", "rename"):
            self.by_name[name].setEnabled(count > 0)
        self.by_name["group"].setEnabled(count > 0)
        self.by_name["paste"].setEnabled(operations.can_paste())
        self.align_menu.setEnabled(count >= 2)
        for edge, _ in ALIGN_EDGES:
            self.by_name[f"align_{edge}"].setEnabled(count >= 2)
        self.distribute_menu.setEnabled(count >= 3)
        for axis, _ in DISTRIBUTE_AXES:
            self.by_name[f"distribute_{axis}"].setEnabled(count >= 3)
        self.by_name["layout_selection"].setEnabled(count >= 2)
        navigation_actions.update_enabled(self)
