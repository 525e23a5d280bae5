"""What the review window and the comparison dock need from the main window, as a protocol: the Review
layer sits below the window (app/window imports it, never the other way round)."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QDockWidget

from app.canvas.scene import CanvasScene
from app.editor import Editor


class Validation(Protocol):
    """The live validator: its latest findings, whether a run is due, and its report signal."""

    @property
    def updated(self) -> SignalInstance: ...
    @property
    def findings(self) -> list[Any]: ...
    @property
    def pending(self) -> bool: ...


class ReviewHost(Protocol):
    """The main window as the review sees it (passed beside the window itself, which parents and docks)."""

    @property
    def editor(self) -> Editor: ...
    @property
    def scene(self) -> CanvasScene: ...
    @property
    def validator(self) -> Validation: ...
    @property
    def findings_dock(self) -> QDockWidget: ...
    @property
    def theme_name(self) -> str: ...
    def show_message(self, message: str, timeout: int = ...) -> None: ...
