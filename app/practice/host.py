"""What practice mode needs from the main window, as protocols: the practice layer sits below the window
(app/window imports it, never the other way round) and above the review, whose host it extends."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget

from app.canvas.view import CanvasView
from app.review.host import ReviewHost


class Documents(Protocol):
    def maybe_discard(self, doing: str = ...) -> bool: ...
    @property
    def guards(self) -> list[Callable[[str], bool | None]]:
        """Asked first by ``maybe_discard`` (see app/window/documents.py): a session asks about itself."""


class Recovery(Protocol):
    """The autosaver: practice state is kept with the design's recovery copy."""

    def keep_with_copy(self, name: str, snapshot: Callable[[], bytes] | None) -> None: ...
    def write_now(self) -> bool: ...


class Actions(Protocol):
    @property
    def by_name(self) -> dict[str, QAction]: ...


class PracticeHost(ReviewHost, Protocol):
    """The main window as practice mode sees it: the review's host, and what a session changes besides
    (passed beside the window itself, which parents and docks)."""

    @property
    def documents(self) -> Documents: ...
    @property
    def autosaver(self) -> Recovery: ...
    @property
    def window_actions(self) -> Actions: ...
    @property
    def view(self) -> CanvasView: ...
    @property
    def inspector_dock(self) -> QDockWidget: ...
    @property
    def settings(self) -> QSettings: ...
