"""What practice mode needs from the main window, as protocols: the practice layer sits below the window
(app/window imports it, never the other way round), beside the review."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QWidget

from app.editor import Editor


class Validation(Protocol):
    @property
    def updated(self) -> SignalInstance: ...
    @property
    def findings(self) -> list[Any]: ...
    @property
    def pending(self) -> bool: ...


class Documents(Protocol):
    def maybe_discard(self, doing: str = ...) -> bool: ...


class Recovery(Protocol):
    """The autosaver: practice state is kept with the design's recovery copy."""

    def keep_with_copy(self, name: str, snapshot: Callable[[], bytes] | None) -> None: ...
    def write_now(self) -> bool: ...


class Actions(Protocol):
    @property
    def by_name(self) -> dict[str, QAction]: ...


class PracticeHost(Protocol):
    """The main window as practice mode sees it (passed beside the window itself, which parents and docks)."""

    @property
    def editor(self) -> Editor: ...
    @property
    def documents(self) -> Documents: ...
    @property
    def validator(self) -> Validation: ...
    @property
    def autosaver(self) -> Recovery: ...
    @property
    def window_actions(self) -> Actions: ...
    @property
    def view(self) -> QWidget: ...
    @property
    def inspector_dock(self) -> QDockWidget: ...
    @property
    def theme_name(self) -> str: ...
    def show_message(self, message: str, timeout: int = ...) -> None: ...
