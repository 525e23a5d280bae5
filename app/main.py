"""`mlsd gui`: start the designer, or render its window to a PNG (``--screenshot``) and exit.

The screenshot mode is how the README picture is made: it needs no display (offscreen platform), uses
fresh settings (no saved layout or theme leaks into the picture) and always draws at the same size.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt is imported when the window starts, not when the CLI loads this module
    from PySide6.QtGui import QGuiApplication

SCREENSHOT_SIZE = (1600, 1000)
APP_NAME = "MLSD Whiteboard"
ORG_NAME = "MLSD Whiteboard"
ORG_DOMAIN = "mlsd-whiteboard.example"


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def run_gui(path: str | None, screenshot: str | None = None, theme: str | None = None) -> int:
    """Open the main window (with ``path`` when given); with ``screenshot``, save the window as a PNG
    of SCREENSHOT_SIZE and return 0 instead of running the event loop. ``theme`` ("light"/"dark")
    overrides the saved one (also settable with the MLSD_THEME environment variable)."""
    theme = theme or os.environ.get("MLSD_THEME") or None
    if theme is not None and theme not in ("light", "dark"):
        return _fail(f"mlsd gui: unknown theme {theme!r} (use light or dark)")
    if screenshot is not None:
        target = Path(screenshot)
        if target.suffix.lower() != ".png":
            return _fail(f"{screenshot}: the screenshot must be a .png file")
        if not target.parent.exists():
            return _fail(f"{screenshot}: folder {target.parent} does not exist")
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.display import display_problem

    problem = display_problem()
    if problem is not None:  # Qt would abort the process with six lines (exit 134)
        return _fail(f"mlsd gui: {problem}")

    from components.io import DocumentError, load_stamped

    diagram = stamp = None
    load_error = ""
    if path:
        try:
            diagram, stamp = load_stamped(path)
        except DocumentError as exc:
            if screenshot is not None:
                return _fail(str(exc))
            load_error = str(exc)
            print(load_error, file=sys.stderr)

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    skip_feature_scan()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)  # the process's one application is a widget one
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setOrganizationDomain(ORG_DOMAIN)
    release_clipboard_on_quit(app)

    from app.editor import Editor
    from app.window.main_window import MainWindow

    editor = Editor(diagram)
    if diagram is not None and path:
        editor.path = Path(path).resolve()
        editor.stamp = stamp
    if screenshot is not None:
        with tempfile.TemporaryDirectory() as folder:
            settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
            window = MainWindow(editor, settings=settings, theme_name=theme or "light")
            return _screenshot(app, window, Path(screenshot))

    window = MainWindow(editor, theme_name=theme)  # its title already names editor.path
    if editor.path is not None:
        window.documents.remember(editor.path)
    window.show()
    QTimer.singleShot(0, window.view.zoom_to_fit)  # once the docks have their sizes
    from components.gcpause import end_start_up

    QTimer.singleShot(0, end_start_up)  # the collector `mlsd` paused for the start-up (app.cli.run)
    if load_error:
        QMessageBox.critical(window, "Cannot open design", load_error)
    from app.recovery import offer_recovery

    offer_recovery(window)  # what a crashed session left: restore, open beside, or discard
    return int(app.exec())


def skip_feature_scan() -> None:
    """PySide reads the source of every module imported after it (~0.1 ms each: 16-22 ms of a start,
    and every file kept in linecache) to set the module's default for ``from __feature__ import``
    (snake_case, true_property), which nothing here uses. The answer only picks between "Qt's names" and
    "the caller's selection" for code in that module, the same thing while no module selects a feature;
    a module that imports ``__feature__`` is registered by that import, not by the scan. So the scan
    answers from the module's name: our Qt package (and PySide's own) gets Qt's names, other modules the
    caller's selection. (A PySide without this private hook: nothing to do.)"""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        setattr(feature, "_mod_uses_pyside", _uses_pyside)  # noqa: B010 - a private hook, not typed


def _uses_pyside(module: object) -> bool:
    return str(getattr(module, "__name__", "")).partition(".")[0] in ("app", "PySide6")


def release_clipboard_on_quit(app: QGuiApplication) -> None:
    """Qt's offscreen platform crashes at exit when our QMimeData is still on its clipboard (a real
    X11/Wayland session does not); offscreen has no clipboard shared with other programs, so
    clearing it on quit loses nothing."""
    if app.platformName() == "offscreen":
        # A plain function, not clipboard.clear: PySide cannot connect to a method of the transient
        # QClipboard wrapper (it warns "Cannot add dynamic method").
        app.aboutToQuit.connect(lambda: app.clipboard().clear())


def _screenshot(app: object, window: object, target: Path) -> int:
    """Show the window offscreen at a fixed size, let it settle, grab it to ``target``. The window is
    painted once, by the grab: the passes before it only lay the window out (the findings list takes two
    passes after the findings come to size its rows; on screen, they come right after the canvas's
    first paint)."""
    from PySide6.QtWidgets import QApplication

    from app.window.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.resize(*SCREENSHOT_SIZE)
    window.setUpdatesEnabled(False)  # until the grab
    window.show()
    QApplication.processEvents()
    window.settle()  # the findings, where the first canvas paint on screen would start them
    for _ in range(2):
        QApplication.processEvents()
    window.settle()
    window.view.zoom_to_fit()
    QApplication.processEvents()
    window.setUpdatesEnabled(True)
    image = window.grab().toImage()
    from app.export import png  # the encoder alone: the export renderer's QtSvg and PDF writer are not needed
    from components.io import write_atomic

    try:  # the one writer: atomic, and never into a device, a pipe or a planted link
        if image.isNull():
            raise OSError("the window could not be grabbed")
        write_atomic(target, png.encode(image))
    except OSError as exc:
        return _fail(f"{target}: could not write the screenshot: {getattr(exc, 'strerror', None) or exc}")
    window.editor.undo_stack.setClean()
    window.close()
    return 0
