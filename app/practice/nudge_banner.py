"""A quiet nudge over the top of the canvas: one line in the sticky-note colours, a × to dismiss it.

It never takes the keyboard focus and never blocks a click outside itself; a newer nudge replaces it,
and it goes by itself after a while.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from components import style

SHOWN_MS = 90_000
TOP_MARGIN = 10
MAX_WIDTH = 640


class NudgeBanner(QFrame):
    def __init__(self, over: QWidget, theme_name: str = "light") -> None:
        super().__init__(over)
        self.setObjectName("nudgeBanner")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.label = QLabel()
        self.label.setObjectName("nudgeText")
        self.label.setWordWrap(True)
        self.close_button = QToolButton()
        self.close_button.setObjectName("nudgeDismiss")
        self.close_button.setText("×")
        self.close_button.setToolTip("Dismiss")
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 4, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self._expire = QTimer(self)
        self._expire.setSingleShot(True)
        self._expire.setInterval(SHOWN_MS)
        self._expire.timeout.connect(self.dismiss)
        self.set_theme(theme_name)
        over.installEventFilter(self)
        self.hide()

    def set_theme(self, theme_name: str) -> None:
        theme = style.theme(theme_name if theme_name in ("light", "dark") else "light")
        self.setStyleSheet(f"#nudgeBanner {{ background: {theme.note_fill}; border: 1px solid {theme.note_border}; "
                           f"border-radius: 6px; }} #nudgeBanner QLabel, #nudgeBanner QToolButton "
                           f"{{ color: {theme.text}; background: transparent; border: none; }}")

    def show_nudge(self, text: str) -> None:
        self.label.setText(text)
        self._place()
        self.show()
        self.raise_()
        self._expire.start()

    def dismiss(self) -> None:
        self._expire.stop()
        self.hide()

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        width = min(MAX_WIDTH, max(200, parent.width() - 40))
        self.setFixedWidth(width)
        self.adjustSize()
        self.move((parent.width() - width) // 2, TOP_MARGIN)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False
